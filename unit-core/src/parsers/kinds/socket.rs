//! `config_parse_socket_listen` and the address parsers it calls (`socket_address_parse`,
//! `socket_address_parse_netlink`, `in_addr_port_ifindex_name_from_string_auto`).

use super::super::c::{self, flags};
use super::super::spec::{self, Table};
use super::super::Cx;

const NETLINK_FAMILIES: &[&str] = &[
    "route",
    "firewall",
    "inet-diag",
    "nflog",
    "xfrm",
    "selinux",
    "iscsi",
    "audit",
    "fib-lookup",
    "connector",
    "netfilter",
    "ip6-fw",
    "dnrtmsg",
    "kobject-uevent",
    "generic",
    "scsitransport",
    "ecryptfs",
    "rdma",
];

/// `ListenStream=` & co: paths for FIFOs and the like, a netlink family, or a socket address.
pub fn listen(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let k = spec::expand(cx, value, Table::Full)?;
    listen_expanded(cx, &k).map_err(|e| super::expanded(value, &k, e))
}

fn listen_expanded(cx: &Cx<'_>, k: &str) -> Result<(), String> {
    let key = cx.key;
    if cx.ltype != "SOCKET_SOCKET" {
        c::path_check(k, true).map_err(|e| {
            if e.contains("not an absolute path") {
                format!("{e}; `{key}=` takes an absolute path")
            } else {
                e
            }
        })?;
        let simple = c::simplify(k);
        let api = ["/dev", "/sys", "/proc"]
            .iter()
            .any(|d| simple == *d || simple.starts_with(&format!("{d}/")));
        if cx.version >= 257 && cx.ltype != "SOCKET_SPECIAL" && api {
            return Err(format!(
                "`{k}` is below an API file system (`/dev`, `/sys`, `/proc`), which `{key}=` refuses from systemd 257 on; use a path elsewhere"
            ));
        }
        return Ok(());
    }
    if key == "ListenNetlink" {
        return netlink(k).map_err(|e| {
            format!("{e}; `ListenNetlink=` takes a family such as `kobject-uevent` and an optional group number")
        });
    }
    let unix = address(k, cx.version)?;
    if key == "ListenSequentialPacket" && !unix {
        return Err(format!(
            "`{k}` is not a unix socket, and `ListenSequentialPacket=` supports only those; use a path or `@name`"
        ));
    }
    Ok(())
}

fn netlink(k: &str) -> Result<(), String> {
    let mut p = Some(k.as_bytes());
    let word = c::extract_first_word(&mut p, b"", 0)
        .map_err(|_| format!("`{k}` has a stray `\\`"))?
        .ok_or_else(|| "an empty netlink address".to_owned())?;
    let word = String::from_utf8_lossy(&word);
    let known = NETLINK_FAMILIES.contains(&word.as_ref())
        || c::unsigned(&word, 0, u64::from(i32::MAX as u32)).is_ok();
    if !known {
        let hint = crate::suggest::closest_in(&word, NETLINK_FAMILIES)
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        return Err(format!("`{word}` is not a netlink family{hint}"));
    }
    let rest = p.map(String::from_utf8_lossy).unwrap_or_default();
    if !rest.is_empty() && c::unsigned(&rest, 0, u64::from(u32::MAX)).is_err() {
        return Err(format!("netlink group `{rest}` is not a number"));
    }
    Ok(())
}

/// `socket_address_parse`: `Ok(true)` for a unix socket, `Ok(false)` for another family.
fn address(s: &str, version: u16) -> Result<bool, String> {
    if s.starts_with(['/', '@']) {
        if s.len() < 2 {
            return Err(format!(
                "`{s}` is not a socket path; name a file such as `/run/foo.sock` or `@name`"
            ));
        }
        if s.len() + 1 > 108 {
            return Err(format!(
                "socket path `{s}` is {} bytes long, more than a unix socket address holds; use at most 107",
                s.len()
            ));
        }
        return Ok(true);
    }
    if version < 257
        && ["vsock-dgram:", "vsock-seqpacket:", "vsock-stream:"]
            .iter()
            .any(|p| s.starts_with(p))
    {
        return Err(format!(
            "`{s}` needs systemd 257 for its typed vsock prefix; write `vsock:cid:port`"
        ));
    }
    let vsock = if version >= 257 {
        [
            "vsock:",
            "vsock-dgram:",
            "vsock-seqpacket:",
            "vsock-stream:",
        ]
        .as_slice()
    } else {
        ["vsock:"].as_slice()
    };
    if let Some(rest) = vsock.iter().find_map(|p| s.strip_prefix(p)) {
        return vsock_address(s, rest, version).map(|()| false);
    }
    let bad = || {
        format!(
            "`{s}` is not a socket address; use a path, `@name`, a port (1 to 65535), `ip:port`, `[ipv6]:port` or `vsock:cid:port`"
        )
    };
    let port = |p: &str| {
        !p.starts_with([' ', '\t', '\n', '\r'])
            && c::unsigned(p, 0, u64::from(u16::MAX)).is_ok_and(|n| n > 0)
    };
    if port(s) {
        return Ok(false);
    }
    let out_of_range = |p: &str| {
        matches!(
            c::unsigned(p, 0, u64::from(u16::MAX)),
            Err("out of range") | Ok(0)
        )
        .then(|| {
            let whole = if p == s {
                String::new()
            } else {
                format!(" of `{s}`")
            };
            format!("port `{p}`{whole} is out of range; use 1 to 65535")
        })
    };
    if let Some(e) = out_of_range(s) {
        return Err(e);
    }
    if s.contains('#') {
        return Err(bad());
    }
    let mut s2 = s;
    if let Some((head, ifname)) = s.split_once('%') {
        if !ifname_valid(ifname, true, version) {
            return Err(format!(
                "`{ifname}` after `%` in `{s}` is not a network interface name; use one such as `eth0` (written `%%eth0` in a unit file)"
            ));
        }
        s2 = head;
    }
    let Some((head, p)) = s2.rsplit_once(':') else {
        // An IPv4 address without a port: "no port, no go".
        return Err(bad());
    };
    if let Some(inner) = s2.strip_prefix('[') {
        let ip = inner
            .get(..head.len() - 1)
            .and_then(|i| i.strip_suffix(']'))
            .ok_or_else(bad)?;
        if ip.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(format!("`{ip}` in `{s}` is not an IPv6 address"));
        }
        if !port(p) {
            return Err(out_of_range(p).unwrap_or_else(bad));
        }
        return Ok(false);
    }
    if s2.parse::<std::net::Ipv6Addr>().is_ok() {
        return Err(format!(
            "`{s}` has no port; write an IPv6 address with a port as `[{s2}]:port`"
        ));
    }
    if !inet_pton4(head) || !port(p) {
        return Err(out_of_range(p)
            .filter(|_| inet_pton4(head))
            .unwrap_or_else(bad));
    }
    Ok(false)
}

