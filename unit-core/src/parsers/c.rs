//! The primitives systemd's parsers are built on, with their exact rules: word splitting with
//! quotes and escapes, C number parsing, booleans, time spans and sizes, paths and unit names.
//!
//! Values are byte strings in systemd; here they are `&str`, since the DSL's values are Rust
//! string literals and unit files are read as UTF-8.

/// systemd's white space for word splitting and trimming.
pub const WHITESPACE: &[u8] = b" \t\n\r";

/// Flags of `extract_first_word`.
pub mod flags {
    /// Allow unbalanced quotes and eat a trailing backslash.
    pub const RELAX: u16 = 1;
    /// Unescape C escape sequences.
    pub const CUNESCAPE: u16 = 1 << 1;
    /// Keep unknown escape sequences and a trailing backslash.
    pub const UNESCAPE_RELAX: u16 = 1 << 2;
    /// Unescape separators.
    pub const UNESCAPE_SEPARATORS: u16 = 1 << 3;
    /// Quotes group words and are kept.
    pub const KEEP_QUOTE: u16 = 1 << 4;
    /// Quotes group words and are removed.
    pub const UNQUOTE: u16 = 1 << 5;
    /// Adjacent separators delimit empty words.
    pub const DONT_COALESCE_SEPARATORS: u16 = 1 << 6;
    /// A backslash is an ordinary character.
    pub const RETAIN_ESCAPE: u16 = 1 << 7;
    /// Do not skip the separator after a word.
    pub const RETAIN_SEPARATORS: u16 = 1 << 8;
}

/// One escape sequence after a backslash, as `cunescape_one`: the character and how many bytes
/// it used, or `None` if the sequence is invalid.
pub fn cunescape_one(p: &[u8]) -> Option<(u32, usize, bool)> {
    let hex = |b: u8| (b as char).to_digit(16);
    let oct = |b: u8| (b as char).to_digit(8);
    let at = |i: usize| p.get(i).copied().unwrap_or(0);
    Some(match at(0) {
        b'a' => (7, 1, false),
        b'b' => (8, 1, false),
        b'f' => (12, 1, false),
        b'n' => (10, 1, false),
        b'r' => (13, 1, false),
        b't' => (9, 1, false),
        b'v' => (11, 1, false),
        b'\\' => (u32::from(b'\\'), 1, false),
        b'"' => (u32::from(b'"'), 1, false),
        b'\'' => (u32::from(b'\''), 1, false),
        b's' => (u32::from(b' '), 1, false),
        b'x' => {
            let v = hex(at(1))? << 4 | hex(at(2))?;
            if v == 0 {
                return None;
            }
            (v, 3, true)
        }
        b'u' => {
            let v = (1..5).try_fold(0u32, |v, i| Some(v << 4 | hex(at(i))?))?;
            if v == 0 {
                return None;
            }
            (v, 5, false)
        }
        b'U' => {
            let v = (1..9).try_fold(0u32, |v, i| Some(v << 4 | hex(at(i))?))?;
            if v == 0 || char::from_u32(v).is_none() {
                return None;
            }
            (v, 9, false)
        }
        b'0'..=b'7' => {
            let v = (0..3).try_fold(0u32, |v, i| Some(v << 3 | oct(at(i))?))?;
            if v == 0 || v > 255 {
                return None;
            }
            (v, 3, true)
        }
        _ => return None,
    })
}

/// Why `extract_first_word` failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadSyntax;

