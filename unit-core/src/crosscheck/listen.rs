//! No two sockets listen on one address unless they conflict, comparing what the kernel binds
//! rather than the text: a wildcard address takes its port on every address of its family,
//! `[::]` and a bare port take it on every IPv4 address too (Linux's default
//! `net.ipv6.bindv6only=0`), and file-system paths are compared after systemd's own
//! rewriting (specifiers, `/var/run/`, `.` and `//`). systemd sets `SO_REUSEADDR` on every
//! socket, which does not let two listening sockets share a port; `ReusePort=yes` on both does.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::model::{Diagnostic, Unit, UnitKind};
use crate::value::{socket_address, split_names, ListenAddress};

fn conflicts(a: &Unit, b: &Unit) -> bool {
    let names = |u: &Unit| -> Vec<String> {
        let mut out = Vec::new();
        for v in u.values("Unit", "Conflicts") {
            out.extend(split_names(v));
        }
        out
    };
    names(a).contains(&b.name) || names(b).contains(&a.name)
}

/// The addresses an IP socket takes its port on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    V4(Ipv4Addr),
    V6(Ipv6Addr),
    AnyV4,
    AnyV6,
    /// `[::]` or a bare port on a dual-stack socket.
    Any,
}

impl Scope {
    fn of(ip: IpAddr, v6only: bool) -> Scope {
        match ip {
            IpAddr::V4(a) if a.is_unspecified() => Scope::AnyV4,
            IpAddr::V4(a) => Scope::V4(a),
            IpAddr::V6(a) if a.is_unspecified() && v6only => Scope::AnyV6,
            IpAddr::V6(a) if a.is_unspecified() => Scope::Any,
            IpAddr::V6(a) => match a.to_ipv4_mapped() {
                Some(v4) if !v6only => Scope::V4(v4),
                _ => Scope::V6(a),
            },
        }
    }

    fn overlaps(self, other: Scope) -> bool {
        use Scope::*;
        match (self, other) {
            (Any, _) | (_, Any) => true,
            (AnyV4, AnyV4 | V4(_)) | (V4(_), AnyV4) => true,
            (AnyV6, AnyV6 | V6(_)) | (V6(_), AnyV6) => true,
            (V4(a), V4(b)) => a == b,
            (V6(a), V6(b)) => a == b,
            _ => false,
        }
    }

    /// Why an address of this scope takes more than itself, if it does.
    fn reach(self) -> Option<&'static str> {
        match self {
            Scope::Any => Some("every IPv4 and IPv6 address"),
            Scope::AnyV4 => Some("every IPv4 address"),
            Scope::AnyV6 => Some("every IPv6 address"),
            Scope::V4(_) | Scope::V6(_) => None,
        }
    }
}

/// What one `Listen*=` line binds.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Endpoint {
    /// A file-system node, by its normalised path.
    File(String),
    Abstract(String),
    Ip {
        scope: Scope,
    },
    Vsock,
}

/// The socket options that decide whether two binds of one port may coexist.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Options {
    reuse_port: bool,
    device: Option<String>,
}

impl Options {
    fn of(unit: &Unit) -> Options {
        Options {
            reuse_port: unit
                .value("Socket", "ReusePort")
                .is_some_and(|v| crate::value::boolean(v).unwrap_or(false)),
            device: unit
                .value("Socket", "BindToDevice")
                .filter(|v| !v.is_empty())
                .map(str::to_owned),
        }
    }

    fn may_share(&self, other: &Options) -> bool {
        let devices = matches!((&self.device, &other.device), (Some(a), Some(b)) if a != b);
        (self.reuse_port && other.reuse_port) || devices
    }
}

/// `value` with the specifiers of a system unit called `unit` expanded, or `None` when it
/// uses one whose value is not known before the unit is started.
fn expand(value: &str, unit: &str) -> Option<String> {
    let stem = unit.rsplit_once('.').map_or(unit, |(s, _)| s);
    let prefix = stem.split_once('@').map_or(stem, |(p, _)| p);
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '%' => out.push('%'),
            't' => out.push_str("/run"),
            'S' => out.push_str("/var/lib"),
            'C' => out.push_str("/var/cache"),
            'L' => out.push_str("/var/log"),
            'E' => out.push_str("/etc"),
            'T' => out.push_str("/tmp"),
            'V' => out.push_str("/var/tmp"),
            'n' => out.push_str(unit),
            'N' => out.push_str(stem),
            'p' => out.push_str(prefix),
            _ => return None,
        }
    }
    Some(out)
}

