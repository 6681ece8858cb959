//! `graph`: the family's dependency and ordering graph as Graphviz DOT, or SVG through `dot`.
//!
//! Every edge reads forwards, tail to head: `"a.service" -> "b.service" [label=After]` says
//! that `a.service` is ordered after `b.service`, as `systemd-analyze dot` draws it (an
//! arrow from the unit started later to the unit started first). A `Before=` is drawn as the
//! `After=` it means for the other unit, so both spellings of one ordering give one edge.

use std::fmt::Write as _;
use std::io::Write;
use std::process::{Command as Process, Stdio};

use super::args::Invocation;
use super::{failed, io, joined, Cli, Result};
use unit_core::family::{Family, Options};
use unit_core::{Unit, UnitKind};

/// `[Unit]` dependencies drawn from the unit that names them to the unit named.
const DEPENDENCIES: &[(&str, &str)] = &[
    ("Requires", "style=bold"),
    ("BindsTo", "style=bold"),
    ("Requisite", "style=bold"),
    ("Wants", ""),
    ("PartOf", "style=bold, color=gray40"),
    ("Conflicts", "color=red, dir=none, constraint=false"),
];
const ORDER: &str = "style=dashed, color=gray40";
const ACTIVATES: &str = "style=dotted, color=blue";
const SLICE: &str = "color=gray40";
const MOUNTS: &str = "style=bold, color=gray40";
const EXTENDS: &str = "style=dotted, color=gray50, arrowhead=odot";

/// One edge, read `from label to`; `via` names the drop-in file that adds it.
#[derive(Debug, PartialEq, Eq)]
struct Edge {
    from: String,
    to: String,
    label: &'static str,
    attrs: &'static str,
    via: Option<&'static str>,
}

fn words<'u>(u: &'u Unit, section: &str, key: &str) -> impl Iterator<Item = &'u str> {
    u.values(section, key)
        .into_iter()
        .flat_map(str::split_whitespace)
}

/// The unit a socket, timer, path or automount unit starts, as systemd picks it.
fn activated(u: &Unit, name: &str) -> Option<String> {
    let (stem, _) = name.rsplit_once('.')?;
    let named = |section: &str, key: &str| u.value(section, key).map(str::to_owned);
    match u.kind()? {
        UnitKind::Socket => named("Socket", "Service").or_else(|| {
            let accept = u
                .value("Socket", "Accept")
                .is_some_and(|v| unit_core::value::boolean(v) == Ok(true));
            Some(format!("{stem}{}.service", if accept { "@" } else { "" }))
        }),
        UnitKind::Timer => named("Timer", "Unit").or_else(|| Some(format!("{stem}.service"))),
        UnitKind::Path => named("Path", "Unit").or_else(|| Some(format!("{stem}.service"))),
        UnitKind::Automount => Some(format!("{stem}.mount")),
        _ => None,
    }
}

