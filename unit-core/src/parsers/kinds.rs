//! systemd's parsers for the settings of each unit type: sockets, services, timers, paths,
//! swaps and mounts (the ones that are not plain enum lookups).
//!
//! - sockets: `socket_listen` (addresses, netlink families, FIFO and other paths),
//!   `socket_bindtodevice`, `socket_protocol`, `socket_service`, `socket_timestamping`,
//!   `socket_bind` (an enum that also takes booleans), `socket_defer_trigger`, `fdname`,
//!   `ip_tos`, `xattr`, `iec_size_long`
//! - services: `service_sockets`, `service_timeout`, `service_timeout_abort`, `kill_mode`,
//!   `pid_file`, `open_file`, `service_refresh_on_reload`, `luo_sessions`
//! - timers, paths, swaps, mounts: `timer` (time spans and calendar specs), `path_spec`,
//!   `swap_priority`, `mount_node`
//!
//! A warning that keeps the value (`KillMode=none`, a `/var/run/` path moved to `/run/`) is an
//! acceptance. What depends on the machine systemd runs on is judged without it: an interface
//! named after `%` in a socket address is accepted if its name is valid (systemd also needs it
//! to exist), IPv6 is taken to be available, and calendar specs see the zones of
//! tzdata's (listed in `kinds/tz.rs`) with `UTC` as the local zone.

mod calendar;
pub(super) mod socket;
mod tz;

use super::basic::one_of;
use super::c;
use super::spec::{self, Table};
use super::Cx;

/// `message`, prefixed with what `value` expanded to when specifiers changed it.
fn expanded(value: &str, k: &str, message: String) -> String {
    if value == k {
        message
    } else {
        format!("`{value}` expands to `{k}`: {message}")
    }
}

pub(crate) fn bind_to_device(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() || value == "*" {
        return Ok(());
    }
    // Specifiers are expanded from systemd 258 on.
    let name = if cx.version >= 258 {
        spec::expand(cx, value, Table::Full)?
    } else {
        value.to_owned()
    };
    if socket::ifname_valid(&name, false, cx.version) {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a network interface name; use one such as `eth0` (at most 15 characters, no `/`, `:` or `%`), or `*` for none"
        ))
    }
}

pub(crate) fn socket_protocol(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let mut known = vec![("udplite", 136), ("sctp", 132)];
    if cx.version >= 257 {
        known.push(("mptcp", 262));
    }
    let lower = value.to_ascii_lowercase();
    let number = c::signed(value, 0, i64::from(i32::MIN), i64::from(i32::MAX)).ok();
    if known
        .iter()
        .any(|(name, nr)| lower == *name || number == Some(*nr))
    {
        return Ok(());
    }
    let mut names = Vec::new();
    for (name, _) in &known {
        names.push(*name);
    }
    one_of(cx, value, &names)
}

pub(crate) fn timestamping(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    // The Greek small letter mu came in 252, beside the micro sign.
    let greek_mu = cx.version >= 252 && value == "μs";
    let aliases = ["off", "us", "ns", "nsec", "usec", "µs"];
    if greek_mu || aliases.contains(&value) || c::parse_boolean(value).is_some() {
        return Ok(());
    }
    let words = super::basic::table_words("socket_timestamping", cx.version).unwrap_or_default();
    one_of(cx, value, &words).map_err(|e| format!("{e}, or a boolean"))
}

pub(crate) fn fdname(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let name = spec::expand(cx, value, Table::Full)?;
    if socket::fdname_valid(&name) {
        Ok(())
    } else {
        Err(expanded(
            value,
            &name,
            format!("`{name}` is not a file descriptor name; use at most 255 printable ASCII characters without `:`"),
        ))
    }
}

/// `TimeoutSec=`, `TimeoutStartSec=` (`parse_sec_fix_0`: `0` means no timeout) and
/// `TimeoutAbortSec=` (`parse_sec`; empty means unset).
pub(crate) fn timeout(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    match c::parse_sec(value) {
        Ok(_) => Ok(()),
        Err(_) if value.is_empty() => Err(format!(
            "an empty value is not a time span for `{}=`; write one such as `90s`, or `infinity` (or `0`) for none",
            cx.key
        )),
        Err("out of range") => Err(format!(
            "time span `{value}` is out of systemd's range; use a smaller one or `infinity`"
        )),
        Err(_) => Err(format!(
            "`{value}` is not a time span; use a number with a unit such as `90s` or `5min`, or `infinity`"
        )),
    }
}

/// `config_parse_service_timeout_abort`: as [`timeout`], and empty resets.
pub(crate) fn timeout_abort(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    timeout(cx, value)
}

pub(crate) fn timer(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let k = spec::expand(cx, value, Table::Full)?;
    timer_expanded(cx, &k).map_err(|e| expanded(value, &k, e))
}

fn timer_expanded(cx: &Cx<'_>, k: &str) -> Result<(), String> {
    if cx.ltype == "TIMER_CALENDAR" {
        if calendar::valid(k, cx.version) {
            return Ok(());
        }
        return Err(format!(
            "`{k}` is not a calendar spec; write one such as `daily`, `Mon..Fri 08:00` or `*-*-* 04:00:00` (check it with `systemd-analyze calendar`)"
        ));
    }
    match c::parse_sec(k) {
        Ok(_) => Ok(()),
        Err("out of range") => Err(format!(
            "time span `{k}` is out of systemd's range; use a smaller one"
        )),
        Err(_) => Err(format!(
            "`{k}` is not a time span; use a number with a unit such as `15min` or `1h 30min`"
        )),
    }
}

