//! Rules that need the whole family: references between units, sockets and their services,
//! install closures, ordering cycles and shared listen addresses. Each `check_*` is one rule.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::{is_template_name, Diagnostic, Origin, Unit, UnitKind};
use crate::suggest::closest;
use crate::value::{socket_address, split_words, ListenAddress};

/// Units systemd itself provides (systemd.special(7) and the services of systemd 252), which
/// a family may name without defining or declaring them.
pub const SYSTEM_UNITS: &[&str] = &[
    "-.mount",
    "-.slice",
    "basic.target",
    "bluetooth.target",
    "cryptsetup-pre.target",
    "cryptsetup.target",
    "ctrl-alt-del.target",
    "dbus.service",
    "dbus.socket",
    "default.target",
    "display-manager.service",
    "emergency.target",
    "exit.target",
    "final.target",
    "first-boot-complete.target",
    "getty-pre.target",
    "getty.target",
    "graphical.target",
    "halt.target",
    "hibernate.target",
    "hybrid-sleep.target",
    "initrd-fs.target",
    "initrd-root-device.target",
    "initrd-root-fs.target",
    "initrd-usr-fs.target",
    "initrd.target",
    "integritysetup-pre.target",
    "integritysetup.target",
    "kbrequest.target",
    "kexec.target",
    "local-fs-pre.target",
    "local-fs.target",
    "machine.slice",
    "machines.target",
    "multi-user.target",
    "network-online.target",
    "network-pre.target",
    "network.target",
    "nss-lookup.target",
    "nss-user-lookup.target",
    "paths.target",
    "poweroff.target",
    "printer.target",
    "reboot.target",
    "remote-cryptsetup.target",
    "remote-fs-pre.target",
    "remote-fs.target",
    "remote-veritysetup.target",
    "rescue.target",
    "rpcbind.target",
    "shutdown.target",
    "sigpwr.target",
    "sleep.target",
    "slices.target",
    "smartcard.target",
    "sockets.target",
    "sound.target",
    "suspend-then-hibernate.target",
    "suspend.target",
    "swap.target",
    "sysinit.target",
    "system-update-pre.target",
    "system-update.target",
    "system.slice",
    "systemd-journald.service",
    "systemd-journald.socket",
    "systemd-logind.service",
    "systemd-machined.service",
    "systemd-networkd.service",
    "systemd-networkd-wait-online.service",
    "systemd-resolved.service",
    "systemd-timesyncd.service",
    "systemd-udevd.service",
    "time-set.target",
    "time-sync.target",
    "timers.target",
    "umount.target",
    "usb-gadget.target",
    "user.slice",
    "veritysetup-pre.target",
    "veritysetup.target",
];

/// Directives whose values name other units: (section, directive).
pub const REFERENCES: &[(&str, &str)] = &[
    ("Unit", "Requires"),
    ("Unit", "Requisite"),
    ("Unit", "Wants"),
    ("Unit", "BindsTo"),
    ("Unit", "PartOf"),
    ("Unit", "Upholds"),
    ("Unit", "After"),
    ("Unit", "Before"),
    ("Unit", "Conflicts"),
    ("Unit", "OnFailure"),
    ("Unit", "OnSuccess"),
    ("Unit", "PropagatesReloadTo"),
    ("Unit", "ReloadPropagatedFrom"),
    ("Unit", "PropagatesStopTo"),
    ("Unit", "StopPropagatedFrom"),
    ("Unit", "JoinsNamespaceOf"),
    ("Install", "Also"),
    ("Install", "WantedBy"),
    ("Install", "RequiredBy"),
    ("Socket", "Service"),
    ("Service", "Sockets"),
    ("Timer", "Unit"),
    ("Path", "Unit"),
];

/// The units a family knows: its own and the ones it declares external.
#[derive(Debug)]
pub struct Known<'a> {
    units: HashMap<&'a str, &'a Unit>,
    external: HashSet<&'a str>,
}

impl<'a> Known<'a> {
    /// `units` of the family and the names of `external` units.
    pub fn new(units: &'a [Unit], external: impl IntoIterator<Item = &'a str>) -> Self {
        Known {
            units: units.iter().map(|u| (u.name.as_str(), u)).collect(),
            external: external.into_iter().collect(),
        }
    }

    fn knows(&self, name: &str) -> bool {
        let has = |n: &str| {
            self.units.contains_key(n) || self.external.contains(n) || SYSTEM_UNITS.contains(&n)
        };
        has(name) || template_of(name).is_some_and(|t| has(&t))
    }

