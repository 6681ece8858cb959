//! systemd's parsers of the execution environment: command lines, environment, users and
//! groups, sandboxing paths, resource limits, capabilities, standard input and output, state
//! directories, system call filters, credentials, logging and scheduling.

use super::c::{self, flags};
use super::spec::{self, Table};
use super::{basic, Cx};

type Verdict = Option<Result<(), String>>;

/// The verdict of the execution-environment parser `parser` on `value`, or `None` if `parser`
/// is not one.
pub fn check(parser: &str, cx: &Cx<'_>, value: &str) -> Verdict {
    Some(match parser {
        "exec" => exec(cx, value),
        "environ" => environ(cx, value),
        "unit_env_file" => env_file(cx, value),
        "pass_environ" => pass_environ(cx, value),
        "unset_environ" => unset_environ(cx, value),
        "working_directory" => working_directory(cx, value),
        "user_group_compat" => user_group(cx, value),
        "user_group_strv_compat" => user_groups(cx, value),
        "namespace_path_strv" => namespace_paths(cx, value),
        // Unknown names and numbers out of range are skipped with a debug message only, and
        // quotes are relaxed: every value is taken.
        "capability_set" => Ok(()),
        "rlimit" => rlimit(cx, value),
        "exec_output" => output(cx, value),
        "exec_input" => input(cx, value),
        "exec_input_text" => input_text(cx, value),
        "exec_input_data" => input_data(value),
        "exec_directories" => directories(cx, value),
        _ => return None,
    })
}

/// A `Cx`-free description of what went wrong while splitting words.
fn syntax(value: &str) -> String {
    format!("`{value}` has an unbalanced quote or an invalid `\\` escape; close the quote or write `\\\\` for a backslash")
}

/// Every word of `value`, as a loop over `extract_first_word` that refuses bad syntax.
fn split(value: &str, fl: u16) -> Result<Vec<String>, String> {
    c::words(value, b"", fl).map_err(|_| syntax(value))
}

/// `extract_first_word_and_warn`. It keeps an invalid escape sequence verbatim with a warning
/// ("Ignoring unknown escape sequences"); that warning names the line, so such a word is
/// refused here as well as an unbalanced quote.
fn next_word_warn(p: &mut Option<&[u8]>, fl: u16, key: &str) -> Result<Option<String>, String> {
    let save = *p;
    match c::extract_first_word(p, b"", fl) {
        Ok(w) => Ok(w.map(|w| String::from_utf8_lossy(&w).into_owned())),
        Err(_) => {
            *p = save;
            Err(match c::extract_first_word(p, b"", fl | flags::UNESCAPE_RELAX) {
                Ok(w) => format!(
                    "`{}` in `{key}=` has an unknown `\\` escape; write `\\\\` for a literal backslash",
                    String::from_utf8_lossy(&w.unwrap_or_default())
                ),
                Err(_) => format!("`{key}=` has an unbalanced quote; close it"),
            })
        }
    }
}

/// A path after `unit_path_printf`, judged as `path_simplify_and_warn(PATH_CHECK_ABSOLUTE)`.
fn abs_path(cx: &Cx<'_>, raw: &str) -> Result<(), String> {
    let p = spec::expand(cx, raw, Table::Full)?;
    c::path_check(&p, true).map_err(|e| {
        if e.contains("not an absolute path") && raw.starts_with('%') {
            format!("{e} once its specifiers are expanded; start it with `/` or a directory specifier such as `%t`")
        } else if e.contains("not an absolute path") {
            format!("{e}; start it with `/`")
        } else {
            e
        }
    })
}

/// `path_simplify_and_warn(PATH_CHECK_RELATIVE)`: relative, valid and normalised.
fn rel_path(p: &str) -> Result<(), String> {
    if c::path_is_absolute(p) {
        return Err(format!(
            "`{p}` is an absolute path; write it relative to the directory systemd chooses"
        ));
    }
    let simple = c::simplify(p);
    if simple.is_empty() || simple.len() >= 4096 || simple.split('/').any(|c| c.len() > 255) {
        return Err(format!("path `{p}` has an invalid length"));
    }
    if simple == "." || simple.split('/').any(|c| c == "..") {
        return Err(format!(
            "path `{p}` is not normalised; write it without `.` and `..`"
        ));
    }
    Ok(())
}

