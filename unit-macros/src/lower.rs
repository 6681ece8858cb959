//! Lowering: the parsed items become `unit_core` units, with template parameters substituted,
//! snippets spliced in and daemon extras merged. Build options stay as `{name}` placeholders.

use std::collections::{BTreeMap, HashMap, HashSet};

use proc_macro2::TokenStream;
use syn::{Ident, LitStr};
use unit_core::placeholder::{self, Part};
use unit_core::value::ValueKind;
use unit_core::{suggest, Change, Entry, Origin, Unit, UnitKind};

use super::ast::{self, Body, Item, Member, Stmt};
use super::errors::Errors;
use super::snippets::UseContext;

pub struct OptionOut {
    pub valid: bool,
    pub name: String,
    pub kind: ValueKind,
    pub default: String,
    pub doc: String,
}

pub struct UnitOut {
    /// Lowering this unit reported errors, so checks of what it lacks would only repeat them.
    pub incomplete: bool,
    pub unit: Unit,
    pub daemon: String,
    pub cfgs: Vec<TokenStream>,
}

pub struct External {
    pub name: String,
    pub site: u32,
}

#[derive(Default)]
pub struct Family {
    pub options: Vec<OptionOut>,
    pub units: Vec<UnitOut>,
    pub externals: Vec<External>,
}

const PARAM_TYPES: &[&str] = &["text", "name", "path", "mode"];
const OPTION_TYPES: &[&str] = &["text", "path", "mode"];
pub(crate) const BUILTIN: &str = "daemon";

pub(crate) struct Lowering<'a, 'e> {
    pub(crate) errors: &'e mut Errors<'a>,
    pub(crate) options: BTreeMap<String, ()>,
    pub(crate) snippets: HashMap<String, &'a ast::Snippet>,
    pub(crate) templates: HashMap<String, &'a ast::Template>,
    pub(crate) family: Family,
    /// Templates whose unit name is wrong whatever the daemon: reported once, at the name.
    pub(crate) bad_names: HashSet<String>,
    /// The unit being lowered: the snippets it uses, by name, and the `use` that brought in
    /// each snippet directive, by the directive's site.
    pub(crate) uses: Uses,
    /// The parameter names of the template being lowered, for "did you mean".
    pub(crate) params: Vec<String>,
}

#[derive(Default)]
pub(crate) struct Uses {
    pub(crate) snippets: HashMap<String, u32>,
    pub(crate) directives: HashMap<u32, (u32, String)>,
}

pub fn lower<'a>(items: &'a [Item], errors: &mut Errors<'a>) -> Family {
    let mut l = Lowering {
        errors,
        options: BTreeMap::new(),
        snippets: HashMap::new(),
        templates: HashMap::new(),
        family: Family::default(),
        bad_names: HashSet::new(),
        uses: Uses::default(),
        params: Vec::new(),
    };
    l.declarations(items);
    for item in items {
        match item {
            Item::Daemon(d) => l.daemon(d),
            Item::Unit(u) => {
                if let Some(out) = l.standalone(u, "") {
                    l.family.units.push(out);
                }
            }
            _ => {}
        }
    }
    l.unused(items);
    l.family
}

