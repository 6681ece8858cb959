//! Code generation: the family as `'static` `unit_core` data.

use proc_macro2::TokenStream;
use quote::quote;
use unit_core::placeholder;
use unit_core::value::ValueKind;
use unit_core::{Diagnostic, Unit};

use super::lower::{Family, OptionOut, UnitOut};

/// The family as code, or the problems that kept a unit from being written.
pub fn family(f: &Family) -> Result<TokenStream, Vec<Diagnostic>> {
    let options = f.options.iter().map(option);
    let units = f.units.iter().map(unit).collect::<Result<Vec<_>, _>>()?;
    let target = target(f);
    let adoption = adoption(f)?;
    let budgets = f.budgets.iter().filter_map(|(i, tenths)| {
        let out = f.units.get(*i)?;
        let (cfgs, variant, name) = (&out.cfgs, gate(out), &out.unit.name);
        let exposure = u8::try_from(*tenths).ok()?;
        Some(quote!(#(#cfgs)* #variant ::unit_core::security::Budget { unit: #name, exposure: #exposure }))
    });
    Ok(quote! {
        /// Every unit of this family, as checked at compile time.
        pub static FAMILY: ::unit_core::Family = ::unit_core::Family {
            target: #target,
            options: &[#(#options),*],
            units: &[#(#units),*],
            #adoption
            budgets: &[#(#budgets),*],
        };
    })
}

/// The family's target: the `systemd` item whose `#[cfg]` holds, else the unconditional one.
fn target(f: &Family) -> TokenStream {
    let literal = |t: unit_core::catalog::Target| {
        let (min, max) = (t.min, t.max);
        quote!(::unit_core::catalog::Target { min: #min, max: #max })
    };
    let mut out = literal(f.target);
    for t in f.targets.iter().rev().filter(|t| !t.tokens.is_empty()) {
        let preds = &t.tokens;
        let this = literal(t.target);
        out = quote!(if cfg!(all(#(#preds),*)) { #this } else { #out });
    }
    out
}

fn option(o: &OptionOut) -> TokenStream {
    let OptionOut {
        name, default, doc, ..
    } = o;
    let kind = match o.kind {
        ValueKind::Path => quote!(Path),
        ValueKind::Mode => quote!(Mode),
        _ => quote!(Text),
    };
    quote! {
        ::unit_core::family::OptionDef {
            name: #name,
            kind: ::unit_core::value::ValueKind::#kind,
            default: #default,
            doc: #doc,
        }
    }
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

fn unit(out: &UnitOut) -> Result<TokenStream, Vec<Diagnostic>> {
    let cfgs = &out.cfgs;
    let variant = gate(out);
    let name = &out.unit.name;
    let daemon = &out.daemon;
    let text = text(&out.unit)?;
    Ok(quote! {
        #(#cfgs)*
        #variant
        ::unit_core::UnitDef { name: #name, daemon: #daemon, text: #text }
    })
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

/// The family's name, preset and drop-ins: the fields after `units`.
fn adoption(f: &Family) -> Result<TokenStream, Vec<Diagnostic>> {
    let name = match &f.name {
        Some(name) => quote!(#name),
        None => quote!(::core::env!("CARGO_PKG_NAME")),
    };
    let priority = f.preset_priority;
    let rules = f.preset.iter().map(|r| {
        let (enable, unit, instances) = (r.enable, &r.unit, &r.instances);
        quote!(::unit_core::preset::PresetRule { enable: #enable, unit: #unit, instances: &[#(#instances),*] })
    });
    let dropins = f
        .dropins
        .iter()
        .map(|d| {
            let (cfgs, unit, file) = (&d.cfgs, &d.unit.name, &d.file);
            let text = text(&d.unit)?;
            Ok(quote! {
                #(#cfgs)*
                ::unit_core::dropin::DropinDef { unit: #unit, file: #file, text: #text }
            })
        })
        .collect::<Result<Vec<_>, Vec<Diagnostic>>>()?;
    Ok(quote! {
        name: #name,
        preset: ::unit_core::preset::Preset { priority: #priority, rules: &[#(#rules),*] },
        dropins: &[#(#dropins),*],
    })
}
