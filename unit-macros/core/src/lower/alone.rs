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
use super::state::{hint, join_text, Lowering, Uses, BUILTIN};

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
            Item::Daemon(d) => {
                for m in &d.members {
                    bodies.push(match m {
                        Member::Instance(i) => &i.body,
                        Member::Unit(u) => &u.body,
                    });
                }
            }
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
    let mut used = HashSet::new();
    for b in bodies {
        for s in &b.stmts {
            if let Stmt::Use { name, .. } = s {
                used.insert(name.to_string());
            }
        }
    }
    used
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
        let mut values: HashMap<String, String> = HashMap::new();
        values.insert(BUILTIN.to_owned(), sample("name"));
        let mut unknown: HashSet<String> = HashSet::new();
        unknown.insert(BUILTIN.to_owned());
        for p in &t.params {
            let pname = p.name.to_string();
            let parts = match &p.default {
                Some(d) => placeholder::parts(&d.value()).ok(),
                None => None,
            };
            let value = match parts {
                Some(parts) if !parts.iter().any(|p| matches!(p, Part::Var { .. })) => {
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
        self.params.clear();
        for k in values.keys() {
            self.params.push(k.clone());
        }
        let changes = self.body(&t.body, &lookup, Some(&tname), unit.kind());
        self.merge(&mut unit, changes, "this template");
        self.params.clear();
        Some(Unused {
            unit,
            known: Known::AllBut(unknown),
        })
    }

    pub(super) fn lone_snippet(&mut self, s: &ast::Snippet) -> Option<Unused> {
        let mut directives: Vec<&ast::Directive> = Vec::new();
        for stmt in &s.body.stmts {
            if let Stmt::Directive(d) = stmt {
                directives.push(d);
            }
        }
        let mut common: Option<Vec<&'static str>> = None;
        for d in &directives {
            let key = d.key.to_string();
            let homes = catalog().sections_of(&key);
            if homes.is_empty() {
                let mut names: Vec<&str> = Vec::new();
                for s in catalog().sections() {
                    for d in catalog().directives_in(s) {
                        names.push(d.name);
                    }
                }
                let hint = hint(&key, &names);
                self.at(
                    d.site,
                    format!("unknown directive `{key}` in snippet `{}`{hint}", s.name),
                );
                continue;
            }
            let shared: Vec<&'static str> = match &common {
                Some(c) => {
                    let mut shared = Vec::new();
                    for h in c {
                        if homes.contains(h) {
                            shared.push(*h);
                        }
                    }
                    shared
                }
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
        let common = common?;
        let section = if common.contains(&"Service") {
            "Service"
        } else {
            common.first()?
        };
        let mut kind = UnitKind::Service;
        for k in UnitKind::ALL {
            if k.own_section() == Some(section) {
                kind = k;
                break;
            }
        }
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