pub(crate) fn path_spec(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let k = spec::expand(cx, value, Table::Full)?;
    c::path_check(&k, true).map_err(|e| {
        let e = if e.contains("not an absolute path") {
            format!("{e}; `{}=` watches an absolute path", cx.key)
        } else {
            e
        };
        expanded(value, &k, e)
    })
}

const OPEN_FILE_FLAGS: [&str; 4] = ["read-only", "append", "truncate", "graceful"];

/// `OpenFile=path[:fdname[:options]]` (`open_file_parse`), without specifiers.
pub(crate) fn open_file(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let bad = |why: &str| format!("`{value}` is not a valid `{}=`: {why}", cx.key);
    let fields = socket::colon_fields(value)
        .ok_or_else(|| bad("write `path[:fdname[:options]]` with at most two `:`"))?;
    let path = fields.first().map(String::as_str).unwrap_or_default();
    let mut seen = Vec::new();
    if let Some(options) = fields.get(2) {
        let words = c::words(options, b",", 0).map_err(|_| bad("an option has a stray `\\`"))?;
        for w in words {
            if !OPEN_FILE_FLAGS.contains(&w.as_str()) {
                return Err(bad(&format!(
                    "unknown option `{w}`; use `read-only`, `append`, `truncate` or `graceful`"
                )));
            }
            if seen.contains(&w) {
                return Err(bad(&format!("option `{w}` is given twice")));
            }
            seen.push(w);
        }
    }
    if !c::path_is_absolute(path) || path.len() >= 4096 || path.split('/').any(|c| c.len() > 255) {
        return Err(bad("the path must be absolute, shorter than 4096 bytes"));
    }
    let fdname = match fields.get(1).filter(|f| !f.is_empty()) {
        Some(f) => f.clone(),
        None => {
            let last = path.split('/').rfind(|c| !c.is_empty()).unwrap_or_default();
            if last.is_empty() || last == "." || last == ".." || last.len() > 255 {
                return Err(bad(
                    "the path names no file to take the descriptor name from",
                ));
            }
            last.to_owned()
        }
    };
    if !socket::fdname_valid(&fdname) {
        return Err(bad(&format!(
            "`{fdname}` is not a file descriptor name (printable ASCII without `:`)"
        )));
    }
    let modes = ["read-only", "append", "truncate"];
    if seen.iter().filter(|w| modes.contains(&w.as_str())).count() > 1 {
        return Err(bad("use only one of `read-only`, `append` and `truncate`"));
    }
    Ok(())
}

/// `RefreshOnReload=` (262): a boolean, or flags, the first optionally negated with `~`.
pub(crate) fn refresh_on_reload(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() || c::parse_boolean(value).is_some() {
        return Ok(());
    }
    let flags = value.strip_prefix('~').unwrap_or(value);
    let words = c::words(flags, b"", 0).map_err(|_| format!("`{value}` has a stray `\\`"))?;
    for w in words {
        if !["extensions", "credentials"].contains(&w.as_str()) {
            return one_of(cx, &w, &["extensions", "credentials"])
                .map_err(|e| format!("{e}, or a boolean"));
        }
    }
    Ok(())
}

/// `LUOSession=` (262): names valid as file descriptor names, without white space, quotes,
/// backslashes or glob characters, each once.
pub(crate) fn luo_sessions(_: &Cx<'_>, value: &str) -> Result<(), String> {
    let words = c::words(value, b"", 0).map_err(|_| format!("`{value}` has a stray `\\`"))?;
    for (i, w) in words.iter().enumerate() {
        let safe = !w.is_empty() && !w.bytes().any(|b| b"\\\"'*?[".contains(&b));
        if !socket::fdname_valid(w) || !safe {
            return Err(format!(
                "`{w}` is not a session name; use printable ASCII without `:`, quotes, `\\` or `*?[`"
            ));
        }
        if words[..i].contains(w) {
            return Err(format!("session name `{w}` is given twice"));
        }
    }
    Ok(())
}

/// `XAttrEntryPoint=` & co (262): `user.NAME=VALUE`, both with specifiers.
pub(crate) fn xattr(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let Some((name, v)) = value.split_once('=') else {
        return Err(format!(
            "`{value}` is not an extended attribute; write `user.NAME=VALUE`"
        ));
    };
    let n = spec::expand(cx, name, Table::Full)?;
    if !n.starts_with("user.") {
        return Err(expanded(
            name,
            &n,
            format!("extended attribute `{n}` does not begin with `user.`; only those can be set"),
        ));
    }
    spec::expand(cx, v, Table::Full).map(drop)
}

/// `config_parse_iec_size_long` (262's `MessageQueueMessageSize=`): a size up to `LONG_MAX`.
pub(crate) fn iec_size_long(_: &Cx<'_>, value: &str) -> Result<(), String> {
    match c::parse_size(value, 1024) {
        Ok(n) if n <= i64::MAX as u64 => Ok(()),
        Ok(_) | Err("out of range") => Err(format!(
            "size `{value}` is too large; use at most `8E` minus one byte"
        )),
        Err(_) => Err(format!(
            "`{value}` is not a size; use bytes with an optional `K`, `M`, `G`, `T`, `P` or `E` suffix"
        )),
    }
}

#[cfg(test)]
mod cases;
#[cfg(test)]
mod tests;