/// The edges `u` (the unit `name`, or a drop-in `via` of it) draws.
fn edges_of(u: &Unit, name: &str, via: Option<&'static str>, out: &mut Vec<Edge>) {
    let mut push = |from: &str, to: &str, label: &'static str, attrs: &'static str| {
        let edge = Edge {
            from: from.to_owned(),
            to: to.to_owned(),
            label,
            attrs,
            via,
        };
        if !out.contains(&edge) {
            out.push(edge);
        }
    };
    for (key, attrs) in DEPENDENCIES {
        for to in words(u, "Unit", key) {
            push(name, to, key, attrs);
        }
    }
    for first in words(u, "Unit", "After") {
        push(name, first, "After", ORDER);
    }
    for later in words(u, "Unit", "Before") {
        push(later, name, "After", ORDER);
    }
    if let Some(section) = u.kind().and_then(UnitKind::own_section) {
        for slice in words(u, section, "Slice") {
            push(name, slice, "Slice", SLICE);
        }
    }
    for path in words(u, "Unit", "RequiresMountsFor") {
        let mount = unit_core::load::name_from_path(path, ".mount");
        push(name, &mount, "RequiresMountsFor", MOUNTS);
    }
    if via.is_none() {
        if let Some(target) = activated(u, name) {
            push(name, &target, "activates", ACTIVATES);
        }
    }
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The graph of `units` (filled in with build options) and the family's drop-ins (`dropins`,
/// each the unit it extends, its file name and its content) in DOT; with `only` not empty,
/// just the edges that touch one of those units.
pub fn dot(
    family: &Family,
    units: &[Unit],
    dropins: &[(&str, &'static str, Unit)],
    only: &[String],
) -> String {
    let mut edges = Vec::new();
    for u in units {
        edges_of(u, &u.name, None, &mut edges);
    }
    for (unit, file, d) in dropins {
        edges_of(d, unit, Some(file), &mut edges);
    }
    let touches =
        |from: &str, to: &str| only.is_empty() || only.iter().any(|u| u == from || u == to);
    edges.retain(|e| touches(&e.from, &e.to));
    let mut drawn: Vec<&str> = Vec::new();
    for u in only {
        drawn.push(u);
    }
    for e in &edges {
        for n in [e.from.as_str(), e.to.as_str()] {
            if !drawn.contains(&n) {
                drawn.push(n);
            }
        }
    }
    let mut s = format!("digraph {} {{\n", quote(family.name));
    s.push_str("  rankdir=LR;\n  node [shape=box, fontname=\"sans-serif\", fontsize=10];\n  edge [fontsize=8];\n");
    for u in units {
        if !only.is_empty() && !drawn.contains(&u.name.as_str()) {
            continue;
        }
        let shape = match u.kind() {
            Some(UnitKind::Socket) => ", shape=ellipse",
            Some(UnitKind::Target) => ", shape=hexagon",
            Some(UnitKind::Timer) => ", shape=octagon",
            Some(UnitKind::Path) => ", shape=parallelogram",
            Some(UnitKind::Slice) => ", shape=folder",
            _ => "",
        };
        let _ = writeln!(
            s,
            "  {} [style=filled, fillcolor=\"#e8f0fe\"{shape}];",
            quote(&u.name)
        );
    }
    for name in &drawn {
        if units.iter().any(|u| u.name == *name) {
            continue;
        }
        let _ = writeln!(s, "  {} [color=gray50, fontcolor=gray30];", quote(name));
    }
    for (unit, file, _) in dropins {
        if !touches(unit, unit) {
            continue;
        }
        let node = quote(&format!("{unit}.d/{file}"));
        let _ = writeln!(s, "  {node} [shape=note, color=gray50, fontsize=8];");
        let _ = writeln!(s, "  {node} -> {} [label=extends, {EXTENDS}];", quote(unit));
    }
    for e in &edges {
        let label = match e.via {
            Some(file) => quote(&format!("{} ({file})", e.label)),
            None => e.label.to_owned(),
        };
        let (first, rest) = match e.label {
            "After" | "activates" | "Slice" | "RequiresMountsFor" => (e.attrs, ""),
            _ => ("", e.attrs),
        };
        let attrs = match (first.is_empty(), rest.is_empty()) {
            (false, _) => format!("{first}, label={label}"),
            (true, true) => format!("label={label}"),
            (true, false) => format!("label={label}, {rest}"),
        };
        let _ = writeln!(s, "  {} -> {} [{attrs}];", quote(&e.from), quote(&e.to));
    }
    s.push_str("}\n");
    s
}

pub(crate) fn run(
    cli: &Cli,
    options: &Options,
    inv: &Invocation,
    out: &mut dyn Write,
) -> Result<()> {
    let family = cli.family();
    let mut units = Vec::new();
    for def in family.units {
        units.push(def.resolve(options).map_err(joined)?);
    }
    let mut dropins = Vec::new();
    for d in family.dropins {
        let rendered = d.render(family, options).map_err(joined)?;
        let unit = unit_core::parse(d.unit, &rendered.text).map_err(failed)?;
        dropins.push((d.unit, d.file, unit));
    }
    let text = dot(family, &units, &dropins, &inv.units);
    if inv.format.as_deref() != Some("svg") {
        return out.write_all(text.as_bytes()).map_err(io);
    }
    let child = Process::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(failed(
                "Graphviz's `dot` is not installed, so no SVG can be drawn; install graphviz, or use `--format dot`",
            ))
        }
        Err(e) => return Err(failed(format!("cannot run `dot`: {e}"))),
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(text.as_bytes()).map_err(failed)?;
    }
    let output = child.wait_with_output().map_err(failed)?;
    if !output.status.success() {
        return Err(failed(format!(
            "`dot` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim_end()
        )));
    }
    out.write_all(&output.stdout).map_err(io)
}
