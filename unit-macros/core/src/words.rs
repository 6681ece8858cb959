//! The smallest parts of the syntax: names of items and values of directives, with the errors
//! for the forms that come close to them (`relay-d`, `1.5`, `50%`).

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, LitStr, Token};

use super::sites::Sites;

/// A directive's or argument's value as written (a string literal, or a bare number or word),
/// and its site.
#[derive(Clone)]
pub struct Value {
    pub text: String,
    pub site: u32,
}

/// The name of a daemon, template or snippet: an identifier. A name with `-` in it is an
/// error naming all of it.
pub fn item_name(input: ParseStream, what: &str) -> syn::Result<Ident> {
    let name = input.call(Ident::parse_any).map_err(|e| {
        syn::Error::new(
            e.span(),
            format!("expected the {what}'s name, an identifier such as `virtqemud`"),
        )
    })?;
    if !input.peek(Token![-]) {
        return Ok(name);
    }
    let mut text = name.to_string();
    let mut tokens = quote::quote!(#name);
    while input.peek(Token![-]) {
        let dash: Token![-] = input.parse()?;
        let tt: TokenTree = input.parse()?;
        text.push('-');
        text.push_str(&tt.to_string());
        tokens.extend(quote::quote!(#dash #tt));
    }
    let fixed = text.replace('-', "_");
    let remedy = if what == "daemon" {
        format!("write `{fixed}`, and name units that need the `-` with `unit \"{text}.service\" {{ ... }}` inside the daemon")
    } else {
        format!("write `{fixed}`")
    };
    Err(syn::Error::new_spanned(
        tokens,
        format!("{what} names are identifiers, so `{text}` cannot be one; {remedy}"),
    ))
}

/// Whether the input begins like a statement: a `[Section]` header, `Key =`, or a keyword
/// such as `use` or `override` before a name.
pub fn starts_statement(input: ParseStream) -> bool {
    input.peek(syn::token::Bracket)
        || input.peek(Token![#])
        || (input.peek(Ident::peek_any) && (input.peek2(Token![=]) || input.peek2(Ident::peek_any)))
}

pub fn parse_value(input: ParseStream, sites: &Sites) -> syn::Result<Value> {
    let lookahead = input.lookahead1();
    let (text, span) = if lookahead.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        (lit.value(), lit.span())
    } else if input.peek(syn::LitFloat) || (input.peek(Token![-]) && input.peek2(syn::LitFloat)) {
        return Err(bare(input, "", None));
    } else if lookahead.peek(Token![-]) {
        input.parse::<Token![-]>()?;
        let lit: syn::LitInt = input.parse()?;
        (format!("-{lit}"), lit.span())
    } else if lookahead.peek(syn::LitInt) {
        let lit: syn::LitInt = input.parse()?;
        (lit.to_string(), lit.span())
    } else if input.peek(Ident::peek_any) {
        let ident = input.call(Ident::parse_any)?;
        (ident.to_string(), ident.span())
    } else {
        return Err(syn::Error::new(
            input.span(),
            "expected a value: a string such as `\"/usr/bin/foo\"`, a number or a word such as `yes`",
        ));
    };
    if input.peek(Token![:])
        || input.peek(Token![%])
        || input.peek(Token![.])
        || input.peek(Token![/])
        || input.peek(Token![-])
        || input.peek(Token![+])
    {
        return Err(bare(input, &text, Some(span)));
    }
    let site = sites.site(span);
    Ok(Value { text, site })
}

/// The error for a value that cannot be written without quotes, such as `1.5`, `50%` or
/// `1024:524288`: everything up to the `;`, with the quoted form to write instead. `start` is
/// what was already read of it, from `first`.
fn bare(input: ParseStream, start: &str, first: Option<Span>) -> syn::Error {
    let mut text = start.to_owned();
    let mut tokens = TokenStream::new();
    tokens.extend(first.map(|span| TokenTree::Ident(Ident::new("value", span))));
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tt, next)) = rest.token_tree() {
            if matches!(&tt, TokenTree::Punct(p) if p.as_char() == ';' || p.as_char() == ',') {
                break;
            }
            text.push_str(&tt.to_string());
            tokens.extend([tt]);
            rest = next;
        }
        Ok(((), rest))
    });
    syn::Error::new_spanned(
        tokens,
        format!("`{text}` cannot be written bare: only whole numbers and single words can; write `\"{text}\"`"),
    )
}
