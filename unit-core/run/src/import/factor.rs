//! Factoring: units that differ only by a daemon's name become templates with parameters,
//! daemons with extras, and snippets for runs of directives that several units share.
//!
//! A daemon `D` is found for every `D.service` whose name is an identifier; its units are the
//! ones named `D.<type>` or `D-<role>.<type>`. Within a role (the name with `D` replaced by
//! `{daemon}`), units that share most of their directives are clustered; each cluster of two or
//! more becomes a template made of the directives most of its members share, a value that
//! differs only in one word becomes a parameter, and each member is the template with `remove`
//! and appended directives as its extras. Everything else stays a `unit "name" { ... }`.

use std::collections::BTreeMap;

use super::settle::is_ident;
use super::Imported;
use unit_core::placeholder::{self, Part};
use unit_core::{Entry, Section, Unit};

/// A family with templates, daemons and snippets, that renders the units it was made from.
#[derive(Clone, Debug, Default)]
pub struct Factored {
    /// The units the family renders, as imported.
    pub rendered: Vec<Unit>,
    /// What was imported: the units, and the drop-ins and preset written as they are.
    pub imported: Imported,
    pub(super) templates: Vec<Template>,
    pub(super) snippets: Vec<Snippet>,
    pub(super) daemons: Vec<Daemon>,
    pub(super) units: Vec<Unit>,
}

#[derive(Clone, Debug)]
pub(super) struct Template {
    pub(super) ident: String,
    pub(super) unit_name: String,
    pub(super) params: Vec<(String, Option<String>)>,
    pub(super) comments: Vec<String>,
    pub(super) sections: Vec<(String, Vec<Atom>)>,
}

#[derive(Clone, Debug)]
pub(super) struct Snippet {
    pub(super) ident: String,
    pub(super) entries: Vec<Entry>,
}

#[derive(Clone, Debug)]
pub(super) struct Daemon {
    pub(super) name: String,
    pub(super) args: Vec<(String, String)>,
    pub(super) members: Vec<Member>,
}

#[derive(Clone, Debug)]
pub(super) enum Member {
    Instance {
        template: String,
        docs: Vec<String>,
        sections: Vec<(String, Vec<Atom>)>,
    },
    Unit(Unit),
}

/// One statement of a body: a directive (value in placeholder syntax), a removal, a snippet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Atom {
    Set(Entry),
    Remove(Entry),
    Use(String),
}

/// A role's member: its daemon (and that daemon's place in the order daemons are met), its
/// unit and the unit's place among the imported ones.
struct Candidate<'a> {
    daemon: String,
    daemon_no: usize,
    unit: &'a Unit,
    at: usize,
    /// The unit's entries, generalized, sorted and without repeats: a set.
    general: Vec<(String, String, String)>,
}

