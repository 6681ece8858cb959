//! Numbers with units: time spans, modes, sizes and limits.

const TIME_UNITS: &[(&str, f64)] = &[
    ("usec", 1e-6),
    ("us", 1e-6),
    ("µs", 1e-6),
    ("msec", 1e-3),
    ("ms", 1e-3),
    ("seconds", 1.0),
    ("second", 1.0),
    ("sec", 1.0),
    ("s", 1.0),
    ("minutes", 60.0),
    ("minute", 60.0),
    ("min", 60.0),
    ("m", 60.0),
    ("hours", 3600.0),
    ("hour", 3600.0),
    ("hr", 3600.0),
    ("h", 3600.0),
    ("days", 86400.0),
    ("day", 86400.0),
    ("d", 86400.0),
    ("weeks", 604800.0),
    ("week", 604800.0),
    ("w", 604800.0),
    ("months", 2629800.0),
    ("month", 2629800.0),
    ("M", 2629800.0),
    ("years", 31557600.0),
    ("year", 31557600.0),
    ("y", 31557600.0),
];

/// Splits a leading decimal number (digits with an optional fraction) from `s`.
fn leading_number(s: &str) -> Option<(f64, &str)> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.'))
        .map_or(s.len(), |(i, _)| i);
    let (num, rest) = s.split_at(end);
    if num.is_empty() || num.starts_with('.') || num.ends_with('.') {
        return None;
    }
    num.parse::<f64>().ok().map(|n| (n, rest))
}

/// Parses a time span into seconds (`infinity` is `f64::INFINITY`); a bare number is seconds.
pub fn timespan(value: &str) -> Result<f64, String> {
    let bad = || {
        format!("`{value}` is not a time span; write a number with a unit such as `90s`, `5min 20s` or `infinity`")
    };
    let trimmed = value.trim();
    if trimmed == "infinity" {
        return Ok(f64::INFINITY);
    }
    if trimmed.is_empty() {
        return Err(bad());
    }
    let mut rest = trimmed;
    let mut total = 0.0;
    while !rest.is_empty() {
        let (n, after) = leading_number(rest).ok_or_else(bad)?;
        let after = after.trim_start();
        let unit_len = after
            .char_indices()
            .find(|&(_, c)| !c.is_alphabetic())
            .map_or(after.len(), |(i, _)| i);
        let (unit, tail) = after.split_at(unit_len);
        let factor = if unit.is_empty() {
            1.0
        } else {
            TIME_UNITS
                .iter()
                .find(|(u, _)| *u == unit)
                .map(|&(_, f)| f)
                .ok_or_else(|| {
                    format!("`{value}` has an unknown time unit `{unit}`; use `ms`, `s`, `min`, `h`, `d` or `w`")
                })?
        };
        total += n * factor;
        rest = tail.trim_start();
    }
    Ok(total)
}

/// Parses an octal mode such as `0666`, at most `07777`.
pub fn mode(value: &str) -> Result<u32, String> {
    if value.is_empty() || !value.chars().all(|c| c.is_digit(8)) {
        return Err(format!(
            "`{value}` is not an octal mode; use octal digits such as `0660`"
        ));
    }
    match u32::from_str_radix(value, 8) {
        Ok(m) if m <= 0o7777 => Ok(m),
        _ => Err(format!("mode `{value}` is larger than `07777`")),
    }
}

/// Parses a non-negative integer.
pub fn unsigned(value: &str) -> Result<u64, String> {
    value
        .parse::<u64>()
        .map_err(|_| format!("`{value}` is not a non-negative integer"))
}

/// Parses an integer within `min..=max`.
pub fn integer(value: &str, min: i64, max: i64) -> Result<i64, String> {
    let n = value
        .parse::<i64>()
        .map_err(|_| format!("`{value}` is not an integer"))?;
    if n < min || n > max {
        return Err(format!("`{value}` is out of range; use {min} to {max}"));
    }
    Ok(n)
}

const SIZE_SUFFIXES: &[(char, u32)] = &[
    ('B', 0),
    ('K', 1),
    ('M', 2),
    ('G', 3),
    ('T', 4),
    ('P', 5),
    ('E', 6),
];

/// Parses a byte size (base 1024) such as `64M`, `512K` or `1.5G`.
pub fn size(value: &str) -> Result<u64, String> {
    let bad = || {
        format!(
            "`{value}` is not a size; write bytes, or a number with `K`, `M`, `G`, `T`, `P` or `E`"
        )
    };
    let (n, suffix) = leading_number(value).ok_or_else(bad)?;
    let exponent = match suffix {
        "" => 0,
        s => {
            let mut chars = s.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return Err(bad());
            };
            SIZE_SUFFIXES
                .iter()
                .find(|&&(x, _)| x == c)
                .map(|&(_, e)| e)
                .ok_or_else(bad)?
        }
    };
    let bytes = n * 1024f64.powi(exponent as i32);
    if bytes >= u64::MAX as f64 {
        return Err(format!("size `{value}` is too large"));
    }
    Ok(bytes as u64)
}

fn percent(value: &str) -> Option<Result<(), String>> {
    let n = value.strip_suffix('%')?;
    Some(match leading_number(n) {
        Some((p, "")) if p <= 100.0 => Ok(()),
        _ => Err(format!(
            "`{value}` is not a percentage; use a number from 0 to 100 followed by `%`"
        )),
    })
}

