//! No ordering cycle across the family, counting the orderings systemd adds.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::{Diagnostic, Origin, Unit, UnitKind};

use super::{activated_service, references};

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
            // A `Service=` that names something else is reported by the socket rule.
            if UnitKind::of_name(&service) == Some(UnitKind::Service) {
                edges.push(edge(me, &service, origin, false));
            }
        }
    }
    edges
}

pub(super) fn check(units: &[Unit], out: &mut Vec<Diagnostic>) {
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

#[cfg(test)]
mod tests {
    use super::super::testing::{messages, service, unit};

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
    fn a_socket_naming_itself_is_no_cycle() {
        let units = [unit(
            "a.socket",
            &[
                ("Socket", "ListenStream", "/run/a"),
                ("Socket", "Service", "a.socket"),
            ],
        )];
        let m = messages(&units);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("not a service"), "{m:?}");
    }
}
