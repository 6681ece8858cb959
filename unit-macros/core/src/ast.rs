//! The syntax of `systemd_unit!`: parsing only, no checks beyond the grammar.
//!
//! The input is cut into items before parsing (an item ends after its top-level `{ ... }` or at
//! a top-level `;`), and each body into statements, so a syntax error in one item or statement
//! is reported without hiding the errors of the others: a malformed statement or member is
//! reported and left out, and the rest of its body is still parsed and checked.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{braced, bracketed, parenthesized, Ident, LitStr, Token};

pub use super::attrs::Attrs;
use super::attrs::{no_cfg, parse_attrs, predicates};
use super::exposure;
use super::sites::Sites;
pub use super::words::Value;
use super::words::{item_name, parse_value, starts_statement};

pub enum Item {
    Options(Vec<OptionParam>),
    Dirs(Dirs),
    Snippet(Snippet),
    Template(Template),
    Daemon(Daemon),
    Unit(UnitItem),
    Extern(Vec<External>),
    Systemd(Systemd),
    Family(LitStr),
    Preset(Preset),
    Dropin(UnitItem),
    /// `exposure <= N;` for the whole family.
    Budget(exposure::Budget),
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

/// `dirs { unit = systemdsystemunitdir; }`: which build options say where the family's files
/// are installed.
pub struct Dirs {
    /// The `dirs` keyword.
    pub keyword: Ident,
    pub entries: Vec<DirEntry>,
}

/// `unit = systemdsystemunitdir;`
pub struct DirEntry {
    pub key: Ident,
    pub option: Ident,
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
    /// A member did not parse, so what the daemon lacks is not known.
    pub broken: bool,
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

/// Parses the whole input, returning every item that parsed and every syntax error.
pub fn parse_file(input: TokenStream, sites: &Sites) -> (Vec<Item>, Vec<syn::Error>) {
    let mut items = Vec::new();
    for chunk in split(input, ItemEnd) {
        match (|s: ParseStream| parse_item(s, sites)).parse2(chunk) {
            Ok(item) => items.push(item),
            Err(e) => sites.recover(e),
        }
    }
    (items, sites.take_recovered())
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

fn keyword(input: ParseStream) -> syn::Result<Ident> {
    input
        .call(Ident::parse_any)
        .map_err(|e| syn::Error::new(e.span(), format!("expected an item: {}", items())))
}

/// The keywords that start an item.
const ITEMS: &[&str] = &[
    "options", "dirs", "snippet", "template", "daemon", "unit", "extern", "dropin", "preset",
    "exposure", "family", "systemd",
];

/// [`ITEMS`] as a sentence: `` `options`, `dirs`, ... or `systemd` ``.
fn items() -> String {
    let quoted: Vec<String> = ITEMS.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

fn parse_item(input: ParseStream, sites: &Sites) -> syn::Result<Item> {
    let attrs = parse_attrs(input, sites)?;
    attrs.dangling(input)?;
    let kw = keyword(input)?;
    let item = match kw.to_string().as_str() {
        "options" => {
            let content;
            braced!(content in input);
            let mut options = Vec::new();
            while !content.is_empty() {
                let attrs = parse_attrs(&content, sites)?;
                no_cfg(&attrs, "a build option", sites);
                let name: Ident = content.call(Ident::parse_any)?;
                let ty = if content.peek(Token![:]) {
                    content.parse::<Token![:]>()?;
                    Some(content.call(Ident::parse_any)?)
                } else {
                    None
                };
                content.parse::<Token![=]>()?;
                let default: LitStr = content.parse()?;
                options.push(OptionParam {
                    attrs,
                    name,
                    ty,
                    default,
                });
                if !content.is_empty() {
                    content.parse::<Token![,]>()?;
                }
            }
            Item::Options(options)
        }
        "dirs" => {
            no_cfg(&attrs, "a `dirs` block", sites);
            Item::Dirs(parse_dirs(input, kw.clone())?)
        }
        "snippet" => {
            no_cfg(&attrs, "a snippet", sites);
            let name = item_name(input, "snippet")?;
            let body = parse_braced_body(input, sites)?;
            Item::Snippet(Snippet { name, body })
        }
        "template" => {
            no_cfg(&attrs, "a template", sites);
            let name = item_name(input, "template")?;
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
            Item::Template(Template {
                attrs,
                name,
                params,
                unit_name,
                body,
            })
        }
        "daemon" => {
            let name = item_name(input, "daemon")?;
            let args = if input.peek(syn::token::Paren) {
                parse_args(input, sites)?
            } else {
                Vec::new()
            };
            let content;
            braced!(content in input);
            let mut members = Vec::new();
            let mut broken = false;
            for chunk in split(content.parse()?, ItemEnd) {
                match (|s: ParseStream| parse_member(s, sites)).parse2(chunk) {
                    Ok(m) => members.push(m),
                    Err(e) => {
                        sites.recover(e);
                        broken = true;
                    }
                }
            }
            Item::Daemon(Daemon {
                attrs,
                name,
                args,
                members,
                broken,
            })
        }
        "unit" => Item::Unit(parse_unit(input, attrs, sites)?),
        "extern" => {
            no_cfg(&attrs, "an `extern` block", sites);
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
                syn::Error::new(
                    e.span(),
                    "expected a systemd release such as `systemd 252..;`",
                )
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
        "exposure" => Item::Budget(exposure::parse(input, sites, Some(predicates(&attrs)))?),
        "dropin" => Item::Dropin(parse_unit(input, attrs, sites)?),
        other => {
            let hint = unit_core::suggest::closest(other, ITEMS.iter().copied())
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| format!("expected {}", items()));
            return Err(syn::Error::new(
                kw.span(),
                format!("unknown item `{other}`; {hint}"),
            ));
        }
    };
    if !input.is_empty() {
        return Err(input.error("unexpected tokens after the item; items end with their `{ ... }`"));
    }
    Ok(item)
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
    let attrs = parse_attrs(input, sites)?;
    attrs.dangling(input)?;
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
    let cfgs = predicates(&attrs);
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

/// `dirs { unit = systemdsystemunitdir; preset = presetdir; prefix = prefix; }`
fn parse_dirs(input: ParseStream, keyword: Ident) -> syn::Result<Dirs> {
    let content;
    braced!(content in input);
    let mut entries = Vec::new();
    while !content.is_empty() {
        let key = content.call(Ident::parse_any)?;
        content.parse::<Token![=]>()?;
        let option = content.call(Ident::parse_any)?;
        content.parse::<Token![;]>()?;
        entries.push(DirEntry { key, option });
    }
    Ok(Dirs { keyword, entries })
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
