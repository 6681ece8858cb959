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
    let mut units = Vec::with_capacity(f.units.len());
    for out in &f.units {
        units.push(unit(out)?);
    }
    let mut dropins = Vec::with_capacity(f.dropins.len());
    for d in &f.dropins {
        let text = text(&d.unit)?;
        let item = source::dropin(&d.unit.name, &d.file, &text);
        dropins.push(gated(&d.cfgs, None, item));
    }
    let mut budgets = Vec::new();
    for &(i, tenths) in &f.budgets {
        let (Some(out), Ok(exposure)) = (f.units.get(i), u8::try_from(tenths)) else {
            continue;
        };
        let item = source::budget(&out.unit.name, exposure);
        budgets.push(gated(&out.cfgs, gate(out), item));
    }
    let mut options = Vec::with_capacity(f.options.len());
    for o in &f.options {
        options.push(option(o));
    }
    let mut rules = Vec::with_capacity(f.preset.len());
    for r in &f.preset {
        let mut instances: Vec<&str> = Vec::with_capacity(r.instances.len());
        for i in &r.instances {
            instances.push(i);
        }
        rules.push(source::rule(r.enable, &r.unit, &instances));
    }
    let parts = source::Parts {
        doc: "Every unit of this family, as checked at compile time.".to_owned(),
        target: target(f),
        options,
        units,
        name: match &f.name {
            Some(name) => source::string(name),
            None => "::core::env!(\"CARGO_PKG_NAME\")".to_owned(),
        },
        priority: f.preset_priority,
        rules,
        dropins,
        budgets,
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
    for t in f.targets.iter().rev() {
        if t.tokens.is_empty() {
            continue;
        }
        let mut preds = String::new();
        for (i, p) in t.tokens.iter().enumerate() {
            if i > 0 {
                preds.push_str(", ");
            }
            preds.push_str(&p.to_string());
        }
        let this = source::target(t.target);
        out = format!("if cfg!(all({preds})) {{ {this} }} else {{ {out} }}");
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
    if out.variant.is_empty() {
        return None;
    }
    let mut literals = Vec::with_capacity(out.variant.len());
    for (_, value, p) in &out.variant {
        literals.push(if *value { quote!(#p) } else { quote!(not(#p)) });
    }
    Some(quote!(#[cfg(all(#(#literals),*))]))
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
    for c in &mut unit.comments {
        *c = placeholder::escape(c);
    }
    for section in &mut unit.sections {
        for entry in &mut section.entries {
            for c in &mut entry.comments {
                *c = placeholder::escape(c);
            }
        }
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