/// Factors `imported` into templates, daemons and snippets (see the module documentation).
pub fn factor(imported: &Imported) -> Factored {
    let units = &imported.units;
    let mut daemon_names: Vec<&str> = Vec::new();
    for u in units {
        if let Some(d) = u.name.strip_suffix(".service") {
            if is_ident(d) {
                daemon_names.push(d);
            }
        }
    }
    let mut found: Vec<(String, Candidate)> = Vec::new();
    let mut out = Factored {
        rendered: units.clone(),
        imported: imported.clone(),
        ..Factored::default()
    };
    let mut order: Vec<String> = Vec::new();
    for (at, unit) in units.iter().enumerate() {
        // Two names of one length that both start `unit.name` are the same name: the longest
        // owner is the only one.
        let mut owner: Option<&str> = None;
        for &d in &daemon_names {
            let owns = unit
                .name
                .strip_prefix(d)
                .is_some_and(|rest| rest.starts_with(['.', '-']));
            if owns && owner.is_none_or(|o| d.len() > o.len()) {
                owner = Some(d);
            }
        }
        match owner {
            Some(d) => {
                let daemon_no = match order.iter().position(|o| o == d) {
                    Some(no) => no,
                    None => {
                        order.push(d.to_owned());
                        order.len() - 1
                    }
                };
                let role = format!("{{daemon}}{}", &unit.name[d.len()..]);
                let candidate = Candidate {
                    daemon: d.to_owned(),
                    daemon_no,
                    general: generalize(unit, d),
                    unit,
                    at,
                };
                found.push((role, candidate));
            }
            None => out.units.push(unit.clone()),
        }
    }
    // The roles in name order, each with its candidates in unit order.
    let mut role_names: Vec<String> = Vec::new();
    for (role, _) in &found {
        role_names.push(role.clone());
    }
    role_names.sort();
    role_names.dedup();
    let mut roles: Vec<Vec<Candidate>> = Vec::new();
    for _ in &role_names {
        roles.push(Vec::new());
    }
    for (role, candidate) in found {
        if let Ok(i) = role_names.binary_search(&role) {
            roles[i].push(candidate);
        }
    }
    let mut params = Params::default();
    // Each unit's member, with its daemon's number, at the unit's place.
    let mut placed: Vec<Option<(usize, Member)>> = Vec::new();
    for _ in units {
        placed.push(None);
    }
    for (role, candidates) in role_names.iter().zip(&roles) {
        let mut left: Vec<usize> = (0..candidates.len()).collect();
        let mut cluster_no = 0;
        while !left.is_empty() {
            let seed = medoid(candidates, &left);
            let mut cluster: Vec<usize> = Vec::new();
            for &i in &left {
                if similarity(&candidates[i].general, &candidates[seed].general) >= 0.5 {
                    cluster.push(i);
                }
            }
            left.retain(|i| !cluster.contains(i));
            if cluster.len() < 2 {
                let c = &candidates[seed];
                placed[c.at] = Some((c.daemon_no, Member::Unit(c.unit.clone())));
                continue;
            }
            cluster_no += 1;
            let ident = template_ident(role, cluster_no);
            let template = build_template(&ident, role, candidates, seed, &cluster, &mut params);
            for &i in &cluster {
                let c = &candidates[i];
                let lookup = params.lookup(&c.daemon);
                let sections = express(&template, c.unit, &lookup);
                let docs = if template.comments == c.unit.comments {
                    Vec::new()
                } else {
                    c.unit.comments.clone()
                };
                let member = Member::Instance {
                    template: ident.clone(),
                    docs,
                    sections,
                };
                placed[c.at] = Some((c.daemon_no, member));
            }
            out.templates.push(template);
        }
    }
    let mut members: Vec<Vec<Member>> = Vec::new();
    for _ in &order {
        members.push(Vec::new());
    }
    for (daemon_no, member) in placed.into_iter().flatten() {
        members[daemon_no].push(member);
    }
    for (d, list) in order.into_iter().zip(members) {
        let mut used: Vec<&str> = Vec::new();
        for m in &list {
            let Member::Instance { template, .. } = m else {
                continue;
            };
            for t in &out.templates {
                if t.ident == *template {
                    for (p, _) in &t.params {
                        used.push(p);
                    }
                }
            }
        }
        let args = params.args(&d, &used, &out.templates);
        out.daemons.push(Daemon {
            name: d,
            args,
            members: list,
        });
    }
    super::snippet::find_snippets(&mut out);
    out
}

fn template_ident(role: &str, n: usize) -> String {
    let mut stem = String::new();
    for c in role.replace("{daemon}", "").chars() {
        stem.push(if c.is_ascii_alphanumeric() { c } else { '_' });
    }
    let stem = stem.trim_matches('_');
    let stem = if stem.is_empty() { "unit" } else { stem };
    if n == 1 {
        format!("t_{stem}")
    } else {
        format!("t_{stem}_{n}")
    }
}

