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

/// Something recorded for some sites, by site: sites are small consecutive numbers, so a table
/// indexed by them.
pub struct BySite<V> {
    values: Vec<Option<V>>,
}

impl<V> Default for BySite<V> {
    fn default() -> Self {
        BySite { values: Vec::new() }
    }
}

impl<V> BySite<V> {
    pub fn get(&self, site: u32) -> Option<&V> {
        self.values.get(site as usize)?.as_ref()
    }

    pub fn contains(&self, site: u32) -> bool {
        self.get(site).is_some()
    }

    /// Records `value` for `site`, in place of what was recorded before.
    pub fn insert(&mut self, site: u32, value: V) {
        let at = site as usize;
        while self.values.len() <= at {
            self.values.push(None);
        }
        self.values[at] = Some(value);
    }

    /// Whether nothing is recorded: a value recorded for a site stays, so the table grows only
    /// with what is recorded.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}
