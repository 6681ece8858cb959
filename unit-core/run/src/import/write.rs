//! Writing imported units as `systemd_unit!` source.

use std::collections::BTreeSet;

use super::factor::{Atom, Member};
use super::settle::{clean_comment, EMPTY_IS_A_VALUE};
use super::snippet::unescape;
use super::{needed_target, Dropin, Factored, Imported};
use unit_core::catalog::Target;
use unit_core::crosscheck::{activated_service, references, SYSTEM_UNITS};
use unit_core::{Section, Unit};

/// How the written source is laid out.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Lines of the module's `//!` doc comment.
    pub header: Vec<String>,
    /// The reason written for each `extern` unit: a placeholder for the user to fill in.
    pub extern_reason: String,
    /// The oldest systemd release the family targets; `None`: the DSL's default (252). A
    /// unit that needs a later one, or uses what a later one removed, moves the range
    /// ([`super::needed_target`]), written `systemd N..;` or `systemd N..=M;`.
    pub target: Option<u16>,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            header: vec!["Units imported from existing unit files.".into()],
            extern_reason: "TODO: the package that provides it".into(),
            target: None,
        }
    }
}

/// The DSL literal for `value`: a bare word or number where the DSL allows one, a string
/// literal otherwise, with `{` and `}` doubled so they are not read as placeholders.
///
/// ```
/// use unit_run::import::literal;
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
    string(&unit_core::placeholder::escape(value))
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
///
/// Drop-ins become `dropin "NAME.d/FILE.conf" { ... }` items (an empty assignment as
/// `reset Key;`), a preset file `family "NAME";` and `preset NN { ... }`, and a unit that needs
/// a later systemd than the DSL's default a `systemd N..;` line.
pub fn write_family(imported: &Imported, layout: &Layout) -> String {
    let mut w = Writer::new(layout);
    w.head(imported, layout);
    for unit in &imported.units {
        w.unit_item(unit, 1);
    }
    w.tail(imported);
    w.finish()
}

/// Writes a factored family (see [`super::factor`]).
pub fn write_factored(factored: &Factored, layout: &Layout) -> String {
    let mut w = Writer::new(layout);
    w.head(&factored.imported, layout);
    factored.write_items(&mut w);
    w.tail(&factored.imported);
    w.finish()
}

