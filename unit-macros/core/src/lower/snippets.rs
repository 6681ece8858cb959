//! Snippets: checked where they are defined, spliced in where they are used, and their
//! clashes with the unit that uses them reported at the `use`.

use unit_core::catalog::catalog;
use unit_core::{merge, Change, Unit};

use super::super::ast::{self, Stmt};
use super::state::{hint, names, spans_sections, Lowering, UseContext};

impl Lowering<'_, '_> {
    pub(super) fn check_snippet(&mut self, s: &ast::Snippet) {
        let multi = spans_sections(s);
        for stmt in &s.body.stmts {
            match stmt {
                Stmt::Section { name, .. } if !multi => self.errors.span(
                    name.span(),
                    format!("snippet `{}` starts with directives, so it holds directives of the section where it is used; drop `[{name}]`, or start the snippet with a section header so that every directive stands under one", s.name),
                ),
                Stmt::Section { .. } => {}
                Stmt::Use { name, .. } if !multi => self.errors.span(name.span(), "a snippet of one section cannot use other snippets; list the directives instead, or give the snippet section headers"),
                Stmt::Use { name, .. } => {
                    if self.snippets.get(&name.to_string()).is_some_and(|u| spans_sections(u)) {
                        self.errors.span(name.span(), format!("snippet `{}` uses `{name}`, which has sections of its own; a snippet may use only snippets of one section", s.name));
                    }
                }
                Stmt::Directive(d) if d.op != ast::Op::Set => self.errors.span(
                    d.key.span(),
                    "`override`, `remove` and `reset` belong in a daemon's extras, not in a snippet",
                ),
                Stmt::Directive(_) | Stmt::BrokenSection => {}
            }
        }
    }

    /// The changes `use name;` makes at `site`.
    pub(super) fn use_snippet(&mut self, name: &str, site: u32, at: UseContext) -> Vec<Change> {
        let mut changes = Vec::new();
        let Some(snippet) = self.snippets.get(name).copied() else {
            let known = names(self.snippets.keys());
            self.at(
                site,
                format!("unknown snippet `{name}`{}", hint(name, &known)),
            );
            return changes;
        };
        if spans_sections(snippet) {
            if self.uses.snippets.insert(name.to_owned(), site).is_some() {
                self.at(
                    site,
                    format!("snippet `{name}` is already used in this unit; remove this `use`"),
                );
                return changes;
            }
            // A snippet with sections inside another is refused where it is defined;
            // expanding it here could recurse without end.
            if !self.in_snippet {
                self.in_snippet = true;
                changes = self.body(&snippet.body, at.params, at.template, at.kind);
                self.in_snippet = false;
            }
            return changes;
        }
        let Some(s) = at.section.cloned() else {
            self.at(site, format!("`use {name}` stands before any section; put it under the section its directives belong to"));
            return changes;
        };
        if self.uses.snippets.insert(name.to_owned(), site).is_some() {
            self.at(
                site,
                format!("snippet `{name}` is already used in this unit; remove this `use`"),
            );
            return changes;
        }
        for stmt in &snippet.body.stmts {
            let Stmt::Directive(d) = stmt else { continue };
            if !self.active(&d.cfgs) {
                continue;
            }
            let key = d.key.to_string();
            let here = &s.0;
            if catalog().get(here, &key).is_none() {
                if let Some(home) = unit_core::validate::home_section(at.kind, &key) {
                    self.at(
                        site,
                        format!("snippet `{name}` sets `{key}`, which belongs in `[{home}]`, not `[{here}]`; `use` it under `[{home}]`"),
                    );
                    continue;
                }
            }
            if let Some(c) = self.directive(&s, d, at.params, at.template) {
                let via = (site, name.to_owned());
                match self.uses.directives.iter_mut().find(|(s, _)| *s == d.site) {
                    Some((_, v)) => *v = via,
                    None => self.uses.directives.push((d.site, via)),
                }
                changes.push(c);
            }
        }
        changes
    }

    pub(crate) fn merge(&mut self, unit: &mut Unit, changes: Vec<Change>, base: &str) {
        // What a clash with a snippet's line is reported with; looked up only for a clash.
        let mut lines: Vec<(u32, String, String, String)> = Vec::new();
        for c in &changes {
            if via(&self.uses.directives, c.entry.origin.0).is_some() {
                lines.push((
                    c.entry.origin.0,
                    c.section.clone(),
                    c.entry.key.to_string(),
                    c.entry.value.clone(),
                ));
            }
        }
        for d in merge(unit, changes, base) {
            let via = via(&self.uses.directives, d.origin.0).cloned();
            let line = lines.iter().find(|l| l.0 == d.origin.0);
            match (via, line) {
                (Some((site, name)), Some((_, section, key, value))) => {
                    let list = catalog().get(section, key).is_none_or(|d| d.list);
                    self.at(site, snippet_clash(&name, key, value, list, base));
                }
                _ => self.diag(d),
            }
        }
    }
}

/// The error for a snippet directive that clashes with what the unit already holds, at the
/// `use`: the remedy changes this unit, not the snippet every other unit uses.
fn snippet_clash(name: &str, key: &str, value: &str, list: bool, base: &str) -> String {
    let local = base == "this unit";
    match (list, local) {
        (true, true) => format!("snippet `{name}` adds `{key}={value}`, which this unit already lists; remove it from the unit or stop using the snippet here"),
        (true, false) => format!("snippet `{name}` adds `{key}={value}`, which {base} already lists; write `remove {key} = \"{value}\";` above `use {name};` to keep one"),
        (false, true) => format!("snippet `{name}` sets `{key}=`, which this unit also sets; remove one of them"),
        (false, false) => format!("snippet `{name}` sets `{key}=`, which {base} already sets; write `reset {key};` above `use {name};` so the snippet's value replaces it in this unit only"),
    }
}

/// The `use` that brought in the snippet directive at `site`: its site and the snippet's name.
fn via(directives: &[(u32, (u32, String))], site: u32) -> Option<&(u32, String)> {
    for (s, v) in directives {
        if *s == site {
            return Some(v);
        }
    }
    None
}