/// systemd's `extract_first_word`: the next word of `*p` and the rest, or `Ok(None)` at the
/// end. `separators` defaults to white space.
pub fn extract_first_word(
    p: &mut Option<&[u8]>,
    separators: &[u8],
    flags: u16,
) -> Result<Option<Vec<u8>>, BadSyntax> {
    use flags::*;
    let Some(input) = *p else {
        return Ok(None);
    };
    let seps = if separators.is_empty() {
        WHITESPACE
    } else {
        separators
    };
    let mut i = 0;
    let mut s: Option<Vec<u8>> = None;
    let at = |i: usize| input.get(i).copied().unwrap_or(0);
    if flags & DONT_COALESCE_SEPARATORS != 0 {
        s = Some(Vec::new());
    }
    // Skip leading separators.
    loop {
        let c = at(i);
        if c == 0 {
            *p = None;
            return Ok(s);
        } else if seps.contains(&c) {
            if flags & DONT_COALESCE_SEPARATORS != 0 {
                if flags & RETAIN_SEPARATORS == 0 {
                    i += 1;
                }
                *p = Some(&input[i..]);
                return Ok(s);
            }
        } else {
            s.get_or_insert_with(Vec::new);
            break;
        }
        i += 1;
    }
    let mut out = s.unwrap_or_default();
    let mut quote = 0u8;
    let mut backslash = false;
    loop {
        let c = at(i);
        if backslash {
            if c == 0 {
                if flags & UNESCAPE_RELAX != 0 && (quote == 0 || flags & RELAX != 0) {
                    out.push(b'\\');
                    *p = None;
                    return Ok(Some(out));
                }
                if flags & RELAX != 0 {
                    *p = None;
                    return Ok(Some(out));
                }
                return Err(BadSyntax);
            }
            if flags & (CUNESCAPE | UNESCAPE_SEPARATORS) != 0 {
                let escaped = if flags & CUNESCAPE != 0 {
                    cunescape_one(&input[i..])
                } else {
                    None
                };
                if let Some((u, len, eight_bit)) = escaped {
                    i += len - 1;
                    if eight_bit {
                        out.push(u as u8);
                    } else if let Some(ch) = char::from_u32(u) {
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                    } else {
                        return Err(BadSyntax);
                    }
                } else if flags & UNESCAPE_SEPARATORS != 0 && (seps.contains(&c) || c == b'\\') {
                    out.push(c);
                } else if flags & UNESCAPE_RELAX != 0 {
                    out.push(b'\\');
                    out.push(c);
                } else {
                    return Err(BadSyntax);
                }
            } else {
                out.push(c);
            }
            backslash = false;
            i += 1;
        } else if quote != 0 {
            loop {
                let c = at(i);
                if c == 0 {
                    if flags & RELAX != 0 {
                        *p = None;
                        return Ok(Some(out));
                    }
                    return Err(BadSyntax);
                } else if c == quote {
                    quote = 0;
                    if flags & UNQUOTE != 0 {
                        i += 1;
                        break;
                    }
                } else if c == b'\\' && flags & RETAIN_ESCAPE == 0 {
                    backslash = true;
                    i += 1;
                    break;
                }
                out.push(c);
                i += 1;
                if quote == 0 {
                    break;
                }
            }
        } else {
            loop {
                let c = at(i);
                if c == 0 {
                    *p = None;
                    return Ok(Some(out));
                } else if (c == b'\'' || c == b'"') && flags & (KEEP_QUOTE | UNQUOTE) != 0 {
                    quote = c;
                    if flags & UNQUOTE != 0 {
                        i += 1;
                        break;
                    }
                } else if c == b'\\' && flags & RETAIN_ESCAPE == 0 {
                    backslash = true;
                    i += 1;
                    break;
                } else if seps.contains(&c) {
                    if flags & DONT_COALESCE_SEPARATORS != 0 {
                        if flags & RETAIN_SEPARATORS == 0 {
                            i += 1;
                        }
                        *p = Some(&input[i..]);
                        return Ok(Some(out));
                    }
                    if flags & RETAIN_SEPARATORS == 0 {
                        while at(i) != 0 && seps.contains(&at(i)) {
                            i += 1;
                        }
                        if at(i) == 0 {
                            *p = None;
                            return Ok(Some(out));
                        }
                    }
                    *p = Some(&input[i..]);
                    return Ok(Some(out));
                }
                out.push(c);
                i += 1;
                if quote != 0 {
                    break;
                }
            }
        }
    }
}

/// Every word of `value` as `extract_first_word` splits it with `flags`.
pub fn words(value: &str, separators: &[u8], flags: u16) -> Result<Vec<String>, BadSyntax> {
    let mut p = Some(value.as_bytes());
    let mut out = Vec::new();
    while let Some(w) = extract_first_word(&mut p, separators, flags)? {
        out.push(String::from_utf8_lossy(&w).into_owned());
    }
    Ok(out)
}