/// `path_is_valid`: not empty, every component at most 255 bytes, shorter than `PATH_MAX`.
fn path_is_valid(p: &str) -> bool {
    !p.is_empty() && p.len() < 4096 && p.split('/').all(|c| c.len() <= 255)
}

/// `filename_is_valid`: one component, not `.` or `..`.
fn filename_is_valid(p: &str) -> bool {
    !p.is_empty() && p != "." && p != ".." && !p.contains('/') && p.len() <= 255
}

/// `string_is_safe`: no control characters, quotes or backslashes.
fn string_is_safe(p: &str) -> bool {
    !p.bytes()
        .any(|b| b < b' ' || b == 0x7f || b == b'"' || b == b'\'' || b == b'\\')
}

fn exec(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let key = cx.key;
    let mut p = Some(value.as_bytes());
    loop {
        let Some(first) = next_word_warn(&mut p, flags::UNQUOTE | flags::CUNESCAPE, key)? else {
            return Ok(());
        };
        if first == ";" {
            continue;
        }
        let (prefix_len, argv0, shell) = exec_prefixes(cx, &first);
        let f = &first[prefix_len..];
        let mut args = 0usize;
        if shell {
            args += 1;
        } else {
            let path = spec::expand(cx, f, Table::Full)?;
            let prefix = &first[..prefix_len];
            if path.is_empty() {
                return Err(format!(
                    "`{key}=` has no command after `{prefix}`; write an absolute path or an executable name after the prefix"
                ));
            }
            if !string_is_safe(&path) {
                return Err(format!(
                    "executable `{path}` contains quotes, a backslash or control characters; name the executable plainly and put arguments after it"
                ));
            }
            let directory = if cx.version >= 255 {
                path == "."
                    || path == ".."
                    || [("/"), ("/."), ("/..")].iter().any(|s| path.ends_with(s))
            } else {
                path.ends_with('/')
            };
            if directory {
                return Err(format!(
                    "executable `{path}` names a directory; name a program such as `/usr/bin/foo`"
                ));
            }
            let valid = if c::path_is_absolute(&path) {
                cx.version < 250 || path_is_valid(&path)
            } else {
                filename_is_valid(&path)
            };
            if !valid {
                let hint = if prefix_len > 0 || !path.starts_with(['-', '@', ':', '+', '!']) {
                    "write an absolute path such as `/usr/bin/foo` or a plain executable name"
                } else {
                    "the prefixes `-@:+!` may each be given once, and `+` does not combine with `!`"
                };
                return Err(format!(
                    "`{path}` is neither a valid executable name nor an absolute path; {hint}"
                ));
            }
            if !argv0 {
                args += 1;
            }
        }
        let mut semicolon = false;
        while let Some(rest) = p.filter(|r| !r.is_empty()) {
            let sep = |i: usize| rest.get(i).is_none_or(|b| c::WHITESPACE.contains(b));
            if rest[0] == b';' && sep(1) {
                let skip = rest[1..]
                    .iter()
                    .take_while(|b| c::WHITESPACE.contains(b))
                    .count();
                p = Some(&rest[(1 + skip).min(rest.len())..]);
                semicolon = true;
                break;
            }
            if rest.starts_with(b"\\;") && sep(2) {
                let skip = rest[2..]
                    .iter()
                    .take_while(|b| c::WHITESPACE.contains(b))
                    .count();
                p = Some(&rest[(2 + skip).min(rest.len())..]);
                args += 1;
                continue;
            }
            let Some(word) = next_word_warn(&mut p, flags::UNQUOTE | flags::CUNESCAPE, key)? else {
                break;
            };
            spec::expand(cx, &word, Table::Full)?;
            args += 1;
        }
        if args == 0 {
            return Err(format!(
                "`{key}=` with `@` needs the program's `argv[0]` after the path; write `@/usr/bin/foo foo`"
            ));
        }
        if !semicolon {
            return Ok(());
        }
    }
}