    fn all_names(&self) -> impl Iterator<Item = &str> {
        self.units
            .keys()
            .copied()
            .chain(self.external.iter().copied())
            .chain(SYSTEM_UNITS.iter().copied())
    }
}

/// `foo@.service` for an instance name `foo@bar.service`.
fn template_of(name: &str) -> Option<String> {
    let (stem, suffix) = name.rsplit_once('.')?;
    let (prefix, instance) = stem.split_once('@')?;
    (!instance.is_empty()).then(|| format!("{prefix}@.{suffix}"))
}

/// Every family-wide diagnostic of `units`, given the `external` unit names.
pub fn check_family<'a>(
    units: &'a [Unit],
    external: impl IntoIterator<Item = &'a str>,
) -> Vec<Diagnostic> {
    let known = Known::new(units, external);
    let mut out = Vec::new();
    for unit in units {
        check_references(unit, &known, &mut out);
        check_socket_service(unit, &known, &mut out);
        check_bound_sockets(unit, &known, &mut out);
        check_also_installable(unit, &known, &mut out);
    }
    check_ordering(units, &mut out);
    check_listen_addresses(units, &mut out);
    out
}

/// The unit names `unit` refers to, as (directive, name, origin of the entry).
pub fn references(unit: &Unit) -> impl Iterator<Item = (&'static str, String, Origin)> + '_ {
    REFERENCES.iter().flat_map(move |&(section, key)| {
        unit.sections
            .iter()
            .filter(move |s| s.name == section)
            .flat_map(|s| s.entries.iter())
            .filter(move |e| e.key == key)
            .flat_map(move |e| {
                split_words(&e.value)
                    .unwrap_or_default()
                    .into_iter()
                    .map(move |name| (key, name, e.origin))
            })
    })
}

fn check_references(unit: &Unit, known: &Known, out: &mut Vec<Diagnostic>) {
    for (key, name, origin) in references(unit) {
        if name.contains('%') || known.knows(&name) || crate::value::unit_name(&name).is_err() {
            continue;
        }
        let hint = closest(&name, known.all_names())
            .map(|s| {
                format!(
                    "did you mean `{s}`? If it comes from another package, declare it in `extern`"
                )
            })
            .unwrap_or_else(|| {
                "define it, or declare it in `extern` with the package that provides it".into()
            });
        out.push(Diagnostic::value(
            origin,
            format!("`{key}=` names `{name}`, which is not a unit of this family; {hint}"),
        ));
    }
}

/// The service a socket activates: its `Service=`, or the service of the same name
/// (`foo@.service` when `Accept=yes`).
pub fn activated_service(socket: &Unit) -> Option<(String, Origin)> {
    if socket.kind() != Some(UnitKind::Socket) {
        return None;
    }
    let explicit = socket
        .sections
        .iter()
        .filter(|s| s.name == "Socket")
        .flat_map(|s| s.entries.iter())
        .rfind(|e| e.key == "Service" && !e.value.is_empty());
    if let Some(e) = explicit {
        return Some((e.value.clone(), e.origin));
    }
    let stem = socket.name.strip_suffix(".socket")?;
    let accept = accepts(socket);
    let name = if accept {
        format!("{stem}@.service")
    } else {
        format!("{stem}.service")
    };
    Some((name, socket.origin))
}

fn accepts(socket: &Unit) -> bool {
    socket
        .value("Socket", "Accept")
        .is_some_and(|v| crate::value::boolean(v).unwrap_or(false))
}

fn check_socket_service(unit: &Unit, known: &Known, out: &mut Vec<Diagnostic>) {
    let Some((service, origin)) = activated_service(unit) else {
        return;
    };
    let explicit = origin != unit.origin;
    let at = |message: String| {
        if explicit {
            Diagnostic::value(origin, message)
        } else {
            Diagnostic::new(origin, message)
        }
    };
    if UnitKind::of_name(&service) != Some(UnitKind::Service) {
        out.push(at(format!(
            "`Service=` of `{}` names `{service}`, which is not a service; name a `.service` unit",
            unit.name
        )));
        return;
    }
    if accepts(unit) && explicit {
        out.push(at(format!(
            "`{}` has `Accept=yes`, which starts one instance of `{}@.service` per connection; drop `Service=`",
            unit.name,
            unit.name.trim_end_matches(".socket")
        )));
        return;
    }
    if !accepts(unit) && is_template_name(&service) {
        out.push(at(format!("`Service={service}` names a template service; use `Accept=yes` or name a concrete service")));
        return;
    }
    if !explicit && !known.knows(&service) {
        let message = if accepts(unit) {
            format!(
                "`{}` has `Accept=yes` but there is no template service `{service}`; define it",
                unit.name
            )
        } else {
            format!("`{}` activates `{service}` (the service of the same name), which is not defined; define it or set `Service=`", unit.name)
        };
        out.push(at(message));
    }
}

fn check_bound_sockets(unit: &Unit, known: &Known, out: &mut Vec<Diagnostic>) {
    if unit.kind() != Some(UnitKind::Service) {
        return;
    }
    let bound = unit
        .sections
        .iter()
        .flat_map(|s| s.entries.iter().map(move |e| (s.name.as_str(), e)))
        .filter(|(s, e)| {
            (*s, e.key.as_str()) == ("Unit", "BindsTo")
                || (*s, e.key.as_str()) == ("Service", "Sockets")
        });
    for (_, entry) in bound {
        for name in split_words(&entry.value).unwrap_or_default() {
            let Some(socket) = known.units.get(name.as_str()) else {
                continue;
            };
            let Some((activated, _)) = activated_service(socket) else {
                continue;
            };
            if activated != unit.name
                && template_of(&unit.name).as_deref() != Some(activated.as_str())
            {
                out.push(Diagnostic::value(
                    entry.origin,
                    format!(
                        "`{}` is bound to `{name}`, but that socket activates `{activated}`; add `Service={}` to the socket or bind to its own socket",
                        unit.name, unit.name
                    ),
                ));
            }
        }
    }
}

fn installable(unit: &Unit) -> bool {
    ["WantedBy", "RequiredBy", "Alias", "Also"]
        .iter()
        .any(|k| unit.values("Install", k).iter().any(|v| !v.is_empty()))
}

fn check_also_installable(unit: &Unit, known: &Known, out: &mut Vec<Diagnostic>) {
    for entry in unit
        .sections
        .iter()
        .filter(|s| s.name == "Install")
        .flat_map(|s| s.entries.iter())
    {
        if entry.key != "Also" {
            continue;
        }
        for name in split_words(&entry.value).unwrap_or_default() {
            if let Some(target) = known.units.get(name.as_str()) {
                if !installable(target) {
                    out.push(Diagnostic::value(
                        entry.origin,
                        format!("`Also={name}` names a unit with no `[Install]` section, so enabling does nothing; add `WantedBy=` to `{name}` or drop this line"),
                    ));
                }
            }
        }
    }
}

/// One ordering between two units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// The unit ordered first.
    pub before: String,
    /// The unit ordered after it.
    pub after: String,
    /// The entry that causes the ordering.
    pub origin: Origin,
    /// Whether it is written as `After=`/`Before=` rather than added by systemd.
    pub explicit: bool,
}