/// A path as the kernel sees it: `//` and `.` segments and a trailing `/` dropped, and
/// `/var/run/` rewritten to `/run/` as systemd does for socket paths.
fn normalise(path: &str) -> String {
    let parts = crate::parsers::c::components(path);
    let joined = format!("/{}", parts.join("/"));
    match joined.strip_prefix("/var/run/") {
        Some(rest) => format!("/run/{rest}"),
        None => joined,
    }
}

/// The bucket a line is compared within, and what it binds. File-system and abstract sockets
/// clash whatever their type; IP sockets by protocol and port.
fn endpoint(key: &str, value: &str, unit: &Unit) -> Option<((&'static str, String), Endpoint)> {
    let proto = match key {
        "ListenStream" => "tcp",
        "ListenDatagram" => "udp",
        "ListenSequentialPacket" => "seqpacket",
        "ListenFIFO" => "fifo",
        _ => return None,
    };
    let value = expand(value, &unit.name)?;
    if value.starts_with('/') {
        let path = normalise(&value);
        return Some((("path", path.clone()), Endpoint::File(path)));
    }
    if proto == "fifo" {
        return None;
    }
    let v6only = unit.value("Socket", "BindIPv6Only") == Some("ipv6-only");
    let ip = |port: u16, scope| Some(((proto, port.to_string()), Endpoint::Ip { scope }));
    match socket_address(&value).ok()? {
        ListenAddress::Path(_) => None,
        ListenAddress::Abstract(a) => Some((("abstract", a.clone()), Endpoint::Abstract(a))),
        ListenAddress::Port(port) => ip(port, Scope::of(Ipv6Addr::UNSPECIFIED.into(), v6only)),
        ListenAddress::Inet(a) => ip(a.port(), Scope::of(a.ip(), v6only)),
        ListenAddress::Vsock(cid, port) => {
            Some((("vsock", format!("{cid}:{port}")), Endpoint::Vsock))
        }
    }
}

fn overlaps(a: &Endpoint, b: &Endpoint) -> bool {
    match (a, b) {
        (Endpoint::Ip { scope: x }, Endpoint::Ip { scope: y }) => x.overlaps(*y),
        _ => a == b,
    }
}

/// One line already seen.
struct Bound<'a> {
    unit: &'a Unit,
    key: &'a str,
    value: &'a str,
    endpoint: Endpoint,
}

/// Why `value` (binding `mine`) takes what `earlier` (binding `theirs`) took, when the texts
/// differ.
fn why(value: &str, mine: &Endpoint, earlier: &str, theirs: &Endpoint) -> String {
    match (mine, theirs) {
        (Endpoint::File(path), _) => format!("both are the file `{path}`"),
        (Endpoint::Ip { scope: a }, Endpoint::Ip { scope: b }) => {
            let rank = |s: &Scope| match s {
                Scope::Any => 2,
                Scope::AnyV4 | Scope::AnyV6 => 1,
                Scope::V4(_) | Scope::V6(_) => 0,
            };
            let (wide, scope) = if rank(a) > rank(b) {
                (value, *a)
            } else {
                (earlier, *b)
            };
            match scope.reach() {
                Some(reach) if wide.chars().all(|c| c.is_ascii_digit()) => {
                    format!("a bare port `{wide}` takes the port on {reach}")
                }
                Some(reach) => format!("`{wide}` takes the port on {reach}"),
                None => "both are the same address".to_owned(),
            }
        }
        _ => "both are the same address".to_owned(),
    }
}

