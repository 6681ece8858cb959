//! Lowering: the parsed items become `unit_core` units, with template parameters substituted,
//! snippets spliced in and daemon extras merged. Build options stay as `{name}` placeholders.

use std::collections::{BTreeMap, HashMap, HashSet};

use proc_macro2::TokenStream;
use syn::{Ident, LitStr};
use unit_core::catalog::{Target, VERSIONS};
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
    /// For one of several versions of a unit whose statements depend on `#[cfg]`: the value
    /// of each predicate this version is for.
    pub variant: Vec<(String, bool, TokenStream)>,
    pub unit: Unit,
    pub daemon: String,
    pub cfgs: Vec<TokenStream>,
}

pub struct External {
    pub name: String,
    pub site: u32,
}

/// A `systemd` item: the target, and the predicates it applies under.
pub struct TargetOut {
    /// Each predicate without its `not(...)`, and whether it had one.
    pub cfgs: Vec<(String, bool)>,
    pub tokens: Vec<TokenStream>,
    pub target: Target,
}

#[derive(Default)]
pub struct Family {
    pub target: Target,
    /// Every `systemd` item; empty for the default target.
    pub targets: Vec<TargetOut>,
    pub options: Vec<OptionOut>,
    pub units: Vec<UnitOut>,
    pub externals: Vec<External>,
    /// `family "name";`, when given.
    pub name: Option<String>,
    /// `preset NN { ... }`: its priority and lines.
    pub preset_priority: u8,
    pub preset: Vec<PresetOut>,
    pub dropins: Vec<DropinOut>,
    /// The exposure budget, in tenths, of each unit version that has one, by its index in
    /// `units`.
    pub budgets: Vec<(usize, u64)>,
}

/// One line of the preset.
pub struct PresetOut {
    pub enable: bool,
    pub unit: String,
    pub instances: Vec<String>,
    pub site: u32,
}

/// A drop-in: a unit named after the unit it extends, and its file name.
pub struct DropinOut {
    pub unit: Unit,
    pub file: String,
    pub cfgs: Vec<TokenStream>,
    pub site: u32,
}

const PARAM_TYPES: &[&str] = &["text", "name", "path", "mode"];
const OPTION_TYPES: &[&str] = &["text", "path", "mode"];
pub(crate) const BUILTIN: &str = "daemon";

pub(crate) struct Lowering<'a, 'e> {
    pub(crate) errors: &'e mut Errors<'a>,
    /// The value of each `#[cfg]` predicate for the version of a unit being lowered.
    pub(crate) assignment: Vec<(String, bool)>,
    /// Whether a snippet with sections is being expanded.
    pub(crate) in_snippet: bool,
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
        assignment: Vec::new(),
        in_snippet: false,
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
                let preds = l.predicates_of(&[&u.body]);
                let outs = l.variants(&preds, |l| l.standalone(u, ""));
                l.family.units.extend(outs);
            }
            Item::Family(name) => l.family_name(name),
            Item::Preset(p) => l.preset(p),
            Item::Dropin(d) => l.dropin(d),
            _ => {}
        }
    }
    l.unused(items);
    l.family
}

/// The text of a `#[cfg]` predicate, the key it is known by.
fn pred_key(p: &TokenStream) -> String {
    p.to_string()
}