/// The ordering edges of the family, as written (`After=`, `Before=`) or added by systemd (a
/// socket before the service it activates; a target after the units it wants, unless it has
/// `DefaultDependencies=no`).
pub fn ordering_edges(units: &[Unit]) -> Vec<Edge> {
    let by_name: HashMap<&str, &Unit> = units.iter().map(|u| (u.name.as_str(), u)).collect();
    let default_deps = |target: &str| {
        by_name
            .get(target)
            .and_then(|u| u.value("Unit", "DefaultDependencies"))
            .is_none_or(|v| crate::value::boolean(v).unwrap_or(true))
    };
    let edge = |before: &str, after: &str, origin, explicit| Edge {
        before: before.to_owned(),
        after: after.to_owned(),
        origin,
        explicit,
    };
    let mut edges = Vec::new();
    for unit in units {
        let me = unit.name.as_str();
        for (key, name, origin) in references(unit) {
            match key {
                "After" => edges.push(edge(&name, me, origin, true)),
                "Before" => edges.push(edge(me, &name, origin, true)),
                "WantedBy" | "RequiredBy" if name.ends_with(".target") && default_deps(&name) => {
                    edges.push(edge(me, &name, origin, false))
                }
                _ => {}
            }
        }
        if let Some((service, origin)) = activated_service(unit) {
            edges.push(edge(me, &service, origin, false));
        }
    }
    edges
}

