//! No two sockets listen on one address unless they conflict.

use std::collections::HashMap;

use crate::model::{Diagnostic, Unit, UnitKind};
use crate::value::{socket_address, split_words, ListenAddress};

fn conflicts(a: &Unit, b: &Unit) -> bool {
    let names = |u: &Unit| -> Vec<String> {
        u.values("Unit", "Conflicts")
            .iter()
            .flat_map(|v| split_words(v).unwrap_or_default())
            .collect()
    };
    names(a).contains(&b.name) || names(b).contains(&a.name)
}

/// The bucket an address is compared within: file-system and abstract sockets by name
/// whatever their type, IP sockets by protocol and port (a bare port overlaps every address).
fn bucket(proto: &'static str, address: &ListenAddress) -> (&'static str, String) {
    match address {
        ListenAddress::Path(p) => ("path", p.clone()),
        ListenAddress::Abstract(a) => ("abstract", a.clone()),
        ListenAddress::Port(port) => (proto, port.to_string()),
        ListenAddress::Inet(a) => (proto, a.port().to_string()),
        ListenAddress::Vsock(cid, port) => ("vsock", format!("{cid}:{port}")),
    }
}

pub(super) fn check(units: &[Unit], out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(&'static str, String), Vec<(&Unit, ListenAddress)>> = HashMap::new();
    for unit in units.iter().filter(|u| u.kind() == Some(UnitKind::Socket)) {
        for section in unit.sections.iter().filter(|s| s.name == "Socket") {
            for entry in &section.entries {
                let proto = match entry.key.as_str() {
                    "ListenStream" | "ListenSequentialPacket" => "stream",
                    "ListenDatagram" => "datagram",
                    _ => continue,
                };
                let Ok(address) = socket_address(&entry.value) else {
                    continue;
                };
                let earlier = seen.entry(bucket(proto, &address)).or_default();
                let clash = earlier
                    .iter()
                    .find(|(other, a)| !std::ptr::eq(*other, unit) && a.overlaps(&address));
                if let Some((other, _)) = clash {
                    if !conflicts(unit, other) {
                        out.push(Diagnostic::value(
                            entry.origin,
                            format!(
                                "`{}` listens on `{}` like `{}`; make them conflict (`Conflicts={}`) or listen elsewhere",
                                unit.name, entry.value, other.name, other.name
                            ),
                        ));
                    }
                }
                earlier.push((unit, address));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{messages, service, unit};
    use crate::model::{Entry, Origin};

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
}
