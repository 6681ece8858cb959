//! The error collector: every problem of the input, in the order found, each once.
//!
//! `Errors` only collects: each stage pushes what it finds, with the daemon it was lowering or
//! checking. Reporting (`into_compile_errors`) reads the `Provenance` table lowering returned.
//!
//! A template's tokens are lowered once per daemon that uses it, so a mistake in a template
//! is found once per daemon, sometimes with the daemon's values in the message. It is reported
//! once, at the template's token, in the words of the first daemon that found it, naming the
//! daemons it concerns when the template has several users.

use proc_macro2::Span;
use unit_core::Diagnostic;

use super::provenance::Provenance;
use super::sites::Sites;

mod holes;

struct Raised {
    site: Option<u32>,
    /// For a diagnostic about a directive's value: reported at the value, when the directive
    /// has one.
    on_value: bool,
    message: String,
    /// The daemon whose units were being lowered or checked.
    daemon: Option<String>,
    error: Option<syn::Error>,
}

/// Every problem raised, in order; `into_compile_errors` reports them.
#[derive(Default)]
pub struct Errors {
    list: Vec<Raised>,
}

impl Errors {
    pub fn new() -> Self {
        Errors::default()
    }

    /// An error at a site.
    pub fn at(&mut self, site: u32, message: impl Into<String>) {
        self.at_for(None, site, message);
    }

    /// An error at a site, found in the units of `daemon`.
    pub fn at_for(&mut self, daemon: Option<&str>, site: u32, message: impl Into<String>) {
        self.raise(daemon, site, false, message.into());
    }

    fn raise(&mut self, daemon: Option<&str>, site: u32, on_value: bool, message: String) {
        self.list.push(Raised {
            site: Some(site),
            on_value,
            message,
            daemon: daemon.map(str::to_owned),
            error: None,
        });
    }

    /// The errors of `other`, after these.
    pub fn append(&mut self, mut other: Errors) {
        self.list.append(&mut other.list);
    }

    /// How many errors were raised so far, repeats included.
    pub fn raised(&self) -> usize {
        self.list.len()
    }

    pub fn span(&mut self, span: Span, message: impl Into<String>) {
        self.push(syn::Error::new(span, message.into()));
    }

    pub fn diag(&mut self, d: Diagnostic) {
        self.diag_for(None, d);
    }

    /// A diagnostic found in the units of `daemon`.
    pub fn diag_for(&mut self, daemon: Option<&str>, d: Diagnostic) {
        self.raise(daemon, d.origin.0, d.on_value, d.message);
    }

