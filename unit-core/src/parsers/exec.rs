//! systemd's parsers of the execution environment: command lines, environment, users and
//! groups, sandboxing paths, resource limits, capabilities, standard input and output, state
//! directories, system call filters, credentials, logging and scheduling.

use super::c::{self, flags};
use super::spec::{self, Table};
use super::{basic, Cx};

pub(super) mod images;
pub(super) mod io;
pub(super) mod process;
pub(super) mod sandbox;
pub(super) mod seccomp;
#[cfg(test)]
mod tests;

use io::*;
use sandbox::*;
use seccomp::*;

/// A `Cx`-free description of what went wrong while splitting words.
pub(super) fn syntax(value: &str) -> String {
    format!("`{value}` has an unbalanced quote or an invalid `\\` escape; close the quote or write `\\\\` for a backslash")
}

/// Every word of `value`, as a loop over `extract_first_word` that refuses bad syntax.
pub(super) fn split(value: &str, fl: u16) -> Result<Vec<String>, String> {
    c::words(value, b"", fl).map_err(|_| syntax(value))
}

/// `extract_first_word_and_warn`. It keeps an invalid escape sequence verbatim, with a note
/// ("Ignoring unknown escape sequences"), and takes the word; an unbalanced quote is refused.
pub(super) fn next_word_warn(
    p: &mut Option<&[u8]>,
    fl: u16,
    key: &str,
) -> Result<Option<String>, String> {
    let save = *p;
    match c::extract_first_word(p, b"", fl) {
        Ok(w) => Ok(w.map(|w| String::from_utf8_lossy(&w).into_owned())),
        Err(_) => {
            *p = save;
            match c::extract_first_word(p, b"", fl | flags::UNESCAPE_RELAX) {
                Ok(w) => Ok(w.map(|w| String::from_utf8_lossy(&w).into_owned())),
                Err(_) => Err(format!("`{key}=` has an unbalanced quote; close it")),
            }
        }
    }
}