fn vsock_address(s: &str, rest: &str, version: u16) -> Result<(), String> {
    let bad =
        || format!("`{s}` is not a vsock address; write `vsock:cid:port`, e.g. `vsock:2:1234`");
    let (cid, port) = rest.split_once(':').ok_or_else(bad)?;
    let port = c::unsigned(port, 0, u64::from(u32::MAX)).map_err(|_| bad())?;
    if version >= 257 && port == u64::from(u32::MAX) {
        return Err(bad());
    }
    let named = ["hypervisor", "local", "host"].contains(&cid);
    if named && version < 257 {
        return Err(format!(
            "the vsock CID name `{cid}` in `{s}` needs systemd 257; use its number (`hypervisor` 0, `local` 1, `host` 2)"
        ));
    }
    if !cid.is_empty() && !named && c::unsigned(cid, 0, u64::from(u32::MAX)).is_err() {
        return Err(bad());
    }
    Ok(())
}

/// glibc's `inet_pton(AF_INET)`: four decimal octets, no leading zeros.
fn inet_pton4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// `ifname_valid_full`, with `IFNAME_VALID_ALTERNATIVE | IFNAME_VALID_NUMERIC` when
/// `relaxed`, else with no flags. Before 252 the names `all` and `default`, `%`, and numbers
/// that are not interface indexes (`0x5`) were allowed.
pub fn ifname_valid(p: &str, relaxed: bool, version: u16) -> bool {
    if p.is_empty() {
        return false;
    }
    let index = c::signed(p, 0, 1, i64::from(i32::MAX)).is_ok();
    if version >= 252 && index {
        return relaxed;
    }
    if p.len() >= if relaxed { 128 } else { 16 } || p == "." || p == ".." {
        return false;
    }
    if version >= 252 && (p == "all" || p == "default") {
        return false;
    }
    let forbidden: &[u8] = if version >= 252 { b":/%" } else { b":/" };
    if !p
        .bytes()
        .all(|b| (33..127).contains(&b) && !forbidden.contains(&b))
    {
        return false;
    }
    if p.bytes().all(|b| b.is_ascii_digit()) {
        return version < 252 && relaxed && index;
    }
    true
}

/// `Sockets=`: socket unit names; a template takes the service's instance (or its name).
pub fn service_sockets(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let words = c::words(value, b"", 0).map_err(|_| format!("`{value}` has a stray `\\`"))?;
    for w in words {
        let k = spec::expand(cx, &w, Table::Name)?;
        if !k.ends_with(".socket") {
            return Err(super::expanded(
                &w,
                &k,
                format!("`{k}` is not a socket unit; name one such as `foo.socket`"),
            ));
        }
        crate::value::unit_name(&k).map_err(|e| super::expanded(&w, &k, e))?;
    }
    Ok(())
}

/// `fdname_is_valid`: printable ASCII but `:`, at most 255 characters (empty allowed).
pub fn fdname_valid(p: &str) -> bool {
    p.len() <= 255 && p.bytes().all(|b| (32..127).contains(&b) && b != b':')
}

/// `Service=` of a socket: a `.service` unit, not a template.
pub fn service(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let k = spec::expand(cx, value, Table::Name)?;
    if !k.ends_with(".service") {
        let what = if k.is_empty() {
            "an empty value".to_owned()
        } else {
            format!("`{k}`")
        };
        return Err(super::expanded(
            value,
            &k,
            format!("{what} is not a service unit; name one such as `foo.service`"),
        ));
    }
    super::super::basic::unit_name(&k).map_err(|e| super::expanded(value, &k, e))
}

/// `words` with `flags` used by `OpenFile=` (the colon-separated fields).
pub fn colon_fields(value: &str) -> Option<Vec<String>> {
    let mut p = Some(value.as_bytes());
    let mut out = Vec::new();
    for _ in 0..3 {
        match c::extract_first_word(
            &mut p,
            b":",
            flags::DONT_COALESCE_SEPARATORS | flags::CUNESCAPE,
        ) {
            Ok(Some(w)) => out.push(String::from_utf8(w).ok()?),
            Ok(None) => break,
            Err(_) => return None,
        }
    }
    if p.is_some_and(|rest| !rest.is_empty()) {
        return None;
    }
    Some(out)
}
