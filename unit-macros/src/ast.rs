//! The syntax of `systemd_unit!`: parsing only, no checks beyond the grammar.
//!
//! The input is cut into items before parsing (an item ends after its top-level `{ ... }` or at
//! a top-level `;`), and each body into statements, so a syntax error in one item or statement
//! is reported without hiding the errors of the others.

use std::cell::RefCell;

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{braced, bracketed, parenthesized, Ident, LitStr, Token};

/// The spans of the tokens diagnostics can point at. A site is a 1-based index into it, and is
/// the `unit_core::Origin` of whatever that token defines.
#[derive(Default)]
pub struct Sites(RefCell<Vec<Span>>);

impl Sites {
    pub fn site(&self, span: Span) -> u32 {
        let mut spans = self.0.borrow_mut();
        spans.push(span);
        spans.len() as u32
    }

    pub fn span(&self, site: u32) -> Span {
        let spans = self.0.borrow();
        site.checked_sub(1)
            .and_then(|i| spans.get(i as usize).copied())
            .unwrap_or_else(Span::call_site)
    }
}

#[derive(Default)]
pub struct Attrs {
    pub docs: Vec<String>,
    pub cfgs: Vec<TokenStream>,
}

pub enum Item {
    Options(Vec<OptionParam>),
    Snippet(Snippet),
    Template(Template),
    Daemon(Daemon),
    Unit(UnitItem),
    Extern(Vec<External>),
    Systemd(Systemd),
    Family(LitStr),
    Preset(Preset),
    Dropin(UnitItem),
}

/// `systemd 252..;`: the systemd releases the family targets.
pub struct Systemd {
    /// The `#[cfg(...)]` predicates the target applies under.
    pub cfgs: Vec<TokenStream>,
    pub min: syn::LitInt,
    pub max: Option<syn::LitInt>,
    /// Written with `..` (every later release too) rather than a single release.
    pub open: bool,
}

pub struct Preset {
    pub priority: Option<syn::LitInt>,
    pub rules: Vec<PresetRule>,
}

pub struct PresetRule {
    pub enable: bool,
    pub unit: LitStr,
    pub site: u32,
    pub instances: Vec<LitStr>,
}

pub struct OptionParam {
    pub attrs: Attrs,
    pub name: Ident,
    pub ty: Option<Ident>,
    pub default: LitStr,
}

pub struct Snippet {
    pub name: Ident,
    pub body: Body,
}

pub struct Template {
    pub attrs: Attrs,
    pub name: Ident,
    pub params: Vec<Param>,
    pub unit_name: LitStr,
    pub body: Body,
}

pub struct Param {
    pub name: Ident,
    pub ty: Ident,
    pub default: Option<LitStr>,
}

pub struct Daemon {
    pub attrs: Attrs,
    pub name: Ident,
    pub args: Vec<Arg>,
    pub members: Vec<Member>,
}

pub struct Arg {
    pub name: Ident,
    pub value: Value,
}

pub enum Member {
    Instance(Instance),
    Unit(UnitItem),
}

pub struct Instance {
    pub attrs: Attrs,
    pub template: Ident,
    pub site: u32,
    pub args: Vec<Arg>,
    pub body: Body,
}

pub struct UnitItem {
    pub attrs: Attrs,
    pub name: LitStr,
    pub site: u32,
    pub body: Body,
}

pub struct External {
    pub name: LitStr,
    pub reason: LitStr,
}

