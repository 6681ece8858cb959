//! Resource limits, standard input and output, and the state directories.

use super::*;

/// How a resource limit's values are read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Limit {
    Number,
    Size,
    Sec,
    Usec,
    Nice,
}

fn limit_kind(key: &str) -> Limit {
    match key {
        "LimitCPU" => Limit::Sec,
        "LimitRTTIME" => Limit::Usec,
        "LimitNICE" => Limit::Nice,
        "LimitFSIZE" | "LimitDATA" | "LimitSTACK" | "LimitCORE" | "LimitRSS" | "LimitAS"
        | "LimitMEMLOCK" | "LimitMSGQUEUE" => Limit::Size,
        _ => Limit::Number,
    }
}

/// One side of a limit as `rlimit_parse_one` reads it, `u64::MAX` being infinity.
fn limit_one(kind: Limit, v: &str) -> Option<u64> {
    const INF: u64 = u64::MAX;
    if v == "infinity" && kind != Limit::Nice {
        return Some(INF);
    }
    match kind {
        Limit::Number => c::unsigned(v, 0, INF - 1).ok(),
        Limit::Size => c::parse_size(v, 1024).ok().filter(|&u| u < INF),
        Limit::Sec => match c::parse_sec(v).ok()? {
            INF => Some(INF),
            t => Some(t.div_ceil(c::USEC_PER_SEC)),
        },
        Limit::Usec => c::parse_time(v, 1).ok(),
        Limit::Nice => {
            if let Some(r) = v.strip_prefix('+') {
                c::unsigned(r, 0, INF)
                    .ok()
                    .filter(|&n| n < 20)
                    .map(|n| 20 - n)
            } else if let Some(r) = v.strip_prefix('-') {
                c::unsigned(r, 0, INF)
                    .ok()
                    .filter(|&n| n <= 20)
                    .map(|n| 20 + n)
            } else {
                c::unsigned(v, 0, INF).ok().filter(|&n| n <= 40)
            }
        }
    }
}

pub(crate) fn rlimit(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let kind = limit_kind(cx.key);
    let key = cx.key;
    let form = match kind {
        Limit::Number => "a whole number or `infinity`",
        Limit::Size => "a size such as `64M` or `infinity`",
        Limit::Sec => "a time span such as `30s` or `infinity`",
        Limit::Usec => "a time span such as `500ms` (a bare number is microseconds) or `infinity`",
        Limit::Nice => "a nice level from `-20` to `+19` or a raw limit from 0 to 40",
    };
    let bad = || {
        format!("`{value}` is not a valid `{key}=`; use {form}, or `soft:hard` with two of those")
    };
    let mut p = Some(value.as_bytes());
    let word = |p: &mut Option<&[u8]>| {
        c::extract_first_word(p, b":", flags::DONT_COALESCE_SEPARATORS)
            .ok()
            .map(|w| w.map(|w| String::from_utf8_lossy(&w).into_owned()))
    };
    let soft = word(&mut p).flatten().ok_or_else(bad)?;
    let sl = limit_one(kind, &soft).ok_or_else(bad)?;
    let hard = word(&mut p).ok_or_else(bad)?;
    if p.is_some_and(|r| !r.is_empty()) {
        return Err(bad());
    }
    if let Some(hard) = hard {
        let hl = limit_one(kind, &hard).ok_or_else(bad)?;
        if sl > hl {
            return Err(format!(
                "soft limit `{soft}` is above hard limit `{hard}` in `{key}=`; write the smaller value first"
            ));
        }
    }
    Ok(())
}

/// `fdname_is_valid`: printable ASCII but `:`, at most 255 characters (empty allowed).
pub(super) fn fdname_ok(s: &str) -> bool {
    s.len() <= 255 && s.bytes().all(|b| (b' '..0x7f).contains(&b) && b != b':')
}

pub(super) const OUTPUTS: &[&str] = &[
    "inherit",
    "null",
    "tty",
    "kmsg",
    "kmsg+console",
    "journal",
    "journal+console",
    "socket",
    "fd",
    "file",
    "append",
    "truncate",
    "syslog",
    "syslog+console",
];

pub(super) const INPUTS: &[&str] = &[
    "null",
    "tty",
    "tty-force",
    "tty-fail",
    "socket",
    "fd",
    "data",
    "file",
];

/// The `fd:NAME` and `file:PATH` forms shared by input and output.
pub(super) fn stdio_form(cx: &Cx<'_>, value: &str, files: &[&str]) -> Option<Result<(), String>> {
    if let Some(n) = value.strip_prefix("fd:") {
        return Some(spec::expand(cx, n, Table::Full).and_then(|r| {
            if fdname_ok(&r) {
                Ok(())
            } else {
                Err(format!(
                    "`{r}` is not a file descriptor name; use at most 255 printable ASCII characters without `:`"
                ))
            }
        }));
    }
    for f in files {
        if let Some(n) = value.strip_prefix(f).and_then(|n| n.strip_prefix(':')) {
            return Some(abs_path(cx, n));
        }
    }
    None
}