pub(crate) fn hint(input: &str, candidates: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let owned: Vec<String> = candidates
        .into_iter()
        .map(|c| c.as_ref().to_owned())
        .collect();
    suggest::closest(input, owned.iter().map(String::as_str))
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

impl<'a> Lowering<'a, '_> {
    fn declarations(&mut self, items: &'a [Item]) {
        let mut seen_options: Option<&Ident> = None;
        for item in items {
            match item {
                Item::Options(options) => {
                    if seen_options.is_some() {
                        let span = options
                            .first()
                            .map_or_else(proc_macro2::Span::call_site, |o| o.name.span());
                        self.errors.span(
                            span,
                            "build options are declared twice; keep one `options { ... }` block",
                        );
                        continue;
                    }
                    seen_options = options.first().map(|o| &o.name);
                    for o in options {
                        self.option(o);
                    }
                }
                Item::Snippet(s) => {
                    let name = s.name.to_string();
                    if self.snippets.insert(name.clone(), s).is_some() {
                        self.errors.span(
                            s.name.span(),
                            format!("snippet `{name}` is defined twice; rename or remove one"),
                        );
                    }
                    self.check_snippet(s);
                }
                Item::Template(t) => {
                    let name = t.name.to_string();
                    let site = self.errors.sites.site(t.name.span());
                    self.errors
                        .template_names
                        .insert(name.clone(), (site, t.unit_name.value()));
                    for site in body_sites(&t.body) {
                        self.errors.template_sites.insert(site, name.clone());
                    }
                    if self.templates.insert(name.clone(), t).is_some() {
                        self.errors.span(
                            t.name.span(),
                            format!("template `{name}` is defined twice; rename or remove one"),
                        );
                    }
                }
                Item::Extern(list) => {
                    for e in list {
                        self.external(e);
                    }
                }
                Item::Daemon(d) => {
                    for m in &d.members {
                        if let Member::Instance(i) = m {
                            let users = self
                                .errors
                                .template_users
                                .entry(i.template.to_string())
                                .or_default();
                            if !users.contains(&d.name.to_string()) {
                                users.push(d.name.to_string());
                            }
                        }
                    }
                }
                Item::Unit(_) => {}
            }
        }
        let templates: Vec<&'a ast::Template> = self.templates.values().copied().collect();
        for t in templates {
            self.check_params(t);
        }
    }

    fn option(&mut self, o: &ast::OptionParam) {
        let name = o.name.to_string();
        let ty =
            o.ty.as_ref()
                .map_or_else(|| "text".to_owned(), Ident::to_string);
        let kind = match ty.as_str() {
            "path" => ValueKind::Path,
            "mode" => ValueKind::Mode,
            "text" => ValueKind::Text,
            other => {
                let span = o.ty.as_ref().map_or(o.name.span(), Ident::span);
                self.errors.span(
                    span,
                    format!(
                        "unknown option type `{other}`; use `path`, `mode` or `text`{}",
                        hint(other, OPTION_TYPES)
                    ),
                );
                return;
            }
        };
        if name == BUILTIN || self.options.insert(name.clone(), ()).is_some() {
            self.errors.span(
                o.name.span(),
                format!(
                    "build option `{name}` is declared twice or shadows `{{{BUILTIN}}}`; rename it"
                ),
            );
            return;
        }
        let def = unit_core::family::OptionDef {
            name: "",
            kind,
            default: "",
            doc: "",
        };
        let default = o.default.value();
        let valid = match unit_core::family::check_option(&def, &default) {
            Ok(()) => true,
            Err(e) => {
                self.errors.span(
                    o.default.span(),
                    format!("invalid default for build option `{name}`: {e}"),
                );
                false
            }
        };
        self.family.options.push(OptionOut {
            valid,
            name,
            kind,
            default,
            doc: o.attrs.docs.join("\n"),
        });
    }

    fn external(&mut self, e: &ast::External) {
        let name = e.name.value();
        let site = self.errors.sites.site(e.name.span());
        if let Err(msg) = unit_core::value::unit_name(&name) {
            self.errors.at(site, msg);
        }
        if e.reason.value().trim().is_empty() {
            self.errors.span(
                e.reason.span(),
                format!("external unit `{name}` needs a reason; say which package provides it"),
            );
        }
        self.family.externals.push(External { name, site });
    }

    fn check_params(&mut self, t: &ast::Template) {
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
            if name == BUILTIN || self.options.contains_key(&name) {
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

    fn daemon(&mut self, d: &'a ast::Daemon) {
        let daemon = d.name.to_string();
        let mut used = vec![d.broken; d.args.len()];
        for (i, a) in d.args.iter().enumerate() {
            if d.args[..i].iter().any(|b| b.name == a.name) {
                self.errors.span(
                    a.name.span(),
                    format!(
                        "parameter `{}` is given twice to daemon `{daemon}`; remove one",
                        a.name
                    ),
                );
                used[i] = true;
            }
        }
        for member in &d.members {
            let out = match member {
                Member::Unit(u) => self.standalone(u, &daemon),
                Member::Instance(inst) => self.instance(d, inst, &mut used),
            };
            if let Some(mut out) = out {
                out.cfgs.extend(d.attrs.cfgs.iter().cloned());
                self.family.units.push(out);
            }
        }
        for (a, used) in d.args.iter().zip(used) {
            if !used {
                let declared: Vec<String> = d
                    .members
                    .iter()
                    .filter_map(|m| match m {
                        Member::Instance(i) => self.templates.get(&i.template.to_string()),
                        Member::Unit(_) => None,
                    })
                    .flat_map(|t| t.params.iter().map(|p| p.name.to_string()))
                    .collect();
                self.errors.span(
                    a.name.span(),
                    format!(
                        "unknown parameter `{}`: no template of daemon `{daemon}` declares it{}",
                        a.name,
                        hint(&a.name.to_string(), &declared)
                    ),
                );
            }
        }
    }

    fn standalone(&mut self, u: &ast::UnitItem, daemon: &str) -> Option<UnitOut> {
        let raised = self.errors.raised();
        self.uses = Uses::default();
        let mut unit = Unit::new(u.name.value(), Origin(u.site));
        unit.comments = u.attrs.docs.clone();
        let changes = self.body(&u.body, &|_| None, None, unit.kind());
        self.merge(&mut unit, changes, "this unit");
        let incomplete = self.errors.raised() > raised || u.body.broken;
        Some(UnitOut {
            incomplete,
            unit,
            daemon: daemon.to_owned(),
            cfgs: u.attrs.cfgs.clone(),
        })
    }

    fn instance(
        &mut self,
        d: &ast::Daemon,
        inst: &ast::Instance,
        used: &mut [bool],
    ) -> Option<UnitOut> {
        let daemon = d.name.to_string();
        let tname = inst.template.to_string();
        let Some(t) = self.templates.get(&tname).copied() else {
            let known: Vec<&String> = self.templates.keys().collect();
            self.errors.at(
                inst.site,
                format!("unknown template `{tname}`{}", hint(&tname, known)),
            );
            used.iter_mut().for_each(|u| *u = true);
            return None;
        };
        if self.bad_names.contains(&tname) {
            used.iter_mut().for_each(|u| *u = true);
            return None;
        }
        let raised = self.errors.raised();
        self.errors.daemon = Some(daemon.clone());
        self.uses = Uses::default();
        self.params = t.params.iter().map(|p| p.name.to_string()).collect();
        self.params.push(BUILTIN.to_owned());
        let out = self.instance_of(t, d, inst, used);
        if let Some((unit, _)) = &out {
            self.errors
                .instances
                .insert(inst.site, (tname.clone(), unit.name.clone()));
        }
        self.params.clear();
        self.errors.daemon = None;
        out.map(|(unit, broken)| UnitOut {
            incomplete: self.errors.raised() > raised || broken,
            unit,
            daemon,
            cfgs: inst.attrs.cfgs.clone(),
        })
    }

    /// The unit a template instance lowers to, and whether its bodies had syntax errors.
    fn instance_of(
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
                let names = t.params.iter().map(|p| p.name.to_string());
                self.errors.span(
                    a.name.span(),
                    format!(
                        "unknown parameter `{}` for template `{tname}`{}",
                        a.name,
                        hint(&a.name.to_string(), names)
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
                        self.errors.at(
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
                    self.errors.at(
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
                Stmt::Directive(d) => {
                    let Some(s) = &section else {
                        self.errors.at(d.site, format!("`{}` stands before any section; add a header such as `[Unit]` above it", d.key));
                        continue;
                    };
                    if let Some(c) = self.directive(s, d, params, template) {
                        changes.push(c);
                    }
                }
                Stmt::Use { name, site } => {
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
            self.errors.value_sites.insert(d.site, v.site);
        }
        let value = match &d.value {
            None => String::new(),
            Some(v) => self.value(v, params, template, d.site)?,
        };
        if d.value.is_some() && value.is_empty() {
            let key = &d.key;
            self.errors.at(
                d.site,
                format!("`{key}` has an empty value; write `reset {key};` to clear it"),
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
    fn value(
        &mut self,
        v: &ast::Value,
        params: &dyn Fn(&str) -> Option<String>,
        template: Option<&str>,
        key_site: u32,
    ) -> Option<String> {
        let parts = match placeholder::parts(&v.text) {
            Ok(p) => p,
            Err(e) => {
                self.errors.at(v.site, e);
                return None;
            }
        };
        let mut out = Vec::new();
        for part in parts {
            match part {
                Part::Var { name, upper } => match params(&name) {
                    Some(value) => {
                        if let (Some(daemon), true) = (&self.errors.daemon, name != BUILTIN) {
                            for site in [key_site, v.site] {
                                self.errors
                                    .param_values
                                    .entry((site, daemon.clone()))
                                    .or_default()
                                    .push((name.clone(), value.clone()));
                            }
                        }
                        out.push(Part::Text(if upper { value.to_uppercase() } else { value }))
                    }
                    None if self.options.contains_key(&name) && !upper => {
                        out.push(Part::Var { name, upper })
                    }
                    None if self.options.contains_key(&name) => {
                        self.errors.at(v.site, format!("`{{{name}:upper}}`: filters apply to template parameters, not to build option `{name}`"));
                        return None;
                    }
                    None => {
                        let options = self.options.keys();
                        let msg = match template {
                            Some(t) => {
                                let known = options.chain(&self.params);
                                format!("unknown parameter `{{{name}}}` in template `{t}`; declare it in the template's parameters or as a build option{}", hint(&name, known))
                            }
                            None if name == BUILTIN => format!("`{{{BUILTIN}}}` is known in templates only; write the daemon's name here"),
                            None => format!("unknown placeholder `{{{name}}}`; only build options can be used here{}", hint(&name, options)),
                        };
                        self.errors.at(v.site, msg);
                        return None;
                    }
                },
                text => out.push(text),
            }
        }
        Some(placeholder::join(&out))
    }
}

pub(crate) fn join_text(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Text(t) => t.clone(),
            Part::Var { name, .. } => format!("{{{name}}}"),
        })
        .collect()
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
fn body_sites(body: &Body) -> Vec<u32> {
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