#[derive(Default)]
pub struct Body {
    pub stmts: Vec<Stmt>,
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

#[derive(Clone)]
pub struct Value {
    pub text: String,
    pub site: u32,
}

/// Parses the whole input, returning every item that parsed and every syntax error.
pub fn parse_file(input: TokenStream, sites: &Sites) -> (Vec<Item>, Vec<syn::Error>) {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for chunk in split(input, ItemEnd) {
        match (|s: ParseStream| parse_item(s, sites)).parse2(chunk) {
            Ok(item) => items.push(item),
            Err(e) => errors.push(e),
        }
    }
    (items, errors)
}

#[derive(Clone, Copy)]
struct ItemEnd;
#[derive(Clone, Copy)]
struct StmtEnd;

trait Boundary: Copy {
    /// Whether `tt` ends the chunk that `so_far` has begun.
    fn ends(self, so_far: &[TokenTree], tt: &TokenTree) -> bool;
}

impl Boundary for ItemEnd {
    fn ends(self, _: &[TokenTree], tt: &TokenTree) -> bool {
        matches!(tt, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace)
            || matches!(tt, TokenTree::Punct(p) if p.as_char() == ';')
    }
}

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

/// Cuts `tokens` into chunks, each ending with the token the boundary picks.
fn split(tokens: TokenStream, boundary: impl Boundary) -> Vec<TokenStream> {
    let mut chunks = Vec::new();
    let mut current: Vec<TokenTree> = Vec::new();
    for tt in tokens {
        let ends = boundary.ends(&current, &tt);
        current.push(tt);
        if ends {
            chunks.push(current.drain(..).collect());
        }
    }
    if !current.is_empty() {
        chunks.push(current.into_iter().collect());
    }
    chunks
}

fn parse_attrs(input: ParseStream) -> syn::Result<Attrs> {
    let mut attrs = Attrs::default();
    while input.peek(Token![#]) {
        input.parse::<Token![#]>()?;
        let content;
        let brackets = bracketed!(content in input);
        let name = content.call(Ident::parse_any)?;
        if name == "doc" {
            content.parse::<Token![=]>()?;
            let lit = content.parse::<LitStr>()?;
            attrs.docs.extend(doc_lines(&lit)?);
        } else if name == "cfg" {
            let inner: TokenStream = content.parse()?;
            let mut tokens = TokenStream::new();
            tokens.extend([TokenTree::from(proc_macro2::Punct::new(
                '#',
                proc_macro2::Spacing::Alone,
            ))]);
            let mut group_body = TokenStream::new();
            group_body.extend([TokenTree::Ident(name)]);
            group_body.extend(inner);
            let mut group = proc_macro2::Group::new(Delimiter::Bracket, group_body);
            group.set_span(brackets.span.join());
            tokens.extend([TokenTree::Group(group)]);
            attrs.cfgs.push(tokens);
        } else {
            return Err(syn::Error::new(
                name.span(),
                format!("unsupported attribute `#[{name}]`; only doc comments and `#[cfg(...)]` are allowed"),
            ));
        }
    }
    Ok(attrs)
}

/// The predicates of the `#[cfg(...)]` attributes in `attrs`: what stands in the parentheses.
pub fn predicates(attrs: &Attrs) -> Vec<TokenStream> {
    attrs
        .cfgs
        .iter()
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

/// The comment lines of a doc attribute: one per line, one leading space and trailing white
/// space removed. A line that could not be written as a `#` comment is an error.
fn doc_lines(lit: &LitStr) -> syn::Result<Vec<String>> {
    let text = lit.value();
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line).trim_end();
        let line = line.strip_prefix(' ').unwrap_or(line);
        if line.ends_with('\\') || line.chars().any(char::is_control) {
            return Err(syn::Error::new(
                lit.span(),
                "doc comment line ends with `\\` or holds a control character, which a `#` comment cannot carry; remove it",
            ));
        }
        lines.push(line.to_owned());
    }
    Ok(lines)
}

fn keyword(input: ParseStream) -> syn::Result<Ident> {
    input.call(Ident::parse_any).map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected an item: `options`, `snippet`, `template`, `daemon`, `unit`, `extern`, `dropin`, `preset`, `family` or `systemd`",
        )
    })
}