/// A C integer as `strtoull`/`strtoll` read it after systemd's `mangle_base` (`0x`, `0o`, `0b`,
/// and C's leading-`0` octal when `base` is 0): the magnitude, whether it had a `-`, and
/// whether it overflowed 64 bits. `None` if there are no digits or something follows them.
pub fn c_integer(s: &str, base: u32) -> Option<(u64, bool, bool)> {
    let s = s.trim_start_matches([' ', '\t', '\n', '\r']);
    let mut base = base;
    let mut s = s;
    if base == 0 {
        for (prefix, b) in [("0b", 2), ("0B", 2), ("0o", 8), ("0O", 8)] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest;
                base = b;
                break;
            }
        }
    }
    // strtoul itself: white space again, sign, then base prefixes.
    let s = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut digits = s;
    let hex_prefix = |d: &str| {
        (d.starts_with("0x") || d.starts_with("0X"))
            && d.as_bytes().get(2).is_some_and(u8::is_ascii_hexdigit)
    };
    if (base == 0 || base == 16) && hex_prefix(digits) {
        digits = &digits[2..];
        base = 16;
    } else if base == 0 {
        base = if digits.starts_with('0') { 8 } else { 10 };
    }
    if digits.is_empty() {
        return None;
    }
    let mut value: u64 = 0;
    let mut overflow = false;
    for c in digits.chars() {
        let d = c.to_digit(base)?;
        match value
            .checked_mul(u64::from(base))
            .and_then(|v| v.checked_add(u64::from(d)))
        {
            Some(v) => value = v,
            None => overflow = true,
        }
    }
    Some((value, neg, overflow))
}

/// `safe_atou64`-style: an unsigned number at most `max` (`-0` is 0; other negatives fail).
pub fn unsigned(s: &str, base: u32, max: u64) -> Result<u64, &'static str> {
    let (v, neg, overflow) = c_integer(s, base).ok_or("not a number")?;
    if overflow {
        return Err("out of range");
    }
    if neg && v != 0 {
        return Err("negative");
    }
    if v > max {
        return Err("out of range");
    }
    Ok(v)
}

/// `safe_atoi`-style: a signed number within `min..=max`.
pub fn signed(s: &str, base: u32, min: i64, max: i64) -> Result<i64, &'static str> {
    let (v, neg, overflow) = c_integer(s, base).ok_or("not a number")?;
    let v = i128::from(v);
    let v = if neg { -v } else { v };
    if overflow || v < i128::from(min) || v > i128::from(max) {
        return Err("out of range");
    }
    Ok(v as i64)
}

/// systemd's `parse_boolean`.
pub fn parse_boolean(v: &str) -> Option<bool> {
    match v {
        "1" | "yes" | "y" | "true" | "t" | "on" => Some(true),
        "0" | "no" | "n" | "false" | "f" | "off" => Some(false),
        _ => {
            let l = v.to_ascii_lowercase();
            match l.as_str() {
                "yes" | "y" | "true" | "t" | "on" => Some(true),
                "no" | "n" | "false" | "f" | "off" => Some(false),
                _ => None,
            }
        }
    }
}

/// Microseconds per unit.
pub const USEC_PER_SEC: u64 = 1_000_000;
/// systemd's "infinity" time.
pub const USEC_INFINITY: u64 = u64::MAX;

const TIME_UNITS: &[(&str, u64)] = &[
    ("seconds", 1_000_000),
    ("second", 1_000_000),
    ("sec", 1_000_000),
    ("s", 1_000_000),
    ("minutes", 60_000_000),
    ("minute", 60_000_000),
    ("min", 60_000_000),
    ("months", 2_629_800_000_000),
    ("month", 2_629_800_000_000),
    ("M", 2_629_800_000_000),
    ("msec", 1_000),
    ("ms", 1_000),
    ("m", 60_000_000),
    ("hours", 3_600_000_000),
    ("hour", 3_600_000_000),
    ("hr", 3_600_000_000),
    ("h", 3_600_000_000),
    ("days", 86_400_000_000),
    ("day", 86_400_000_000),
    ("d", 86_400_000_000),
    ("weeks", 604_800_000_000),
    ("week", 604_800_000_000),
    ("w", 604_800_000_000),
    ("years", 31_557_600_000_000),
    ("year", 31_557_600_000_000),
    ("y", 31_557_600_000_000),
    ("usec", 1),
    ("us", 1),
    ("\u{3bc}s", 1),
    ("\u{b5}s", 1),
];

