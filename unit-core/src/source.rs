//! The Rust source of a family's `FAMILY` static: the one writer of that literal.
//!
//! `systemd_unit!` writes its family with these functions and parses the text into tokens;
//! `unit-run`'s build scripts write [`of`] a finished [`Family`] into `OUT_DIR/family.rs`. Each
//! element of a list is written by its own function, so the macro can put the `#[cfg]`s a
//! definition carries in front of it. Types are named through [`PATH`], which the crate the
//! macro's users depend on re-exports.

use std::fmt::Write as _;

use crate::catalog::Target;
use crate::family::Family;
use crate::value::ValueKind;

/// The path the written code names `unit_core`'s types through.
pub const PATH: &str = "::unit_run::__private";

/// The parts of a family's literal, each already Rust source: [`family`] puts them together.
#[derive(Debug, Default)]
pub struct Parts {
    /// The doc comment of the static, without `///`.
    pub doc: String,
    /// The [`Target`] expression ([`target`], or an `if cfg!(...)` choice between several).
    pub target: String,
    /// One [`option`] each.
    pub options: Vec<String>,
    /// One [`unit()`] each.
    pub units: Vec<String>,
    /// The name expression ([`string`], or `::core::env!("CARGO_PKG_NAME")`).
    pub name: String,
    /// The preset's priority.
    pub priority: u8,
    /// One [`rule`] each.
    pub rules: Vec<String>,
    /// One [`dropin`] each.
    pub dropins: Vec<String>,
    /// One [`budget`] each.
    pub budgets: Vec<String>,
    /// The [`dirs`] expression.
    pub dirs: String,
}

/// `s` as a Rust string literal.
pub fn string(s: &str) -> String {
    format!("{s:?}")
}

/// A [`Target`] literal.
pub fn target(t: Target) -> String {
    format!("{PATH}::Target {{ min: {}, max: {} }}", t.min, t.max)
}

/// An [`OptionDef`](crate::family::OptionDef) literal.
pub fn option(name: &str, kind: ValueKind, default: &str, doc: &str) -> String {
    // A kind's `Debug` form is its variant's name.
    format!(
        "{PATH}::OptionDef {{ name: {name:?}, kind: {PATH}::ValueKind::{kind:?}, default: {default:?}, doc: {doc:?} }}"
    )
}

/// A [`UnitDef`](crate::UnitDef) literal.
pub fn unit(name: &str, daemon: &str, text: &str) -> String {
    format!("{PATH}::UnitDef {{ name: {name:?}, daemon: {daemon:?}, text: {text:?} }}")
}

/// A [`PresetRule`](crate::preset::PresetRule) literal.
pub fn rule(enable: bool, unit: &str, instances: &[&str]) -> String {
    format!("{PATH}::PresetRule {{ enable: {enable}, unit: {unit:?}, instances: &{instances:?} }}")
}

/// A [`DropinDef`](crate::dropin::DropinDef) literal.
pub fn dropin(unit: &str, file: &str, text: &str) -> String {
    format!("{PATH}::DropinDef {{ unit: {unit:?}, file: {file:?}, text: {text:?} }}")
}

/// A [`Budget`](crate::security::Budget) literal.
pub fn budget(unit: &str, exposure: u8) -> String {
    format!("{PATH}::Budget {{ unit: {unit:?}, exposure: {exposure} }}")
}

/// A [`Dirs`](crate::family::Dirs) literal naming the options `unit`, `preset` and `prefix`.
pub fn dirs(unit: &str, preset: &str, prefix: &str) -> String {
    format!("{PATH}::Dirs {{ unit: {unit:?}, preset: {preset:?}, prefix: {prefix:?} }}")
}

/// The `FAMILY` static of `parts`.
pub fn family(parts: &Parts) -> String {
    let list =
        |items: &[String]| -> String { items.iter().map(|i| format!("        {i},\n")).collect() };
    let mut s = String::new();
    let _ = write!(
        s,
        "/// {}\npub static FAMILY: {PATH}::Family = {PATH}::Family {{\n    target: {},\n    options: &[\n{}    ],\n    units: &[\n{}    ],\n    name: {},\n    preset: {PATH}::Preset {{ priority: {}, rules: &[\n{}    ] }},\n    dropins: &[\n{}    ],\n    budgets: &[\n{}    ],\n    dirs: {},\n}};\n",
        parts.doc,
        parts.target,
        list(&parts.options),
        list(&parts.units),
        parts.name,
        parts.priority,
        list(&parts.rules),
        list(&parts.dropins),
        list(&parts.budgets),
        parts.dirs,
    );
    s
}

/// The source of `family` as it is: `#[cfg]`s already decided, `doc` its comment.
pub fn of(family: &Family, doc: &str) -> String {
    self::family(&family_parts(family, doc))
}

fn family_parts(f: &Family, doc: &str) -> Parts {
    let mut parts = Parts {
        doc: doc.to_owned(),
        target: target(f.target),
        options: Vec::new(),
        units: Vec::new(),
        name: string(f.name),
        priority: f.preset.priority,
        rules: Vec::new(),
        dropins: Vec::new(),
        budgets: Vec::new(),
        dirs: dirs(f.dirs.unit, f.dirs.preset, f.dirs.prefix),
    };
    for o in f.options {
        parts.options.push(option(o.name, o.kind, o.default, o.doc));
    }
    for u in f.units {
        parts.units.push(unit(u.name, u.daemon, u.text));
    }
    for r in f.preset.rules {
        parts.rules.push(rule(r.enable, r.unit, r.instances));
    }
    for d in f.dropins {
        parts.dropins.push(dropin(d.unit, d.file, d.text));
    }
    for b in f.budgets {
        parts.budgets.push(budget(b.unit, b.exposure));
    }
    parts
}
