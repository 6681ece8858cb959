//! The syntax of `systemd_unit!`: parsing only, no checks beyond the grammar.
//!
//! The input is cut into items before parsing (an item ends after its top-level `{ ... }` or at
//! a top-level `;`), and each body into statements, so a syntax error in one item or statement
//! is reported without hiding the errors of the others: a malformed statement or member is
//! reported and left out, and the rest of its body is still parsed and checked.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{braced, parenthesized, Ident, LitStr, Token};

pub use super::attrs::Attrs;
use super::attrs::{no_cfg, parse_attrs, predicates};
use super::errors::alternatives;
use super::exposure;
use super::sites::Sites;
pub use super::words::Value;
use super::words::{item_name, parse_value};

mod body;

use body::parse_braced_body;
pub use body::{Body, Directive, Op, Stmt};

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

pub(super) trait Boundary: Copy {
    /// Whether `tt` ends the chunk that `so_far` has begun.
    fn ends(self, so_far: &[TokenTree], tt: &TokenTree) -> bool;
}

impl Boundary for ItemEnd {
    fn ends(self, _: &[TokenTree], tt: &TokenTree) -> bool {
        matches!(tt, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace)
            || matches!(tt, TokenTree::Punct(p) if p.as_char() == ';')
    }
}

/// Cuts `tokens` into chunks, each ending with the token the boundary picks.
pub(super) fn split(tokens: TokenStream, boundary: impl Boundary) -> Vec<TokenStream> {
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
    input.call(Ident::parse_any).map_err(|e| {
        syn::Error::new(
            e.span(),
            format!("expected an item: {}", alternatives(ITEMS)),
        )
    })
}

/// The keywords that start an item.
const ITEMS: &[&str] = &[
    "options", "dirs", "snippet", "template", "daemon", "unit", "extern", "dropin", "preset",
    "exposure", "family", "systemd",
];

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
                cfgs: predicates(&attrs.cfgs),
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
        "exposure" => Item::Budget(exposure::parse(
            input,
            sites,
            Some(predicates(&attrs.cfgs)),
        )?),
        "dropin" => Item::Dropin(parse_unit(input, attrs, sites)?),
        other => {
            let hint = unit_core::suggest::closest_in(other, ITEMS)
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| format!("expected {}", alternatives(ITEMS)));
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
