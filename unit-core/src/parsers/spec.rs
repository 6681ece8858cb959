//! Specifier expansion, as systemd's `unit_name_printf` and `unit_full_printf` do it.
//!
//! `%` followed by a letter or digit must be a specifier the release knows (else systemd
//! refuses the value); `%%` is a literal `%`; `%` followed by anything else, or at the end, is
//! kept as it is. Expansions are representative values for a unit of the system manager, so a
//! parser can judge the expanded text (is it an absolute path, a valid unit name, ...).

use super::Cx;

/// Which of systemd's specifier tables a parser expands with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// `unit_name_printf`: the unit's name parts, system and user specifiers.
    Name,
    /// `unit_full_printf` (and `unit_path_printf`): every specifier.
    Full,
}

/// Specifiers in the common system, credential and temporary-directory tables, with the release
/// that added each.
const COMMON: &[(char, u16)] = &[
    ('a', 0),
    ('A', 249),
    ('b', 0),
    ('B', 0),
    ('H', 0),
    ('l', 0),
    ('q', 251),
    ('m', 0),
    ('M', 249),
    ('o', 0),
    ('v', 0),
    ('w', 0),
    ('W', 0),
    ('g', 0),
    ('G', 0),
    ('u', 0),
    ('U', 0),
];

const NAME_ONLY: &[(char, u16)] = &[('i', 0), ('j', 0), ('n', 0), ('N', 0), ('p', 0)];

const FULL_ONLY: &[(char, u16)] = &[
    ('i', 0),
    ('I', 0),
    ('j', 0),
    ('J', 0),
    ('n', 0),
    ('N', 0),
    ('p', 0),
    ('P', 0),
    ('f', 0),
    ('y', 251),
    ('Y', 251),
    ('c', 0),
    ('r', 0),
    ('R', 0),
    ('C', 0),
    ('d', 251),
    ('D', 256),
    ('E', 0),
    ('L', 0),
    ('S', 0),
    ('t', 0),
    ('h', 0),
    ('s', 0),
    ('T', 0),
    ('V', 0),
];

/// Whether `c` is a specifier of `table` in `version`.
pub fn known(table: Table, c: char, version: u16) -> bool {
    let own = match table {
        Table::Name => NAME_ONLY,
        Table::Full => FULL_ONLY,
    };
    own.iter()
        .chain(COMMON)
        .any(|&(s, since)| s == c && since <= version)
}

/// The release that added specifier `c` to `table`, if any did.
pub fn added(table: Table, c: char) -> Option<u16> {
    let own = match table {
        Table::Name => NAME_ONLY,
        Table::Full => FULL_ONLY,
    };
    own.iter()
        .chain(COMMON)
        .find(|&&(s, _)| s == c)
        .map(|&(_, v)| v)
}

fn stem(unit: &str) -> &str {
    unit.rsplit_once('.').map_or(unit, |(s, _)| s)
}

/// A unit name's escapes undone, as `unit_name_unescape()` does: `-` is `/`, `\xNN` the byte.
pub fn unescape(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 2..i + 4)
            .filter(|_| bytes[i] == b'\\' && bytes.get(i + 1) == Some(&b'x'))
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (_, Some(b)) => {
                out.push(b);
                i += 4;
                continue;
            }
            (b'-', None) => out.push(b'/'),
            (b, None) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The expansion of `%c` in `cx`'s unit: the unit's own name parts, and representative values
