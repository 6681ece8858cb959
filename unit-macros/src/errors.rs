//! The error collector: every problem of the input, in the order found, each once.

use std::collections::HashSet;

use proc_macro2::Span;
use unit_core::Diagnostic;

use crate::ast::Sites;

pub struct Errors<'a> {
    pub sites: &'a Sites,
    seen: HashSet<(u32, String)>,
    list: Vec<syn::Error>,
}

impl<'a> Errors<'a> {
    pub fn new(sites: &'a Sites) -> Self {
        Errors {
            sites,
            seen: HashSet::new(),
            list: Vec::new(),
        }
    }

    /// An error at a site. A template's tokens are lowered once per daemon, so the same
    /// problem at the same site is reported once.
    pub fn at(&mut self, site: u32, message: impl Into<String>) {
        let message = message.into();
        if self.seen.insert((site, message.clone())) {
            self.list.push(syn::Error::new(self.sites.span(site), message));
        }
    }

    pub fn span(&mut self, span: Span, message: impl Into<String>) {
        self.list.push(syn::Error::new(span, message.into()));
    }

    pub fn diag(&mut self, d: Diagnostic) {
        self.at(d.origin.0, d.message);
    }

    pub fn push(&mut self, e: syn::Error) {
        self.list.push(e);
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn into_compile_errors(self) -> proc_macro2::TokenStream {
        self.list.into_iter().map(|e| e.to_compile_error()).collect()
    }
}