    pub fn push(&mut self, e: syn::Error) {
        self.list.push(Raised {
            site: None,
            on_value: false,
            message: String::new(),
            daemon: None,
            error: Some(e),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The `compile_error!`s of every problem, in the order raised, each once, with the
    /// template sites of `provenance` reported once for all the daemons they concern.
    pub fn into_compile_errors(
        mut self,
        sites: &Sites,
        provenance: &Provenance,
    ) -> proc_macro2::TokenStream {
        for r in &mut self.list {
            if let (Some(site), true) = (r.site, r.on_value) {
                if let Some(&value) = provenance.value_sites.get(site) {
                    r.site = Some(value);
                }
            }
        }
        let report = Report {
            list: &self.list,
            provenance,
        };
        report.compile_errors(sites)
    }
}

/// A template, a message with the unit's name taken out, and the errors raised with it: their
/// indices in the list and their daemons.
type WideGroup<'r> = (&'r str, String, Vec<(usize, &'r str)>);

/// What becomes of a raised error when errors of a whole template replace it.
enum Moved {
    /// Reported as raised.
    Kept,
    /// Reported once, at this site with this message, for all the template's instances.
    To(u32, String),
    /// One of those instances after the first: not reported again.
    Repeat,
}

/// The problems raised and what lowering recorded about the sites they are at.
struct Report<'r> {
    list: &'r [Raised],
    provenance: &'r Provenance,
}

impl Report<'_> {
    /// The parameters daemon `daemon` put into the value at `site`.
    fn params(&self, site: u32, daemon: &str) -> &[(String, String)] {
        match self.provenance.param_values.get(&(site, daemon.to_owned())) {
            Some(params) => params,
            None => &[],
        }
    }

    /// Whether raised errors `r` and `s`, at `site`, are one mistake of the template: their
    /// messages differ at most where each daemon put in its own name and parameter values.
    fn same_mistake(&self, site: u32, r: &Raised, s: &Raised) -> bool {
        let (Some(d), Some(e)) = (r.daemon.as_deref(), s.daemon.as_deref()) else {
            return r.message == s.message;
        };
        let theirs = self.params(site, e);
        let mut holes = vec![(d, e)];
        for (name, value) in self.params(site, d) {
            for (n, other) in theirs {
                if n == name {
                    holes.push((value.as_str(), other.as_str()));
                    break;
                }
            }
        }
        holes::same_mistake(&r.message, &s.message, &holes)
    }

    fn compile_errors(&self, sites: &Sites) -> proc_macro2::TokenStream {
        // The list's errors by site (sites are numbered from 1): the groups of template
        // mistakes at each, and the messages reported there.
        let mut last_site = 0;
        for r in self.list {
            last_site = last_site.max(r.site.unwrap_or(0));
        }
        let mut at_site: Vec<Vec<usize>> = vec![Vec::new(); last_site as usize + 1];
        let mut seen: Vec<Vec<&str>> = vec![Vec::new(); last_site as usize + 1];
        // One error per template site and mistake: the first daemon's words, and every daemon
        // that made the same mistake there.
        let mut groups: Vec<(usize, Vec<&str>)> = Vec::new();
        let mut group_of: Vec<Option<usize>> = vec![None; self.list.len()];
        for (index, r) in self.list.iter().enumerate() {
            let Some(site) = r.site else { continue };
            if !self.provenance.template_sites.contains(site) {
                continue;
            }
            let here = &mut at_site[site as usize];
            let mut group = None;
            for &g in here.iter() {
                if self.same_mistake(site, &self.list[groups[g].0], r) {
                    group = Some(g);
                    break;
                }
            }
            let group = match group {
                Some(g) => g,
                None => {
                    groups.push((index, Vec::new()));
                    here.push(groups.len() - 1);
                    groups.len() - 1
                }
            };
            let daemons = &mut groups[group].1;
            if let Some(d) = r.daemon.as_deref() {
                if !daemons.contains(&d) {
                    daemons.push(d);
                }
            }
            group_of[index] = Some(group);
        }
        let moved = self.template_wide();
        let mut out = proc_macro2::TokenStream::new();
        for (index, r) in self.list.iter().enumerate() {
            match &moved[index] {
                Moved::To(site, message) => {
                    out.extend(syn::Error::new(sites.span(*site), message).to_compile_error());
                    continue;
                }
                Moved::Repeat => continue,
                Moved::Kept => {}
            }
            let Some(site) = r.site else {
                if let Some(e) = &r.error {
                    out.extend(e.to_compile_error());
                }
                continue;
            };
            let group = group_of[index].map(|g| &groups[g]);
            if let Some((first, _)) = group {
                if *first != index {
                    continue;
                }
            }
            let said = &mut seen[site as usize];
            if said.contains(&r.message.as_str()) {
                continue;
            }
            said.push(&r.message);
            let mut message = r.message.clone();
            if let (Some(t), Some((_, daemons))) = (self.provenance.template_sites.get(site), group)
            {
                let users = match self.provenance.template_users.get(t) {
                    Some(users) => users.len(),
                    None => 0,
                };
                let mut each: Vec<(&str, &[(String, String)])> = Vec::new();
                for d in daemons {
                    each.push((d, self.params(site, d)));
                }
                message.push_str(&users_note(t, &each, users));
            }
            out.extend(syn::Error::new(sites.span(site), message).to_compile_error());
        }
        out
    }

    /// Errors about what a unit lacks that every instance of a template has: moved to the
    /// template's name, once, by index in the list.
    fn template_wide(&self) -> Vec<Moved> {
        // By template and message with the unit's name taken out: the errors (by index) and
        // the daemons that raised them.
        let mut groups: Vec<WideGroup<'_>> = Vec::new();
        for (index, r) in self.list.iter().enumerate() {
            let Some(site) = r.site else { continue };
            let Some((template, name)) = self.provenance.instances.get(site) else {
                continue;
            };
            let Some(daemon) = r.daemon.as_deref() else {
                continue;
            };
            let message = replace_unit_name(&r.message, name, "\0");
            let mut group = None;
            for (t, m, raised) in &mut groups {
                if *t == template.as_str() && *m == message {
                    group = Some(raised);
                    break;
                }
            }
            match group {
                Some(raised) => raised.push((index, daemon)),
                None => groups.push((template, message, vec![(index, daemon)])),
            }
        }
        let mut moved: Vec<Moved> = Vec::with_capacity(self.list.len());
        for _ in 0..self.list.len() {
            moved.push(Moved::Kept);
        }
        for (template, message, raised) in groups {
            let users = match self.provenance.template_users.get(template) {
                Some(users) => users.len(),
                None => 0,
            };
            let mut daemons: Vec<&str> = Vec::with_capacity(raised.len());
            for (_, d) in &raised {
                daemons.push(d);
            }
            daemons.dedup();
            let (Some((site, literal)), true) = (
                self.provenance.template_names.get(template),
                users > 1 && daemons.len() == users,
            ) else {
                continue;
            };
            let mut text = message.replace('\0', literal);
            let mut each: Vec<(&str, &[(String, String)])> = Vec::with_capacity(daemons.len());
            for d in &daemons {
                each.push((d, &[]));
            }
            text.push_str(&users_note(template, &each, users));
            for (k, (i, _)) in raised.iter().enumerate() {
                moved[*i] = if k == 0 {
                    Moved::To(*site, text.clone())
                } else {
                    Moved::Repeat
                };
            }
        }
        moved
    }
}

/// Which daemons a mistake in a template concerns: ` (in template `t`, used by daemons `a` and
/// `b`)` when every user has it; when it comes from what some daemons put into it, those
/// daemons and the parameters they gave.
fn users_note(template: &str, daemons: &[(&str, &[(String, String)])], users: usize) -> String {
    let mut names: Vec<&str> = Vec::with_capacity(daemons.len());
    for (d, _) in daemons {
        names.push(d);
    }
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
        let mut each: Vec<String> = Vec::with_capacity(daemons.len());
        for (d, params) in daemons {
            let mut given: Vec<String> = Vec::with_capacity(params.len());
            for (p, v) in *params {
                given.push(format!("`{p}` is `{}`", v.escape_debug()));
            }
            each.push(if given.is_empty() {
                format!("`{d}`")
            } else {
                format!("`{d}`, whose {}", given.join(", "))
            });
        }
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

/// `message` with each mention of the unit `name` replaced by `with`: where it stands as a name
/// of its own, not inside a longer one (`a.service` in `ba.service`).
fn replace_unit_name(message: &str, name: &str, with: &str) -> String {
    let part_of_name = |c: char| c.is_ascii_alphanumeric() || ":-_.\\@".contains(c);
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(name) {
        let (before, after) = (&rest[..at], &rest[at + name.len()..]);
        let starts = !before.ends_with(part_of_name);
        let ends = !after.starts_with(|c: char| part_of_name(c) && c != '.');
        out.push_str(before);
        out.push_str(if starts && ends { with } else { name });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `` `a` ``, `` `a` and `b` ``, `` `a`, `b` and `c` ``.
pub fn list(names: &[&str]) -> String {
    joined(names, "and")
}

/// `` `a` ``, `` `a` or `b` ``, `` `a`, `b` or `c` ``.
pub fn alternatives(names: &[&str]) -> String {
    joined(names, "or")
}

fn joined(names: &[&str], last_word: &str) -> String {
    let mut quoted: Vec<String> = Vec::with_capacity(names.len());
    for n in names {
        quoted.push(format!("`{n}`"));
    }
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {last_word} {last}", rest.join(", "))
        }
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::Span;

    #[test]
    fn a_unit_name_is_replaced_only_where_it_stands_alone() {
        let replace = |m: &str| super::replace_unit_name(m, "a.service", "X");
        assert_eq!(
            replace("`a.service` has no `ExecStart=`"),
            "`X` has no `ExecStart=`"
        );
        assert_eq!(
            replace("`a.service` is ordered after `ba.service` and `a.service.d/x.conf`"),
            "`X` is ordered after `ba.service` and `X.d/x.conf`"
        );
        assert_eq!(replace("see a.service-helper"), "see a.service-helper");
        assert_eq!(replace("x@a.service"), "x@a.service");
    }

    use super::{Errors, Provenance, Sites};

    /// The compile errors' messages, in order.
    fn messages(errors: Errors, sites: &Sites, provenance: &Provenance) -> Vec<String> {
        let text = errors.into_compile_errors(sites, provenance).to_string();
        text.split("compile_error !")
            .skip(1)
            .map(|e| e.split('"').nth(1).unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn a_template_mistake_of_every_user_is_reported_once() {
        let sites = Sites::default();
        let site = sites.site(Span::call_site());
        let mut provenance = Provenance::default();
        provenance.template_sites.insert(site, "t".to_owned());
        provenance
            .template_users
            .insert("t".to_owned(), vec!["httpd".to_owned(), "sshd".to_owned()]);
        let mut errors = Errors::new();
        errors.at_for(Some("httpd"), site, "bad value");
        errors.at_for(Some("sshd"), site, "bad value");
        assert_eq!(errors.raised(), 2);
        assert_eq!(
            messages(errors, &sites, &provenance),
            ["bad value (in template `t`, used by daemons `httpd` and `sshd`)"]
        );
    }

    #[test]
    fn a_diagnostic_on_a_value_goes_to_the_value_provenance_names() {
        let sites = Sites::default();
        let key = sites.site(Span::call_site());
        let value = sites.site(Span::call_site());
        let mut provenance = Provenance::default();
        provenance.value_sites.insert(key, value);
        provenance.template_sites.insert(value, "t".to_owned());
        provenance
            .template_users
            .insert("t".to_owned(), vec!["httpd".to_owned(), "sshd".to_owned()]);
        let mut errors = Errors::new();
        let mut d = unit_core::Diagnostic::new(unit_core::Origin(key), "bad value");
        d.on_value = true;
        errors.diag_for(Some("httpd"), d.clone());
        errors.diag_for(Some("sshd"), d);
        assert_eq!(
            messages(errors, &sites, &provenance),
            ["bad value (in template `t`, used by daemons `httpd` and `sshd`)"]
        );
    }

    #[test]
    fn one_letter_daemon_names_do_not_split_a_template_mistake() {
        let sites = Sites::default();
        let site = sites.site(Span::call_site());
        let mut provenance = Provenance::default();
        provenance.template_sites.insert(site, "t".to_owned());
        let users = ["a", "b", "c"].map(str::to_owned).to_vec();
        provenance.template_users.insert("t".to_owned(), users);
        for (daemon, nice) in [("a", "1"), ("b", "2"), ("c", "x")] {
            let params = vec![("nice".to_owned(), nice.to_owned())];
            provenance
                .param_values
                .insert((site, daemon.to_owned()), params);
        }
        let mut errors = Errors::new();
        errors.at_for(Some("a"), site, "bad value `100` in a.service; use 0 to 19");
        errors.at_for(Some("b"), site, "bad value `200` in b.service; use 0 to 19");
        errors.at_for(
            Some("c"),
            site,
            "not a number `x00` in c.service; use 0 to 19",
        );
        assert_eq!(
            messages(errors, &sites, &provenance),
            [
                "bad value `100` in a.service; use 0 to 19 (in template `t`, for daemons \
                 `a`, whose `nice` is `1`; `b`, whose `nice` is `2`)",
                "not a number `x00` in c.service; use 0 to 19 (in template `t`, for daemon \
                 `c`, whose `nice` is `x`)",
            ]
        );
    }
}