/// for what only the running system knows (a template's instance among them).
fn value_of(c: char, cx: &Cx<'_>) -> String {
    let (prefix, instance) = stem(cx.unit).split_once('@').unwrap_or((stem(cx.unit), ""));
    let instance = if instance.is_empty() {
        "instance"
    } else {
        instance
    };
    // `%j` is the prefix's last `-` component, or the whole prefix without one.
    let last = prefix.rsplit_once('-').map_or(prefix, |(_, l)| l);
    match c {
        'i' => instance.into(),
        'I' => unescape(instance),
        'j' => last.into(),
        'J' => unescape(last),
        'n' => cx.unit.into(),
        'N' => stem(cx.unit).into(),
        'p' => prefix.into(),
        'P' => unescape(prefix),
        'f' => format!("/{prefix}"),
        'y' => format!("/etc/systemd/system/{}", cx.unit),
        'Y' => "/etc/systemd/system".into(),
        'c' => format!("/system.slice/{}", cx.unit),
        'r' => "/system.slice".into(),
        'R' => "/".into(),
        'C' => "/var/cache".into(),
        'd' => format!("/run/credentials/{}", cx.unit),
        'D' => "/usr/share".into(),
        'E' => "/etc".into(),
        'L' => "/var/log".into(),
        'S' => "/var/lib".into(),
        't' => "/run".into(),
        'h' => "/root".into(),
        's' => "/bin/sh".into(),
        'T' => "/tmp".into(),
        'V' => "/var/tmp".into(),
        'a' => "x86-64".into(),
        'b' => "0123456789abcdef0123456789abcdef".into(),
        'm' => "fedcba9876543210fedcba9876543210".into(),
        // `%q` falls back to the host name when no pretty name is set.
        'H' | 'l' | 'q' => "localhost".into(),
        'o' => "debian".into(),
        'v' => "6.1.0".into(),
        'w' => "12".into(),
        'u' | 'g' => "root".into(),
        'U' | 'G' => "0".into(),
        _ => String::new(),
    }
}

/// Expands `value` as systemd would for `cx`'s unit, with representative values.
pub fn expand(cx: &Cx<'_>, value: &str, table: Table) -> Result<String, String> {
    if !value.contains('%') {
        return Ok(value.to_owned());
    }
    let mut out = String::with_capacity(value.len() + 16);
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            None => out.push('%'),
            Some('%') => out.push('%'),
            Some(s) if known(table, s, cx.version) => {
                // A unit without `@` has no instance: `%i` expands to nothing there, as
                // systemd expands it.
                if !matches!(s, 'i' | 'I') || cx.unit.contains('@') {
                    out.push_str(&value_of(s, cx));
                }
            }
            Some(s) if s.is_ascii_alphanumeric() => {
                return Err(match added(table, s).filter(|v| *v > cx.version) {
                    Some(v) => format!(
                        "specifier `%{s}` needs systemd {v}; write `%%{s}` for a literal `%{s}`"
                    ),
                    None => format!(
                        "`%{s}` is not a specifier systemd expands here; write `%%{s}` for a literal `%{s}`"
                    ),
                })
            }
            Some(s) => {
                out.push('%');
                out.push(s);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(unit: &str) -> Cx<'_> {
        Cx::test(unit)
    }

    #[test]
    fn expands_like_systemd() {
        let c = cx("a.service");
        assert_eq!(expand(&c, "100%", Table::Full).unwrap(), "100%");
        assert_eq!(expand(&c, "%%n", Table::Full).unwrap(), "%n");
        assert_eq!(expand(&c, "%t/x", Table::Full).unwrap(), "/run/x");
        assert_eq!(expand(&c, "a %/b", Table::Full).unwrap(), "a %/b");
        assert_eq!(expand(&c, "%n", Table::Name).unwrap(), "a.service");
        assert!(expand(&c, "%q", Table::Full).is_ok());
        assert!(expand(&c, "%z", Table::Full).is_err());
        assert!(expand(&c, "%t", Table::Name).is_err());
        assert_eq!(expand(&c, "a%ib", Table::Full).unwrap(), "ab");
        assert!(expand(&cx("a@.service"), "%i", Table::Full).is_ok());
        let made = cx("systemd-makefs@dev-sdx12.service");
        assert_eq!(
            expand(&made, "%i.device", Table::Name).unwrap(),
            "dev-sdx12.device"
        );
        assert_eq!(
            expand(&made, "%I %j %J %P", Table::Full).unwrap(),
            "dev/sdx12 makefs makefs systemd/makefs"
        );
        assert_eq!(
            expand(&cx("w@a\\x2db.service"), "%I", Table::Full).unwrap(),
            "a-b"
        );
        let old = Cx {
            version: 247,
            ..cx("a.service")
        };
        let e = expand(&old, "%q", Table::Full).unwrap_err();
        assert!(e.contains("needs systemd 251"), "{e}");
    }
}