/// The command prefixes of `first` as this release reads them: how many bytes they take,
/// whether `@` was given, and whether `|` was (262 and later: run through the user's shell).
fn exec_prefixes(cx: &Cx<'_>, first: &str) -> (usize, bool, bool) {
    let (mut ignore, mut argv0, mut noenv, mut shell) = (false, false, false, false);
    let (mut privileged, mut nosetuid, mut ambient) = (false, false, false);
    let mut n = 0;
    for b in first.bytes() {
        let modern = cx.version >= 258;
        match b {
            b'-' if !ignore => ignore = true,
            b'@' if !argv0 => argv0 = true,
            b':' if !noenv => noenv = true,
            b'|' if modern && !shell => shell = true,
            b'+' if !(privileged || nosetuid || ambient) => privileged = true,
            b'!' if !(privileged || nosetuid || ambient) => nosetuid = true,
            b'!' if !(privileged || ambient) => {
                nosetuid = false;
                ambient = true;
            }
            _ => break,
        }
        n += 1;
    }
    (n, argv0, shell)
}

/// `env_name_is_valid`.
fn env_name(n: &str) -> bool {
    !n.is_empty()
        && !n.starts_with(|c: char| c.is_ascii_digit())
        && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `env_assignment_is_valid`.
fn env_assignment(a: &str) -> bool {
    a.split_once('=').is_some_and(|(n, _)| env_name(n))
}

fn environ(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, flags::CUNESCAPE | flags::UNQUOTE)? {
        let a = spec::expand(cx, &w, Table::Full)?;
        if !env_assignment(&a) {
            return Err(format!(
                "`{a}` is not an environment assignment; write `NAME=value` with a name of letters, digits and `_`, and quote assignments that contain spaces"
            ));
        }
    }
    Ok(())
}

fn env_file(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let n = spec::expand(cx, value, Table::Full)?;
    let path = n.strip_prefix('-').unwrap_or(&n);
    c::path_check(path, true)
        .map_err(|e| format!("{e}; name an absolute file, with `-` before it if it may be missing"))
}

fn pass_environ(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, flags::UNQUOTE)? {
        let k = spec::expand(cx, &w, Table::Full)?;
        if !env_name(&k) {
            return Err(format!(
                "`{k}` is not an environment variable name; use letters, digits and `_`, not starting with a digit"
            ));
        }
    }
    Ok(())
}

fn unset_environ(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, flags::CUNESCAPE | flags::UNQUOTE)? {
        let k = spec::expand(cx, &w, Table::Full)?;
        if !env_name(&k) && !env_assignment(&k) {
            return Err(format!(
                "`{k}` is neither an environment variable name nor an assignment; write `NAME` or `NAME=value`"
            ));
        }
    }
    Ok(())
}

fn working_directory(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let rest = value.strip_prefix('-').unwrap_or(value);
    if value.is_empty() || rest == "~" {
        return Ok(());
    }
    abs_path(cx, rest).map_err(|e| format!("{e}, or write `~` for the user's home directory"))
}

/// `parse_uid`: a decimal number without sign, leading zero or white space, that is a valid
/// user ID (not 65535 or 4294967295).
fn parse_uid(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_digit())
        && (s == "0" || !s.starts_with('0'))
        && s.parse::<u32>().is_ok_and(|u| u != 0xFFFF && u != u32::MAX)
}

/// `valid_user_group_name` with `VALID_USER_ALLOW_NUMERIC|VALID_USER_RELAX`, the same in every
/// release.
fn user_name_ok(u: &str) -> bool {
    if u.is_empty() {
        return false;
    }
    if parse_uid(u) {
        return true;
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !(u.starts_with(' ')
        || u.ends_with(' ')
        || u.bytes().any(|b| b < b' ' || b == 0x7f)
        || u.contains([':', '/'])
        || digits(u)
        || u.strip_prefix('-').is_some_and(digits)
        || u == "."
        || u == "..")
}

fn user_error(k: &str) -> String {
    format!(
        "`{k}` is not a valid user or group name or numeric ID; names may not contain `:`, `/`, control characters or surrounding spaces, and IDs must be decimal below 4294967295 other than 65535"
    )
}

fn user_group(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let k = spec::expand(cx, value, Table::Full)?;
    if user_name_ok(&k) {
        Ok(())
    } else {
        Err(user_error(&k))
    }
}

fn user_groups(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, 0)? {
        let k = spec::expand(cx, &w, Table::Full)?;
        if !user_name_ok(&k) {
            return Err(user_error(&k));
        }
    }
    Ok(())
}

