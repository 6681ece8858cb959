//! No ordering cycle across the family, counting the orderings systemd adds.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::{Diagnostic, Origin, Unit, UnitKind};

use super::implicit::{default_dependencies, implicit, mounts_by_place, SPECIAL_ORDER};
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
    /// Why systemd adds it, when it is not written.
    pub why: Option<String>,
}

/// The ordering edges of the family, as written (`After=`, `Before=`) or added by systemd:
/// a socket before the service it activates, a timer or path unit before the unit it
/// activates, a target after the units it wants (both with default dependencies, unless the
/// target is written to be before the unit), the default dependencies of each unit type, mounts
/// after their parents, and the orderings among systemd's own targets.
pub fn ordering_edges(units: &[Unit]) -> Vec<Edge> {
    let mut named: Vec<Vec<(&str, String, Origin)>> = Vec::new();
    for u in units {
        named.push(references::expanded(u, &references::written(u)));
    }
    edges_of(units, &named)
}

/// [`ordering_edges`], with each unit's [`references`] (`named`, in the order of `units`)
/// already read.
fn edges_of(units: &[Unit], named: &[Vec<(&'static str, String, Origin)>]) -> Vec<Edge> {
    let by_name: HashMap<&str, &Unit> = units.iter().map(|u| (u.name.as_str(), u)).collect();
    let default_deps = |name: &str| by_name.get(name).is_none_or(|u| default_dependencies(u));
    let edge = |before: &str, after: &str, origin, why: Option<String>| Edge {
        before: before.to_owned(),
        after: after.to_owned(),
        origin,
        explicit: why.is_none(),
        why,
    };
    let mut edges = Vec::new();
    for (a, b) in SPECIAL_ORDER {
        let why = "systemd's own targets are ordered so".to_owned();
        edges.push(edge(a, b, Origin::NONE, Some(why)));
    }
    let mut written: HashSet<(&str, &str)> = HashSet::new();
    for (u, named) in units.iter().zip(named) {
        for (key, name, _) in named {
            match *key {
                "After" => written.insert((name.as_str(), u.name.as_str())),
                "Before" => written.insert((u.name.as_str(), name.as_str())),
                _ => false,
            };
        }
    }
    let mounts = mounts_by_place(units);
    for (unit, named) in units.iter().zip(named) {
        let me = unit.name.as_str();
        let implied = implicit(unit, &mounts);
        // systemd orders a target after a unit it wants only where that makes no loop: not
        // when the target is already ordered before the unit (`unit_add_default_target_dependency`).
        let mut before_me: Vec<&str> = Vec::new();
        for i in &implied {
            if i.then == me {
                before_me.push(&i.first);
            }
        }
        for &(key, ref name, origin) in named {
            match key {
                "After" => edges.push(edge(name, me, origin, None)),
                "Before" => edges.push(edge(me, name, origin, None)),
                "WantedBy" | "RequiredBy"
                    if name.ends_with(".target")
                        && default_deps(name)
                        && default_dependencies(unit)
                        && !before_me.contains(&name.as_str())
                        && !written.contains(&(name.as_str(), me)) =>
                {
                    let why = format!("a target is ordered after the units it wants; `{key}={name}` makes `{name}` want `{me}`");
                    edges.push(edge(me, name, origin, Some(why)))
                }
                _ => {}
            }
        }
        if let Some((service, origin)) = activated_service(unit) {
            // A `Service=` that names something else is reported by the socket rule.
            if UnitKind::of_name(&service) == Some(UnitKind::Service) {
                let why = "a socket is ordered before the service it activates".to_owned();
                edges.push(edge(me, &service, origin, Some(why)));
            }
        }
        for i in implied {
            edges.push(edge(&i.first, &i.then, i.origin, Some(i.why)));
        }
    }
    edges
}

/// The ordering cycles of `units`, whose [`references`] are `named`.
pub(super) fn check(
    units: &[Unit],
    named: &[Vec<(&'static str, String, Origin)>],
    out: &mut Vec<Diagnostic>,
) {
    let edges = edges_of(units, named);
    let mut graph: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
    // systemd drops a unit's ordering on itself (reported by `references::check_self`).
    for (i, e) in edges.iter().enumerate() {
        if e.before == e.after {
            continue;
        }
        graph.entry(&e.before).or_default().push((&e.after, i));
        graph.entry(&e.after).or_default();
    }
    for component in cyclic_components(&graph) {
        let mut members: HashSet<&str> = HashSet::new();
        for n in component {
            members.insert(n);
        }
        let Some((start, cycle)) = shortest_cycle(&graph, &edges, &members) else {
            continue;
        };
        let mut path = String::new();
        let mut on_cycle: Vec<&Edge> = Vec::new();
        for &(n, i) in &cycle {
            path.push_str(&format!("`{n}` before "));
            on_cycle.push(&edges[i]);
        }
        path.push_str(&format!("`{start}`"));
        let mut written = false;
        for e in &on_cycle {
            written |= e.explicit;
        }
        let mut added: Vec<String> = Vec::new();
        for e in &on_cycle {
            if let Some(why) = &e.why {
                if e.origin != Origin::NONE || !written {
                    added.push(format!("`{}` before `{}`: {why}", e.before, e.after));
                }
            }
        }
        let added = if added.is_empty() {
            String::new()
        } else {
            format!(" (added by systemd: {})", added.join("; "))
        };
        out.push(Diagnostic::value(
            blame(&on_cycle),
            format!(
                "ordering cycle: {path}{added}; systemd would break it at boot by dropping a job, so remove one of these orderings"
            ),
        ));
    }
}

/// Where a cycle's diagnostic points: its last written ordering, or else its last ordering
/// with an origin.
fn blame(on_cycle: &[&Edge]) -> Origin {
    for e in on_cycle.iter().rev() {
        if e.explicit {
            return e.origin;
        }
    }
    for e in on_cycle.iter().rev() {
        if e.origin != Origin::NONE {
            return e.origin;
        }
    }
    Origin::NONE
}

/// The strongly connected components of `graph` that contain a cycle (Kosaraju's algorithm,
/// iterative so that large families do not exhaust the stack), each listed from the unit the
/// second pass reached it by.
fn cyclic_components<'a>(graph: &BTreeMap<&'a str, Vec<(&'a str, usize)>>) -> Vec<Vec<&'a str>> {
    // The graph by position: its units in key order, and each ordering's target.
    let mut names: Vec<&'a str> = Vec::with_capacity(graph.len());
    let mut position: HashMap<&str, usize> = HashMap::new();
    for (i, name) in graph.keys().enumerate() {
        names.push(name);
        position.insert(name, i);
    }
    let mut next: Vec<Vec<usize>> = Vec::with_capacity(graph.len());
    for tos in graph.values() {
        let mut at = Vec::new();
        for (to, _) in tos {
            if let Some(&i) = position.get(to) {
                at.push(i);
            }
        }
        next.push(at);
    }
    let mut order = Vec::with_capacity(names.len());
    let mut visited = vec![false; names.len()];
    for root in 0..names.len() {
        if std::mem::replace(&mut visited[root], true) {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        while let Some((node, i)) = stack.pop() {
            match next[node].get(i) {
                Some(&to) => {
                    stack.push((node, i + 1));
                    if !std::mem::replace(&mut visited[to], true) {
                        stack.push((to, 0));
                    }
                }
                None => order.push(node),
            }
        }
    }
    let mut previous: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    for (from, tos) in next.iter().enumerate() {
        for &to in tos {
            previous[to].push(from);
        }
    }
    let mut assigned = vec![false; names.len()];
    let mut components = Vec::new();
    for &root in order.iter().rev() {
        if std::mem::replace(&mut assigned[root], true) {
            continue;
        }
        let mut component = vec![names[root]];
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            for &from in &previous[node] {
                if !std::mem::replace(&mut assigned[from], true) {
                    component.push(names[from]);
                    stack.push(from);
                }
            }
        }
        if component.len() > 1 || next[root].contains(&root) {
            components.push(component);
        }
    }
    components
}

/// The shortest cycle in a component through one of its written orderings (so that the cycle
/// shown is one the user can break), or through its first unit if it has none; as its first
/// unit and (unit, index of the edge leaving it) in order.
fn shortest_cycle<'a>(
    graph: &BTreeMap<&'a str, Vec<(&'a str, usize)>>,
    edges: &[Edge],
    members: &HashSet<&'a str>,
) -> Option<(&'a str, Vec<(&'a str, usize)>)> {
    const TRIED: usize = 64;
    let mut best: Option<(&str, Vec<(&str, usize)>)> = None;
    let mut names: Vec<&str> = Vec::with_capacity(members.len());
    for n in members {
        names.push(n);
    }
    names.sort_unstable();
    let mut written = Vec::new();
    'names: for n in names {
        for &(t, i) in &graph[n] {
            if members.contains(t) && edges[i].explicit {
                written.push((n, t, i));
                if written.len() == TRIED {
                    break 'names;
                }
            }
        }
    }
    for (from, to, i) in written {
        let Some(back) = shortest_path(graph, members, to, from) else {
            continue;
        };
        let shorter = match &best {
            Some((_, b)) => back.len() + 1 < b.len(),
            None => true,
        };
        if shorter {
            let mut cycle = vec![(from, i)];
            cycle.extend(back);
            best = Some((from, cycle));
        }
    }
    if best.is_some() {
        return best;
    }
    let mut within: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
    let mut start = None;
    for &n in members {
        if start.is_none_or(|s| n < s) {
            start = Some(n);
        }
        let mut out = Vec::new();
        for &(t, i) in &graph[n] {
            if members.contains(t) {
                out.push((t, i));
            }
        }
        within.insert(n, out);
    }
    let start = start?;
    match find_cycle(&within, start) {
        Some(cycle) => Some((start, cycle)),
        None => None,
    }
}

/// The shortest path from `from` to `to` within `members`, as (unit, index of the edge
/// leaving it); empty when they are the same unit.
fn shortest_path<'a>(
    graph: &BTreeMap<&'a str, Vec<(&'a str, usize)>>,
    members: &HashSet<&'a str>,
    from: &'a str,
    to: &'a str,
) -> Option<Vec<(&'a str, usize)>> {
    let mut came: HashMap<&str, (&str, usize)> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([from]);
    let mut seen: HashSet<&str> = HashSet::from([from]);
    while let Some(node) = queue.pop_front() {
        if node == to {
            let mut path = Vec::new();
            let mut at = to;
            while at != from {
                let &(prev, i) = came.get(at)?;
                path.push((prev, i));
                at = prev;
            }
            path.reverse();
            return Some(path);
        }
        for &(next, i) in &graph[node] {
            if members.contains(next) && seen.insert(next) {
                came.insert(next, (node, i));
                queue.push_back(next);
            }
        }
    }
    None
}