const NSEC_UNITS: &[(&str, u64)] = &[
    ("seconds", 1_000_000_000),
    ("second", 1_000_000_000),
    ("sec", 1_000_000_000),
    ("s", 1_000_000_000),
    ("minutes", 60_000_000_000),
    ("minute", 60_000_000_000),
    ("min", 60_000_000_000),
    ("months", 2_629_800_000_000_000),
    ("month", 2_629_800_000_000_000),
    ("M", 2_629_800_000_000_000),
    ("msec", 1_000_000),
    ("ms", 1_000_000),
    ("m", 60_000_000_000),
    ("hours", 3_600_000_000_000),
    ("hour", 3_600_000_000_000),
    ("hr", 3_600_000_000_000),
    ("h", 3_600_000_000_000),
    ("days", 86_400_000_000_000),
    ("day", 86_400_000_000_000),
    ("d", 86_400_000_000_000),
    ("weeks", 604_800_000_000_000),
    ("week", 604_800_000_000_000),
    ("w", 604_800_000_000_000),
    ("years", 31_557_600_000_000_000),
    ("year", 31_557_600_000_000_000),
    ("y", 31_557_600_000_000_000),
    ("usec", 1_000),
    ("us", 1_000),
    ("\u{3bc}s", 1_000),
    ("\u{b5}s", 1_000),
    ("nsec", 1),
    ("ns", 1),
];

fn skip_ws(s: &str) -> &str {
    s.trim_start_matches([' ', '\t', '\n', '\r'])
}

/// systemd's `parse_time` with the unit table `units` (microseconds or nanoseconds) and the
/// unit of a bare number: the value, `u64::MAX` for `infinity`.
fn parse_time_with(t: &str, default_unit: u64, units: &[(&str, u64)]) -> Result<u64, &'static str> {
    let p = skip_ws(t);
    if let Some(rest) = p.strip_prefix("infinity") {
        return if skip_ws(rest).is_empty() {
            Ok(USEC_INFINITY)
        } else {
            Err("invalid")
        };
    }
    let mut p = p;
    let mut total: u64 = 0;
    let mut something = false;
    loop {
        p = skip_ws(p);
        if p.is_empty() {
            return if something { Ok(total) } else { Err("invalid") };
        }
        if p.starts_with('-') {
            return Err("negative");
        }
        // strtoll: optional white space and sign, then decimal digits; with no digits the
        // end pointer stays at `p`.
        let q = p.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
        let q = q.strip_prefix('+').unwrap_or(q);
        let ndigits = q.bytes().take_while(u8::is_ascii_digit).count();
        let (l, after): (u64, &str) = if ndigits == 0 {
            (0, p)
        } else {
            let l = q[..ndigits].parse::<u64>().map_err(|_| "out of range")?;
            (l, &q[ndigits..])
        };
        if l > i64::MAX as u64 {
            return Err("out of range");
        }
        let (frac, rest) = if let Some(r) = after.strip_prefix('.') {
            let n = r.bytes().take_while(u8::is_ascii_digit).count();
            (Some(&r[..n]), &r[n..])
        } else if ndigits == 0 {
            return Err("invalid");
        } else {
            (None, after)
        };
        let trimmed = skip_ws(rest);
        let suffix = units
            .iter()
            .find_map(|(suffix, m)| trimmed.strip_prefix(suffix).map(|r| (*m, r)));
        if suffix.is_none() && trimmed.len() == rest.len() && !rest.is_empty() {
            return Err("invalid");
        }
        let (multiplier, s) = suffix.unwrap_or((default_unit, trimmed));
        if l >= USEC_INFINITY / multiplier {
            return Err("out of range");
        }
        let k = l * multiplier;
        if k >= USEC_INFINITY - total {
            return Err("out of range");
        }
        total += k;
        something = true;
        if let Some(frac) = frac {
            if frac.is_empty() {
                return Err("invalid");
            }
            let mut m = multiplier / 10;
            for b in frac.bytes() {
                let k = u64::from(b - b'0') * m;
                if k >= USEC_INFINITY - total {
                    return Err("out of range");
                }
                total += k;
                m /= 10;
            }
        }
        p = s;
    }
}

