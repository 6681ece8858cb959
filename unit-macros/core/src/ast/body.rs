//! The bodies of units, templates, snippets and daemons' extras: section headers, directives
//! and `use`, each statement parsed on its own so that one error hides no other.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{braced, bracketed, Ident, Token};

use super::super::attrs::{parse_attrs, predicates};
use super::super::exposure;
use super::super::sites::Sites;
use super::super::words::{parse_value, starts_statement};
use super::{split, Boundary, Value};

#[derive(Default)]
pub struct Body {
    pub stmts: Vec<Stmt>,
    /// A statement did not parse, so what the body lacks is not known.
    pub broken: bool,
    /// `exposure <= N;` statements.
    pub budgets: Vec<exposure::Budget>,
}

/// A section or directive name as systemd spells it: an identifier, or words joined by `-`
/// (`X-Vendor`, `X-Custom`).
pub struct Name {
    pub text: String,
    pub span: Span,
}

impl Name {
    pub fn span(&self) -> Span {
        self.span
    }

    fn parse(input: ParseStream) -> syn::Result<Name> {
        let first = input.call(Ident::parse_any)?;
        let mut text = first.to_string();
        while input.peek(Token![-]) && input.peek2(Ident::peek_any) {
            input.parse::<Token![-]>()?;
            text.push('-');
            text.push_str(&input.call(Ident::parse_any)?.to_string());
        }
        Ok(Name {
            text,
            span: first.span(),
        })
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

pub enum Stmt {
    Section {
        name: Name,
        site: u32,
    },
    Directive(Directive),
    Use {
        name: Ident,
        site: u32,
        /// The `#[cfg(...)]` predicates the `use` depends on.
        cfgs: Vec<TokenStream>,
    },
    /// A section header that did not parse: the directives under it are not checked.
    BrokenSection,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Set,
    Override,
    Remove,
    Reset,
}

pub struct Directive {
    /// The `#[cfg(...)]` predicates the directive depends on.
    pub cfgs: Vec<TokenStream>,
    pub docs: Vec<String>,
    pub op: Op,
    pub key: Name,
    pub value: Option<Value>,
    pub site: u32,
}

#[derive(Clone, Copy)]
struct StmtEnd;

impl Boundary for StmtEnd {
    fn ends(self, so_far: &[TokenTree], tt: &TokenTree) -> bool {
        match tt {
            TokenTree::Punct(p) => p.as_char() == ';',
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => true,
            TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => so_far.is_empty(),
            _ => false,
        }
    }
}

pub(super) fn parse_braced_body(input: ParseStream, sites: &Sites) -> syn::Result<Body> {
    let content;
    braced!(content in input);
    let tokens: TokenStream = content.parse()?;
    let mut body = Body::default();
    for chunk in split(tokens, StmtEnd) {
        if exposure::starts(&chunk) {
            match (|s: ParseStream| exposure::parse(s, sites, None)).parse2(chunk) {
                Ok(b) => body.budgets.push(b),
                Err(e) => sites.recover(e),
            }
            continue;
        }
        let header = matches!(chunk.clone().into_iter().next(), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket);
        let stmts = |s: ParseStream| {
            let mut stmts = Vec::new();
            while !s.is_empty() {
                stmts.push(parse_stmt(s, sites)?);
            }
            Ok(stmts)
        };
        match stmts.parse2(chunk) {
            Ok(stmts) => body.stmts.extend(stmts),
            Err(e) => {
                sites.recover(e);
                body.broken = true;
                if header {
                    body.stmts.push(Stmt::BrokenSection);
                }
            }
        }
    }
    Ok(body)
}

fn parse_stmt(input: ParseStream, sites: &Sites) -> syn::Result<Stmt> {
    let attrs = parse_attrs(input, sites)?;
    if input.peek(syn::token::Bracket) {
        if let Some(span) = attrs.doc_span.filter(|_| attrs.cfg_attr.is_none()) {
            sites.recover(syn::Error::new(
                span,
                "doc comment on a section header is not rendered; put it above a directive",
            ));
        }
        if let Some(attr) = &attrs.cfg_attr {
            sites.recover(syn::Error::new_spanned(
                attr,
                "`#[cfg]` is allowed on daemons, units and template instances, not on section headers",
            ));
        }
        let content;
        bracketed!(content in input);
        let name = content.call(Name::parse)?;
        if !content.is_empty() {
            return Err(content.error("a section header holds one name, e.g. `[Service]`"));
        }
        let site = sites.site(name.span());
        return Ok(Stmt::Section { name, site });
    }
    let cfgs = predicates(&attrs.cfgs);
    if input.is_empty() {
        let span = attrs.doc_span.unwrap_or_else(|| input.span());
        return Err(syn::Error::new(
            span,
            "doc comment documents nothing; put it above a directive, or remove it",
        ));
    }
    let first = input.call(Name::parse).map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a directive such as `Description = \"...\";` or a `[Section]` header",
        )
    })?;
    let op = if input.peek(Ident::peek_any) {
        match first.text.as_str() {
            "use" => {
                let name = input.call(Ident::parse_any)?;
                input.parse::<Token![;]>()?;
                if let Some(span) = attrs.doc_span {
                    sites.recover(syn::Error::new(
                        span,
                        format!("doc comment on `use {name}` is not rendered; put it on the directives of snippet `{name}`"),
                    ));
                }
                let site = sites.site(name.span());
                return Ok(Stmt::Use { name, site, cfgs });
            }
            "override" => Op::Override,
            "remove" => Op::Remove,
            "reset" => Op::Reset,
            other => {
                return Err(syn::Error::new(
                    first.span(),
                    format!("unexpected `{other}` before a directive; expected `override`, `remove`, `reset` or `use`"),
                ))
            }
        }
    } else {
        Op::Set
    };
    let key = if op == Op::Set {
        first
    } else {
        input.call(Name::parse)?
    };
    let site = sites.site(key.span());
    let value = if op == Op::Reset {
        None
    } else {
        input.parse::<Token![=]>().map_err(|e| {
            syn::Error::new(
                e.span(),
                format!("expected `=` after `{key}`; write `{key} = \"value\";`"),
            )
        })?;
        Some(parse_value(input, sites)?)
    };
    if input.parse::<Token![;]>().is_err() {
        let error = |span| {
            syn::Error::new(
                span,
                format!("expected `;` after the value of `{key}`; end each directive with `;`"),
            )
        };
        match &value {
            // The next statement begins here: report the `;` and go on with it.
            Some(v) if starts_statement(input) => sites.recover(error(sites.span(v.site))),
            _ => return Err(error(input.span())),
        }
    }
    Ok(Stmt::Directive(Directive {
        cfgs,
        docs: attrs.docs,
        op,
        key,
        value,
        site,
    }))
}
