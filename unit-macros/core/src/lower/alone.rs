//! Templates and snippets that no daemon or unit uses, lowered on their own so that a mistake
//! in them is found before the day someone uses them; `unused` checks what this makes.
//!
//! A template is lowered as an instance of a daemon that gives no parameters: parameters with
//! a default take it, the others (and `{daemon}`) stand for a value of their declared kind that
//! is not known, so the checks that depend on such a value are left to the instances. What is
//! checked: the unit name's suffix, sections and directives, placeholders, single values set
//! twice, snippets, and every value that uses no unknown parameter. A snippet is checked under
//! the section its directives belong to.

use std::collections::{HashMap, HashSet};

use unit_core::catalog::catalog;
use unit_core::placeholder::{self, Part};
use unit_core::{Origin, Unit, UnitKind};

use super::super::ast::{self, Body, Item, Member, Stmt};
use super::model::{Known, Unused};
use super::state::{join_text, Lowering, Uses, BUILTIN};

/// A stand-in for a value of a parameter's kind.
fn sample(kind: &str) -> String {
    match kind {
        "path" => "/sample".to_owned(),
        "mode" => "0644".to_owned(),
        _ => "sample".to_owned(),
    }
}

/// The snippets used anywhere in `items`.
fn used_snippets(items: &[Item]) -> HashSet<String> {
    let mut bodies: Vec<&Body> = Vec::new();
    for item in items {
        match item {
            Item::Template(t) => bodies.push(&t.body),
            Item::Unit(u) => bodies.push(&u.body),
            Item::Daemon(d) => bodies.extend(d.members.iter().map(|m| match m {
                Member::Instance(i) => &i.body,
                Member::Unit(u) => &u.body,
            })),
            Item::Dropin(u) => bodies.push(&u.body),
            Item::Options(_)
            | Item::Dirs(_)
            | Item::Snippet(_)
            | Item::Extern(_)
            | Item::Systemd(_)
            | Item::Family(_)
            | Item::Budget(_)
            | Item::Preset(_) => {}
        }
    }
    bodies
        .iter()
        .flat_map(|b| b.stmts.iter())
        .filter_map(|s| match s {
            Stmt::Use { name, .. } => Some(name.to_string()),
            _ => None,
        })
        .collect()
}

impl<'a> Lowering<'a, '_> {
    /// Every template and snippet that nothing uses, lowered on its own.
    pub(super) fn unused(&mut self, items: &'a [Item]) -> Vec<Unused> {
        let used = used_snippets(items);
        let mut out = Vec::new();
        for item in items {
            match item {
                Item::Template(t) => {
                    let name = t.name.to_string();
                    let unused = !self.provenance.template_users.contains_key(&name);
                    if unused && !self.bad_names.contains(&name) {
                        out.extend(self.lone_template(t));
                    }
                }
                Item::Snippet(s) if !used.contains(&s.name.to_string()) => {
                    out.extend(self.lone_snippet(s))
                }
                _ => {}
            }
        }
        out
    }

    pub(super) fn lone_template(&mut self, t: &ast::Template) -> Option<Unused> {
        let tname = t.name.to_string();
        let mut values: HashMap<String, String> =
            HashMap::from([(BUILTIN.to_owned(), sample("name"))]);
        let mut unknown: HashSet<String> = HashSet::from([BUILTIN.to_owned()]);
        for p in &t.params {
            let pname = p.name.to_string();
            let default = p.default.as_ref().map(|d| d.value());
            let value = match default.as_deref().map(placeholder::parts) {
                Some(Ok(parts)) if parts.iter().all(|p| matches!(p, Part::Text(_))) => {
                    join_text(&parts)
                }
                _ => {
                    unknown.insert(pname.clone());
                    sample(&p.ty.to_string())
                }
            };
            values.insert(pname, value);
        }
        let lookup = |n: &str| values.get(n).cloned();
        let name = self.substitute_text(&t.unit_name, &lookup, &tname)?;
        let site = self.sites.site(t.name.span());
        let mut unit = Unit::new(name, Origin(site));
        self.uses = Uses::default();
        self.params = values.keys().cloned().collect();
        let changes = self.body(&t.body, &lookup, Some(&tname), unit.kind());
        self.merge(&mut unit, changes, "this template");
        self.params.clear();
        Some(Unused {
            unit,
            known: Known::AllBut(unknown),
        })
    }

    pub(super) fn lone_snippet(&mut self, s: &ast::Snippet) -> Option<Unused> {
        let directives: Vec<&ast::Directive> = s
            .body
            .stmts
            .iter()
            .filter_map(|stmt| match stmt {
                Stmt::Directive(d) => Some(d),
                _ => None,
            })
            .collect();
        let mut common: Option<Vec<&'static str>> = None;
        for d in &directives {
            let key = d.key.to_string();
            let homes = catalog().sections_of(&key);
            if homes.is_empty() {
                let names = catalog()
                    .sections()
                    .iter()
                    .flat_map(|s| catalog().directives_in(s).map(|d| d.name));
                let hint = unit_core::suggest::closest(&key, names)
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                self.at(
                    d.site,
                    format!("unknown directive `{key}` in snippet `{}`{hint}", s.name),
                );
                continue;
            }
            let shared: Vec<&'static str> = match &common {
                Some(c) => c.iter().copied().filter(|h| homes.contains(h)).collect(),
                None => homes.clone(),
            };
            if shared.is_empty() {
                self.at(
                    d.site,
                    format!(
                        "`{key}` belongs in `[{}]`, unlike the directives above it in snippet `{}`; a snippet is used under one section, so move it into another snippet",
                        homes.join("]` or `["),
                        s.name
                    ),
                );
                continue;
            }
            common = Some(shared);
        }
        let section = common
            .as_ref()
            .and_then(|c| c.iter().find(|h| **h == "Service").or(c.first()))?;
        let kind = UnitKind::ALL
            .into_iter()
            .find(|k| k.own_section() == Some(section))
            .unwrap_or(UnitKind::Service);
        let site = self.sites.site(s.name.span());
        let mut unit = Unit::new(format!("snippet.{kind}"), Origin(site));
        let mut options: HashSet<String> = HashSet::new();
        for o in &self.options {
            options.insert(o.clone());
        }
        let lookup = |n: &str| (!options.contains(n)).then(|| sample("text"));
        let mut changes = Vec::new();
        for d in &directives {
            if catalog().get(section, &d.key.to_string()).is_none() {
                continue;
            }
            if let Some(c) = self.directive(&(section.to_string(), site), d, &lookup, None) {
                changes.push(c);
            }
        }
        self.uses = Uses::default();
        self.merge(&mut unit, changes, "this snippet");
        Some(Unused {
            unit,
            known: Known::Only(options),
        })
    }
}
