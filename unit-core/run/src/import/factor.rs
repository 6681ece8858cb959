//! Factoring: units that differ only by a daemon's name become templates with parameters,
//! daemons with extras, and snippets for runs of directives that several units share.
//!
//! A daemon `D` is found for every `D.service` whose name is an identifier; its units are the
//! ones named `D.<type>` or `D-<role>.<type>`. Within a role (the name with `D` replaced by
//! `{daemon}`), units that share most of their directives are clustered; each cluster of two or
//! more becomes a template made of the directives most of its members share, a value that
//! differs only in one word becomes a parameter, and each member is the template with `remove`
//! and appended directives as its extras. Everything else stays a `unit "name" { ... }`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

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

/// A role's member: its daemon and its unit.
struct Candidate<'a> {
    daemon: String,
    unit: &'a Unit,
    general: Vec<(String, String, String)>,
}

/// Factors `imported` into templates, daemons and snippets (see the module documentation).
pub fn factor(imported: &Imported) -> Factored {
    let units = &imported.units;
    let daemon_names: BTreeSet<String> = units
        .iter()
        .filter_map(|u| u.name.strip_suffix(".service"))
        .filter(|d| is_ident(d))
        .map(str::to_owned)
        .collect();
    let mut roles: BTreeMap<String, Vec<Candidate>> = BTreeMap::new();
    let mut out = Factored {
        rendered: units.clone(),
        imported: imported.clone(),
        ..Factored::default()
    };
    let mut order: Vec<String> = Vec::new();
    for unit in units {
        let owner = daemon_names
            .iter()
            .filter(|d| {
                unit.name
                    .strip_prefix(d.as_str())
                    .is_some_and(|rest| rest.starts_with(['.', '-']))
            })
            .max_by_key(|d| d.len());
        match owner {
            Some(d) => {
                if !order.contains(d) {
                    order.push(d.clone());
                }
                let role = format!("{{daemon}}{}", &unit.name[d.len()..]);
                roles.entry(role).or_default().push(Candidate {
                    daemon: d.clone(),
                    general: generalize(unit, d),
                    unit,
                });
            }
            None => out.units.push(unit.clone()),
        }
    }
    let mut params = Params::default();
    let mut members: HashMap<String, Vec<(usize, Member)>> = HashMap::new();
    for (role, candidates) in &roles {
        let mut left: Vec<usize> = (0..candidates.len()).collect();
        let mut cluster_no = 0;
        while !left.is_empty() {
            let seed = medoid(candidates, &left);
            let cluster: Vec<usize> = left
                .iter()
                .copied()
                .filter(|&i| similarity(&candidates[i].general, &candidates[seed].general) >= 0.5)
                .collect();
            left.retain(|i| !cluster.contains(i));
            if cluster.len() < 2 {
                let c = &candidates[seed];
                let at = position(units, &c.unit.name);
                members
                    .entry(c.daemon.clone())
                    .or_default()
                    .push((at, Member::Unit(c.unit.clone())));
                continue;
            }
            cluster_no += 1;
            let ident = template_ident(role, cluster_no);
            let template = build_template(&ident, role, candidates, seed, &cluster, &mut params);
            for &i in &cluster {
                let c = &candidates[i];
                let lookup = params.lookup(&c.daemon);
                let sections = express(&template, c.unit, &lookup);
                let at = position(units, &c.unit.name);
                let docs = if template.comments == c.unit.comments {
                    Vec::new()
                } else {
                    c.unit.comments.clone()
                };
                members.entry(c.daemon.clone()).or_default().push((
                    at,
                    Member::Instance {
                        template: ident.clone(),
                        docs,
                        sections,
                    },
                ));
            }
            out.templates.push(template);
        }
    }
    for d in order {
        let mut list = members.remove(&d).unwrap_or_default();
        list.sort_by_key(|(at, _)| *at);
        let used: BTreeSet<&str> = list
            .iter()
            .filter_map(|(_, m)| match m {
                Member::Instance { template, .. } => Some(template.as_str()),
                Member::Unit(_) => None,
            })
            .flat_map(|t| out.templates.iter().filter(move |x| x.ident == t))
            .flat_map(|t| t.params.iter().map(|(p, _)| p.as_str()))
            .collect();
        let args = params.args(&d, &used, &out.templates);
        out.daemons.push(Daemon {
            name: d,
            args,
            members: list.into_iter().map(|(_, m)| m).collect(),
        });
    }
    super::snippet::find_snippets(&mut out);
    out
}

fn position(units: &[Unit], name: &str) -> usize {
    units
        .iter()
        .position(|u| u.name == name)
        .unwrap_or(usize::MAX)
}

fn template_ident(role: &str, n: usize) -> String {
    let stem: String = role
        .replace("{daemon}", "")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let stem = stem.trim_matches('_');
    let stem = if stem.is_empty() { "unit" } else { stem };
    if n == 1 {
        format!("t_{stem}")
    } else {
        format!("t_{stem}_{n}")
    }
}