fn check_ordering(units: &[Unit], out: &mut Vec<Diagnostic>) {
    let edges = ordering_edges(units);
    let mut graph: BTreeMap<&str, Vec<(&str, Origin)>> = BTreeMap::new();
    for e in &edges {
        graph
            .entry(&e.before)
            .or_default()
            .push((&e.after, e.origin));
        graph.entry(&e.after).or_default();
    }
    let written: HashSet<Origin> = edges
        .iter()
        .filter(|e| e.explicit)
        .map(|e| e.origin)
        .collect();
    for component in cyclic_components(&graph) {
        let Some(&start) = component.iter().min() else {
            continue;
        };
        let within: BTreeMap<&str, Vec<(&str, Origin)>> = component
            .iter()
            .map(|n| {
                let out = graph[n]
                    .iter()
                    .filter(|(t, _)| component.contains(t))
                    .copied()
                    .collect();
                (*n, out)
            })
            .collect();
        let Some(cycle) = find_cycle(&within, start) else {
            continue;
        };
        let path: Vec<&str> = cycle.iter().map(|(n, _)| *n).chain([start]).collect();
        let origins: Vec<Origin> = cycle.iter().map(|(_, o)| *o).collect();
        let origin = origins
            .iter()
            .rev()
            .find(|o| written.contains(o))
            .or(origins.last())
            .copied()
            .unwrap_or(Origin::NONE);
        out.push(Diagnostic::value(
            origin,
            format!(
                "ordering cycle: {}; systemd would break it at boot by dropping a job, so remove one of these orderings",
                path.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" before ")
            ),
        ));
    }
}

/// The strongly connected components of `graph` that contain a cycle (Kosaraju's algorithm,
/// iterative so that large families do not exhaust the stack).
fn cyclic_components<'a>(graph: &BTreeMap<&'a str, Vec<(&'a str, Origin)>>) -> Vec<Vec<&'a str>> {
    let mut order = Vec::new();
    let mut visited: HashSet<&str> = HashSet::new();
    for &root in graph.keys() {
        if !visited.insert(root) {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        while let Some((node, i)) = stack.pop() {
            match graph[node].get(i) {
                Some(&(to, _)) => {
                    stack.push((node, i + 1));
                    if visited.insert(to) {
                        stack.push((to, 0));
                    }
                }
                None => order.push(node),
            }
        }
    }
    let mut reverse: HashMap<&str, Vec<&str>> = HashMap::new();
    for (&from, tos) in graph {
        for &(to, _) in tos {
            reverse.entry(to).or_default().push(from);
        }
    }
    let mut assigned: HashSet<&str> = HashSet::new();
    let mut components = Vec::new();
    for &root in order.iter().rev() {
        if !assigned.insert(root) {
            continue;
        }
        let mut component = vec![root];
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            for &from in reverse.get(node).into_iter().flatten() {
                if assigned.insert(from) {
                    component.push(from);
                    stack.push(from);
                }
            }
        }
        let self_loop = graph[root].iter().any(|(t, _)| *t == root);
        if component.len() > 1 || self_loop {
            components.push(component);
        }
    }
    components
}

/// A cycle through `start`, as (unit, origin of the edge leaving it) in order.
fn find_cycle<'a>(
    graph: &BTreeMap<&'a str, Vec<(&'a str, Origin)>>,
    start: &'a str,
) -> Option<Vec<(&'a str, Origin)>> {
    let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
    let mut path: Vec<(&str, Origin)> = Vec::new();
    let mut visited: HashSet<&str> = HashSet::new();
    while let Some((node, i)) = stack.pop() {
        let next = graph.get(node).and_then(|e| e.get(i)).copied();
        let Some((to, origin)) = next else {
            path.pop();
            continue;
        };
        stack.push((node, i + 1));
        if to == start {
            path.push((node, origin));
            return Some(path);
        }
        if visited.insert(to) {
            path.push((node, origin));
            stack.push((to, 0));
        }
    }
    None
}

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

