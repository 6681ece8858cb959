//! `graph`: its edges read forwards and point the way `systemd-analyze dot` draws them.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use tests::{run_cli, TempDir};
use unit_core::dropin::DropinDef;
use unit_core::{Family, UnitDef};

const ONESHOT: &str = "[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/true\n";

/// A family with every kind of edge: orderings both ways, dependencies, a slice, a mount
/// requirement, a socket, a timer and a path unit with the services they start, drop-ins.
static GRAPH: Family = Family {
    units: &[
        UnitDef {
            name: "a.service",
            daemon: "",
            text: "[Unit]\nRequires=b.service\nWants=d.service\nAfter=b.service\nBefore=c.service\nConflicts=e.service\nRequiresMountsFor=/srv/data\n\n[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/true\nSlice=g.slice\n",
        },
        UnitDef { name: "b.service", daemon: "", text: ONESHOT },
        UnitDef { name: "c.service", daemon: "", text: ONESHOT },
        UnitDef { name: "d.service", daemon: "", text: ONESHOT },
        UnitDef { name: "e.service", daemon: "", text: ONESHOT },
        UnitDef { name: "g.slice", daemon: "", text: "[Unit]\nDescription=the group\n" },
        UnitDef {
            name: "p.path",
            daemon: "",
            text: "[Path]\nPathExists=/nonexistent/unit-graph-test\n",
        },
        UnitDef { name: "p.service", daemon: "", text: ONESHOT },
        UnitDef { name: "t.timer", daemon: "", text: "[Timer]\nOnCalendar=yearly\n" },
        UnitDef { name: "t.service", daemon: "", text: ONESHOT },
        UnitDef {
            name: "u.timer",
            daemon: "",
            text: "[Timer]\nOnCalendar=yearly\nUnit=d.service\n",
        },
        UnitDef {
            name: "s.socket",
            daemon: "",
            text: "[Socket]\nListenStream=@unit-graph-test-s\n",
        },
        UnitDef { name: "s.service", daemon: "", text: ONESHOT },
        UnitDef {
            name: "q.socket",
            daemon: "",
            text: "[Socket]\nListenStream=@unit-graph-test-q\nAccept=yes\n",
        },
        UnitDef { name: "q@.service", daemon: "", text: "[Service]\nExecStart=/bin/true\n" },
    ],
    dropins: &[
        DropinDef {
            unit: "c.service",
            file: "10-order.conf",
            text: "[Unit]\nAfter=e.service\nWants=d.service\n",
        },
        DropinDef {
            unit: "other.service",
            file: "50-graph.conf",
            text: "[Unit]\nAfter=b.service\n",
        },
    ],
    name: "graph",
    ..Family::EMPTY
};

/// The edges of a DOT graph as `(from, to, attributes)`.
fn edges(dot: &str) -> Vec<(String, String, String)> {
    dot.lines()
        .filter_map(|l| {
            let (from, rest) = l.trim().strip_prefix('"')?.split_once("\" -> \"")?;
            let (to, attrs) = rest.split_once("\" [")?;
            Some((
                from.to_owned(),
                to.to_owned(),
                attrs.trim_end_matches("];").to_owned(),
            ))
        })
        .collect()
}

fn our_graph() -> String {
    let run = run_cli(&GRAPH, "graph", &["graph"]);
    assert_eq!(run.code, 0, "{}", run.err);
    run.out
}

/// Whether our graph has an edge `from -> to` whose label is `label`.
fn has(dot: &str, from: &str, to: &str, label: &str) -> bool {
    edges(dot).iter().any(|(f, t, a)| {
        f == from && t == to && a.split(", ").any(|p| p == format!("label={label}"))
    })
}

#[test]
fn edges_read_forwards_from_the_unit_that_names_them() {
    let dot = our_graph();
    for (from, to, label) in [
        ("a.service", "b.service", "After"),
        ("c.service", "a.service", "After"),
        ("a.service", "b.service", "Requires"),
        ("a.service", "d.service", "Wants"),
        ("a.service", "e.service", "Conflicts"),
        ("a.service", "g.slice", "Slice"),
        ("a.service", "srv-data.mount", "RequiresMountsFor"),
        ("s.socket", "s.service", "activates"),
        ("q.socket", "q@.service", "activates"),
        ("t.timer", "t.service", "activates"),
        ("u.timer", "d.service", "activates"),
        ("p.path", "p.service", "activates"),
        ("c.service", "e.service", "\"After (10-order.conf)\""),
        ("other.service", "b.service", "\"After (50-graph.conf)\""),
        ("c.service.d/10-order.conf", "c.service", "extends"),
        ("other.service.d/50-graph.conf", "other.service", "extends"),
    ] {
        assert!(
            has(&dot, from, to, label),
            "no {from} -{label}-> {to} in\n{dot}"
        );
    }
    for (from, to, label) in [
        ("b.service", "a.service", "After"),
        ("a.service", "c.service", "After"),
        ("a.service", "c.service", "Before"),
    ] {
        assert!(
            !has(&dot, from, to, label),
            "{from} -{label}-> {to} in\n{dot}"
        );
    }
    let only = run_cli(&GRAPH, "graph", &["graph", "p.path"]).out;
    assert_eq!(edges(&only).len(), 1, "{only}");
}

