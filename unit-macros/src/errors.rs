//! The error collector: every problem of the input, in the order found, each once.

use std::collections::HashSet;

use proc_macro2::Span;
use unit_core::Diagnostic;

use super::ast::Sites;

pub struct Errors<'a> {
    pub sites: &'a Sites,
    /// The site of each directive's value, by the site of its key.
    pub value_sites: std::collections::HashMap<u32, u32>,
    seen: HashSet<(u32, String)>,
    raised: usize,
    list: Vec<syn::Error>,
}

impl<'a> Errors<'a> {
    pub fn new(sites: &'a Sites) -> Self {
        Errors {
            sites,
            value_sites: Default::default(),
            seen: HashSet::new(),
            raised: 0,
            list: Vec::new(),
        }
    }

    /// An error at a site. A template's tokens are lowered once per daemon, so the same
    /// problem at the same site is reported once.
    pub fn at(&mut self, site: u32, message: impl Into<String>) {
        let message = message.into();
        self.raised += 1;
        if self.seen.insert((site, message.clone())) {
            self.list
                .push(syn::Error::new(self.sites.span(site), message));
        }
    }

    /// How many errors were raised so far, repeats included.
    pub fn raised(&self) -> usize {
        self.raised
    }

    pub fn span(&mut self, span: Span, message: impl Into<String>) {
        self.raised += 1;
        self.list.push(syn::Error::new(span, message.into()));
    }

    pub fn diag(&mut self, d: Diagnostic) {
        let site = if d.on_value {
            self.value_sites
                .get(&d.origin.0)
                .copied()
                .unwrap_or(d.origin.0)
        } else {
            d.origin.0
        };
        self.at(site, d.message);
    }

    pub fn push(&mut self, e: syn::Error) {
        self.raised += 1;
        self.list.push(e);
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn into_compile_errors(self) -> proc_macro2::TokenStream {
        self.list
            .into_iter()
            .map(|e| e.to_compile_error())
            .collect()
    }
}