fn parse_item(input: ParseStream, sites: &Sites) -> syn::Result<Item> {
    let attrs = parse_attrs(input)?;
    let kw = keyword(input)?;
    let item = match kw.to_string().as_str() {
        "options" => {
            let content;
            braced!(content in input);
            let mut options = Vec::new();
            while !content.is_empty() {
                let attrs = parse_attrs(&content)?;
                let name: Ident = content.call(Ident::parse_any)?;
                let ty = if content.peek(Token![:]) {
                    content.parse::<Token![:]>()?;
                    Some(content.call(Ident::parse_any)?)
                } else {
                    None
                };
                content.parse::<Token![=]>()?;
                let default: LitStr = content.parse()?;
                options.push(OptionParam { attrs, name, ty, default });
                if !content.is_empty() {
                    content.parse::<Token![,]>()?;
                }
            }
            Item::Options(options)
        }
        "snippet" => {
            let name = input.call(Ident::parse_any)?;
            let body = parse_braced_body(input, sites)?;
            Item::Snippet(Snippet { name, body })
        }
        "template" => {
            let name = input.call(Ident::parse_any)?;
            let content;
            parenthesized!(content in input);
            let mut params = Vec::new();
            while !content.is_empty() {
                let name = content.call(Ident::parse_any)?;
                content.parse::<Token![:]>()?;
                let ty = content.call(Ident::parse_any)?;
                let default = if content.peek(Token![=]) {
                    content.parse::<Token![=]>()?;
                    Some(content.parse::<LitStr>()?)
                } else {
                    None
                };
                params.push(Param { name, ty, default });
                if !content.is_empty() {
                    content.parse::<Token![,]>()?;
                }
            }
            input.parse::<Token![->]>()?;
            let unit_name: LitStr = input.parse()?;
            let body = parse_braced_body(input, sites)?;
            Item::Template(Template { attrs, name, params, unit_name, body })
        }
        "daemon" => {
            let name = input.call(Ident::parse_any)?;
            let args = if input.peek(syn::token::Paren) { parse_args(input, sites)? } else { Vec::new() };
            let content;
            braced!(content in input);
            let mut members = Vec::new();
            let mut errors: Option<syn::Error> = None;
            for chunk in split(content.parse()?, ItemEnd) {
                match (|s: ParseStream| parse_member(s, sites)).parse2(chunk) {
                    Ok(m) => members.push(m),
                    Err(e) => combine(&mut errors, e),
                }
            }
            if let Some(e) = errors {
                return Err(e);
            }
            Item::Daemon(Daemon { attrs, name, args, members })
        }
        "unit" => Item::Unit(parse_unit(input, attrs, sites)?),
        "extern" => {
            let content;
            braced!(content in input);
            let mut externals = Vec::new();
            while !content.is_empty() {
                let name: LitStr = content.parse()?;
                content.parse::<Token![=]>()?;
                let reason: LitStr = content.parse()?;
                content.parse::<Token![;]>()?;
                externals.push(External { name, reason });
            }
            Item::Extern(externals)
        }
        "systemd" => {
            let min: syn::LitInt = input.parse().map_err(|e| {
                syn::Error::new(e.span(), "expected a systemd release such as `systemd 252..;`")
            })?;
            let (open, max) = if input.peek(Token![..=]) {
                input.parse::<Token![..=]>()?;
                (false, Some(input.parse::<syn::LitInt>()?))
            } else if input.peek(Token![..]) {
                input.parse::<Token![..]>()?;
                (true, None)
            } else {
                (false, None)
            };
            input.parse::<Token![;]>()?;
            Item::Systemd(Systemd {
                cfgs: predicates(&attrs),
                min,
                max,
                open,
            })
        }
        "family" => {
            let name: LitStr = input.parse()?;
            input.parse::<Token![;]>()?;
            Item::Family(name)
        }
        "preset" => Item::Preset(parse_preset(input, sites)?),
        "dropin" => Item::Dropin(parse_unit(input, attrs, sites)?),
        other => {
            return Err(syn::Error::new(
                kw.span(),
                format!("unknown item `{other}`; expected `options`, `snippet`, `template`, `daemon`, `unit`, `extern`, `dropin`, `preset`, `family` or `systemd`"),
            ))
        }
    };
    if !input.is_empty() {
        return Err(input.error("unexpected tokens after the item; items end with their `{ ... }`"));
    }
    Ok(item)
}

fn combine(errors: &mut Option<syn::Error>, e: syn::Error) {
    match errors {
        Some(all) => all.combine(e),
        None => *errors = Some(e),
    }
}

fn parse_unit(input: ParseStream, attrs: Attrs, sites: &Sites) -> syn::Result<UnitItem> {
    let name: LitStr = input.parse()?;
    let site = sites.site(name.span());
    let body = parse_braced_body(input, sites)?;
    Ok(UnitItem {
        attrs,
        name,
        site,
        body,
    })
}

