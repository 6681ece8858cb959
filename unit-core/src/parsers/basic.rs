//! systemd's general parsers: booleans, numbers, time spans, sizes, strings and paths with
//! specifiers, dependencies, documentation, conditions and the unit-level settings.

use super::c::{self, flags};
use super::registry::{Empty, Parser};
use super::spec::{self, Table};
use super::Cx;
use crate::catalog::table::{EnumParser, ENUMS, ENUM_PARSERS};
use crate::catalog::VERSIONS;

type Verdict = Option<Result<(), String>>;

/// `config_parse_bool` (and `job_mode_isolate`): a boolean.
pub(crate) fn bool_value(_: &Cx<'_>, value: &str) -> Result<(), String> {
    boolean(value)
}

/// `config_parse_tristate`: a boolean, or empty for the default.
pub(crate) fn tristate(_: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    boolean(value)
}

/// `config_parse_string`: any text, specifiers unexpanded.
pub(crate) fn string(_: &Cx<'_>, _: &str) -> Result<(), String> {
    Ok(())
}

/// `config_parse_unit_string_printf`: any text whose specifiers expand.
pub(crate) fn string_printf(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    spec::expand(cx, value, Table::Full).map(drop)
}

/// `config_parse_sec` and the parsers that read a time span as it does.
pub(crate) fn sec(_: &Cx<'_>, value: &str) -> Result<(), String> {
    timespan(value, c::parse_sec)
}

/// `config_parse_nsec`: a time span in nanoseconds.
pub(crate) fn nsec(_: &Cx<'_>, value: &str) -> Result<(), String> {
    timespan(value, c::parse_nsec)
}

/// `config_parse_sec_def_infinity`: a time span, or white space only for `infinity`.
pub(crate) fn sec_def_infinity(_: &Cx<'_>, value: &str) -> Result<(), String> {
    if c::parse_sec(value).is_err() && value.trim().is_empty() {
        return Ok(());
    }
    timespan(value, c::parse_sec)
}

/// `config_parse_unsigned`: a whole number that fits 32 bits.
pub(crate) fn unsigned(_: &Cx<'_>, value: &str) -> Result<(), String> {
    number(value, 0, u64::from(u32::MAX))
}

/// `config_parse_int`: a signed whole number that fits 32 bits.
pub(crate) fn int(_: &Cx<'_>, value: &str) -> Result<(), String> {
    signed(value, i64::from(i32::MIN), i64::from(i32::MAX))
}

/// `config_parse_long`: a signed whole number that fits 64 bits.
pub(crate) fn long(_: &Cx<'_>, value: &str) -> Result<(), String> {
    signed(value, i64::MIN, i64::MAX)
}

/// `config_parse_mode`: see [`mode`].
pub(crate) fn mode_value(_: &Cx<'_>, value: &str) -> Result<(), String> {
    mode(value)
}

/// `config_parse_iec_size`: see [`size`].
pub(crate) fn size_value(_: &Cx<'_>, value: &str) -> Result<(), String> {
    size(value)
}

/// `config_parse_signal`: see [`signal`].
pub(crate) fn signal_value(_: &Cx<'_>, value: &str) -> Result<(), String> {
    signal(value)
}

/// `config_parse_warn_compat`: a directive the release no longer supports, whatever its value.
pub(crate) fn warn_compat(cx: &Cx<'_>, _: &str) -> Result<(), String> {
    Err(format!(
        "systemd {} no longer supports `{}=` and ignores it; remove it",
        cx.version, cx.key
    ))
}

/// Enum parsers: the value must be one of the words of systemd's string table for the
/// release (and, for tables that take them, a boolean); an empty value as the registry says.
pub fn enums(parser: &Parser, cx: &Cx<'_>, value: &str) -> Verdict {
    let ep = enum_parser(parser.name, cx.version)?;
    if value.is_empty() && parser.empty == Empty::Resets {
        return Some(Ok(()));
    }
    if ep.with_boolean && c::parse_boolean(value).is_some() {
        return Some(Ok(()));
    }
    let words = enum_words(parser.name, cx.version)?;
    if !ep.with_boolean {
        return Some(one_of(cx, value, &words));
    }
    // The booleans are named once, whether or not the table lists `yes` and `no`.
    let words: Vec<&str> = words
        .into_iter()
        .filter(|w| c::parse_boolean(w).is_none())
        .collect();
    Some(match one_of(cx, value, &words) {
        Ok(()) => Ok(()),
        Err(_) if words.is_empty() => Err(format!("`{value}` is not a boolean; use `yes` or `no`")),
        Err(e) => Err(format!("{e}, or a boolean")),
    })
}

