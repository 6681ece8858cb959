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

/// The graph of `units` (filled in with build options) in DOT.
pub fn dot(family: &Family, units: &[Unit]) -> String {
    let mut s = format!("digraph {} {{\n", quote(family.name));
    s.push_str("  rankdir=LR;\n  node [shape=box, fontname=\"sans-serif\", fontsize=10];\n  edge [fontsize=8];\n");
    let ours: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
    for u in units {
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
    let mut others: Vec<String> = Vec::new();
    let mut edge = |s: &mut String, from: &str, to: &str, attrs: &str| {
        if !ours.contains(&to) && !others.iter().any(|o| o == to) {
            others.push(to.to_owned());
            let _ = writeln!(s, "  {} [color=gray50, fontcolor=gray30];", quote(to));
        }
        let _ = writeln!(s, "  {} -> {} [{attrs}];", quote(from), quote(to));
    };
    for u in units {
        for (key, style) in STYLES {
            for to in u
                .values("Unit", key)
                .iter()
                .flat_map(|v| v.split_whitespace())
            {
                let label = format!(
                    "label={key}{}{style}",
                    if style.is_empty() { "" } else { ", " }
                );
                edge(&mut s, &u.name, to, &label);
            }
        }
        for to in u
            .values("Unit", "After")
            .iter()
            .flat_map(|v| v.split_whitespace())
        {
            edge(
                &mut s,
                to,
                &u.name,
                "style=dashed, color=gray40, label=After",
            );
        }
        for to in u
            .values("Unit", "Before")
            .iter()
            .flat_map(|v| v.split_whitespace())
        {
            edge(
                &mut s,
                &u.name,
                to,
                "style=dashed, color=gray40, label=Before",
            );
        }
        if u.kind() == Some(UnitKind::Socket) {
            let service = u
                .value("Socket", "Service")
                .map(str::to_owned)
                .unwrap_or_else(|| {
                    let stem = u.name.trim_end_matches(".socket");
                    let accept = u
                        .value("Socket", "Accept")
                        .is_some_and(|v| crate::value::boolean(v) == Ok(true));
                    format!("{stem}{}.service", if accept { "@" } else { "" })
                });
            edge(
                &mut s,
                &u.name,
                &service,
                "style=dotted, color=blue, label=activates",
            );
        }
        if u.kind() == Some(UnitKind::Timer) {
            let service = u
                .value("Timer", "Unit")
                .map(str::to_owned)
                .unwrap_or_else(|| u.name.replace(".timer", ".service"));
            edge(
                &mut s,
                &u.name,
                &service,
                "style=dotted, color=blue, label=activates",
            );
        }
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
    let text = dot(family, &units);
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