/// A cycle through `start`, as (unit, index of the edge leaving it) in order.
fn find_cycle<'a>(
    graph: &BTreeMap<&'a str, Vec<(&'a str, usize)>>,
    start: &'a str,
) -> Option<Vec<(&'a str, usize)>> {
    let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
    let mut path: Vec<(&str, usize)> = Vec::new();
    let mut visited: HashSet<&str> = HashSet::new();
    while let Some((node, i)) = stack.pop() {
        let next = match graph.get(node) {
            Some(tos) => tos.get(i),
            None => None,
        };
        let Some(&(to, origin)) = next else {
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
        // systemd leaves out the ordering of a target after a unit it is written before.
        let direct = [
            unit("t.target", &[("Unit", "Before", "a.service")]),
            service("a.service", &[("Install", "WantedBy", "t.target")]),
        ];
        assert_eq!(messages(&direct), Vec::<String>::new());
        let via_target = [
            unit("t.target", &[("Unit", "Before", "b.service")]),
            service("b.service", &[("Unit", "Before", "a.service")]),
            service("a.service", &[("Install", "WantedBy", "t.target")]),
        ];
        let m = messages(&via_target);
        assert!(m[0].starts_with("ordering cycle"), "{m:?}");
        assert!(
            m[0].contains("a target is ordered after the units it wants"),
            "{m:?}"
        );
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
        // systemd drops it with a warning rather than finding a cycle.
        let own = [service("a.service", &[("Unit", "After", "a.service")])];
        assert!(messages(&own)[0].contains("names `a.service` itself"));
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
        // Neither a cycle nor a second error: the value's own check (systemd's parser) is the
        // one that reports a `Service=` naming no service.
        let m = messages(&units);
        assert!(m.is_empty(), "{m:?}");
    }

    #[test]
    fn default_dependencies_order_against_systemds_targets() {
        let before_basic = [service("a.service", &[("Unit", "Before", "basic.target")])];
        let m = messages(&before_basic);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].contains("services are ordered after `basic.target` by default"),
            "{m:?}"
        );
        let opted_out = [service(
            "a.service",
            &[
                ("Unit", "Before", "basic.target"),
                ("Unit", "DefaultDependencies", "no"),
            ],
        )];
        assert!(messages(&opted_out).is_empty());
        let after_shutdown = [service(
            "a.service",
            &[("Unit", "After", "shutdown.target")],
        )];
        assert!(messages(&after_shutdown)[0].contains("before `shutdown.target`"));
        let socket_after_sockets = [
            unit(
                "a.socket",
                &[
                    ("Unit", "After", "sockets.target"),
                    ("Socket", "ListenStream", "/run/a"),
                ],
            ),
            service("a.service", &[]),
        ];
        assert_eq!(messages(&socket_after_sockets).len(), 1);
        let fine = [service(
            "a.service",
            &[
                ("Unit", "After", "network-online.target"),
                ("Unit", "Before", "multi-user.target"),
            ],
        )];
        assert!(messages(&fine).is_empty(), "{:?}", messages(&fine));
    }

    #[test]
    fn timers_paths_and_mounts() {
        let timer = [
            unit(
                "a.timer",
                &[
                    ("Unit", "After", "a.service"),
                    ("Timer", "OnActiveSec", "5"),
                ],
            ),
            service("a.service", &[]),
        ];
        let m = messages(&timer);
        assert!(
            m[0].contains("a timer is ordered before the unit it activates"),
            "{m:?}"
        );
        let path = [
            unit(
                "a.path",
                &[("Path", "PathExists", "/x"), ("Path", "Unit", "b.service")],
            ),
            service("b.service", &[("Unit", "Before", "a.path")]),
        ];
        assert_eq!(messages(&path).len(), 1);
        let mounts = [
            unit(
                "srv.mount",
                &[
                    ("Unit", "After", "srv-data.mount"),
                    ("Mount", "What", "/dev/sda1"),
                    ("Mount", "Where", "/srv"),
                ],
            ),
            unit(
                "srv-data.mount",
                &[
                    ("Mount", "What", "/dev/sda2"),
                    ("Mount", "Where", "/srv/data"),
                ],
            ),
        ];
        let m = messages(&mounts);
        assert!(
            m[0].contains("after the mounts of its parent directories"),
            "{m:?}"
        );
        let calendar = [
            unit(
                "a.timer",
                &[
                    ("Unit", "Before", "time-set.target"),
                    ("Timer", "OnCalendar", "daily"),
                ],
            ),
            service("a.service", &[]),
        ];
        assert_eq!(messages(&calendar).len(), 1);
    }
}