fn check_listen_addresses(units: &[Unit], out: &mut Vec<Diagnostic>) {
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
    use super::*;
    use crate::model::Entry;

    use crate::model::test_unit as unit;

    #[test]
    fn references_resolve_or_suggest() {
        let units = [
            unit(
                "a.service",
                &[
                    ("Unit", "After", "b.socket network.target"),
                    ("Unit", "Wants", "x.service"),
                ],
            ),
            unit(
                "b.socket",
                &[
                    ("Socket", "Service", "a2.service"),
                    ("Install", "Also", "c@tty1.service"),
                ],
            ),
            unit("c@.service", &[]),
        ];
        let d = check_family(&units, ["x.service"]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("did you mean `a.service`?"), "{d:?}");
        assert!(d[0].on_value);
        let d = check_family(&units, []);
        assert_eq!(d.len(), 2, "{d:?}");
    }

    fn messages(units: &[Unit]) -> Vec<String> {
        check_family(units, [])
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    fn service(name: &str, lines: &[(&str, &str, &str)]) -> Unit {
        let mut all = vec![("Service", "ExecStart", "/bin/x")];
        all.extend_from_slice(lines);
        unit(name, &all)
    }

    #[test]
    fn sockets_activate_existing_services() {
        let ok = [
            unit("a.socket", &[("Socket", "ListenStream", "/run/a")]),
            service("a.service", &[]),
            unit(
                "b.socket",
                &[
                    ("Socket", "ListenStream", "/run/b"),
                    ("Socket", "Service", "a.service"),
                ],
            ),
            unit(
                "c.socket",
                &[
                    ("Socket", "ListenStream", "/run/c"),
                    ("Socket", "Accept", "yes"),
                ],
            ),
            service("c@.service", &[]),
        ];
        assert_eq!(messages(&ok), Vec::<String>::new());
        let m = messages(&[unit("a.socket", &[("Socket", "ListenStream", "/run/a")])]);
        assert!(
            m[0].contains("(the service of the same name), which is not defined"),
            "{m:?}"
        );
        let m = messages(&[
            unit(
                "a.socket",
                &[
                    ("Socket", "ListenStream", "/run/a"),
                    ("Socket", "Accept", "yes"),
                ],
            ),
            service("a.service", &[]),
        ]);
        assert!(m[0].contains("no template service `a@.service`"), "{m:?}");
        let m = messages(&[
            unit(
                "a.socket",
                &[
                    ("Socket", "ListenStream", "/run/a"),
                    ("Socket", "Accept", "yes"),
                    ("Socket", "Service", "a.service"),
                ],
            ),
            service("a.service", &[]),
        ]);
        assert!(m[0].contains("drop `Service=`"), "{m:?}");
        let m = messages(&[
            unit(
                "a.socket",
                &[
                    ("Socket", "ListenStream", "/run/a"),
                    ("Socket", "Service", "a.target"),
                ],
            ),
            unit("a.target", &[]),
        ]);
        assert!(m[0].contains("not a service"), "{m:?}");
    }

    #[test]
    fn bound_services_are_named_back() {
        let units = [
            unit(
                "a.socket",
                &[
                    ("Socket", "ListenStream", "/run/a"),
                    ("Socket", "Service", "b.service"),
                ],
            ),
            service("a.service", &[("Unit", "BindsTo", "a.socket")]),
            service("b.service", &[]),
        ];
        let m = messages(&units);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("activates `b.service`"), "{m:?}");
    }

    #[test]
    fn also_needs_an_install_section() {
        let units = [
            service("a.service", &[("Install", "Also", "b.service")]),
            service("b.service", &[]),
        ];
        let m = messages(&units);
        assert!(m[0].contains("no `[Install]` section"), "{m:?}");
        let units = [
            service("a.service", &[("Install", "Also", "b.service")]),
            service("b.service", &[("Install", "WantedBy", "multi-user.target")]),
        ];
        assert!(messages(&units).is_empty());
    }

    #[test]
    fn ordering_cycles_name_every_unit() {
        let units = [
            service("a.service", &[("Unit", "After", "b.service")]),
            service("b.service", &[("Unit", "After", "c.service")]),
            service("c.service", &[("Unit", "After", "a.service")]),
            service("d.service", &[("Unit", "After", "a.service")]),
        ];
        let m = messages(&units);
        assert_eq!(m.len(), 1, "{m:?}");
        for n in ["a.service", "b.service", "c.service"] {
            assert!(m[0].contains(n), "{m:?}");
        }
        assert!(!m[0].contains("d.service"), "{m:?}");
        let via_socket = [
            unit("a.socket", &[("Socket", "ListenStream", "/run/a")]),
            service("a.service", &[("Unit", "Before", "a.socket")]),
        ];
        assert!(messages(&via_socket)[0].starts_with("ordering cycle"));
        let via_target = [
            unit("t.target", &[("Unit", "Before", "a.service")]),
            service("a.service", &[("Install", "WantedBy", "t.target")]),
        ];
        assert!(messages(&via_target)[0].starts_with("ordering cycle"));
        let no_default = [
            unit(
                "t.target",
                &[
                    ("Unit", "Before", "a.service"),
                    ("Unit", "DefaultDependencies", "no"),
                ],
            ),
            service("a.service", &[("Install", "WantedBy", "t.target")]),
        ];
        assert!(messages(&no_default).is_empty());
        let own = [service("a.service", &[("Unit", "After", "a.service")])];
        assert!(messages(&own)[0].starts_with("ordering cycle"));
    }

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