/// (section, key, value) of every entry with the daemon's name as `{daemon}`.
fn generalize(unit: &Unit, daemon: &str) -> Vec<(String, String, String)> {
    unit.sections
        .iter()
        .flat_map(|s| {
            s.entries
                .iter()
                .map(move |e| (s.name.clone(), e.key.to_string(), general(&e.value, daemon)))
        })
        .collect()
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

fn similarity(a: &[(String, String, String)], b: &[(String, String, String)]) -> f64 {
    let a: BTreeSet<_> = a.iter().collect();
    let b: BTreeSet<_> = b.iter().collect();
    let union = a.union(&b).count().max(1);
    a.intersection(&b).count() as f64 / union as f64
}

fn medoid(candidates: &[Candidate], left: &[usize]) -> usize {
    let score = |i: usize| -> f64 {
        left.iter()
            .map(|&j| similarity(&candidates[i].general, &candidates[j].general))
            .sum()
    };
    let mut best = left[0];
    let mut best_score = score(best);
    for &i in &left[1..] {
        let s = score(i);
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
        for (name, known) in &mut self.list {
            let common = values.keys().filter(|d| known.contains_key(*d)).count();
            if common > 0
                && values
                    .iter()
                    .all(|(d, v)| known.get(d).is_none_or(|k| k == v))
            {
                known.extend(values.iter().map(|(d, v)| (d.clone(), v.clone())));
                return name.clone();
            }
        }
        let base = if key == "Description" {
            "name".to_owned()
        } else {
            snake_case(key)
        };
        let taken = |n: &str| n == "daemon" || self.list.iter().any(|(m, _)| m == n);
        let mut name = base.clone();
        let mut n = 1;
        while taken(&name) {
            n += 1;
            name = format!("{base}{n}");
        }
        self.list.push((name.clone(), values.clone()));
        name
    }

    fn lookup(&self, daemon: &str) -> HashMap<String, String> {
        let mut map: HashMap<String, String> = self
            .list
            .iter()
            .filter_map(|(n, vals)| vals.get(daemon).map(|v| (n.clone(), v.clone())))
            .collect();
        map.insert("daemon".into(), daemon.to_owned());
        map
    }

    fn args(
        &self,
        daemon: &str,
        used: &BTreeSet<&str>,
        templates: &[Template],
    ) -> Vec<(String, String)> {
        self.list
            .iter()
            .filter(|(n, _)| used.contains(n.as_str()))
            .filter_map(|(n, vals)| {
                let v = vals.get(daemon)?;
                let defaulted = templates.iter().any(|t| {
                    t.params
                        .iter()
                        .any(|(p, d)| p == n && d.as_deref() == Some("{daemon}"))
                });
                (!(defaulted && v == daemon)).then(|| (n.clone(), v.clone()))
            })
            .collect()
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

fn substitute(value: &str, lookup: &HashMap<String, String>) -> Option<String> {
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
    let shortest = values.iter().map(|(_, g, _)| g.len()).min()?;
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
        let lookup: HashMap<String, String> =
            HashMap::from([("daemon".to_owned(), daemon.clone())]);
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
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

fn common_suffix(a: &str, b: &str) -> usize {
    let n = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut n = n.min(a.len()).min(b.len());
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
            let once = |u: &Unit| u.values(&section.name, &entry.key).len() == 1;
            let mut value = general(&entry.value, &candidates[seed].daemon);
            if cluster.iter().all(|&i| once(candidates[i].unit)) {
                let slot: Vec<(String, String, String)> = cluster
                    .iter()
                    .map(|&i| {
                        let c = &candidates[i];
                        let raw = c.unit.value(&section.name, &entry.key).unwrap_or_default();
                        (c.daemon.clone(), general(raw, &c.daemon), raw.to_owned())
                    })
                    .collect();
                let differs = slot.iter().any(|(_, g, _)| *g != slot[0].1);
                if differs {
                    if let Some((prefix, suffix, middles)) = parameterize(&slot) {
                        let map: BTreeMap<String, String> = middles.into_iter().collect();
                        let name = params.name_for(&map, &entry.key);
                        let default = (map.iter().filter(|(d, v)| d == v).count() * 2 >= map.len())
                            .then(|| "{daemon}".to_owned());
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
            let shared = cluster
                .iter()
                .filter(|&&i| {
                    let c = &candidates[i];
                    let lookup = params.lookup(&c.daemon);
                    let Some(raw) = substitute(&e.value, &lookup) else {
                        return false;
                    };
                    c.unit.section(&section.name).is_some_and(|s| {
                        s.entries
                            .iter()
                            .any(|x| x.key == e.key && x.value == raw && x.comments == e.comments)
                    })
                })
                .count();
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
    lookup: &HashMap<String, String>,
) -> Vec<(String, Vec<Atom>)> {
    let mut names: Vec<&str> = template.sections.iter().map(|(n, _)| n.as_str()).collect();
    for s in &unit.sections {
        if !names.contains(&s.name.as_str()) {
            names.push(&s.name);
        }
    }
    let empty = Section::new("", unit_core::Origin::NONE);
    let mut out = Vec::new();
    for name in names {
        let have = unit.section(name).unwrap_or(&empty);
        let base: Vec<Entry> = template
            .sections
            .iter()
            .filter(|(n, _)| n == name)
            .flat_map(|(_, atoms)| atoms.iter())
            .filter_map(|a| match a {
                Atom::Set(e) => {
                    let mut e = e.clone();
                    e.value = substitute(&e.value, lookup).unwrap_or_default();
                    Some(e)
                }
                _ => None,
            })
            .collect();
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
        atoms.extend(have.entries[i..].iter().cloned().map(|mut e| {
            e.value = placeholder::escape(&e.value);
            e.origin = unit_core::Origin::NONE;
            Atom::Set(e)
        }));
        if !atoms.is_empty() {
            out.push((name.to_owned(), atoms));
        }
    }
    out
}
