//! Code generation: the family as `'static` `unit_core` data.

use proc_macro2::TokenStream;
use quote::quote;
use unit_core::placeholder::{self, Part};
use unit_core::value::ValueKind;

use super::lower::{Family, OptionOut, UnitOut};

pub fn family(f: &Family) -> TokenStream {
    let options = f.options.iter().map(option);
    let units = f.units.iter().map(unit);
    quote! {
        /// Every unit of this family, as checked at compile time.
        pub static FAMILY: ::unit_core::Family = ::unit_core::Family {
            options: &[#(#options),*],
            units: &[#(#units),*],
        };
    }
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

fn unit(out: &UnitOut) -> TokenStream {
    let cfgs = &out.cfgs;
    let name = &out.unit.name;
    let daemon = &out.daemon;
    let comments = &out.unit.comments;
    let sections = out.unit.sections.iter().map(|s| {
        let sname = &s.name;
        let entries = s.entries.iter().map(|e| {
            let key = &e.key;
            let comments = &e.comments;
            let pieces = placeholder::parts(&e.value).unwrap_or_default().into_iter().map(|p| match p {
                Part::Text(t) => quote!(::unit_core::family::Piece::Text(#t)),
                Part::Var { name, .. } => quote!(::unit_core::family::Piece::Option(#name)),
            });
            quote! {
                ::unit_core::family::EntryDef { key: #key, value: &[#(#pieces),*], comments: &[#(#comments),*] }
            }
        });
        quote! {
            ::unit_core::family::SectionDef { name: #sname, entries: &[#(#entries),*] }
        }
    });
    quote! {
        #(#cfgs)*
        ::unit_core::UnitDef {
            name: #name,
            daemon: #daemon,
            comments: &[#(#comments),*],
            sections: &[#(#sections),*],
        }
    }
}