/// The enum-table reading of `parser` in systemd `version`, if it reads one there.
fn enum_parser(parser: &str, version: u16) -> Option<&'static EnumParser> {
    let bit = release_bit(version);
    ENUM_PARSERS
        .iter()
        .find(|p| p.parser == parser && p.mask & bit != 0)
}

/// The words of the string table that `table` names, as systemd `version` has them, in
/// table order (a release without a catalog reads as the catalogued one before it); `None` if
/// the catalog has no such table.
pub fn table_words(table: &str, version: u16) -> Option<Vec<&'static str>> {
    let bit = release_bit(version);
    let table = ENUMS.iter().find(|t| t.name == table)?;
    let mut words = Vec::new();
    for &(word, mask) in table.values {
        if mask & bit != 0 {
            words.push(word);
        }
    }
    Some(words)
}

/// The catalog release that stands for `version`, as a bit over [`VERSIONS`]: the newest one
/// not newer than it, or the oldest.
fn release_bit(version: u16) -> u8 {
    1 << VERSIONS.iter().rposition(|v| *v <= version).unwrap_or(0)
}

/// The words of the table that enum `parser` reads in systemd `version`.
fn enum_words(parser: &str, version: u16) -> Option<Vec<&'static str>> {
    table_words(enum_parser(parser, version)?.table, version)
}

/// Whether `parser` reads its value through one of systemd's string tables in some release.
pub fn is_enum_parser(parser: &str) -> bool {
    ENUM_PARSERS.iter().any(|p| p.parser == parser)
}

/// The releases that take `value` for an enum `parser`, as a mask, if `parser` reads an enum
/// table and some release has the word.
pub fn enum_releases(parser: &str, value: &str) -> Option<u8> {
    let mut mask = 0u8;
    for ep in ENUM_PARSERS.iter().filter(|p| p.parser == parser) {
        let table = ENUMS.iter().find(|t| t.name == ep.table)?;
        if let Some((_, m)) = table.values.iter().find(|(w, _)| *w == value) {
            mask |= m & ep.mask;
        }
        // Tables that take booleans take `yes` and `no` whether or not they list them.
        if ep.with_boolean && c::parse_boolean(value).is_some() {
            mask |= ep.mask;
        }
    }
    (mask != 0).then_some(mask)
}

/// `parse_boolean`, with systemd's spellings.
pub fn boolean(value: &str) -> Result<(), String> {
    match c::parse_boolean(value) {
        Some(_) => Ok(()),
        None if value.is_empty() => {
            Err("an empty value is not a boolean here; write `yes` or `no`".into())
        }
        None => Err(format!("`{value}` is not a boolean; use `yes` or `no`")),
    }
}

fn timespan(value: &str, parse: fn(&str) -> Result<u64, &'static str>) -> Result<(), String> {
    match parse(value) {
        Ok(_) => Ok(()),
        Err(_) if value.trim().is_empty() => Err(
            "an empty value is not a time span here; write one such as `90s` or `infinity`"
                .into(),
        ),
        Err("out of range") => Err(format!(
            "time span `{value}` is out of systemd's range; use a smaller one or `infinity`"
        )),
        Err("negative") => Err(format!(
            "time span `{value}` is negative; use `0` or more"
        )),
        Err(_) => match unknown_time_unit(value) {
            Some(unit) => Err(format!(
                "`{value}` has an unknown time unit `{unit}`; use `us`, `ms`, `s`, `min`, `h`, `d`, `w`, `M` or `y`"
            )),
            None => Err(format!(
                "`{value}` is not a time span; use a number with a unit such as `90s`, `5min 20s` or `1.5h`"
            )),
        },
    }
}

const TIME_UNIT_WORDS: &[&str] = &[
    "seconds", "second", "sec", "s", "minutes", "minute", "min", "months", "month", "M", "msec",
    "ms", "m", "hours", "hour", "hr", "h", "days", "day", "d", "weeks", "week", "w", "years",
    "year", "y", "usec", "us", "nsec", "ns",
];

