//! `graph`: the family's dependency and ordering graph as Graphviz DOT, or SVG through `dot`.

use std::fmt::Write as _;
use std::io::Write;
use std::process::{Command as Process, Stdio};

use super::args::Invocation;
use super::{failed, io, joined, Cli, Result};
use crate::family::{Family, Options};
use crate::model::{Unit, UnitKind};

const STYLES: &[(&str, &str)] = &[
    ("Requires", "style=bold"),
    ("BindsTo", "style=bold"),
    ("Requisite", "style=bold"),
    ("Wants", ""),
    ("PartOf", "style=bold, color=gray40"),
    ("Conflicts", "color=red, dir=none, constraint=false"),
];

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The graph of `units` (filled in with build options) in DOT; with `only` not empty, just the
/// edges that touch one of those units.
pub fn dot(family: &Family, units: &[Unit], only: &[String]) -> String {
    let mut body = String::new();
    let mut drawn: Vec<String> = only.to_vec();
    let mut edge = |from: &str, to: &str, attrs: &str| {
        if !only.is_empty() && !only.iter().any(|u| u == from || u == to) {
            return;
        }
        for n in [from, to] {
            if !drawn.iter().any(|d| d == n) {
                drawn.push(n.to_owned());
            }
        }
        let _ = writeln!(body, "  {} -> {} [{attrs}];", quote(from), quote(to));
    };
    let words = |u: &Unit, section: &str, key: &str| -> Vec<String> {
        u.values(section, key)
            .iter()
            .flat_map(|v| v.split_whitespace())
            .map(str::to_owned)
            .collect()
    };
    for u in units {
        for (key, style) in STYLES {
            for to in words(u, "Unit", key) {
                let sep = if style.is_empty() { "" } else { ", " };
                edge(&u.name, &to, &format!("label={key}{sep}{style}"));
            }
        }
        for first in words(u, "Unit", "After") {
            edge(&first, &u.name, "style=dashed, color=gray40, label=After");
        }
        for then in words(u, "Unit", "Before") {
            edge(&u.name, &then, "style=dashed, color=gray40, label=Before");
        }
        let activated = match u.kind() {
            Some(UnitKind::Socket) => Some(u.value("Socket", "Service").map_or_else(
                || {
                    let stem = u.name.trim_end_matches(".socket");
                    let accept = u
                        .value("Socket", "Accept")
                        .is_some_and(|v| crate::value::boolean(v) == Ok(true));
                    format!("{stem}{}.service", if accept { "@" } else { "" })
                },
                str::to_owned,
            )),
            Some(UnitKind::Timer) => Some(
                u.value("Timer", "Unit")
                    .map_or_else(|| u.name.replace(".timer", ".service"), str::to_owned),
            ),
            _ => None,
        };
        if let Some(service) = activated {
            edge(
                &u.name,
                &service,
                "style=dotted, color=blue, label=activates",
            );
        }
    }
    let mut s = format!("digraph {} {{\n", quote(family.name));
    s.push_str("  rankdir=LR;\n  node [shape=box, fontname=\"sans-serif\", fontsize=10];\n  edge [fontsize=8];\n");
    for u in units {
        if !only.is_empty() && !drawn.contains(&u.name) {
            continue;
        }
        let shape = match u.kind() {
            Some(UnitKind::Socket) => ", shape=ellipse",
            Some(UnitKind::Target) => ", shape=hexagon",
            Some(UnitKind::Timer) => ", shape=octagon",
            _ => "",
        };
        let _ = writeln!(
            s,
            "  {} [style=filled, fillcolor=\"#e8f0fe\"{shape}];",
            quote(&u.name)
        );
    }
    for name in drawn
        .iter()
        .filter(|d| !units.iter().any(|u| &u.name == *d))
    {
        let _ = writeln!(s, "  {} [color=gray50, fontcolor=gray30];", quote(name));
    }
    s.push_str(&body);
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
    let text = dot(family, &units, &inv.units);
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
