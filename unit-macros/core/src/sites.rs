//! Sites: the tokens errors point at, numbered, so that what is lowered from a token can name it
//! by a number (its `unit_core::Origin`) and errors can be reported at its span.

use std::cell::RefCell;

use proc_macro2::Span;

/// The spans of the tokens diagnostics can point at. A site is a 1-based index into it, and is
/// the `unit_core::Origin` of whatever that token defines. It also keeps the syntax errors that
/// parsing recovered from.
#[derive(Default)]
pub struct Sites {
    spans: RefCell<Vec<Span>>,
    recovered: RefCell<Vec<syn::Error>>,
}

impl Sites {
    pub fn site(&self, span: Span) -> u32 {
        let mut spans = self.spans.borrow_mut();
        spans.push(span);
        spans.len() as u32
    }

    pub fn span(&self, site: u32) -> Span {
        let spans = self.spans.borrow();
        site.checked_sub(1)
            .and_then(|i| spans.get(i as usize).copied())
            .unwrap_or_else(Span::call_site)
    }

    /// A syntax error that parsing went on after.
    pub fn recover(&self, e: syn::Error) {
        self.recovered.borrow_mut().push(e);
    }

    /// The syntax errors parsing went on after, taken out.
    pub fn take_recovered(&self) -> Vec<syn::Error> {
        self.recovered.take()
    }
}