/// The first word of a time span that is not a time unit.
fn unknown_time_unit(value: &str) -> Option<&str> {
    if !value.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    value
        .split(|c: char| c.is_ascii_digit() || c == '.' || c.is_whitespace())
        .find(|w| {
            !w.is_empty()
                && w.chars().all(char::is_alphabetic)
                && !TIME_UNIT_WORDS.contains(w)
                && !w.ends_with("\u{3bc}s")
                && !w.ends_with("\u{b5}s")
        })
}

fn number(value: &str, min: u64, max: u64) -> Result<(), String> {
    match c::unsigned(value, 0, max) {
        Ok(v) if v >= min => Ok(()),
        Ok(_) | Err("out of range") | Err("negative") => Err(format!(
            "`{value}` is out of range; use a whole number from {min} to {max}"
        )),
        Err(_) => Err(format!(
            "`{value}` is not a whole number; use one from {min} to {max}"
        )),
    }
}

fn signed(value: &str, min: i64, max: i64) -> Result<(), String> {
    match c::signed(value, 0, min, max) {
        Ok(_) => Ok(()),
        Err("out of range") => Err(format!(
            "`{value}` is out of range; use a whole number from {min} to {max}"
        )),
        Err(_) => Err(format!(
            "`{value}` is not a whole number; use one from {min} to {max}"
        )),
    }
}

/// `parse_mode`: octal, at most `07777`, no sign.
pub fn mode(value: &str) -> Result<(), String> {
    let v = value.trim_start_matches([' ', '\t', '\n', '\r']);
    if v.starts_with(['+', '-']) {
        return Err(format!(
            "`{value}` is not an octal mode; write one such as `0644`"
        ));
    }
    match c::unsigned(value, 8, u64::from(u32::MAX)) {
        Ok(m) if m <= 0o7777 => Ok(()),
        Ok(_) => Err(format!(
            "mode `{value}` is out of range; use at most `07777`"
        )),
        Err(_) => Err(format!(
            "`{value}` is not an octal mode; write one such as `0644`"
        )),
    }
}

/// `parse_size` with base 1024, as `config_parse_iec_size` reads it.
pub fn size(value: &str) -> Result<(), String> {
    match c::parse_size(value, 1024) {
        Ok(_) => Ok(()),
        Err("out of range") => Err(format!(
            "size `{value}` is too large; use at most `16E` minus one byte"
        )),
        Err(_) => Err(format!(
            "`{value}` is not a size; use bytes with an optional `K`, `M`, `G`, `T`, `P` or `E` suffix"
        )),
    }
}

const SIGNALS: &[&str] = &[
    "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
    "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
    "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
];

/// `signal_from_string`: a number from 1 to 64, a name with or without `SIG`, or
/// `RTMIN+n`/`RTMAX-n` (n from 0 to 30).
pub fn signal(value: &str) -> Result<(), String> {
    if let Ok(n) = c::signed(value, 0, i64::from(i32::MIN), i64::from(i32::MAX)) {
        return if (1..=64).contains(&n) {
            Ok(())
        } else {
            Err(format!("signal number {n} is out of range; use 1 to 64"))
        };
    }
    let name = value.strip_prefix("SIG").unwrap_or(value);
    if SIGNALS.contains(&name) {
        return Ok(());
    }
    for (prefix, sign, range) in [("RTMIN", '+', 0..=30), ("RTMAX", '-', -30..=0)] {
        if let Some(rest) = name.strip_prefix(prefix) {
            let n = c::signed(rest, 10, i64::from(i32::MIN), i64::from(i32::MAX));
            if rest.is_empty() || rest.starts_with(sign) && n.is_ok_and(|n| range.contains(&n)) {
                return Ok(());
            }
            return Err(format!(
                "`{value}` is not a real-time signal; use `SIG{prefix}{sign}n` with n from 0 to 30"
            ));
        }
    }
    let hint = crate::suggest::closest_in(name, SIGNALS)
        .map(|s| format!("did you mean `SIG{s}`?"))
        .unwrap_or_else(|| "use a name such as `SIGTERM`".into());
    Err(format!("`{value}` is not a signal; {hint}"))
}

/// `config_parse_unit_path_printf`: an absolute path once specifiers expand; empty resets it.
pub(crate) fn path_printf(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let p = spec::expand(cx, value, Table::Full)?;
    // What expands to nothing is an empty assignment, which resets the path.
    if p.is_empty() {
        return Ok(());
    }
    c::path_check(&p, true).map_err(|e| with_remedy(e, value))
}

