//! The error collector: every problem of the input, in the order found, each once.
//!
//! A template's tokens are lowered once per daemon that uses it, so a mistake in a template
//! is found once per daemon, sometimes with the daemon's values in the message. It is reported
//! once, at the template's token, in the words of the first daemon that found it, naming the
//! daemons it concerns when the template has several users.

use std::collections::{HashMap, HashSet};

use proc_macro2::Span;
use unit_core::Diagnostic;

use super::sites::Sites;

struct Raised {
    site: Option<u32>,
    message: String,
    daemon: Option<String>,
    error: Option<syn::Error>,
}

pub struct Errors<'a> {
    pub sites: &'a Sites,
    /// The site of each directive's value, by the site of its key.
    pub value_sites: HashMap<u32, u32>,
    /// The template each site of a template's body belongs to.
    pub template_sites: HashMap<u32, String>,
    /// The daemons that use each template, in definition order.
    pub template_users: HashMap<String, Vec<String>>,
    /// The daemon whose units are being lowered or checked.
    pub daemon: Option<String>,
    /// The template parameters each daemon put into each site's value.
    pub param_values: HashMap<(u32, String), Vec<(String, String)>>,
    /// The template and unit name of each template instance, by the instance's site.
    pub instances: HashMap<u32, (String, String)>,
    /// The site of each template's name and its unit name as written.
    pub template_names: HashMap<String, (u32, String)>,
    raised: usize,
    list: Vec<Raised>,
}

impl<'a> Errors<'a> {
    pub fn new(sites: &'a Sites) -> Self {
        Errors {
            sites,
            value_sites: HashMap::new(),
            template_sites: HashMap::new(),
            template_users: HashMap::new(),
            daemon: None,
            param_values: HashMap::new(),
            instances: HashMap::new(),
            template_names: HashMap::new(),
            raised: 0,
            list: Vec::new(),
        }
    }

    /// An error at a site.
    pub fn at(&mut self, site: u32, message: impl Into<String>) {
        self.raised += 1;
        self.list.push(Raised {
            site: Some(site),
            message: message.into(),
            daemon: self.daemon.clone(),
            error: None,
        });
    }

    /// How many errors were raised so far, repeats included.
    pub fn raised(&self) -> usize {
        self.raised
    }

    pub fn span(&mut self, span: Span, message: impl Into<String>) {
        self.push(syn::Error::new(span, message.into()));
    }

    pub fn diag(&mut self, d: Diagnostic) {
        let site = if d.on_value {
            self.value_sites
                .get(&d.origin.0)
                .copied()
                .unwrap_or(d.origin.0)
        } else {
            d.origin.0
        };
        self.at(site, d.message);
    }

