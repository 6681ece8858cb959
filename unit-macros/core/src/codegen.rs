//! Code generation: the family as `'static` `unit_core` data, written by `unit_core::source`
//! (which `unit-run`'s build scripts use too) and parsed into tokens.

use proc_macro2::TokenStream;
use quote::quote;
use unit_core::placeholder;
use unit_core::source;
use unit_core::value::ValueKind;
use unit_core::{Diagnostic, Origin, Unit};

use super::lower::{Family, OptionOut, UnitOut};

/// The family as code, or the problems that kept a unit from being written.
pub fn family(f: &Family) -> Result<TokenStream, Vec<Diagnostic>> {
    let units = f.units.iter().map(unit).collect::<Result<Vec<_>, _>>()?;
    let dropins = f
        .dropins
        .iter()
        .map(|d| {
            let text = text(&d.unit)?;
            Ok(gated(
                &d.cfgs,
                None,
                source::dropin(&d.unit.name, &d.file, &text),
            ))
        })
        .collect::<Result<Vec<_>, Vec<Diagnostic>>>()?;
    let budgets = f.budgets.iter().filter_map(|(i, tenths)| {
        let out = f.units.get(*i)?;
        let exposure = u8::try_from(*tenths).ok()?;
        Some(gated(
            &out.cfgs,
            gate(out),
            source::budget(&out.unit.name, exposure),
        ))
    });
    let parts = source::Parts {
        doc: "Every unit of this family, as checked at compile time.".to_owned(),
        target: target(f),
        options: f.options.iter().map(option).collect(),
        units,
        name: match &f.name {
            Some(name) => source::string(name),
            None => "::core::env!(\"CARGO_PKG_NAME\")".to_owned(),
        },
        priority: f.preset_priority,
        rules: f
            .preset
            .iter()
            .map(|r| {
                let instances: Vec<&str> = r.instances.iter().map(String::as_str).collect();
                source::rule(r.enable, &r.unit, &instances)
            })
            .collect(),
        dropins,
        budgets: budgets.collect(),
        dirs: source::dirs(&f.dirs.unit, &f.dirs.preset, &f.dirs.prefix),
    };
    source::family(&parts).parse().map_err(|e| {
        let message = format!("internal error: the family's code does not parse: {e}");
        vec![Diagnostic::new(Origin::default(), message)]
    })
}

/// `item` behind the `#[cfg]`s of its definition and of its version.
fn gated(cfgs: &[TokenStream], variant: Option<TokenStream>, item: String) -> String {
    let mut s = String::new();
    for attr in cfgs.iter().chain(&variant) {
        s.push_str(&attr.to_string());
        s.push(' ');
    }
    s + &item
}

/// The family's target: the `systemd` item whose `#[cfg]` holds, else the unconditional one.
fn target(f: &Family) -> String {
    let mut out = source::target(f.target);
    for t in f.targets.iter().rev().filter(|t| !t.tokens.is_empty()) {
        let preds: Vec<String> = t.tokens.iter().map(ToString::to_string).collect();
        let this = source::target(t.target);
        out = format!(
            "if cfg!(all({})) {{ {this} }} else {{ {out} }}",
            preds.join(", ")
        );
    }
    out
}

fn option(o: &OptionOut) -> String {
    let kind = match o.kind {
        ValueKind::Path | ValueKind::Mode => o.kind,
        _ => ValueKind::Text,
    };
    source::option(&o.name, kind, &o.default, &o.doc)
}

/// The `#[cfg(all(...))]` of one version of a unit whose statements depend on `#[cfg]`.
fn gate(out: &UnitOut) -> Option<TokenStream> {
    (!out.variant.is_empty()).then(|| {
        let literals = out.variant.iter().map(
            |(_, value, p)| {
                if *value {
                    quote!(#p)
                } else {
                    quote!(not(#p))
                }
            },
        );
        quote!(#[cfg(all(#(#literals),*))])
    })
}

fn unit(out: &UnitOut) -> Result<String, Vec<Diagnostic>> {
    let text = text(&out.unit)?;
    let item = source::unit(&out.unit.name, &out.daemon, &text);
    Ok(gated(&out.cfgs, gate(out), item))
}

/// The unit file with build options as placeholders: values keep their placeholder syntax,
/// comments have their braces escaped.
pub fn text(unit: &Unit) -> Result<String, Vec<Diagnostic>> {
    let mut unit = unit.clone();
    let escape = |c: &mut String| *c = placeholder::escape(c);
    unit.comments.iter_mut().for_each(escape);
    for entry in unit.sections.iter_mut().flat_map(|s| s.entries.iter_mut()) {
        entry.comments.iter_mut().for_each(escape);
    }
    unit_core::render(&unit).map_err(|problems| {
        let internal = |d: Diagnostic| Diagnostic {
            message: format!(
                "internal error: `{}` passed its checks but cannot be written: {}",
                unit.name, d.message
            ),
            ..d
        };
        problems.into_iter().map(internal).collect()
    })
}