fn with_remedy(e: String, value: &str) -> String {
    if e.contains("not an absolute path") && value.starts_with('%') {
        format!("{e} once its specifiers are expanded; start it with `/` or a directory specifier such as `%t`")
    } else if e.contains("not an absolute path") {
        format!("{e}; start it with `/`")
    } else {
        e
    }
}

pub(crate) fn path_list(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let words = c::words(value, b"", flags::UNQUOTE)
        .map_err(|_| format!("`{value}` has an unbalanced quote or a stray `\\`"))?;
    for w in words {
        let p = spec::expand(cx, &w, Table::Full)?;
        c::path_check(&p, true).map_err(|e| with_remedy(e, &w))?;
    }
    Ok(())
}

/// `unit_name_is_valid` with plain names and instances allowed (templates refused).
pub fn unit_name(name: &str) -> Result<(), String> {
    let Some((stem, suffix)) = name.rsplit_once('.') else {
        return Err(format!(
            "`{name}` is not a unit name; add a suffix such as `.service`"
        ));
    };
    crate::value::unit_name(name)?;
    if stem.is_empty() {
        return Err(format!("unit name `{name}` has an empty prefix"));
    }
    if let Some((_, instance)) = stem.split_once('@') {
        if instance.is_empty() {
            return Err(format!(
                "`{name}` is a template; name an instance such as `{}@instance.{suffix}`",
                stem.trim_end_matches('@')
            ));
        }
    }
    Ok(())
}

pub(crate) fn unit_list(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let words = c::words(value, b"", flags::RETAIN_ESCAPE)
        .map_err(|_| format!("`{value}` has a stray `\\`"))?;
    for w in words {
        let name = spec::expand(cx, &w, Table::Name)?;
        // systemd takes a template here too (it names the template unit itself).
        crate::value::unit_name(&name).map_err(|e| {
            if name == w {
                e
            } else {
                format!("`{w}` expands to `{name}`: {e}")
            }
        })?;
    }
    Ok(())
}

fn documentation_url(url: &str) -> bool {
    let rest = ["http://", "https://", "file:/", "info:", "man:"]
        .iter()
        .find_map(|p| url.strip_prefix(p));
    rest.is_some_and(|r| !r.is_empty() && r.is_ascii())
}

pub(crate) fn documentation(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let expanded = spec::expand(cx, value, Table::Full)?;
    let words = c::words(&expanded, b"", flags::UNQUOTE)
        .map_err(|_| format!("`{value}` has an unbalanced quote or a stray `\\`"))?;
    for w in words {
        if !documentation_url(&w) {
            return Err(format!(
                "`{w}` is not a documentation URI; use `http://`, `https://`, `file:/`, `info:` or `man:`"
            ));
        }
    }
    Ok(())
}

fn strip_condition_prefix(value: &str, skip_space: bool) -> &str {
    let mut v = value;
    for mark in ['|', '!'] {
        if let Some(rest) = v.strip_prefix(mark) {
            v = if skip_space {
                rest.trim_start_matches([' ', '\t', '\n', '\r'])
            } else {
                rest
            };
        }
    }
    v
}

pub(crate) fn condition_path(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let rest = strip_condition_prefix(value, false);
    let p = spec::expand(cx, rest, Table::Full)?;
    c::path_check(&p, true).map_err(|e| with_remedy(e, rest))
}

pub(crate) fn condition_string(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    spec::expand(cx, strip_condition_prefix(value, true), Table::Full).map(drop)
}

const EMERGENCY_ACTIONS: &[&str] = &[
    "none",
    "reboot",
    "reboot-force",
    "reboot-immediate",
    "poweroff",
    "poweroff-force",
    "poweroff-immediate",
    "exit",
    "exit-force",
];

pub(crate) fn emergency_action(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let mut known: Vec<&str> = EMERGENCY_ACTIONS.to_vec();
    if cx.version >= 254 {
        known.extend(["soft-reboot", "soft-reboot-force"]);
    }
    if cx.version >= 256 {
        known.extend([
            "kexec",
            "kexec-force",
            "halt",
            "halt-force",
            "halt-immediate",
        ]);
    }
    one_of(cx, value, &known)
}

/// Checks that `value` is one of `words`, with a suggestion.
pub fn one_of(cx: &Cx<'_>, value: &str, words: &[&str]) -> Result<(), String> {
    if words.contains(&value) {
        return Ok(());
    }
    let mut list = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            list.push_str(", ");
        }
        list.push_str(&format!("`{w}`"));
    }
    let hint = crate::suggest::closest_in(value, words)
        .map(|s| format!("did you mean `{s}`? "))
        .unwrap_or_default();
    let what = if value.is_empty() {
        "an empty value".to_owned()
    } else {
        format!("`{value}`")
    };
    Err(format!(
        "{what} is not a valid `{}=`; {hint}expected one of {list}",
        cx.key
    ))
}

