//! Writing imported units as `systemd_unit!` source.

use std::collections::BTreeSet;

use super::settle::clean_comment;
use super::{Factored, Imported};
use crate::crosscheck::{activated_service, references, SYSTEM_UNITS};
use crate::model::{Section, Unit};

/// How the written source is laid out.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Lines of the module's `//!` doc comment.
    pub header: Vec<String>,
    /// The reason written for each `extern` unit: a placeholder for the user to fill in.
    pub extern_reason: String,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            header: vec!["Units imported from existing unit files.".into()],
            extern_reason: "TODO: the package that provides it".into(),
        }
    }
}

/// The DSL literal for `value`: a bare word or number where the DSL allows one, a string
/// literal otherwise, with `{` and `}` doubled so they are not read as placeholders.
///
/// ```
/// use unit_core::import::literal;
/// assert_eq!(literal("notify"), "notify");
/// assert_eq!(literal("-900"), "-900");
/// assert_eq!(literal("on-failure"), "\"on-failure\"");
/// assert_eq!(literal("A=\"b c\" {x}"), r#""A=\"b c\" {{x}}""#);
/// ```
pub fn literal(value: &str) -> String {
    let word = value.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let digits = value.strip_prefix('-').unwrap_or(value);
    let number = !digits.is_empty()
        && digits.len() < 10
        && digits.chars().all(|c| c.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if word || number {
        return value.to_owned();
    }
    string(&crate::placeholder::escape(value))
}

/// A Rust string literal holding `text`.
pub(crate) fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes `imported` as a Rust module holding one `systemd_unit!` family: an `extern` block
/// for every unit the files name but do not define (except systemd's own), then one
/// `unit "name" { ... }` item per unit, with comments as doc comments.
pub fn write_family(imported: &Imported, layout: &Layout) -> String {
    let mut w = Writer::new(layout);
    w.externs(&imported.units, &imported.units);
    for unit in &imported.units {
        w.unit_item(unit, 1);
    }
    w.finish()
}

/// Writes a factored family (see [`super::factor`]).
pub fn write_factored(factored: &Factored, layout: &Layout) -> String {
    let mut w = Writer::new(layout);
    w.externs(&factored.rendered, &factored.rendered);
    factored.write_items(&mut w);
    w.finish()
}

/// Source text under construction.
pub(crate) struct Writer {
    pub(crate) out: String,
    reason: String,
}

impl Writer {
    fn new(layout: &Layout) -> Self {
        let mut out = String::new();
        for line in &layout.header {
            push_doc(&mut out, "//!", &clean_comment(line));
        }
        out.push_str("\nuse unit_macros::systemd_unit;\n\nsystemd_unit! {\n");
        Writer {
            out,
            reason: layout.extern_reason.clone(),
        }
    }

    fn finish(mut self) -> String {
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        self.out.push_str("}\n");
        self.out
    }

    pub(crate) fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    pub(crate) fn blank(&mut self) {
        if !self.out.ends_with("{\n") && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    pub(crate) fn docs(&mut self, depth: usize, comments: &[String]) {
        for c in comments {
            let mut line = String::new();
            push_doc(&mut line, "///", &clean_comment(c));
            self.line(depth, line.trim_end_matches('\n'));
        }
    }

    fn externs(&mut self, units: &[Unit], defined: &[Unit]) {
        let names: BTreeSet<&str> = defined.iter().map(|u| u.name.as_str()).collect();
        let mut wanted = BTreeSet::new();
        for unit in units {
            let mut named: Vec<String> = references(unit).map(|(_, n, _)| n).collect();
            if let Some((service, origin)) = activated_service(unit) {
                if origin == unit.origin {
                    named.push(service);
                }
            }
            for name in named {
                let template = template_of(&name);
                let known = |n: &str| names.contains(n) || SYSTEM_UNITS.contains(&n);
                if name.contains('%')
                    || known(&name)
                    || template.as_deref().is_some_and(known)
                    || crate::value::unit_name(&name).is_err()
                {
                    continue;
                }
                wanted.insert(name);
            }
        }
        if wanted.is_empty() {
            return;
        }
        self.line(1, "extern {");
        let reason = string(&self.reason);
        for name in wanted {
            self.line(2, &format!("{} = {reason};", string(&name)));
        }
        self.line(1, "}");
        self.out.push('\n');
    }

    pub(crate) fn unit_item(&mut self, unit: &Unit, depth: usize) {
        self.docs(depth, &unit.comments);
        self.line(depth, &format!("unit {} {{", string(&unit.name)));
        self.sections(&unit.sections, depth + 1);
        self.line(depth, "}");
        self.out.push('\n');
    }

    pub(crate) fn sections(&mut self, sections: &[Section], depth: usize) {
        for (i, section) in sections.iter().enumerate() {
            if i > 0 {
                self.out.push('\n');
            }
            self.line(depth, &format!("[{}]", section.name));
            for entry in &section.entries {
                self.docs(depth, &entry.comments);
                self.line(
                    depth,
                    &format!("{} = {};", entry.key, literal(&entry.value)),
                );
            }
        }
    }
}

fn push_doc(out: &mut String, marker: &str, line: &str) {
    out.push_str(marker);
    if !line.is_empty() {
        out.push(' ');
        out.push_str(line);
    }
    out.push('\n');
}

fn template_of(name: &str) -> Option<String> {
    let (stem, suffix) = name.rsplit_once('.')?;
    let (prefix, instance) = stem.split_once('@')?;
    (!instance.is_empty()).then(|| format!("{prefix}@.{suffix}"))
}
