//! Bodies: sections, directives and `use`s in order, and each value with its placeholders
//! filled in (template parameters) or kept (build options).

use unit_core::placeholder::{self, Part};
use unit_core::{Change, Entry, Origin, UnitKind};

use super::super::ast::{self, Body, Stmt};
use super::state::{hint, names, Lowering, UseContext, BUILTIN};

impl<'a> Lowering<'a, '_> {
    /// The changes a body makes, in order. `params` fills template parameters; what it does not
    /// know must be a build option.
    pub(crate) fn body(
        &mut self,
        body: &Body,
        params: &dyn Fn(&str) -> Option<String>,
        template: Option<&str>,
        kind: Option<UnitKind>,
    ) -> Vec<Change> {
        let mut changes = Vec::new();
        let mut section: Option<(String, u32)> = None;
        let mut under_broken_header = false;
        for stmt in &body.stmts {
            if under_broken_header && !matches!(stmt, Stmt::Section { .. }) {
                continue;
            }
            match stmt {
                Stmt::BrokenSection => under_broken_header = true,
                Stmt::Section { name, site } => {
                    under_broken_header = false;
                    section = Some((name.to_string(), *site));
                }
                Stmt::Directive(d) if !self.active(&d.cfgs) => {}
                Stmt::Use { cfgs, .. } if !self.active(cfgs) => {}
                Stmt::Directive(d) => {
                    let Some(s) = &section else {
                        self.at(d.site, format!("`{}` stands before any section; add a header such as `[Unit]` above it", d.key));
                        continue;
                    };
                    if d.op == ast::Op::Reset {
                        // What a snippet set is gone once reset: the snippet may be used again.
                        let key = d.key.to_string();
                        let snippets = &self.snippets;
                        self.uses.snippets.retain(|n, _| {
                            !snippets.get(n).is_some_and(|s| {
                                s.body
                                    .stmts
                                    .iter()
                                    .any(|st| matches!(st, Stmt::Directive(x) if x.key.text == key))
                            })
                        });
                    }
                    if let Some(c) = self.directive(s, d, params, template) {
                        changes.push(c);
                    }
                }
                Stmt::Use { name, site, .. } => {
                    let (name, site) = (name.to_string(), *site);
                    let context = UseContext {
                        section: section.as_ref(),
                        kind,
                        params,
                        template,
                    };
                    changes.extend(self.use_snippet(&name, site, context));
                }
            }
        }
        changes
    }

    pub(crate) fn directive(
        &mut self,
        (section, section_site): &(String, u32),
        d: &ast::Directive,
        params: &dyn Fn(&str) -> Option<String>,
        template: Option<&str>,
    ) -> Option<Change> {
        let op = match d.op {
            ast::Op::Set => unit_core::Op::Set,
            ast::Op::Override => unit_core::Op::Override,
            ast::Op::Remove => unit_core::Op::Remove,
            ast::Op::Reset => unit_core::Op::Reset,
        };
        if let Some(v) = &d.value {
            self.provenance.value_sites.insert(d.site, v.site);
        }
        let value = match &d.value {
            None => String::new(),
            Some(v) => self.value(v, params, template, d.site)?,
        };
        if d.value.as_ref().is_some_and(|v| !v.text.is_empty()) && value.is_empty() {
            let key = &d.key;
            self.at(
                d.site,
                format!("`{key}` is empty once its parameters are filled in, and systemd reads an empty value as a reset; write `{key} = \"\";` if a reset is meant"),
            );
            return None;
        }
        let mut entry = Entry::new(d.key.to_string(), value, Origin(d.site));
        entry.comments = d.docs.clone();
        let mut change = Change::new(section.as_str(), entry, op);
        change.section_origin = Origin(*section_site);
        Some(change)
    }

    /// A value with template parameters filled in and build options left as placeholders.
    pub(super) fn value(
        &mut self,
        v: &ast::Value,
        params: &dyn Fn(&str) -> Option<String>,
        template: Option<&str>,
        key_site: u32,
    ) -> Option<String> {
        // Without a brace, a value has no placeholder and no escaped brace: it is as written.
        if !placeholder::has_brace(&v.text) {
            return Some(v.text.clone());
        }
        let parts = match placeholder::parts(&v.text) {
            Ok(p) => p,
            Err(e) => {
                self.at(v.site, e);
                return None;
            }
        };
        let mut out = Vec::new();
        for part in parts {
            match part {
                Part::Var { name, upper } => match params(&name) {
                    Some(value) => {
                        if let (Some(daemon), true) = (&self.daemon, name != BUILTIN) {
                            for site in [key_site, v.site] {
                                self.provenance
                                    .param_values
                                    .entry((site, daemon.clone()))
                                    .or_default()
                                    .push((name.clone(), value.clone()));
                            }
                        }
                        out.push(Part::Text(if upper { value.to_uppercase() } else { value }))
                    }
                    None if self.options.contains(&name) && !upper => {
                        out.push(Part::Var { name, upper })
                    }
                    None if self.options.contains(&name) => {
                        self.at(v.site, format!("`{{{name}:upper}}`: filters apply to template parameters, not to build option `{name}`"));
                        return None;
                    }
                    None => {
                        let options = names(self.options.iter());
                        let msg = match template {
                            _ if v.text.contains(&format!("${{{name}}}")) => format!(
                                "`{{{name}}}` is a placeholder of this macro, not a template parameter or build option; to pass `${{{name}}}` to systemd, write `${{{{{name}}}}}`"
                            ),
                            Some(t) => {
                                let known = names(self.options.iter().chain(&self.params));
                                format!("unknown parameter `{{{name}}}` in template `{t}`; declare it in the template's parameters or as a build option{}", hint(&name, &known))
                            }
                            None if name == BUILTIN => format!("`{{{BUILTIN}}}` is known in templates only; write the daemon's name here"),
                            None => format!("unknown placeholder `{{{name}}}`; only build options can be used here{}", hint(&name, &options)),
                        };
                        self.at(v.site, msg);
                        return None;
                    }
                },
                text => out.push(text),
            }
        }
        Some(placeholder::join(&out))
    }
}