pub(crate) fn reboot_parameter(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let k = spec::expand(cx, value, Table::Full)?;
    if k.len() > 255 || !k.is_ascii() {
        return Err(format!(
            "`{value}` is not a valid reboot parameter; use at most 255 ASCII characters"
        ));
    }
    Ok(())
}

pub(crate) fn slice(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if cx.unit.ends_with(".slice") {
        // `unit_set_slice()` refuses, and the line is ignored with a warning.
        return Err(format!(
            "a slice's parent follows from its name, so systemd ignores `Slice=` in `{}`; remove it, or name the slice `<parent>-<name>.slice`",
            cx.unit
        ));
    }
    let name = spec::expand(cx, value, Table::Name)?;
    unit_name(&name)?;
    if !name.ends_with(".slice") {
        return Err(format!(
            "`{name}` is not a slice; name a `.slice` unit such as `system.slice`"
        ));
    }
    Ok(())
}

pub(crate) fn trigger(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let name = spec::expand(cx, value, Table::Name)?;
    crate::value::unit_name(&name)?;
    if name == cx.unit {
        return Err(format!(
            "`{name}` cannot trigger itself; name the unit it should activate"
        ));
    }
    Ok(())
}

/// The `[Install]` directives, which the unit-file table leaves to `systemctl` (parser `NULL`):
/// `DefaultInstance=` an instance name, the others unit names.
pub(crate) fn install(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if cx.key == "DefaultInstance" {
        let v = spec::expand(cx, value, Table::Name)?;
        // An empty value clears the default instance (`config_parse_default_instance()`).
        if v.is_empty() {
            return Ok(());
        }
        if v.contains(|c: char| !(c.is_ascii_alphanumeric() || ":-_.\\@".contains(c))) {
            return Err(format!(
                "`{value}` is not a valid instance name; use letters, digits and `:-_.\\`"
            ));
        }
        return Ok(());
    }
    unit_list(cx, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(unit: &str) -> Cx<'_> {
        Cx::test(unit)
    }

    fn check(parser: &str, cx: &Cx<'_>, value: &str) -> Verdict {
        super::super::registry::get(parser).and_then(|p| p.check(cx, value))
    }

    fn ok(parser: &str, value: &str) -> bool {
        check(parser, &cx("a.service"), value).unwrap().is_ok()
    }

    #[test]
    fn systemd_rejects_these() {
        for (p, v) in [
            ("bool", ""),
            ("bool", "yess"),
            ("sec", "5 parsecs"),
            ("sec", "585000y"),
            ("sec", ""),
            ("unsigned", "4294967296"),
            ("unsigned", "-1"),
            ("unit_path_printf", "%n"),
            ("unit_path_printf", "relative/path"),
            ("signal", "SIGIOT"),
            ("signal", "65"),
            ("mode", "+0644"),
            ("mode", "10000"),
            ("unit_deps", "foo"),
            ("documentation", "libvirt.org"),
            ("unit_string_printf", "%z"),
            ("unit_slice", "foo.service"),
        ] {
            assert!(!ok(p, v), "{p} accepted {v:?}");
        }
    }

    #[test]
    fn systemd_accepts_these() {
        for (p, v) in [
            ("bool", "on"),
            ("tristate", ""),
            ("sec", "5min 20s"),
            ("sec", "infinity"),
            ("sec_def_infinity", ""),
            ("unsigned", "0x10"),
            ("unit_path_printf", "%t/x"),
            ("unit_path_printf", ""),
            ("unit_string_printf", "100%"),
            ("unit_string_printf", "%q"),
            ("signal", "SIGRTMIN+3"),
            ("signal", "9"),
            ("mode", "0644"),
            ("unit_deps", "a.service b.target"),
            ("unit_deps", ""),
            ("unit_deps", "%n"),
            ("documentation", "man:foo(8) https://x/"),
            ("unit_condition_path", "|!/proc/xen"),
            ("unit_condition_string", "20%/5min"),
            ("iec_size", "64M"),
        ] {
            assert!(
                ok(p, v),
                "{p} refused {v:?}: {:?}",
                check(p, &cx("a.service"), v)
            );
        }
    }
}