pub(super) fn check(units: &[Unit], out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(&'static str, String), Vec<Bound>> = HashMap::new();
    for unit in units.iter().filter(|u| u.kind() == Some(UnitKind::Socket)) {
        let options = Options::of(unit);
        for section in unit.sections.iter().filter(|s| s.name == "Socket") {
            for entry in &section.entries {
                let Some((bucket, endpoint)) = endpoint(&entry.key, &entry.value, unit) else {
                    continue;
                };
                let earlier = seen.entry(bucket).or_default();
                let clash = earlier.iter().find(|b| {
                    overlaps(&b.endpoint, &endpoint)
                        && (std::ptr::eq(b.unit, unit)
                            || !(conflicts(unit, b.unit)
                                || options.may_share(&Options::of(b.unit))))
                });
                // The same line twice in one unit is a repeated list value, which `validate`
                // reports.
                let repeat = clash.is_some_and(|b| {
                    std::ptr::eq(b.unit, unit) && b.key == entry.key && b.value == entry.value
                });
                if let Some(b) = clash.filter(|_| !repeat) {
                    let same_text = b.value == entry.value;
                    let reason = if same_text {
                        String::new()
                    } else {
                        format!(" ({})", why(&entry.value, &endpoint, b.value, &b.endpoint))
                    };
                    let message = if std::ptr::eq(b.unit, unit) {
                        format!(
                            "`{}` listens on `{}` and on `{}`, which bind the same address{reason}; the second bind fails, so remove one",
                            unit.name, b.value, entry.value
                        )
                    } else if same_text {
                        format!(
                            "`{}` listens on `{}` like `{}`; make them conflict (`Conflicts={}`) or listen elsewhere",
                            unit.name, entry.value, b.unit.name, b.unit.name
                        )
                    } else {
                        format!(
                            "`{}` listens on `{}`, which `{}` already binds with `{}`{reason}; make them conflict (`Conflicts={}`) or listen elsewhere",
                            unit.name, entry.value, b.unit.name, b.value, b.unit.name
                        )
                    };
                    out.push(Diagnostic::value(entry.origin, message));
                }
                earlier.push(Bound {
                    unit,
                    key: &entry.key,
                    value: &entry.value,
                    endpoint,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{messages, service, unit};
    use crate::model::{Entry, Origin, Unit};

    #[test]
    fn shared_listen_addresses_need_a_conflict() {
        let clash = [
            unit(
                "a.socket",
                &[
                    ("Socket", "ListenStream", "/run/x"),
                    ("Socket", "Service", "s.service"),
                ],
            ),
            unit(
                "b.socket",
                &[
                    ("Socket", "ListenStream", "/run/x"),
                    ("Socket", "Service", "s.service"),
                ],
            ),
            service("s.service", &[]),
        ];
        assert!(messages(&clash)[0].contains("listens on `/run/x` like `a.socket`"));
        let mut fine = clash.clone();
        fine[1]
            .section_mut("Unit", Origin(99))
            .entries
            .push(Entry::new("Conflicts", "a.socket", Origin(99)));
        assert!(messages(&fine).is_empty());
        let ports = [
            unit(
                "a.socket",
                &[
                    ("Socket", "ListenStream", "16509"),
                    ("Socket", "Service", "s.service"),
                ],
            ),
            unit(
                "b.socket",
                &[
                    ("Socket", "ListenStream", "0.0.0.0:16509"),
                    ("Socket", "Service", "s.service"),
                ],
            ),
            unit(
                "c.socket",
                &[
                    ("Socket", "ListenDatagram", "16509"),
                    ("Socket", "Service", "s.service"),
                ],
            ),
            service("s.service", &[]),
        ];
        let m = messages(&ports);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("`b.socket` listens"), "{m:?}");
    }

    type Lines<'a> = &'a [(&'a str, &'a str, &'a str)];

    fn clashes(lines: &[(&str, Lines)]) -> Vec<String> {
        let mut units: Vec<Unit> = lines
            .iter()
            .map(|(name, l)| {
                let mut all = vec![("Socket", "Service", "s.service")];
                all.extend_from_slice(l);
                unit(name, &all)
            })
            .collect();
        units.push(service("s.service", &[]));
        messages(&units)
    }

    fn pair(a: &str, b: &str) -> Vec<String> {
        clashes(&[
            ("a.socket", &[("Socket", "ListenStream", a)]),
            ("b.socket", &[("Socket", "ListenStream", b)]),
        ])
    }

    #[test]
    fn addresses_compare_by_what_the_kernel_binds() {
        for (a, b) in [
            ("0.0.0.0:8080", "127.0.0.1:8080"),
            ("127.0.0.1:8080", "0.0.0.0:8080"),
            ("[::]:8080", "0.0.0.0:8080"),
            ("[::]:8080", "10.0.0.1:8080"),
            ("8080", "[::1]:8080"),
            ("[::ffff:10.0.0.1]:8080", "10.0.0.1:8080"),
            ("/run/./x.sock", "/run/x.sock"),
            ("/run/x.sock", "/run/x.sock"),
            ("%t/x.sock", "/run/x.sock"),
            ("/var/run/x.sock", "/run/x.sock"),
            ("/run/%N.sock", "/run/a.sock"),
        ] {
            let m = pair(a, b);
            assert_eq!(m.len(), 1, "{a} {b}: {m:?}");
            assert!(
                m[0].starts_with(&format!("`b.socket` listens on `{b}`")),
                "{m:?}"
            );
        }
        for (a, b) in [
            ("127.0.0.1:8080", "127.0.0.2:8080"),
            ("0.0.0.0:8080", "[::1]:8080"),
            ("0.0.0.0:8080", "0.0.0.0:8081"),
            ("/run/x.sock", "/run/y.sock"),
            ("/run/%i.sock", "/run/%i.sock"),
            ("@x", "/x"),
        ] {
            assert_eq!(pair(a, b), Vec::<String>::new(), "{a} {b}");
        }
        let m = pair("0.0.0.0:8080", "127.0.0.1:8080");
        assert!(
            m[0].contains("`0.0.0.0:8080` takes the port on every IPv4 address"),
            "{m:?}"
        );
        let m = pair("8080", "127.0.0.1:8080");
        assert!(
            m[0].contains("a bare port `8080` takes the port on every IPv4 and IPv6 address"),
            "{m:?}"
        );
        let m = pair("%t/x.sock", "/run/x.sock");
        assert!(m[0].contains("both are the file `/run/x.sock`"), "{m:?}");
    }

    #[test]
    fn socket_options_that_allow_sharing() {
        let v6only = clashes(&[
            (
                "a.socket",
                &[
                    ("Socket", "ListenStream", "[::]:80"),
                    ("Socket", "BindIPv6Only", "ipv6-only"),
                ],
            ),
            ("b.socket", &[("Socket", "ListenStream", "0.0.0.0:80")]),
        ]);
        assert!(v6only.is_empty(), "{v6only:?}");
        let reuse = clashes(&[
            (
                "a.socket",
                &[
                    ("Socket", "ListenStream", "80"),
                    ("Socket", "ReusePort", "yes"),
                ],
            ),
            (
                "b.socket",
                &[
                    ("Socket", "ListenStream", "80"),
                    ("Socket", "ReusePort", "yes"),
                ],
            ),
        ]);
        assert!(reuse.is_empty(), "{reuse:?}");
        let one_reuses = clashes(&[
            (
                "a.socket",
                &[
                    ("Socket", "ListenStream", "80"),
                    ("Socket", "ReusePort", "yes"),
                ],
            ),
            ("b.socket", &[("Socket", "ListenStream", "80")]),
        ]);
        assert_eq!(one_reuses.len(), 1, "{one_reuses:?}");
        let devices = clashes(&[
            (
                "a.socket",
                &[
                    ("Socket", "ListenStream", "80"),
                    ("Socket", "BindToDevice", "eth0"),
                ],
            ),
            (
                "b.socket",
                &[
                    ("Socket", "ListenStream", "80"),
                    ("Socket", "BindToDevice", "eth1"),
                ],
            ),
        ]);
        assert!(devices.is_empty(), "{devices:?}");
        let udp_and_tcp = clashes(&[
            ("a.socket", &[("Socket", "ListenStream", "80")]),
            ("b.socket", &[("Socket", "ListenDatagram", "80")]),
        ]);
        assert!(udp_and_tcp.is_empty(), "{udp_and_tcp:?}");
    }

    #[test]
    fn one_socket_twice_on_one_address() {
        let m = clashes(&[(
            "a.socket",
            &[
                ("Socket", "ListenStream", "0.0.0.0:80"),
                ("Socket", "ListenStream", "[::]:80"),
            ],
        )]);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("the second bind fails"), "{m:?}");
        let conflicting_self = clashes(&[(
            "a.socket",
            &[
                ("Unit", "Conflicts", "a.socket"),
                ("Socket", "ListenStream", "/run/a"),
                ("Socket", "ListenDatagram", "/run/a"),
            ],
        )]);
        // The conflict with itself is dropped (and reported); the two binds still clash.
        assert_eq!(conflicting_self.len(), 2, "{conflicting_self:?}");
        let repeat = clashes(&[(
            "a.socket",
            &[
                ("Socket", "ListenStream", "/run/a"),
                ("Socket", "ListenStream", "/run/a"),
            ],
        )]);
        assert!(repeat.is_empty(), "validate reports it: {repeat:?}");
    }
}