/// A predicate without its `not(...)`, and whether it had one.
fn split_not(p: &TokenStream) -> (TokenStream, bool) {
    let mut tokens = p.clone().into_iter();
    match (tokens.next(), tokens.next(), tokens.next()) {
        (
            Some(proc_macro2::TokenTree::Ident(not)),
            Some(proc_macro2::TokenTree::Group(g)),
            None,
        ) if not == "not" && g.delimiter() == proc_macro2::Delimiter::Parenthesis => {
            (g.stream(), true)
        }
        _ => (p.clone(), false),
    }
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
                Item::Systemd(t) => self.target(t),
                Item::Family(_) | Item::Preset(_) | Item::Dropin(_) | Item::Budget(_) => {}
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

    fn target(&mut self, t: &ast::Systemd) {
        let release = |lit: &syn::LitInt, errors: &mut Errors| match lit.base10_parse::<u16>() {
            Ok(v) => Some(v),
            Err(_) => {
                errors.span(
                    lit.span(),
                    "expected a systemd release number such as `252`",
                );
                None
            }
        };
        let Some(min) = release(&t.min, self.errors) else {
            return;
        };
        let max = match &t.max {
            Some(lit) => match release(lit, self.errors) {
                Some(v) => v,
                None => return,
            },
            None if t.open => u16::MAX,
            None => min,
        };
        let oldest = VERSIONS.first().copied().unwrap_or(0);
        if min < oldest {
            self.errors.span(
                t.min.span(),
                format!("systemd {min} is older than every release this crate knows; target {oldest} or later"),
            );
        } else if max < min {
            let span = t.max.as_ref().map_or_else(|| t.min.span(), |m| m.span());
            self.errors.span(
                span,
                format!("the target range ends at {max}, before it starts at {min}; write `{min}..={min}` or a later end"),
            );
        } else {
            let target = Target { min, max };
            if t.cfgs.is_empty() {
                self.family.target = target;
            }
            self.family.targets.push(TargetOut {
                cfgs: t
                    .cfgs
                    .iter()
                    .map(|c| {
                        let (base, negated) = split_not(c);
                        (pred_key(&base), negated)
                    })
                    .collect(),
                tokens: t.cfgs.clone(),
                target,
            });
        }
    }

    /// Whether statements under `cfgs` are part of the version being lowered.
    pub(crate) fn active(&self, cfgs: &[TokenStream]) -> bool {
        cfgs.iter().all(|c| {
            let (base, negated) = split_not(c);
            let key = pred_key(&base);
            self.assignment
                .iter()
                .find(|(k, _)| *k == key)
                .is_none_or(|(_, v)| *v != negated)
        })
    }

    /// The `#[cfg]` predicates the statements of `bodies` (and the snippets they use) depend on.
    fn predicates_of(&self, bodies: &[&Body]) -> Vec<TokenStream> {
        let mut out: Vec<TokenStream> = Vec::new();
        let add = |cfgs: &[TokenStream], out: &mut Vec<TokenStream>| {
            for c in cfgs {
                let (base, _) = split_not(c);
                if !out.iter().any(|o| pred_key(o) == pred_key(&base)) {
                    out.push(base);
                }
            }
        };
        let mut stack: Vec<(&Body, usize)> = bodies.iter().map(|b| (*b, 0)).collect();
        while let Some((body, depth)) = stack.pop() {
            for stmt in &body.stmts {
                match stmt {
                    Stmt::Directive(d) => add(&d.cfgs, &mut out),
                    Stmt::Use { name, cfgs, .. } => {
                        add(cfgs, &mut out);
                        if let Some(snippet) = self.snippets.get(&name.to_string()) {
                            if depth < 2 {
                                stack.push((&snippet.body, depth + 1));
                            }
                        }
                    }
                    Stmt::Section { .. } | Stmt::BrokenSection => {}
                }
            }
        }
        out
    }

    /// Lowers a unit once for each combination of the predicates `preds`, each version marked
    /// with the values it was lowered for.
    fn variants(
        &mut self,
        preds: &[TokenStream],
        mut lower: impl FnMut(&mut Self) -> Option<UnitOut>,
    ) -> Vec<UnitOut> {
        const MAX: usize = 4;
        if preds.is_empty() {
            return lower(self).into_iter().collect();
        }
        let preds = if preds.len() > MAX {
            self.errors.span(
                proc_macro2::Span::call_site(),
                format!("a unit's statements depend on {} different `#[cfg]` predicates; at most {MAX} are supported, so move some differences into units of their own", preds.len()),
            );
            &preds[..MAX]
        } else {
            preds
        };
        let mut outs = Vec::new();
        for bits in 0..1u32 << preds.len() {
            self.assignment = preds
                .iter()
                .enumerate()
                .map(|(i, p)| (pred_key(p), bits & 1 << i != 0))
                .collect();
            if let Some(mut out) = lower(self) {
                out.variant = preds
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (pred_key(p), bits & 1 << i != 0, p.clone()))
                    .collect();
                outs.push(out);
            }
        }
        self.assignment.clear();
        outs
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
            let outs = match member {
                Member::Unit(u) => {
                    let preds = self.predicates_of(&[&u.body]);
                    self.variants(&preds, |l| l.standalone(u, &daemon))
                }
                Member::Instance(inst) => {
                    let template = self.templates.get(&inst.template.to_string()).copied();
                    let mut bodies = vec![&inst.body];
                    bodies.extend(template.map(|t| &t.body));
                    let preds = self.predicates_of(&bodies);
                    self.variants(&preds, |l| l.instance(d, inst, &mut used))
                }
            };
            for mut out in outs {
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

    fn family_name(&mut self, name: &LitStr) {
        let value = name.value();
        if self.family.name.is_some() {
            self.errors.span(
                name.span(),
                "the family is named twice; keep one `family \"name\";`",
            );
        } else if unit_core::dropin::check_file_name(&format!("{value}.conf")).is_err() {
            self.errors.span(
                name.span(),
                format!("`{value}` cannot name a family; use letters, digits and `-_.`"),
            );
        } else {
            self.family.name = Some(value);
        }
    }

    fn preset(&mut self, p: &ast::Preset) {
        if !self.family.preset.is_empty() {
            let span = p
                .rules
                .first()
                .map_or_else(proc_macro2::Span::call_site, |r| r.unit.span());
            self.errors
                .span(span, "the preset is given twice; keep one `preset { ... }`");
            return;
        }
        self.family.preset_priority = match &p.priority {
            None => 80,
            Some(n) => match n.base10_parse::<u8>() {
                Ok(v) if v < 100 => v,
                _ => {
                    self.errors.span(
                        n.span(),
                        "a preset priority is a number from 0 to 99, e.g. `80`",
                    );
                    80
                }
            },
        };
        for r in &p.rules {
            self.family.preset.push(PresetOut {
                enable: r.enable,
                unit: r.unit.value(),
                instances: r.instances.iter().map(LitStr::value).collect(),
                site: r.site,
            });
        }
    }

    fn dropin(&mut self, d: &ast::UnitItem) {
        let path = d.name.value();
        let (unit, file) = match unit_core::dropin::split_path(&path) {
            Ok(parts) => parts,
            Err(e) => {
                self.errors.at(d.site, e);
                return;
            }
        };
        let mut out = Unit::new(unit, Origin(d.site));
        out.comments = d.attrs.docs.clone();
        let changes = self.body(&d.body, &|_| None, None, out.kind());
        self.dropin_entries(&mut out, changes);
        self.family.dropins.push(DropinOut {
            unit: out,
            file: file.to_owned(),
            cfgs: d.attrs.cfgs.clone(),
            site: d.site,
        });
    }

    /// A drop-in's directives as systemd reads them: `reset Key;` is the empty assignment
    /// `Key=` that clears what the unit and earlier drop-ins set; a single value replaces the
    /// unit's; `remove` has no equivalent. Within the drop-in, a single-valued directive is
    /// set once, or again with `override`, which replaces the drop-in's earlier line.
    fn dropin_entries(&mut self, unit: &mut Unit, changes: Vec<Change>) {
        for c in changes {
            let mut entry = c.entry;
            let single =
                unit_core::validate::directive(&c.section, &entry.key).is_some_and(|d| !d.list);
            let earlier = unit
                .section(&c.section)
                .and_then(|s| {
                    let i = s.entries.iter().rposition(|e| e.key == entry.key)?;
                    (!s.entries[i].value.is_empty()).then_some(i)
                })
                .filter(|_| single);
            match c.op {
                unit_core::Op::Set if earlier.is_some() => {
                    let key = &entry.key;
                    self.errors.at(
                        entry.origin.0,
                        format!("`{key}=` is set twice in `[{}]` but takes one value; remove one, or write `override {key} = ...` to replace the earlier one", c.section),
                    );
                    continue;
                }
                unit_core::Op::Override => {
                    if let Some(i) = earlier {
                        unit.section_mut(&c.section, c.section_origin)
                            .entries
                            .remove(i);
                    }
                }
                unit_core::Op::Set => {}
                unit_core::Op::Reset => entry.value.clear(),
                unit_core::Op::Remove => {
                    self.errors.at(
                        entry.origin.0,
                        format!("a drop-in cannot remove one value of `{}=`; write `reset {};` and set the values to keep", entry.key, entry.key),
                    );
                    continue;
                }
            }
            unit.section_mut(&c.section, c.section_origin)
                .entries
                .push(entry);
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
            variant: Vec::new(),
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
            variant: Vec::new(),
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
                Stmt::Directive(d) if !self.active(&d.cfgs) => {}
                Stmt::Use { cfgs, .. } if !self.active(cfgs) => {}
                Stmt::Directive(d) => {
                    let Some(s) = &section else {
                        self.errors.at(d.site, format!("`{}` stands before any section; add a header such as `[Unit]` above it", d.key));
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
            self.errors.value_sites.insert(d.site, v.site);
        }
        let value = match &d.value {
            None => String::new(),
            Some(v) => self.value(v, params, template, d.site)?,
        };
        if d.value.as_ref().is_some_and(|v| !v.text.is_empty()) && value.is_empty() {
            let key = &d.key;
            self.errors.at(
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
                            _ if v.text.contains(&format!("${{{name}}}")) => format!(
                                "`{{{name}}}` is a placeholder of this macro, not a template parameter or build option; to pass `${{{name}}}` to systemd, write `${{{{{name}}}}}`"
                            ),
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

/// Whether a snippet holds whole sections (it starts with a `[Section]` header) rather than
/// directives of the section where it is used.
pub(crate) fn spans_sections(s: &ast::Snippet) -> bool {
    matches!(s.body.stmts.first(), Some(Stmt::Section { .. }))
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