pub(crate) fn output(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let files: &[&str] = if cx.version >= 248 {
        &["file", "append", "truncate"]
    } else {
        &["file", "append"]
    };
    if let Some(v) = stdio_form(cx, value, files) {
        return v;
    }
    let mut known = Vec::new();
    for o in OUTPUTS {
        if cx.version >= 248 || *o != "truncate" {
            known.push(*o);
        }
    }
    basic::one_of(cx, value, &known).map_err(|e| {
        format!(
            "{e}, or `fd:NAME`, `file:PATH`, `append:PATH`{}",
            if cx.version >= 248 {
                ", `truncate:PATH`"
            } else {
                ""
            }
        )
    })
}

pub(crate) fn input(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if let Some(v) = stdio_form(cx, value, &["file"]) {
        return v;
    }
    basic::one_of(cx, value, INPUTS).map_err(|e| format!("{e}, or `fd:NAME`, `file:PATH`"))
}

/// `cunescape` of a whole string without relaxation: every `\` starts a valid escape.
pub(super) fn cunescape(value: &str) -> Result<String, String> {
    cunescape_full(value, false)
}

/// `cunescape` with `UNESCAPE_ACCEPT_NUL` when `nul`: escapes of the zero byte are taken.
pub(super) fn cunescape_full(value: &str, nul: bool) -> Result<String, String> {
    let b = value.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let zero = ["x00", "u0000", "U00000000", "000"]
            .into_iter()
            .find(|z| nul && b[i + 1..].starts_with(z.as_bytes()));
        if let Some(z) = zero {
            out.push(0);
            i += 1 + z.len();
            continue;
        }
        let Some((u, len, eight_bit)) = c::cunescape_one(&b[i + 1..]) else {
            return Err(format!(
                "`{value}` has an invalid `\\` escape; write `\\\\` for a backslash"
            ));
        };
        if eight_bit {
            out.push(u as u8);
        } else if let Some(ch) = char::from_u32(u) {
            let mut buf = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        }
        i += 1 + len;
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

pub(crate) fn input_text(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    spec::expand(cx, &cunescape(value)?, Table::Full).map(drop)
}

/// `unbase64char`.
pub(super) fn unbase64(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// `config_parse_exec_input_data`: see [`input_data`].
pub(crate) fn input_data_value(_: &Cx<'_>, value: &str) -> Result<(), String> {
    input_data(value)
}

/// `unbase64mem`: groups of four characters with white space anywhere, `=` padding only in
/// the last group, and no stray bits before the padding.
pub(super) fn input_data(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let bad = || format!("`{value}` is not valid base64; encode the data with `base64`");
    let s: Vec<u8> = value
        .bytes()
        .filter(|b| !c::WHITESPACE.contains(b))
        .collect();
    let groups: Vec<&[u8]> = s.chunks(4).collect();
    for (i, g) in groups.iter().enumerate() {
        let last = i + 1 == groups.len();
        let [a, b, cc, d] = **g else {
            return Err(bad());
        };
        let (Some(_), Some(b)) = (unbase64(a), unbase64(b)) else {
            return Err(bad());
        };
        let ok = match (cc, d) {
            (b'=', b'=') => last && b & 15 == 0,
            (cc, b'=') => last && unbase64(cc).is_some_and(|cc| cc & 3 == 0),
            (cc, d) => unbase64(cc).is_some() && unbase64(d).is_some(),
        };
        if !ok {
            return Err(bad());
        }
    }
    Ok(())
}

pub(crate) fn directories(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let key = cx.key;
    let (outer, inner) = if cx.version >= 250 {
        (
            flags::UNQUOTE | flags::RETAIN_ESCAPE,
            flags::CUNESCAPE | flags::UNESCAPE_SEPARATORS,
        )
    } else {
        (flags::UNQUOTE, 0)
    };
    for tuple in split(value, outer)? {
        let (src, dest, fl) = if cx.version >= 250 {
            let inner = if cx.version >= 257 {
                inner | flags::DONT_COALESCE_SEPARATORS
            } else {
                inner
            };
            let mut q = Some(tuple.as_bytes());
            let mut parts = Vec::new();
            for _ in 0..if cx.version >= 257 { 3 } else { 2 } {
                match c::extract_first_word(&mut q, b":", inner) {
                    Ok(Some(w)) => parts.push(String::from_utf8_lossy(&w).into_owned()),
                    Ok(None) => break,
                    Err(_) => return Err(syntax(&tuple)),
                }
            }
            let mut it = parts.into_iter();
            let Some(src) = it.next() else {
                return Err(format!("`{key}=` has an empty entry; name a directory"));
            };
            (src, it.next(), it.next())
        } else {
            (tuple.clone(), None, None)
        };
        let s = spec::expand(cx, &src, Table::Full)?;
        rel_path(&s)?;
        let s = c::simplify(&s);
        if s == "private" || s.starts_with("private/") {
            return Err(format!(
                "`{key}=` cannot name `private`; choose another directory name"
            ));
        }
        let has = |o: &Option<String>| o.as_deref().is_some_and(|d| !d.is_empty());
        if key == "ConfigurationDirectory" && has(&dest) {
            return Err(
                "`ConfigurationDirectory=` takes no destination after `:`; write the directory name alone"
                    .into(),
            );
        }
        if let Some(d) = dest.filter(|d| !d.is_empty()) {
            let d = spec::expand(cx, &d, Table::Full)?;
            rel_path(&d)?;
        }
        if let Some(f) = fl.filter(|f| !f.is_empty()) {
            if f != "ro" {
                return Err(format!(
                    "`{f}` is not a flag of `{key}=`; the only flag is `ro`"
                ));
            }
        }
    }
    Ok(())
}