/// `parse_sec`: a time span in microseconds, a bare number being seconds.
pub fn parse_sec(t: &str) -> Result<u64, &'static str> {
    parse_time_with(t, USEC_PER_SEC, TIME_UNITS)
}

/// `parse_nsec`: a time span in nanoseconds, a bare number being nanoseconds.
pub fn parse_nsec(t: &str) -> Result<u64, &'static str> {
    let p = skip_ws(t);
    if let Some(rest) = p.strip_prefix("infinity") {
        return if skip_ws(rest).is_empty() {
            Ok(u64::MAX)
        } else {
            Err("invalid")
        };
    }
    parse_time_with(t, 1, NSEC_UNITS)
}

/// `parse_size`: bytes with an optional binary (`base` 1024: K, M, G, T, P, E) or decimal
/// (`base` 1000) suffix, decimals allowed.
pub fn parse_size(t: &str, base: u64) -> Result<u64, &'static str> {
    const IEC: &[(&str, u32)] = &[
        ("E", 60),
        ("P", 50),
        ("T", 40),
        ("G", 30),
        ("M", 20),
        ("K", 10),
        ("B", 0),
        ("", 0),
    ];
    const SI: &[(&str, u32)] = &[
        ("E", 18),
        ("P", 15),
        ("T", 12),
        ("G", 9),
        ("M", 6),
        ("K", 3),
        ("B", 0),
        ("", 0),
    ];
    let table = if base == 1024 { IEC } else { SI };
    let pow = |e: u32| -> u64 {
        if base == 1024 {
            1u64 << e
        } else {
            10u64.pow(e)
        }
    };
    let mut p = t;
    let mut r: u64 = 0;
    let mut start = 0;
    loop {
        p = skip_ws(p);
        if p.starts_with('-') {
            return Err("negative");
        }
        let q = p.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
        let q = q.strip_prefix('+').unwrap_or(q);
        let n = q.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return Err("invalid");
        }
        let l: u64 = q[..n].parse().map_err(|_| "out of range")?;
        let mut e = &q[n..];
        let mut frac = 0f64;
        if let Some(r2) = e.strip_prefix('.') {
            e = r2;
            let m = r2.bytes().take_while(u8::is_ascii_digit).count();
            if m > 0 {
                let digits = &r2[..m];
                frac = digits.parse::<f64>().unwrap_or(0.0);
                for _ in 0..m {
                    frac /= 10.0;
                }
                e = &r2[m..];
            }
        }
        let e2 = skip_ws(e);
        let Some(i) = (start..table.len()).find(|&i| e2.starts_with(table[i].0)) else {
            return Err("invalid");
        };
        let factor = pow(table[i].1);
        if l + u64::from(frac > 0.0) > u64::MAX / factor {
            return Err("out of range");
        }
        let tmp = l * factor + (frac * factor as f64) as u64;
        if tmp > u64::MAX - r {
            return Err("out of range");
        }
        r += tmp;
        p = &e2[table[i].0.len()..];
        start = i + 1;
        if p.is_empty() {
            return Ok(r);
        }
    }
}

/// systemd's `path_is_absolute`.
pub fn path_is_absolute(p: &str) -> bool {
    p.starts_with('/')
}

/// What `path_simplify_and_warn` says of a path after simplification: `Ok` if it is valid,
/// normalised and (when `absolute` is required) absolute.
pub fn path_check(path: &str, absolute: bool) -> Result<(), String> {
    if absolute && !path_is_absolute(path) {
        return Err(format!("`{path}` is not an absolute path"));
    }
    let simple = simplify(path);
    if simple.is_empty() || simple.len() >= 4096 || simple.split('/').any(|c| c.len() > 255) {
        return Err(format!("path `{path}` has an invalid length"));
    }
    if simple.split('/').any(|c| c == "..") {
        return Err(format!(
            "path `{path}` contains `..`; write it without `..`"
        ));
    }
    Ok(())
}