/// A path after `unit_path_printf`, judged as `path_simplify_and_warn(PATH_CHECK_ABSOLUTE)`.
pub(super) fn abs_path(cx: &Cx<'_>, raw: &str) -> Result<(), String> {
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
pub(super) fn rel_path(p: &str) -> Result<(), String> {
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
pub(super) fn path_is_valid(p: &str) -> bool {
    !p.is_empty() && p.len() < 4096 && p.split('/').all(|c| c.len() <= 255)
}

/// `path_is_normalized`: valid, no `..` component, no `.` component and no `//`.
pub(super) fn path_is_normalized(p: &str) -> bool {
    let dotted = p == "." || p.starts_with("./") || p.ends_with("/.") || p.contains("/./");
    path_is_valid(p) && !p.split('/').any(|c| c == "..") && !dotted && !p.contains("//")
}

/// `filename_is_valid`: one component, not `.` or `..`.
pub(super) fn filename_is_valid(p: &str) -> bool {
    !p.is_empty() && p != "." && p != ".." && !p.contains('/') && p.len() <= 255
}

/// `string_is_safe`: no control characters, quotes or backslashes.
pub(super) fn string_is_safe(p: &str) -> bool {
    !p.bytes()
        .any(|b| b < b' ' || b == 0x7f || b == b'"' || b == b'\'' || b == b'\\')
}

pub(crate) fn exec(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    exec_commands(cx, value).map(|_| ())
}

/// How many command lines a valid `Exec*=` value holds: a lone `;` separates them, as
/// systemd 252's `config_parse_exec` reads it (`/bin/a ; /bin/b` is two). 0 for a reset.
pub fn commands(cx: &Cx<'_>, value: &str) -> usize {
    exec_commands(cx, value).unwrap_or(1)
}

fn exec_commands(cx: &Cx<'_>, value: &str) -> Result<usize, String> {
    let mut count = 0;
    if value.is_empty() {
        return Ok(count);
    }
    let key = cx.key;
    let mut p = Some(value.as_bytes());
    loop {
        let Some(first) = next_word_warn(&mut p, flags::UNQUOTE | flags::CUNESCAPE, key)? else {
            return Ok(count);
        };
        if first == ";" {
            continue;
        }
        count += 1;
        let (prefix_len, argv0, shell) = exec_prefixes(cx, &first)?;
        let f = &first[prefix_len..];
        let mut args = 0usize;
        if shell {
            args += 1;
        } else {
            let path = spec::expand(cx, f, Table::Full)?;
            let prefix = &first[..prefix_len];
            if path.is_empty() && prefix.is_empty() {
                return Err(format!(
                    "`{key}=` has no command once `{f}` is expanded (an instance specifier is empty outside a template unit); write an absolute path or an executable name"
                ));
            }
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
            return Ok(count);
        }
    }
}

/// The command prefixes of `first` as this release reads them: how many bytes they take,
/// whether `@` was given, and whether `|` was (258 and later: run through the user's shell).
/// From 258 on, `!!` is only noted as ignored; that notice names the line, so it is refused.
pub(super) fn exec_prefixes(cx: &Cx<'_>, first: &str) -> Result<(usize, bool, bool), String> {
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
    if ambient && cx.version >= 258 {
        return Err(
            "the `!!` prefix is ignored since systemd 258; remove it (ambient capabilities are always used)"
                .into(),
        );
    }
    Ok((n, argv0, shell))
}

/// `env_name_is_valid`.
pub(super) fn env_name(n: &str) -> bool {
    !n.is_empty()
        && !n.starts_with(|c: char| c.is_ascii_digit())
        && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `env_assignment_is_valid`.
pub(super) fn env_assignment(a: &str) -> bool {
    a.split_once('=').is_some_and(|(n, _)| env_name(n))
}

pub(crate) fn environ(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let mut p = Some(value.as_bytes());
    while let Some(raw) = c::extract_first_word(&mut p, b"", flags::CUNESCAPE | flags::UNQUOTE)
        .map_err(|_| syntax(value))?
    {
        let Ok(w) = String::from_utf8(raw) else {
            return Err(format!(
                "`{value}` escapes bytes that are not UTF-8; environment values must be UTF-8"
            ));
        };
        let a = spec::expand(cx, &w, Table::Full)?;
        if !env_assignment(&a) {
            return Err(format!(
                "`{a}` is not an environment assignment; write `NAME=value` with a name of letters, digits and `_`, and quote assignments that contain spaces"
            ));
        }
    }
    Ok(())
}

pub(crate) fn env_file(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let n = spec::expand(cx, value, Table::Full)?;
    let path = n.strip_prefix('-').unwrap_or(&n);
    c::path_check(path, true)
        .map_err(|e| format!("{e}; name an absolute file, with `-` before it if it may be missing"))
}

pub(crate) fn pass_environ(cx: &Cx<'_>, value: &str) -> Result<(), String> {
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

pub(crate) fn unset_environ(cx: &Cx<'_>, value: &str) -> Result<(), String> {
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

pub(crate) fn working_directory(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let rest = value.strip_prefix('-').unwrap_or(value);
    if value.is_empty() || rest == "~" {
        return Ok(());
    }
    abs_path(cx, rest).map_err(|e| format!("{e}, or write `~` for the user's home directory"))
}

/// `parse_uid`: a decimal number without sign, leading zero or white space, that is a valid
/// user ID (not 65535 or 4294967295).
pub(super) fn parse_uid(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_digit())
        && (s == "0" || !s.starts_with('0'))
        && s.parse::<u32>().is_ok_and(|u| u != 0xFFFF && u != u32::MAX)
}

/// `valid_user_group_name` with `VALID_USER_ALLOW_NUMERIC|VALID_USER_RELAX`, the same in every
/// release.
pub(super) fn user_name_ok(u: &str) -> bool {
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

pub(super) fn user_error(k: &str) -> String {
    format!(
        "`{k}` is not a valid user or group name or numeric ID; names may not contain `:`, `/`, control characters or surrounding spaces, and IDs must be decimal below 4294967295 other than 65535"
    )
}

pub(crate) fn user_group(cx: &Cx<'_>, value: &str) -> Result<(), String> {
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

pub(crate) fn user_groups(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, 0)? {
        let k = spec::expand(cx, &w, Table::Full)?;
        if !user_name_ok(&k) {
            return Err(user_error(&k));
        }
    }
    Ok(())
}

pub(crate) fn namespace_paths(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, flags::UNQUOTE)? {
        let rest = w.strip_prefix('-').unwrap_or(&w);
        let rest = rest.strip_prefix('+').unwrap_or(rest);
        abs_path(cx, rest)?;
    }
    Ok(())
}
