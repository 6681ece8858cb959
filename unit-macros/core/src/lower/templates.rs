//! Templates: their parameters checked where they are declared, and each instance lowered with
//! the daemon's values filled in and its extras merged.

use std::collections::HashMap;

use syn::LitStr;
use unit_core::placeholder::{self, Part};
use unit_core::{Origin, Unit};

use super::super::ast::{self, Body, Stmt};
use super::model::UnitOut;
use super::state::{hint, join_text, names, Lowering, Uses, BUILTIN};

const PARAM_TYPES: &[&str] = &["text", "name", "path", "mode"];

impl<'a> Lowering<'a, '_> {
    pub(super) fn check_params(&mut self, t: &ast::Template) {
        let literal = t.unit_name.value();
        let sample = placeholder::substitute(&literal, |n| Some(n.to_owned()));
        if let Some((sample, e)) = sample
            .ok()
            .and_then(|n| Some((n.clone(), unit_core::value::unit_name(&n).err()?)))
        {
            self.errors.span(
                t.unit_name.span(),
                format!(
                    "unit name of template `{}`: {}",
                    t.name,
                    e.replace(&format!("`{sample}`"), &format!("`{literal}`"))
                ),
            );
            self.bad_names.insert(t.name.to_string());
        }
        let mut seen = Vec::new();
        for p in &t.params {
            let name = p.name.to_string();
            let ty = p.ty.to_string();
            if !PARAM_TYPES.contains(&ty.as_str()) {
                self.errors.span(
                    p.ty.span(),
                    format!(
                        "unknown parameter type `{ty}`; use `text`, `name`, `path` or `mode`{}",
                        hint(&ty, PARAM_TYPES)
                    ),
                );
            }
            if name == BUILTIN || self.options.contains(&name) {
                self.errors.span(p.name.span(), format!("parameter `{name}` shadows the build option or built-in `{{{name}}}`; rename it"));
            }
            if seen.contains(&name) {
                self.errors.span(
                    p.name.span(),
                    format!(
                        "parameter `{name}` is declared twice in template `{}`",
                        t.name
                    ),
                );
            }
            seen.push(name);
        }
    }

    pub(super) fn instance(
        &mut self,
        d: &ast::Daemon,
        inst: &ast::Instance,
        used: &mut [bool],
    ) -> Option<UnitOut> {
        let daemon = d.name.to_string();
        let tname = inst.template.to_string();
        let Some(t) = self.templates.get(&tname).copied() else {
            let known = names(self.templates.keys());
            self.at(
                inst.site,
                format!("unknown template `{tname}`{}", hint(&tname, &known)),
            );
            used.iter_mut().for_each(|u| *u = true);
            return None;
        };
        if self.bad_names.contains(&tname) {
            used.iter_mut().for_each(|u| *u = true);
            return None;
        }
        let raised = self.errors.raised();
        self.daemon = Some(daemon.clone());
        self.uses = Uses::default();
        self.params = t.params.iter().map(|p| p.name.to_string()).collect();
        self.params.push(BUILTIN.to_owned());
        let out = self.instance_of(t, d, inst, used);
        if let Some((unit, _)) = &out {
            self.provenance
                .instances
                .insert(inst.site, (tname.clone(), unit.name.clone()));
        }
        self.params.clear();
        self.daemon = None;
        out.map(|(unit, broken)| UnitOut {
            incomplete: self.errors.raised() > raised || broken,
            variant: Vec::new(),
            unit,
            daemon,
            cfgs: inst.attrs.cfgs.clone(),
        })
    }

    /// The unit a template instance lowers to, and whether its bodies had syntax errors.
    pub(super) fn instance_of(
        &mut self,
        t: &ast::Template,
        d: &ast::Daemon,
        inst: &ast::Instance,
        used: &mut [bool],
    ) -> Option<(Unit, bool)> {
        let daemon = d.name.to_string();
        let tname = inst.template.to_string();
        let mut values: HashMap<String, String> =
            HashMap::from([(BUILTIN.to_owned(), daemon.clone())]);
        let mut ok = true;
        for a in &inst.args {
            if !t.params.iter().any(|p| p.name == a.name) {
                let mut declared = Vec::with_capacity(t.params.len());
                for p in &t.params {
                    declared.push(p.name.to_string());
                }
                let names = names(declared.iter());
                self.errors.span(
                    a.name.span(),
                    format!(
                        "unknown parameter `{}` for template `{tname}`{}",
                        a.name,
                        hint(&a.name.to_string(), &names)
                    ),
                );
                ok = false;
            }
        }
        for p in &t.params {
            let pname = p.name.to_string();
            let given = inst
                .args
                .iter()
                .find(|a| a.name == p.name)
                .or_else(|| {
                    let i = d.args.iter().position(|a| a.name == p.name)?;
                    used[i] = true;
                    d.args.get(i)
                })
                .map(|a| a.value.clone());
            let value = match (given, &p.default) {
                (Some(v), _) => {
                    if let Err(e) = check_param(&p.ty.to_string(), &v.text) {
                        self.at(
                            v.site,
                            format!(
                                "invalid value for parameter `{pname}` of template `{tname}` in daemon `{daemon}`: {e}"
                            ),
                        );
                        ok = false;
                    }
                    v.text
                }
                (None, Some(default)) => {
                    let resolved =
                        placeholder::substitute(&default.value(), |n| values.get(n).cloned())
                            .and_then(|v| placeholder::parts(&v));
                    match resolved {
                        Ok(parts) if parts.iter().all(|p| matches!(p, Part::Text(_))) => {
                            join_text(&parts)
                        }
                        Ok(_) => {
                            self.errors.span(default.span(), format!("the default of `{pname}` may use `{{{BUILTIN}}}` and earlier parameters only"));
                            ok = false;
                            continue;
                        }
                        Err(e) => {
                            self.errors.span(default.span(), e);
                            ok = false;
                            continue;
                        }
                    }
                }
                (None, None) => {
                    self.at(
                        inst.site,
                        format!("template `{tname}` needs parameter `{pname}`; add `{pname} = \"...\"` to daemon `{daemon}`"),
                    );
                    ok = false;
                    continue;
                }
            };
            values.insert(pname, value);
        }
        if !ok {
            return None;
        }
        let lookup = |n: &str| values.get(n).cloned();
        let name = self.substitute_text(&t.unit_name, &lookup, &tname)?;
        let mut unit = Unit::new(name, Origin(inst.site));
        unit.comments = t.attrs.docs.clone();
        unit.comments.extend(inst.attrs.docs.iter().cloned());
        let base = self.body(&t.body, &lookup, Some(&tname), unit.kind());
        self.merge(&mut unit, base, "this template");
        let extras = self.body(&inst.body, &|_| None, None, unit.kind());
        self.merge(&mut unit, extras, &format!("template `{tname}`"));
        Some((unit, t.body.broken || inst.body.broken))
    }

    /// Substitutes template parameters into a literal that must end up free of placeholders.
    pub(crate) fn substitute_text(
        &mut self,
        lit: &LitStr,
        lookup: &dyn Fn(&str) -> Option<String>,
        template: &str,
    ) -> Option<String> {
        let text = match placeholder::substitute(&lit.value(), lookup) {
            Ok(t) => t,
            Err(e) => {
                self.errors.span(lit.span(), e);
                return None;
            }
        };
        let parts = placeholder::parts(&text).ok()?;
        if let Some(Part::Var { name, .. }) = parts.iter().find(|p| matches!(p, Part::Var { .. })) {
            self.errors.span(lit.span(), format!("unknown parameter `{{{name}}}` in the unit name of template `{template}`; declare it in the template's parameters"));
            return None;
        }
        Some(join_text(&parts))
    }
}

fn check_param(ty: &str, value: &str) -> Result<(), String> {
    unit_core::text::check(value, false, false)?;
    match ty {
        "name"
            if value.is_empty()
                || !value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ":-_.\\".contains(c)) =>
        {
            Err(format!(
                "`{value}` is not a name; use letters, digits and `:-_.\\` only"
            ))
        }
        "path" => unit_core::value::absolute_path(value),
        "mode" => unit_core::value::mode(value).map(drop),
        _ => Ok(()),
    }
}

/// The sites of a body's statements and values.
pub(super) fn body_sites(body: &Body) -> Vec<u32> {
    let mut sites = Vec::new();
    for stmt in &body.stmts {
        match stmt {
            Stmt::Section { site, .. } | Stmt::Use { site, .. } => sites.push(*site),
            Stmt::Directive(d) => {
                sites.push(d.site);
                sites.extend(d.value.as_ref().map(|v| v.site));
            }
            Stmt::BrokenSection => {}
        }
    }
    sites
}
