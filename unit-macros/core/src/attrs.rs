//! Attributes on items, members and directives: doc comments and `#[cfg]`, and where they
//! may stand.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitStr, Token};

use super::sites::Sites;

#[derive(Default)]
pub struct Attrs {
    pub docs: Vec<String>,
    pub cfgs: Vec<TokenStream>,
    /// The first doc comment and the first `#[cfg]`, for blame.
    pub doc_span: Option<Span>,
    pub cfg_attr: Option<TokenStream>,
    /// Every attribute's tokens, for blame when they stand before nothing.
    pub all: TokenStream,
}

impl Attrs {
    /// An error at the attributes when nothing follows them.
    pub fn dangling(&self, input: ParseStream) -> syn::Result<()> {
        if input.is_empty() && !self.all.is_empty() {
            return Err(syn::Error::new_spanned(
                &self.all,
                "attribute stands before nothing; put it above the item it is for, or remove it",
            ));
        }
        Ok(())
    }
}

pub fn parse_attrs(input: ParseStream, sites: &Sites) -> syn::Result<Attrs> {
    let mut attrs = Attrs::default();
    while input.peek(Token![#]) {
        let pound: Token![#] = input.parse()?;
        let group: proc_macro2::Group = input.parse()?;
        let whole = quote::quote!(#pound #group);
        attrs.all.extend(whole.clone());
        if group.delimiter() != Delimiter::Bracket {
            return Err(syn::Error::new_spanned(
                whole,
                "expected an attribute such as `#[cfg(...)]`",
            ));
        }
        let parse = |content: ParseStream| -> syn::Result<Option<LitStr>> {
            let name = content.call(Ident::parse_any)?;
            if name == "doc" {
                content.parse::<Token![=]>()?;
                return content.parse::<LitStr>().map(Some);
            }
            if name != "cfg" {
                return Err(syn::Error::new_spanned(
                    &whole,
                    format!("unsupported attribute `#[{name}]`; only doc comments and `#[cfg(...)]` are allowed"),
                ));
            }
            content.parse::<TokenStream>()?;
            Ok(None)
        };
        match parse.parse2(group.stream()) {
            Ok(Some(lit)) => {
                attrs.doc_span.get_or_insert(lit.span());
                match doc_lines(&lit) {
                    Ok(lines) => attrs.docs.extend(lines),
                    Err(e) => sites.recover(e),
                }
            }
            Ok(None) => {
                attrs.cfg_attr.get_or_insert_with(|| whole.clone());
                attrs.cfgs.push(whole);
            }
            Err(e) => sites.recover(e),
        }
    }
    Ok(attrs)
}

/// The comment lines of a doc attribute: one per line, one leading space and trailing white
/// space removed. A line that could not be written as a `#` comment is an error.
fn doc_lines(lit: &LitStr) -> syn::Result<Vec<String>> {
    let text = lit.value();
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line).trim_end();
        let line = line.strip_prefix(' ').unwrap_or(line);
        if let Some(c) = line.chars().find(|c| c.is_control()) {
            return Err(syn::Error::new(
                lit.span(),
                format!(
                    "doc comment holds the control character `{}` (U+{:04X}), which a `#` comment cannot carry; remove it",
                    c.escape_default(),
                    u32::from(c)
                ),
            ));
        }
        if line.ends_with('\\') {
            return Err(syn::Error::new(
                lit.span(),
                "doc comment line ends with `\\`, which would join the next line of the unit file to the comment; remove the `\\`",
            ));
        }
        lines.push(line.to_owned());
    }
    Ok(lines)
}

/// Reports a `#[cfg]` where it would be ignored, at the attribute.
pub fn no_cfg(attrs: &Attrs, what: &str, sites: &Sites) {
    if let Some(attr) = &attrs.cfg_attr {
        sites.recover(syn::Error::new_spanned(
            attr,
            format!("`#[cfg]` on {what} has no effect; put it on the daemons or units that should be left out"),
        ));
    }
}

/// The predicates of `#[cfg(...)]` attributes (`cfgs`, as [`Attrs`] keeps them): what stands in
/// the parentheses.
pub fn predicates(cfgs: &[TokenStream]) -> Vec<TokenStream> {
    cfgs.iter()
        .filter_map(|attr| {
            let TokenTree::Group(g) = attr.clone().into_iter().nth(1)? else {
                return None;
            };
            match g.stream().into_iter().nth(1)? {
                TokenTree::Group(inner) => Some(inner.stream()),
                _ => None,
            }
        })
        .collect()
}

/// Each of `predicates` without its `not(...)`, known by its text, and whether it had one: how
/// gates are compared with the configurations of a family's `#[cfg]`s.
pub fn gates(predicates: &[TokenStream]) -> Vec<(String, bool)> {
    let mut out = Vec::with_capacity(predicates.len());
    for p in predicates {
        let (base, negated) = split_not(p);
        out.push((base.to_string(), negated));
    }
    out
}

/// Whether something gated by `gates` (each predicate's key, and whether it is negated) exists
/// where the predicates have `values` (each key, and its value); a predicate without a value
/// there is taken to hold.
pub fn holds(gates: &[(String, bool)], values: &[(String, bool)]) -> bool {
    for (k, negated) in gates {
        for (vk, v) in values {
            if vk == k && v == negated {
                return false;
            }
        }
    }
    true
}

/// The values of the predicates a unit version was made for, as [`holds`] takes them.
pub fn values(variant: &[(String, bool, TokenStream)]) -> Vec<(String, bool)> {
    let mut out = Vec::with_capacity(variant.len());
    for (k, v, _) in variant {
        out.push((k.clone(), *v));
    }
    out
}

/// A predicate without its `not(...)`, and whether it had one.
pub fn split_not(p: &TokenStream) -> (TokenStream, bool) {
    let mut tokens = p.clone().into_iter();
    match (tokens.next(), tokens.next(), tokens.next()) {
        (Some(TokenTree::Ident(not)), Some(TokenTree::Group(g)), None)
            if not == "not" && g.delimiter() == Delimiter::Parenthesis =>
        {
            (g.stream(), true)
        }
        _ => (p.clone(), false),
    }
}