fn parse_member(input: ParseStream, sites: &Sites) -> syn::Result<Member> {
    let attrs = parse_attrs(input)?;
    if input.peek(Ident::peek_any)
        && input.fork().call(Ident::parse_any)? == "unit"
        && input.peek2(LitStr)
    {
        input.call(Ident::parse_any)?;
        return Ok(Member::Unit(parse_unit(input, attrs, sites)?));
    }
    let template = input.call(Ident::parse_any).map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a template name or `unit \"name\" { ... }` in the daemon",
        )
    })?;
    let site = sites.site(template.span());
    let args = if input.peek(syn::token::Paren) {
        parse_args(input, sites)?
    } else {
        Vec::new()
    };
    let body = if input.peek(Token![;]) {
        input.parse::<Token![;]>()?;
        Body::default()
    } else {
        parse_braced_body(input, sites)?
    };
    Ok(Member::Instance(Instance {
        attrs,
        template,
        site,
        args,
        body,
    }))
}

fn parse_args(input: ParseStream, sites: &Sites) -> syn::Result<Vec<Arg>> {
    let content;
    parenthesized!(content in input);
    let mut args = Vec::new();
    while !content.is_empty() {
        let name = content.call(Ident::parse_any)?;
        content.parse::<Token![=]>()?;
        let value = parse_value(&content, sites)?;
        args.push(Arg { name, value });
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(args)
}

fn parse_braced_body(input: ParseStream, sites: &Sites) -> syn::Result<Body> {
    let content;
    braced!(content in input);
    let tokens: TokenStream = content.parse()?;
    let mut body = Body::default();
    let mut errors = None;
    for chunk in split(tokens, StmtEnd) {
        match (|s: ParseStream| parse_stmt(s, sites)).parse2(chunk) {
            Ok(stmt) => body.stmts.push(stmt),
            Err(e) => combine(&mut errors, e),
        }
    }
    match errors {
        Some(e) => Err(e),
        None => Ok(body),
    }
}

fn parse_stmt(input: ParseStream, sites: &Sites) -> syn::Result<Stmt> {
    if input.peek(syn::token::Bracket) {
        let content;
        bracketed!(content in input);
        let name = content.call(Name::parse)?;
        if !content.is_empty() {
            return Err(content.error("a section header holds one name, e.g. `[Service]`"));
        }
        let site = sites.site(name.span());
        return Ok(Stmt::Section { name, site });
    }
    let attrs = parse_attrs(input)?;
    let cfgs = predicates(&attrs);
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
    input
        .parse::<Token![;]>()
        .map_err(|e| syn::Error::new(e.span(), "expected `;` after the directive"))?;
    Ok(Stmt::Directive(Directive {
        cfgs,
        docs: attrs.docs,
        op,
        key,
        value,
        site,
    }))
}

fn parse_value(input: ParseStream, sites: &Sites) -> syn::Result<Value> {
    let lookahead = input.lookahead1();
    let (text, span) = if lookahead.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        (lit.value(), lit.span())
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
    let site = sites.site(span);
    Ok(Value { text, site })
}

/// `preset [NN] { enable "a.socket"; enable "w@.service"("1", "2"); disable "b.service"; }`
fn parse_preset(input: ParseStream, sites: &Sites) -> syn::Result<Preset> {
    let priority = if input.peek(syn::LitInt) {
        Some(input.parse()?)
    } else {
        None
    };
    let content;
    braced!(content in input);
    let mut rules = Vec::new();
    while !content.is_empty() {
        let verb = content.call(Ident::parse_any)?;
        let enable = match verb.to_string().as_str() {
            "enable" => true,
            "disable" => false,
            other => {
                return Err(syn::Error::new(
                    verb.span(),
                    format!("unknown preset verb `{other}`; use `enable` or `disable`"),
                ))
            }
        };
        let unit: LitStr = content.parse()?;
        let site = sites.site(unit.span());
        let mut instances = Vec::new();
        if content.peek(syn::token::Paren) {
            let list;
            parenthesized!(list in content);
            let names = list.parse_terminated(|s: ParseStream| s.parse::<LitStr>(), Token![,])?;
            instances.extend(names);
        }
        content.parse::<Token![;]>()?;
        rules.push(PresetRule {
            enable,
            unit,
            site,
            instances,
        });
    }
    Ok(Preset { priority, rules })
}