/// Every unit `units` and `dropins` name that is neither among `units` nor one of systemd's own
/// units: what an imported family declares `extern`.
pub fn externs(units: &[Unit], dropins: &[Dropin]) -> BTreeSet<String> {
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for u in units {
        names.insert(&u.name);
    }
    let known = |n: &str| names.contains(n) || SYSTEM_UNITS.contains(&n);
    let mut wanted = BTreeSet::new();
    // A drop-in extends a unit of the family or a declared one, systemd's own units included.
    for d in dropins {
        let template = template_of(&d.unit);
        if !names.contains(d.unit.as_str()) && !template.is_some_and(|t| names.contains(t.as_str()))
        {
            wanted.insert(d.unit.clone());
        }
    }
    let mut bodies: Vec<(&Unit, bool)> = Vec::new();
    for u in units {
        bodies.push((u, false));
    }
    for d in dropins {
        bodies.push((&d.body, true));
    }
    for (unit, is_dropin) in bodies {
        let mut named: Vec<String> = Vec::new();
        for (_, n, _) in references(unit) {
            named.push(n);
        }
        // What a unit activates without naming it is the unit's concern, not its drop-ins'.
        if let Some((service, origin)) = activated_service(unit) {
            if origin == unit.origin && !is_dropin {
                named.push(service);
            }
        }
        // A timer or path without `Unit=` starts the service of its own name.
        let own = match unit.kind() {
            Some(unit_core::UnitKind::Timer) => Some("Timer"),
            Some(unit_core::UnitKind::Path) => Some("Path"),
            _ => None,
        };
        if !is_dropin && own.is_some_and(|s| unit.value(s, "Unit").is_none()) {
            if let Some((stem, _)) = unit.name.rsplit_once('.') {
                named.push(format!("{stem}.service"));
            }
        }
        for name in named {
            let template = template_of(&name);
            // An instance the unit's own instance fills in needs its template.
            if name.contains('%') {
                if let Some(t) = template.filter(|t| !t.contains('%') && !known(t)) {
                    if unit_core::value::unit_name(&t).is_ok() {
                        wanted.insert(t);
                    }
                }
                continue;
            }
            if known(&name)
                || template.as_deref().is_some_and(known)
                || unit_core::value::unit_name(&name).is_err()
            {
                continue;
            }
            wanted.insert(name);
        }
    }
    wanted
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

    /// `family`, `systemd` and `extern`, before the units.
    fn head(&mut self, imported: &Imported, layout: &Layout) {
        if let Some(p) = &imported.preset {
            self.line(1, &format!("family {};", string(&p.family)));
            self.out.push('\n');
        }
        let target = needed_target(imported, layout.target);
        if target != Target::DEFAULT {
            let range = match target.max {
                u16::MAX => format!("{}..", target.min),
                max => format!("{}..={max}", target.min),
            };
            self.line(1, &format!("systemd {range};"));
            self.out.push('\n');
        }
        let wanted = externs(&imported.units, &imported.dropins);
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

    /// The drop-ins and the preset, after the units.
    fn tail(&mut self, imported: &Imported) {
        for d in &imported.dropins {
            self.docs(1, &d.body.comments);
            let path = format!("{}.d/{}", d.unit, d.file);
            self.line(1, &format!("dropin {} {{", string(&path)));
            self.sections(&d.body.sections, 2);
            self.line(1, "}");
            self.out.push('\n');
        }
        if let Some(p) = &imported.preset {
            self.line(1, &format!("preset {:02} {{", p.priority));
            for (enable, unit, instances) in &p.rules {
                let verb = if *enable { "enable" } else { "disable" };
                let args = if instances.is_empty() {
                    String::new()
                } else {
                    let mut list = String::new();
                    for (i, instance) in instances.iter().enumerate() {
                        if i > 0 {
                            list.push_str(", ");
                        }
                        list.push_str(&string(instance));
                    }
                    format!("({list})")
                };
                self.line(2, &format!("{verb} {}{args};", string(unit)));
            }
            self.line(1, "}");
            self.out.push('\n');
        }
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
                if entry.value.is_empty() && !EMPTY_IS_A_VALUE.contains(&entry.key.as_str()) {
                    self.line(depth, &format!("reset {};", entry.key));
                } else {
                    self.line(
                        depth,
                        &format!("{} = {};", entry.key, literal(&entry.value)),
                    );
                }
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

impl Factored {
    /// Lines of the family's items, for `write_factored`.
    pub(crate) fn write_items(&self, w: &mut Writer) {
        for s in &self.snippets {
            w.line(1, &format!("snippet {} {{", s.ident));
            for e in &s.entries {
                w.docs(2, &e.comments);
                w.line(2, &format!("{} = {};", e.key, literal(&e.value)));
            }
            w.line(1, "}");
            w.blank();
        }
        for t in &self.templates {
            let mut params = String::new();
            for (i, (p, d)) in t.params.iter().enumerate() {
                if i > 0 {
                    params.push_str(", ");
                }
                match d {
                    Some(d) => params.push_str(&format!("{p}: text = {}", string(d))),
                    None => params.push_str(&format!("{p}: text")),
                }
            }
            w.docs(1, &t.comments);
            w.line(
                1,
                &format!(
                    "template {}({}) -> {} {{",
                    t.ident,
                    params,
                    string(&t.unit_name)
                ),
            );
            write_atoms(w, &t.sections, 2);
            w.line(1, "}");
            w.blank();
        }
        for d in &self.daemons {
            let mut args = String::new();
            for (i, (n, v)) in d.args.iter().enumerate() {
                args.push_str(if i == 0 { "(" } else { ", " });
                args.push_str(&format!("{n} = {}", string(v)));
            }
            if !args.is_empty() {
                args.push(')');
            }
            w.line(1, &format!("daemon {}{args} {{", d.name));
            for m in &d.members {
                match m {
                    Member::Unit(u) => w.unit_item(u, 2),
                    Member::Instance {
                        template,
                        docs,
                        sections,
                    } if sections.is_empty() => {
                        w.docs(2, docs);
                        w.line(2, &format!("{template};"));
                    }
                    Member::Instance {
                        template,
                        docs,
                        sections,
                    } => {
                        w.docs(2, docs);
                        w.line(2, &format!("{template} {{"));
                        write_atoms(w, sections, 3);
                        w.line(2, "}");
                    }
                }
            }
            while w.out.ends_with("\n\n") {
                w.out.pop();
            }
            w.line(1, "}");
            w.blank();
        }
        for u in &self.units {
            w.unit_item(u, 1);
        }
    }
}

/// Writes bodies whose values are in placeholder syntax.
fn write_atoms(w: &mut Writer, sections: &[(String, Vec<Atom>)], depth: usize) {
    for (i, (name, atoms)) in sections.iter().enumerate() {
        if i > 0 {
            w.out.push('\n');
        }
        w.line(depth, &format!("[{name}]"));
        for a in atoms {
            match a {
                Atom::Set(e) => {
                    w.docs(depth, &e.comments);
                    w.line(
                        depth,
                        &format!("{} = {};", e.key, placeholder_literal(&e.value)),
                    );
                }
                Atom::Remove(e) => {
                    w.line(depth, &format!("remove {} = {};", e.key, literal(&e.value)));
                }
                Atom::Use(s) => w.line(depth, &format!("use {s};")),
            }
        }
    }
}

/// A literal for a value already in placeholder syntax.
fn placeholder_literal(value: &str) -> String {
    match unescape(value) {
        Some(raw) => literal(&raw),
        None => string(value),
    }
}