/// The set of (section, key, value) of the unit's entries with the daemon's name as
/// `{daemon}`, sorted.
fn generalize(unit: &Unit, daemon: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for s in &unit.sections {
        for e in &s.entries {
            out.push((s.name.clone(), e.key.to_string(), general(&e.value, daemon)));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn general(value: &str, daemon: &str) -> String {
    let escaped = placeholder::escape(value);
    let upper = daemon.to_uppercase();
    let text = if upper != daemon {
        escaped.replace(&upper, "{daemon:upper}")
    } else {
        escaped
    };
    text.replace(daemon, "{daemon}")
}

/// The Jaccard index of two sorted sets: the share of their union they have in common.
fn similarity(a: &[(String, String, String)], b: &[(String, String, String)]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = (a.len() + b.len() - common).max(1);
    common as f64 / union as f64
}

/// How much `candidates[i]` has in common with those `left`, together.
fn score(candidates: &[Candidate], left: &[usize], i: usize) -> f64 {
    let mut sum = 0.0;
    for &j in left {
        sum += similarity(&candidates[i].general, &candidates[j].general);
    }
    sum
}

fn medoid(candidates: &[Candidate], left: &[usize]) -> usize {
    let mut best = left[0];
    let mut best_score = score(candidates, left, best);
    for &i in &left[1..] {
        let s = score(candidates, left, i);
        if s > best_score + 1e-9 {
            best = i;
            best_score = s;
        }
    }
    best
}

/// Template parameters across the family: each maps daemons to their values.
#[derive(Default)]
struct Params {
    list: Vec<(String, BTreeMap<String, String>)>,
}

impl Params {
    /// The name of the parameter with these values, reusing one that agrees where both are set;
    /// a new one is named after the directive it comes from (`Description=` gives `name`).
    fn name_for(&mut self, values: &BTreeMap<String, String>, key: &str) -> String {
        'known: for (name, known) in &mut self.list {
            let mut common = false;
            for (d, v) in values {
                match known.get(d) {
                    Some(k) if k != v => continue 'known,
                    Some(_) => common = true,
                    None => {}
                }
            }
            if common {
                for (d, v) in values {
                    known.insert(d.clone(), v.clone());
                }
                return name.clone();
            }
        }
        let base = if key == "Description" {
            "name".to_owned()
        } else {
            snake_case(key)
        };
        let mut name = base.clone();
        let mut n = 1;
        while name == "daemon" || self.list.iter().any(|(m, _)| *m == name) {
            n += 1;
            name = format!("{base}{n}");
        }
        self.list.push((name.clone(), values.clone()));
        name
    }

    fn lookup(&self, daemon: &str) -> BTreeMap<String, String> {
        let mut map = BTreeMap::new();
        for (n, vals) in &self.list {
            if let Some(v) = vals.get(daemon) {
                map.insert(n.clone(), v.clone());
            }
        }
        map.insert("daemon".into(), daemon.to_owned());
        map
    }

    /// The daemon's values of the parameters `used`, but those that default to its name.
    fn args(&self, daemon: &str, used: &[&str], templates: &[Template]) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (n, vals) in &self.list {
            if !used.contains(&n.as_str()) {
                continue;
            }
            let Some(v) = vals.get(daemon) else {
                continue;
            };
            let defaulted = templates.iter().any(|t| {
                t.params
                    .iter()
                    .any(|(p, d)| p == n && d.as_deref() == Some("{daemon}"))
            });
            if !(defaulted && v == daemon) {
                out.push((n.clone(), v.clone()));
            }
        }
        out
    }
}

/// `ListenStream` as `listen_stream`.
fn snake_case(key: &str) -> String {
    let mut out = String::new();
    for (i, c) in key.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

fn substitute(value: &str, lookup: &BTreeMap<String, String>) -> Option<String> {
    let parts = placeholder::parts(value).ok()?;
    let mut out = String::new();
    for p in parts {
        match p {
            Part::Text(t) => out.push_str(&t),
            Part::Var { name, upper } => {
                let v = lookup.get(&name)?;
                out.push_str(&if upper { v.to_uppercase() } else { v.clone() });
            }
        }
    }
    Some(out)
}

/// A parameterized value: prefix, suffix, and each daemon's value in between.
type Slot = (String, String, Vec<(String, String)>);

const BOUNDARY: &[char] = &[' ', '/', '-', '.', ',', '=', ':', '"', '@'];

/// The template value for a slot whose generalized values differ: a common prefix and suffix
/// ending at word boundaries around one parameter.
fn parameterize(values: &[(String, String, String)]) -> Option<Slot> {
    let first = &values[0].1;
    let mut prefix = first.len();
    let mut suffix = first.len();
    for (_, g, _) in values {
        prefix = prefix.min(common_prefix(first, g));
        suffix = suffix.min(common_suffix(first, g));
    }
    let mut shortest = first.len();
    for (_, g, _) in values {
        shortest = shortest.min(g.len());
    }
    suffix = suffix.min(shortest.saturating_sub(prefix));
    let mut prefix_text = first.get(..prefix)?;
    while !prefix_text.is_empty() && !prefix_text.ends_with(BOUNDARY) {
        prefix_text =
            &prefix_text[..prefix_text.len() - prefix_text.chars().next_back()?.len_utf8()];
    }
    let mut suffix_text = first.get(first.len().checked_sub(suffix)?..)?;
    while !suffix_text.is_empty() && !suffix_text.starts_with(BOUNDARY) {
        suffix_text = &suffix_text[suffix_text.chars().next()?.len_utf8()..];
    }
    let mut middles = Vec::new();
    for (daemon, g, raw) in values {
        let middle = g.get(prefix_text.len()..g.len() - suffix_text.len())?;
        let mut lookup = BTreeMap::new();
        lookup.insert("daemon".to_owned(), daemon.clone());
        let value = substitute(middle, &lookup)?;
        if value.is_empty() || unit_core::text::check(&value, false, false).is_err() {
            return None;
        }
        let rebuilt = format!(
            "{}{}{}",
            prefix_text,
            placeholder::escape(&value),
            suffix_text
        );
        if substitute(&rebuilt, &lookup).as_deref() != Some(raw.as_str()) {
            return None;
        }
        middles.push((daemon.clone(), value));
    }
    Some((prefix_text.to_owned(), suffix_text.to_owned(), middles))
}

fn common_prefix(a: &str, b: &str) -> usize {
    let mut other = b.chars();
    for (i, x) in a.char_indices() {
        match other.next() {
            Some(y) if y == x => {}
            Some(_) => return i,
            None => break,
        }
    }
    a.len().min(b.len())
}

fn common_suffix(a: &str, b: &str) -> usize {
    let (a_bytes, b_bytes) = (a.as_bytes(), b.as_bytes());
    let mut n = 0;
    while n < a_bytes.len()
        && n < b_bytes.len()
        && a_bytes[a_bytes.len() - 1 - n] == b_bytes[b_bytes.len() - 1 - n]
    {
        n += 1;
    }
    while !a.is_char_boundary(a.len() - n) {
        n -= 1;
    }
    n
}

fn build_template(
    ident: &str,
    role: &str,
    candidates: &[Candidate],
    seed: usize,
    cluster: &[usize],
    params: &mut Params,
) -> Template {
    let seed_unit = candidates[seed].unit;
    let mut used_params: Vec<(String, Option<String>)> = Vec::new();
    let mut sections = Vec::new();
    let needed = cluster.len().div_ceil(2);
    for section in &seed_unit.sections {
        let mut atoms = Vec::new();
        for entry in &section.entries {
            let mut value = general(&entry.value, &candidates[seed].daemon);
            let once = cluster.iter().all(|&i| {
                let values = candidates[i].unit.values(&section.name, &entry.key);
                values.len() == 1
            });
            if once {
                let mut slot: Vec<(String, String, String)> = Vec::new();
                for &i in cluster {
                    let c = &candidates[i];
                    let raw = c.unit.value(&section.name, &entry.key).unwrap_or_default();
                    slot.push((c.daemon.clone(), general(raw, &c.daemon), raw.to_owned()));
                }
                let differs = slot.iter().any(|(_, g, _)| *g != slot[0].1);
                if differs {
                    if let Some((prefix, suffix, middles)) = parameterize(&slot) {
                        let mut map = BTreeMap::new();
                        for (d, v) in middles {
                            map.insert(d, v);
                        }
                        let mut named = 0;
                        for (d, v) in &map {
                            named += usize::from(d == v);
                        }
                        let name = params.name_for(&map, &entry.key);
                        let default = if named * 2 >= map.len() {
                            Some("{daemon}".to_owned())
                        } else {
                            None
                        };
                        if !used_params.iter().any(|(p, _)| *p == name) {
                            used_params.push((name.clone(), default));
                        }
                        value = format!("{prefix}{{{name}}}{suffix}");
                    }
                }
            }
            let mut e = entry.clone();
            e.value = value;
            e.origin = unit_core::Origin::NONE;
            let mut shared = 0;
            for &i in cluster {
                let c = &candidates[i];
                let lookup = params.lookup(&c.daemon);
                let Some(raw) = substitute(&e.value, &lookup) else {
                    continue;
                };
                let Some(s) = c.unit.section(&section.name) else {
                    continue;
                };
                if s.entries
                    .iter()
                    .any(|x| x.key == e.key && x.value == raw && x.comments == e.comments)
                {
                    shared += 1;
                }
            }
            if shared >= needed {
                atoms.push(Atom::Set(e));
            }
        }
        if !atoms.is_empty() {
            sections.push((section.name.clone(), atoms));
        }
    }
    Template {
        ident: ident.to_owned(),
        unit_name: role.to_owned(),
        params: used_params,
        comments: if cluster
            .iter()
            .all(|&i| candidates[i].unit.comments == seed_unit.comments)
        {
            seed_unit.comments.clone()
        } else {
            Vec::new()
        },
        sections,
    }
}

/// The extras that turn `template` into `unit`: removals of template entries the unit lacks
/// or has elsewhere, then the unit's own entries.
fn express(
    template: &Template,
    unit: &Unit,
    lookup: &BTreeMap<String, String>,
) -> Vec<(String, Vec<Atom>)> {
    let mut names: Vec<&str> = Vec::new();
    for (n, _) in &template.sections {
        names.push(n);
    }
    for s in &unit.sections {
        if !names.contains(&s.name.as_str()) {
            names.push(&s.name);
        }
    }
    let empty = Section::new("", unit_core::Origin::NONE);
    let mut out = Vec::new();
    for name in names {
        let have = unit.section(name).unwrap_or(&empty);
        let mut base: Vec<Entry> = Vec::new();
        for (n, atoms) in &template.sections {
            if n != name {
                continue;
            }
            for a in atoms {
                if let Atom::Set(e) = a {
                    let mut e = e.clone();
                    e.value = substitute(&e.value, lookup).unwrap_or_default();
                    base.push(e);
                }
            }
        }
        let mut i = 0;
        let mut atoms = Vec::new();
        for t in base {
            match have.entries.get(i) {
                Some(m) if m.key == t.key && m.value == t.value && m.comments == t.comments => {
                    i += 1
                }
                _ => atoms.push(Atom::Remove(Entry::new(
                    t.key,
                    t.value,
                    unit_core::Origin::NONE,
                ))),
            }
        }
        for e in &have.entries[i..] {
            let mut e = e.clone();
            e.value = placeholder::escape(&e.value);
            e.origin = unit_core::Origin::NONE;
            atoms.push(Atom::Set(e));
        }
        if !atoms.is_empty() {
            out.push((name.to_owned(), atoms));
        }
    }
    out
}
