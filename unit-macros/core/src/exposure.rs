//! The syntax of exposure budgets, `exposure <= 7.9;`: the family's, a template's, or a unit's
//! or instance's. What they mean is checked by `budget`.

use proc_macro2::{TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, Token};

use super::attrs::{parse_attrs, predicates};
use super::sites::Sites;

/// One `exposure <= N;`: the most the exposure may be, in tenths, and the site of `N`.
#[derive(Clone, Debug)]
pub struct Budget {
    pub tenths: u64,
    pub site: u32,
    /// The `#[cfg(...)]` predicates it holds under.
    pub cfgs: Vec<TokenStream>,
}

/// Whether a statement is `exposure <= ...`, after any attributes.
pub fn starts(chunk: &TokenStream) -> bool {
    let mut tokens = chunk.clone().into_iter().peekable();
    while matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '#') {
        tokens.next();
        tokens.next();
    }
    matches!(
        (tokens.next(), tokens.next()),
        (Some(TokenTree::Ident(i)), Some(TokenTree::Punct(p))) if i == "exposure" && p.as_char() == '<'
    )
}

/// Parses `exposure <= N;` with its attributes, or, given `cfgs`, what follows `exposure`
/// when the attributes and the keyword are already read.
pub fn parse(
    input: ParseStream,
    sites: &Sites,
    cfgs: Option<Vec<TokenStream>>,
) -> syn::Result<Budget> {
    let cfgs = match cfgs {
        Some(cfgs) => cfgs,
        None => {
            let attrs = parse_attrs(input, sites)?;
            input.call(Ident::parse_any)?;
            predicates(&attrs.cfgs)
        }
    };
    input.parse::<Token![<=]>().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected `<=` after `exposure`, as in `exposure <= 4.5;`",
        )
    })?;
    let lit: syn::Lit = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected an exposure from 0.0 to 10.0, as in `exposure <= 4.5;`",
        )
    })?;
    let text = match &lit {
        syn::Lit::Float(f) if f.suffix().is_empty() => f.base10_digits().to_owned(),
        syn::Lit::Int(i) if i.suffix().is_empty() => i.base10_digits().to_owned(),
        _ => String::new(),
    };
    let tenths = tenths(&text).ok_or_else(|| {
        syn::Error::new(
            lit.span(),
            format!("exposure budget `{}` is not a number from 0.0 to 10.0 with at most one decimal, as systemd scores to the tenth", quote::ToTokens::to_token_stream(&lit)),
        )
    })?;
    input.parse::<Token![;]>()?;
    Ok(Budget {
        tenths,
        site: sites.site(lit.span()),
        cfgs,
    })
}

fn tenths(text: &str) -> Option<u64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    let fraction = if fraction.is_empty() { "0" } else { fraction };
    if fraction.len() != 1 || whole.is_empty() {
        return None;
    }
    let n = whole.parse::<u64>().ok()? * 10 + fraction.parse::<u64>().ok()?;
    (n <= 100).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::tenths;

    #[test]
    fn budgets_are_tenths_up_to_ten() {
        assert_eq!(tenths("4.5"), Some(45));
        assert_eq!(tenths("9"), Some(90));
        assert_eq!(tenths("10.0"), Some(100));
        assert_eq!(tenths("10.1"), None);
        assert_eq!(tenths("4.55"), None);
    }
}
