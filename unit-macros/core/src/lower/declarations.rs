//! The declarations the rest refers to: build options, snippets, templates, external units and
//! the family's name, each once.

use syn::{Ident, LitStr};
use unit_core::value::ValueKind;

use super::super::ast::{self, Item, Member};
use super::model::{External, OptionOut};
use super::state::{hint, Lowering, BUILTIN};
use super::templates::body_sites;

const OPTION_TYPES: &[&str] = &["text", "path", "mode"];

impl<'a> Lowering<'a, '_> {
    pub(super) fn declarations(&mut self, items: &'a [Item]) {
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
                    let site = self.sites.site(t.name.span());
                    self.provenance
                        .template_names
                        .insert(name.clone(), (site, t.unit_name.value()));
                    for site in body_sites(&t.body) {
                        self.provenance.template_sites.insert(site, name.clone());
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
                Item::Family(_)
                | Item::Preset(_)
                | Item::Dropin(_)
                | Item::Budget(_)
                | Item::Dirs(_) => {}
                Item::Daemon(d) => {
                    for m in &d.members {
                        if let Member::Instance(i) = m {
                            let users = self
                                .provenance
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

    pub(super) fn option(&mut self, o: &ast::OptionParam) {
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
        if name == BUILTIN || self.options.contains(&name) {
            self.errors.span(
                o.name.span(),
                format!(
                    "build option `{name}` is declared twice or shadows `{{{BUILTIN}}}`; rename it"
                ),
            );
            return;
        }
        self.options.push(name.clone());
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

    pub(super) fn external(&mut self, e: &ast::External) {
        let name = e.name.value();
        let site = self.sites.site(e.name.span());
        if let Err(msg) = unit_core::value::unit_name(&name) {
            self.at(site, msg);
        }
        if e.reason.value().trim().is_empty() {
            self.errors.span(
                e.reason.span(),
                format!("external unit `{name}` needs a reason; say which package provides it"),
            );
        }
        self.family.externals.push(External { name, site });
    }

    pub(super) fn family_name(&mut self, name: &LitStr) {
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
}