/// The components of `path` other than `.` and the empty ones between repeated slashes.
pub(crate) fn components(path: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for c in path.split('/') {
        if !c.is_empty() && c != "." {
            parts.push(c);
        }
    }
    parts
}

/// `path_simplify`: drops `.` components and repeated and trailing slashes.
pub fn simplify(path: &str) -> String {
    let absolute = path.starts_with('/');
    let parts = components(path);
    let body = parts.join("/");
    match (absolute, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) if !path.is_empty() => ".".into(),
        _ => body,
    }
}

/// `parse_time`: a time span in microseconds, a bare number being `default_unit`
/// microseconds (`parse_sec` is `parse_time` with one second).
pub fn parse_time(t: &str, default_unit: u64) -> Result<u64, &'static str> {
    parse_time_with(t, default_unit, TIME_UNITS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_like_systemd() {
        use flags::*;
        assert_eq!(
            words("a 'b c' \"d\"", b"", UNQUOTE).unwrap(),
            ["a", "b c", "d"]
        );
        assert_eq!(words("a\\ b", b"", 0).unwrap(), ["a b"]);
        assert!(words("'a", b"", UNQUOTE).is_err());
        assert_eq!(words("'a", b"", UNQUOTE | RELAX).unwrap(), ["a"]);
        assert_eq!(words("a\\", b"", UNESCAPE_RELAX).unwrap(), ["a\\"]);
        assert!(words("a\\", b"", 0).is_err());
        assert_eq!(words("a\\nb", b"", CUNESCAPE).unwrap(), ["a\nb"]);
        assert!(words("a\\qb", b"", CUNESCAPE).is_err());
        assert_eq!(words("  ", b"", 0).unwrap(), Vec::<String>::new());
        assert_eq!(words("a:b", b":", 0).unwrap(), ["a", "b"]);
    }

    #[test]
    fn numbers_like_strtoul() {
        assert_eq!(unsigned("0x10", 0, u64::MAX), Ok(16));
        assert_eq!(unsigned("010", 0, u64::MAX), Ok(8));
        assert_eq!(unsigned("0b11", 0, u64::MAX), Ok(3));
        assert_eq!(unsigned("-0", 0, u64::MAX), Ok(0));
        assert!(unsigned("-1", 0, u64::MAX).is_err());
        assert!(unsigned("4294967296", 0, u64::from(u32::MAX)).is_err());
        assert!(unsigned("18446744073709551616", 0, u64::MAX).is_err());
        assert!(unsigned("1.5", 0, u64::MAX).is_err());
        assert_eq!(signed("-20", 0, -20, 19), Ok(-20));
        assert!(signed("20", 0, -20, 19).is_err());
    }

    #[test]
    fn time_spans_like_parse_sec() {
        assert_eq!(parse_sec("5"), Ok(5_000_000));
        assert_eq!(parse_sec("5min 20s"), Ok(320_000_000));
        assert_eq!(parse_sec("1.5s"), Ok(1_500_000));
        assert_eq!(parse_sec("infinity"), Ok(u64::MAX));
        assert_eq!(parse_sec("2h30m"), Ok(9_000_000_000));
        assert!(parse_sec("5 parsecs").is_err());
        assert!(parse_sec("").is_err());
        assert!(parse_sec("-1").is_err());
        assert!(parse_sec("585000y").is_err());
        assert!(parse_sec("3.").is_err());
        assert!(parse_sec("12.34.56").is_err());
        assert_eq!(parse_nsec("5"), Ok(5));
    }

    #[test]
    fn sizes_like_parse_size() {
        assert_eq!(parse_size("64M", 1024), Ok(64 << 20));
        assert_eq!(parse_size("1.5K", 1024), Ok(1536));
        assert_eq!(parse_size("1G 512M", 1024), Ok(1536 << 20));
        assert!(parse_size("16E", 1024).is_err());
        assert!(parse_size("1Q", 1024).is_err());
        assert!(parse_size("-1", 1024).is_err());
        assert_eq!(parse_size("1K", 1000), Ok(1000));
    }
}