fn namespace_paths(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, flags::UNQUOTE)? {
        let rest = w.strip_prefix('-').unwrap_or(&w);
        let rest = rest.strip_prefix('+').unwrap_or(rest);
        abs_path(cx, rest)?;
    }
    Ok(())
}

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

fn rlimit(cx: &Cx<'_>, value: &str) -> Result<(), String> {
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
fn fdname_ok(s: &str) -> bool {
    s.len() <= 255 && s.bytes().all(|b| (b' '..0x7f).contains(&b) && b != b':')
}

const OUTPUTS: &[&str] = &[
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

const INPUTS: &[&str] = &[
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
fn stdio_form(cx: &Cx<'_>, value: &str, files: &[&str]) -> Option<Result<(), String>> {
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

fn output(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let files: &[&str] = if cx.version >= 248 {
        &["file", "append", "truncate"]
    } else {
        &["file", "append"]
    };
    if let Some(v) = stdio_form(cx, value, files) {
        return v;
    }
    let known: Vec<&str> = OUTPUTS
        .iter()
        .copied()
        .filter(|o| cx.version >= 248 || *o != "truncate")
        .collect();
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

fn input(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if let Some(v) = stdio_form(cx, value, &["file"]) {
        return v;
    }
    basic::one_of(cx, value, INPUTS).map_err(|e| format!("{e}, or `fd:NAME`, `file:PATH`"))
}

/// `cunescape` of a whole string without relaxation: every `\` starts a valid escape.
fn cunescape(value: &str) -> Result<String, String> {
    let b = value.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
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

fn input_text(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    spec::expand(cx, &cunescape(value)?, Table::Full).map(drop)
}

/// `unbase64char`.
fn unbase64(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// `unbase64mem`: groups of four characters with white space anywhere, `=` padding only in
/// the last group, and no stray bits before the padding.
fn input_data(value: &str) -> Result<(), String> {
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

fn directories(cx: &Cx<'_>, value: &str) -> Result<(), String> {
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
            let inner = if cx.version >= 256 {
                inner | flags::DONT_COALESCE_SEPARATORS
            } else {
                inner
            };
            let mut q = Some(tuple.as_bytes());
            let mut parts = Vec::new();
            for _ in 0..if cx.version >= 256 { 3 } else { 2 } {
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
        if key == "ConfigurationDirectory" && (has(&dest) || cx.version >= 256 && has(&fl)) {
            return Err(format!(
                "`ConfigurationDirectory=` takes no `:` parameters; write the directory name alone"
            ));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(key: &'static str, version: u16) -> Cx<'static> {
        Cx {
            unit: "a.service",
            section: "Service",
            key,
            ltype: "0",
            version,
        }
    }

    fn verdict(parser: &str, key: &'static str, version: u16, value: &str) -> Result<(), String> {
        check(parser, &cx(key, version), value).expect("parser of this group")
    }

    /// Checks each `(value, accepted)` pair for `parser` and `key` in `version`.
    fn cases(parser: &str, key: &'static str, version: u16, cases: &[(&str, bool)]) {
        for (v, want) in cases {
            let got = verdict(parser, key, version, v);
            assert_eq!(
                got.is_ok(),
                *want,
                "{parser} {key}={v:?} in {version}: {got:?}"
            );
        }
    }

    #[test]
    fn exec_as_systemd_252() {
        cases(
            "exec",
            "ExecStartPre",
            252,
            &[
                ("", true),
                ("/bin/true", true),
                ("-/bin/true", true),
                ("@/bin/true true", true),
                ("@/bin/true", false),
                ("-@:+/bin/true", false),
                ("-@:+/bin/true x", true),
                ("!!/bin/true", true),
                ("!/bin/true", true),
                ("+!/bin/true", false),
                ("!+/bin/true", false),
                ("--/bin/true", false),
                ("- /bin/true", false),
                ("true", true),
                ("/bin/true ; /bin/false", true),
                ("/bin/true ;", true),
                ("/bin/true \\; x", true),
                ("/bin/true \"unbalanced", false),
                ("/bin/true \\q", false),
                ("/bin/true $FOO ${BAR}", true),
                ("/bin/true %n", true),
                ("/bin/true %z", false),
                ("%t/x", true),
                ("bin/true", false),
                ("/bin/", false),
                ("\"/bin/true\" a", true),
                ("/bin/tr'ue", false),
                ("/bin/true\\\\", false),
                ("!!!/bin/true", false),
                ("-", false),
                ("@", false),
                (":/bin/true", true),
                ("|/bin/true", false),
                ("/bin/true %%", true),
            ],
        );
    }

    #[test]
    fn exec_per_release() {
        // `|` runs the command through the user's shell from 258 on, even with no command.
        cases(
            "exec",
            "ExecStart",
            262,
            &[("|echo hi", true), ("|", true), ("@|x", true)],
        );
        cases(
            "exec",
            "ExecStart",
            257,
            &[("|/bin/true", false), ("|echo hi", true)],
        );
        // A trailing `/.` names a directory from 256 on; before, only a trailing `/` did.
        cases(
            "exec",
            "ExecStart",
            257,
            &[("/bin/.", false), ("..", false)],
        );
        cases("exec", "ExecStart", 252, &[("/bin/.", true)]);
        // 247 did not check the length of absolute paths.
        let long = format!("/{}", "a".repeat(300));
        cases(
            "exec",
            "ExecStart",
            247,
            &[(&long, true), ("bin/true", false)],
        );
        cases("exec", "ExecStart", 252, &[(&long, false)]);
    }

    #[test]
    fn environment_as_systemd_252() {
        cases(
            "environ",
            "Environment",
            252,
            &[
                ("", true),
                ("A=1", true),
                ("A=1 B=2", true),
                ("\"A=1 2\"", true),
                ("A", false),
                ("1A=x", false),
                ("A-B=1", false),
                ("A=%n", true),
                ("A=%z", false),
                ("\"A=1", false),
                ("A=\\q", false),
                ("A=\\n", true),
                ("=x", false),
                ("A_b9=", true),
            ],
        );
        cases(
            "unit_env_file",
            "EnvironmentFile",
            252,
            &[
                ("", true),
                ("/etc/default/x", true),
                ("-/etc/x", true),
                ("rel", false),
                ("-rel", false),
                ("%t/x", true),
                ("/a/../b", false),
                ("/a b", true),
            ],
        );
        cases(
            "pass_environ",
            "PassEnvironment",
            252,
            &[
                ("", true),
                ("A B", true),
                ("1A", false),
                ("A=1", false),
                ("\"A", false),
                ("A%n", false),
            ],
        );
        cases(
            "unset_environ",
            "UnsetEnvironment",
            252,
            &[
                ("", true),
                ("A", true),
                ("A=1", true),
                ("1A", false),
                ("\"A=1 2\"", true),
                ("\\q", false),
            ],
        );
    }

    #[test]
    fn directories_and_users_as_systemd_252() {
        cases(
            "working_directory",
            "WorkingDirectory",
            252,
            &[
                ("", true),
                ("~", true),
                ("-~", true),
                ("/tmp", true),
                ("-/nonexist", true),
                ("rel", false),
                ("-rel", false),
                ("%h", true),
                ("/a/../b", false),
                ("%z", false),
            ],
        );
        cases(
            "user_group_compat",
            "User",
            252,
            &[
                ("", true),
                ("root", true),
                ("0", true),
                ("65535", false),
                ("4294967294", true),
                ("4294967295", false),
                ("01", false),
                ("-1", false),
                ("+1", true),
                ("a:b", false),
                ("a b", true),
                ("a/b", false),
                (".", false),
                ("\u{dc}n\u{ef}", true),
                ("%u", true),
                // A notice that the user is unsafe, but the setting is kept.
                ("nobody", true),
            ],
        );
        cases(
            "user_group_strv_compat",
            "SupplementaryGroups",
            252,
            &[
                ("", true),
                ("a b", true),
                ("a:b c", false),
                ("\"a b\"", true),
                ("a\\ b", true),
            ],
        );
    }

    #[test]
    fn sandbox_paths_as_systemd_252() {
        cases(
            "namespace_path_strv",
            "ReadOnlyPaths",
            252,
            &[
                ("", true),
                ("/a -/b +/c -+/d", true),
                ("+-/d", false),
                ("rel", false),
                ("\"/a b\"", true),
                ("\"/a", false),
                ("%t", true),
                ("/a/../b", false),
                ("-", false),
            ],
        );
        cases(
            "capability_set",
            "CapabilityBoundingSet",
            252,
            &[
                ("CAP_FOO", true),
                ("~", true),
                ("", true),
                ("\"CAP_NET", true),
                ("64", true),
            ],
        );
    }

    #[test]
    fn limits_as_systemd_252() {
        cases(
            "rlimit",
            "LimitNOFILE",
            252,
            &[
                ("", false),
                ("1024:512", false),
                ("infinity", true),
                ("1024:infinity", true),
                ("0x10", true),
                ("1K", false),
                ("-1", false),
                (":5", false),
                ("5:", false),
                ("1:2:3", false),
            ],
        );
        cases(
            "rlimit",
            "LimitNICE",
            252,
            &[
                ("+19", true),
                ("+20", false),
                ("-20", true),
                ("-21", false),
                ("40", true),
                ("41", false),
                ("0", true),
            ],
        );
        cases(
            "rlimit",
            "LimitCPU",
            252,
            &[
                ("10s", true),
                ("infinity", true),
                ("1.5", true),
                ("5min:1h", true),
                ("1h:5min", false),
            ],
        );
        cases(
            "rlimit",
            "LimitRTTIME",
            252,
            &[("10", true), ("10ms:1s", true), ("1s:10", false)],
        );
        cases(
            "rlimit",
            "LimitMEMLOCK",
            252,
            &[("64M", true), ("1G:512M", false), ("1Q", false)],
        );
    }

    #[test]
    fn standard_io_as_systemd_252() {
        cases(
            "exec_output",
            "StandardOutput",
            252,
            &[
                ("", false),
                ("journal", true),
                ("jounal", false),
                ("file:/x", true),
                ("file:rel", false),
                ("append:/x", true),
                ("truncate:/x", true),
                ("fd:foo", true),
                ("fd:", true),
                ("fd:a:b", false),
                ("file", true),
                ("fd", true),
                ("journal+console", true),
                ("file:", false),
                ("file:%t/x", true),
                ("socket", true),
            ],
        );
        cases(
            "exec_output",
            "StandardOutput",
            247,
            &[("truncate:/x", false), ("append:/x", true)],
        );
        cases(
            "exec_input",
            "StandardInput",
            252,
            &[
                ("", false),
                ("null", true),
                ("data", true),
                ("file:/x", true),
                ("fd:x", true),
                ("append:/x", false),
                ("tty-force", true),
            ],
        );
        cases(
            "exec_input_text",
            "StandardInputText",
            252,
            &[
                ("", true),
                ("abc", true),
                ("a\\qb", false),
                ("%n", true),
                ("\\x41", true),
            ],
        );
        cases(
            "exec_input_data",
            "StandardInputData",
            252,
            &[
                ("", true),
                ("aGVsbG8=", true),
                ("aGVsbG8", false),
                ("aGVsb G8=", true),
                ("!!", false),
                ("a", false),
                ("aGVsbG8==", false),
                ("====", false),
            ],
        );
    }

    #[test]
    fn state_directories_per_release() {
        cases(
            "exec_directories",
            "RuntimeDirectory",
            252,
            &[
                ("", true),
                ("foo", true),
                ("foo bar/baz", true),
                ("/foo", false),
                ("private", false),
                ("private/x", false),
                ("privatex", true),
                ("../x", false),
                ("a/../b", false),
                (".", false),
                ("foo:bar", true),
                ("foo:/bar", false),
                ("foo:bar:ro", true),
                ("%n", true),
                ("\"a b\"", true),
                ("a\\:b", true),
                ("a\\q", false),
                (":", false),
                ("foo:", true),
                ("a::b", true),
            ],
        );
        cases(
            "exec_directories",
            "ConfigurationDirectory",
            252,
            &[("foo:bar", false), ("foo", true)],
        );
        // 257 reads `src:dest:flags` without coalescing `:`; the only flag is `ro`.
        cases(
            "exec_directories",
            "StateDirectory",
            257,
            &[
                ("a::ro", true),
                ("a:b:rw", false),
                ("a:b:ro", true),
                (":", false),
            ],
        );
        cases(
            "exec_directories",
            "ConfigurationDirectory",
            257,
            &[("a::ro", false)],
        );
    }
}