    pub fn push(&mut self, e: syn::Error) {
        self.raised += 1;
        self.list.push(Raised {
            site: None,
            message: String::new(),
            daemon: None,
            error: Some(e),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The parameters daemon `daemon` put into the value at `site`.
    fn params(&self, site: u32, daemon: Option<&str>) -> &[(String, String)] {
        daemon
            .and_then(|d| self.param_values.get(&(site, d.to_owned())))
            .map_or(&[][..], Vec::as_slice)
    }

    /// A message with what the daemon put into it replaced by placeholders, so that the same
    /// mistake of a template compares equal across daemons.
    fn normalised(&self, site: u32, r: &Raised) -> String {
        let mut message = r.message.clone();
        let Some(daemon) = r.daemon.as_deref() else {
            return message;
        };
        let mut params: Vec<&(String, String)> = self.params(site, Some(daemon)).iter().collect();
        params.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
        for (name, value) in params.into_iter().filter(|(_, v)| !v.is_empty()) {
            message = message.replace(value.as_str(), &format!("{{{name}}}"));
        }
        message.replace(daemon, "{daemon}")
    }

    pub fn into_compile_errors(self) -> proc_macro2::TokenStream {
        let templates: HashMap<u32, &String> = self
            .list
            .iter()
            .filter_map(|r| r.site)
            .filter_map(|s| Some((s, self.template_sites.get(&s)?)))
            .collect();
        // One error per template site and mistake: the first daemon's words, and every daemon
        // that made the same mistake there.
        let mut groups: HashMap<(u32, String), (usize, Vec<&str>)> = HashMap::new();
        let mut group_of: HashMap<usize, (u32, String)> = HashMap::new();
        for (index, r) in self.list.iter().enumerate() {
            let Some(site) = r.site.filter(|s| templates.contains_key(s)) else {
                continue;
            };
            let key = (site, self.normalised(site, r));
            let (_, daemons) = groups.entry(key.clone()).or_insert((index, Vec::new()));
            if let Some(d) = r.daemon.as_deref().filter(|d| !daemons.contains(d)) {
                daemons.push(d);
            }
            group_of.insert(index, key);
        }
        let moved = self.template_wide();
        let mut seen: HashSet<(u32, &str)> = HashSet::new();
        let mut out = proc_macro2::TokenStream::new();
        for (index, r) in self.list.iter().enumerate() {
            match moved.get(&index) {
                Some(Some((site, message))) => {
                    out.extend(syn::Error::new(self.sites.span(*site), message).to_compile_error());
                    continue;
                }
                Some(None) => continue,
                None => {}
            }
            let Some(site) = r.site else {
                if let Some(e) = &r.error {
                    out.extend(e.to_compile_error());
                }
                continue;
            };
            let group = group_of.get(&index).and_then(|k| groups.get(k));
            if group.is_some_and(|(first, _)| *first != index) || !seen.insert((site, &r.message)) {
                continue;
            }
            let mut message = r.message.clone();
            if let (Some(t), Some((_, daemons))) = (templates.get(&site), group) {
                let users = self.template_users.get(*t).map_or(0, Vec::len);
                let each: Vec<(&str, &[(String, String)])> = daemons
                    .iter()
                    .map(|d| (*d, self.params(site, Some(d))))
                    .collect();
                message.push_str(&users_note(t, &each, users));
            }
            out.extend(syn::Error::new(self.sites.span(site), message).to_compile_error());
        }
        out
    }
}

impl Errors<'_> {
    /// Errors about what a unit lacks that every instance of a template has: moved to the
    /// template's name, once, by index in the list (`None` for the repeats).
    fn template_wide(&self) -> HashMap<usize, Option<(u32, String)>> {
        let mut groups: HashMap<(&str, String), Vec<(usize, &str)>> = HashMap::new();
        for (index, r) in self.list.iter().enumerate() {
            let Some((template, name)) = r.site.and_then(|s| self.instances.get(&s)) else {
                continue;
            };
            let Some(daemon) = r.daemon.as_deref() else {
                continue;
            };
            let key = (template.as_str(), r.message.replace(name.as_str(), "\0"));
            groups.entry(key).or_default().push((index, daemon));
        }
        let mut moved = HashMap::new();
        for ((template, message), raised) in groups {
            let users = self.template_users.get(template).map_or(0, Vec::len);
            let mut daemons: Vec<&str> = raised.iter().map(|(_, d)| *d).collect();
            daemons.dedup();
            let (Some((site, literal)), true) = (
                self.template_names.get(template),
                users > 1 && daemons.len() == users,
            ) else {
                continue;
            };
            let mut text = message.replace('\0', literal);
            let each: Vec<(&str, &[(String, String)])> =
                daemons.iter().map(|d| (*d, &[][..])).collect();
            text.push_str(&users_note(template, &each, users));
            let mut indices = raised.iter().map(|(i, _)| *i);
            if let Some(first) = indices.next() {
                moved.insert(first, Some((*site, text)));
            }
            moved.extend(indices.map(|i| (i, None)));
        }
        moved
    }
}

/// Which daemons a mistake in a template concerns: ` (in template `t`, used by daemons `a` and
/// `b`)` when every user has it; when it comes from what some daemons put into it, those
/// daemons and the parameters they gave.
fn users_note(template: &str, daemons: &[(&str, &[(String, String)])], users: usize) -> String {
    let names: Vec<&str> = daemons.iter().map(|(d, _)| *d).collect();
    let plural = if names.len() > 1 { "s" } else { "" };
    if names.is_empty() {
        return String::new();
    }
    if names.len() == users && users > 1 {
        return format!(
            " (in template `{template}`, used by daemon{plural} {})",
            list(&names)
        );
    }
    if daemons.iter().any(|(_, p)| !p.is_empty()) {
        let each: Vec<String> = daemons
            .iter()
            .map(|(d, params)| {
                let given: Vec<String> = params
                    .iter()
                    .map(|(p, v)| format!("`{p}` is `{}`", v.escape_debug()))
                    .collect();
                if given.is_empty() {
                    format!("`{d}`")
                } else {
                    format!("`{d}`, whose {}", given.join(", "))
                }
            })
            .collect();
        return format!(
            " (in template `{template}`, for daemon{plural} {})",
            each.join("; ")
        );
    }
    if users > 1 {
        return format!(
            " (in template `{template}`, with the values of daemon{plural} {})",
            list(&names)
        );
    }
    String::new()
}

/// `` `a` ``, `` `a` and `b` ``, `` `a`, `b` and `c` ``.
pub fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}