/// Checks a memory limit: a size, a percentage or `infinity`.
pub fn memory(value: &str) -> Result<(), String> {
    if value == "infinity" {
        return Ok(());
    }
    percent(value).unwrap_or_else(|| size(value).map(drop))
}

/// Checks `TasksMax=`: a count, a percentage or `infinity`.
pub fn tasks_max(value: &str) -> Result<(), String> {
    if value == "infinity" {
        return Ok(());
    }
    percent(value).unwrap_or_else(|| {
        unsigned(value).map(drop).map_err(|_| {
            format!("`{value}` is not a task limit; use a count, a percentage or `infinity`")
        })
    })
}

/// One side of a resource limit, converted to a comparable number.
fn limit_part(key: &str, part: &str) -> Result<f64, String> {
    if part == "infinity" {
        return Ok(f64::INFINITY);
    }
    match key {
        "LimitCPU" | "LimitRTTIME" => timespan(part),
        "LimitNICE" => part
            .parse::<i64>()
            .ok()
            .filter(|n| (-20..=40).contains(n))
            .map(|n| n as f64)
            .ok_or_else(|| format!("`{part}` is not a nice limit; use -20 to 19, or 0 to 40")),
        "LimitNOFILE" | "LimitNPROC" | "LimitLOCKS" | "LimitSIGPENDING" | "LimitRTPRIO" => {
            unsigned(part)
                .map(|n| n as f64)
                .map_err(|_| format!("`{part}` is not a valid `{key}=`; use a count or `infinity`"))
        }
        _ => size(part).map(|n| n as f64),
    }
}

/// Checks a resource limit: `value` or `soft:hard`, each a number or `infinity`, soft not above hard.
pub fn limit(key: &str, value: &str) -> Result<(), String> {
    match value.split_once(':') {
        None => limit_part(key, value).map(drop),
        Some((soft, hard)) => {
            let (s, h) = (limit_part(key, soft)?, limit_part(key, hard)?);
            if s > h {
                return Err(format!(
                    "soft limit `{soft}` is above hard limit `{hard}`; write `soft:hard` with soft not larger"
                ));
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timespans() {
        assert_eq!(timespan("90").unwrap(), 90.0);
        assert_eq!(timespan("5min 20s").unwrap(), 320.0);
        assert_eq!(timespan("1h30min").unwrap(), 5400.0);
        assert_eq!(timespan("500ms").unwrap(), 0.5);
        assert_eq!(timespan("infinity").unwrap(), f64::INFINITY);
        assert_eq!(timespan("1.5s").unwrap(), 1.5);
        for bad in ["", "s", "5 parsecs", "-5s", "1..2s", "ten"] {
            assert!(timespan(bad).is_err(), "{bad}");
        }
        assert!(timespan("5 parsecs")
            .unwrap_err()
            .contains("unknown time unit"));
    }

    #[test]
    fn modes() {
        assert_eq!(mode("0666").unwrap(), 0o666);
        assert_eq!(mode("600").unwrap(), 0o600);
        assert_eq!(mode("07777").unwrap(), 0o7777);
        assert!(mode("0668").unwrap_err().contains("not an octal mode"));
        assert!(mode("17777").unwrap_err().contains("larger than"));
        assert!(mode("").is_err());
        assert!(mode("rw").is_err());
    }

    #[test]
    fn integers() {
        assert_eq!(unsigned("32768").unwrap(), 32768);
        assert!(unsigned("-1").is_err());
        assert!(unsigned("1e3").is_err());
        assert_eq!(integer("-900", -1000, 1000).unwrap(), -900);
        assert!(integer("-1001", -1000, 1000)
            .unwrap_err()
            .contains("out of range"));
        assert!(integer("x", -1, 1).is_err());
    }

    #[test]
    fn sizes() {
        assert_eq!(size("64M").unwrap(), 64 << 20);
        assert_eq!(size("512").unwrap(), 512);
        assert_eq!(size("1.5K").unwrap(), 1536);
        for bad in ["", "M", "64MB", "64m", "-1", "9999999E"] {
            assert!(size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn limits() {
        assert!(limit("LimitNOFILE", "1024:524288").is_ok());
        assert!(limit("LimitNOFILE", "infinity").is_ok());
        assert!(limit("LimitNOFILE", "1024:infinity").is_ok());
        assert!(limit("LimitMEMLOCK", "64M").is_ok());
        assert!(limit("LimitCPU", "1h").is_ok());
        assert!(limit("LimitNICE", "-5").is_ok());
        assert!(limit("LimitNOFILE", "524288:1024")
            .unwrap_err()
            .contains("above hard limit"));
        assert!(limit("LimitNOFILE", "64M").is_err());
        assert!(limit("LimitNOFILE", "lots").is_err());
        assert!(limit("LimitMEMLOCK", "64Q").is_err());
        assert!(limit("LimitNICE", "50").is_err());
    }

    #[test]
    fn memory_and_tasks() {
        assert!(memory("1G").is_ok());
        assert!(memory("50%").is_ok());
        assert!(memory("infinity").is_ok());
        assert!(memory("150%").is_err());
        assert!(memory("lots").is_err());
        assert!(tasks_max("32768").is_ok());
        assert!(tasks_max("10%").is_ok());
        assert!(tasks_max("infinity").is_ok());
        assert!(tasks_max("-3").is_err());
        assert!(tasks_max("32k").is_err());
    }
}