/// The edges `systemd-analyze dot` would draw between the family's units for our graph's
/// edges: `(from, to, colour)`, its colours being `After` green, `Requires` black, `Requisite`
/// dark blue, `Wants` grey and `Conflicts` red. Activation is the ordering systemd adds (the
/// activated unit after what activates it), a slice the `Requires=` and `After=` it adds.
fn as_systemd_draws(dot: &str, units: &BTreeSet<&str>) -> BTreeSet<(String, String, String)> {
    let mut out = BTreeSet::new();
    for (from, to, attrs) in edges(dot) {
        if !units.contains(from.as_str()) || !units.contains(to.as_str()) {
            continue;
        }
        let label = attrs
            .split(", ")
            .find_map(|a| a.strip_prefix("label="))
            .unwrap_or("")
            .trim_matches('"');
        let label = label.split(' ').next().unwrap_or("");
        let mut add = |f: &str, t: &str, colour: &str| {
            out.insert((f.to_owned(), t.to_owned(), colour.to_owned()));
        };
        match label {
            "After" => add(&from, &to, "green"),
            // An `Accept=yes` socket starts an instance per connection, ordered then.
            "activates" if !to.contains("@.") => add(&to, &from, "green"),
            "Slice" => {
                add(&from, &to, "green");
                add(&from, &to, "black");
            }
            "Requires" => add(&from, &to, "black"),
            "Requisite" => add(&from, &to, "darkblue"),
            "Wants" => add(&from, &to, "grey66"),
            "Conflicts" => add(&from, &to, "red"),
            _ => {}
        }
    }
    out
}

/// Starts a user instance of systemd in a mount namespace of its own, with the family in its
/// configuration directory (`e.service` only loaded, as `a.service` conflicts with it), and returns what `systemd-analyze --user dot` draws; `None` when
/// this machine cannot (not root, no namespaces).
fn systemd_dot(root: &Path) -> Option<String> {
    let config = root.join("config/systemd/user");
    let run = run_cli(&GRAPH, "graph", &["render", "--out", config.to_str()?]);
    assert_eq!(run.code, 0, "{}", run.err);
    let wants: Vec<&str> = GRAPH
        .units
        .iter()
        .map(|u| u.name)
        .filter(|n| !n.contains('@') && *n != "e.service")
        .collect();
    std::fs::write(
        config.join("everything.target"),
        format!("[Unit]\nWants={}\n", wants.join(" ")),
    )
    .ok()?;
    let runtime = root.join("runtime");
    std::fs::create_dir_all(&runtime).ok()?;
    let script = r#"set -e
mount -t tmpfs none /run/systemd
mkdir -p /run/systemd/system
/lib/systemd/systemd --user >"$XDG_RUNTIME_DIR/manager.log" 2>&1 &
manager=$!
trap 'kill $manager; wait $manager' EXIT
for _ in $(seq 100); do [ -S "$XDG_RUNTIME_DIR/systemd/private" ] && break; sleep 0.1; done
systemctl --user start everything.target
systemd-analyze --user dot 2>/dev/null
"#;
    let out = Command::new("timeout")
        .args([
            "60",
            "unshare",
            "-m",
            "--propagation",
            "private",
            "sh",
            "-c",
            script,
        ])
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("XDG_CONFIG_HOME", root.join("config"))
        .output();
    let out = match out {
        Ok(out) => out,
        Err(e) => {
            eprintln!("skipped: cannot run `timeout` and `unshare`: {e}");
            return None;
        }
    };
    if !out.status.success() {
        eprintln!(
            "skipped: no user instance of systemd in a namespace here: {}",
            String::from_utf8_lossy(&out.stderr).trim_end()
        );
        return None;
    }
    String::from_utf8(out.stdout).ok()
}

#[test]
fn edges_point_the_way_systemd_analyze_dot_draws_them() {
    tests::require!("systemd-analyze");
    if !Path::new("/lib/systemd/systemd").exists() {
        eprintln!("skipped: /lib/systemd/systemd is not installed");
        return;
    }
    let tmp = TempDir::new("graph-systemd");
    let Some(theirs) = systemd_dot(tmp.path()) else {
        return;
    };
    let units: BTreeSet<&str> = GRAPH.units.iter().map(|u| u.name).collect();
    let theirs: BTreeSet<(String, String, String)> = theirs
        .lines()
        .filter_map(|l| {
            let (from, rest) = l.trim().strip_prefix('"')?.split_once("\"->\"")?;
            let (to, attrs) = rest.split_once("\" [color=\"")?;
            let colour = attrs.strip_suffix("\"];")?;
            (units.contains(from) && units.contains(to))
                .then(|| (from.to_owned(), to.to_owned(), colour.to_owned()))
        })
        .collect();
    assert!(
        theirs.contains(&("a.service".into(), "b.service".into(), "green".into())),
        "systemd drew no ordering: {theirs:?}"
    );
    let ours = as_systemd_draws(&our_graph(), &units);
    assert_eq!(ours, theirs, "ours, then systemd's");
}
