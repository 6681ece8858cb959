//! Checks on the lowered family: every unit against `unit_core::validate`, with build options at
//! their defaults, and the rules that need more than one unit.
//!
//! The whole family is one `systemd_unit!` invocation, so the macro sees every unit at once and
//! runs the family-wide rules (references, sockets, install, ordering cycles, listen addresses)
//! itself, reporting each at the token that caused it. The alternatives were worse: rustc can
//! resolve names but knows nothing of orderings or sockets, and checks run by `build.rs` can
//! only print a file and line, not underline the token in the editor. Units left out by
//! `#[cfg]` are checked too, so every configuration is checked in every build; a reference to a
//! unit that is gated differently from the unit naming it is an error, because some
//! configuration would render it dangling. A drop-in under `#[cfg]` is applied only in the
//! configurations it exists in (`configs`).

use std::collections::HashMap;

use unit_core::crosscheck::template_of;
use unit_core::placeholder::{self, Part};
use unit_core::{dropin, validate, validate::validate_for, Unit};

use super::attrs::{holds, values};
use super::errors::Errors;
use super::lower::Family;

mod configs;
pub use configs::{configurations, dropin_sets, left_out, not_everywhere, noted, scenarios};
use configs::{Config, Scenario};

/// Every build option's default, by name: the values units are checked with.
pub fn defaults(family: &Family) -> HashMap<&str, &str> {
    let mut out = HashMap::new();
    for o in &family.options {
        out.insert(o.name.as_str(), o.default.as_str());
    }
    out
}

/// The checks of a lowered family, with what they share: its units and drop-ins with build
/// options at their defaults.
pub struct Checks<'f> {
    family: &'f Family,
    /// Each unit version at the defaults, in the order of `family.units`.
    resolved: Vec<Unit>,
    /// Each drop-in at the defaults: the unit it extends, its file name, its lines.
    dropins: Vec<(&'f str, &'f str, Unit)>,
    /// Every configuration of the family's `#[cfg]`s, and the distinct ones.
    configs: Vec<Config>,
    scenarios: Vec<Scenario>,
}

impl<'f> Checks<'f> {
    pub fn new(family: &'f Family) -> Self {
        let defaults = defaults(family);
        let mut resolved = Vec::with_capacity(family.units.len());
        for out in &family.units {
            resolved.push(resolve(&out.unit, &defaults));
        }
        // Drop-ins take part as systemd reads them: merged into the units they extend.
        let mut dropins = Vec::with_capacity(family.dropins.len());
        for d in &family.dropins {
            let unit = resolve(&d.unit, &defaults);
            dropins.push((d.unit.name.as_str(), d.file.as_str(), unit));
        }
        let configs = configurations(family);
        Checks {
            family,
            resolved,
            dropins,
            scenarios: scenarios(family, &configs),
            configs,
        }
    }

    /// The family checked.
    pub fn family(&self) -> &'f Family {
        self.family
    }

    /// Unit version `i` at the defaults.
    pub fn unit(&self, i: usize) -> &Unit {
        &self.resolved[i]
    }

    /// Drop-in `j` at the defaults.
    pub fn dropin(&self, j: usize) -> &Unit {
        &self.dropins[j].2
    }

    /// Every configuration of the family's `#[cfg]`s.
    pub fn configs(&self) -> &[Config] {
        &self.configs
    }

    /// The distinct configurations: their unit versions and drop-ins.
    pub fn scenarios(&self) -> &[Scenario] {
        &self.scenarios
    }

    fn table(&self) -> Vec<(&str, &str, &Unit)> {
        let mut out = Vec::with_capacity(self.dropins.len());
        for (n, f, u) in &self.dropins {
            out.push((*n, *f, u));
        }
        out
    }

    /// The checks of each unit on its own, ready to run on any thread: whether another unit
    /// has its name, and what its lines break for each systemd it targets.
    pub fn own(&self) -> Own<'_> {
        let family = self.family;
        let mut names: HashMap<&str, (&str, unit_core::Origin)> = HashMap::new();
        let mut duplicates = vec![None; family.units.len()];
        for (i, (out, unit)) in family.units.iter().zip(&self.resolved).enumerate() {
            let again = names.insert(&out.unit.name, (&out.daemon, out.unit.origin));
            // The versions of one unit under different `#[cfg]`s share its name and its site.
            if let Some((first, _)) = again.filter(|(_, origin)| *origin != out.unit.origin) {
                let owner = if first.is_empty() {
                    String::new()
                } else {
                    format!(" by daemon `{first}`")
                };
                duplicates[i] = Some((
                    unit.origin.0,
                    format!(
                        "unit `{}` is already defined{owner}; each unit is defined once",
                        unit.name
                    ),
                ));
            }
        }
        let mut units = Vec::with_capacity(family.units.len());
        for (i, (out, duplicate)) in family.units.iter().zip(duplicates).enumerate() {
            let applies =
                |j: usize| dropin::applies_to(&family.dropins[j].unit.name, &out.unit.name);
            units.push(OwnUnit {
                written: &out.unit,
                resolved: &self.resolved[i],
                incomplete: out.incomplete,
                daemon: if out.daemon.is_empty() {
                    None
                } else {
                    Some(out.daemon.as_str())
                },
                targets: targets_for(family, &out.variant),
                duplicate,
                dropin_sets: dropin_sets(family, &self.configs, i, &applies),
            });
        }
        let mut notes = Vec::with_capacity(family.dropins.len());
        for j in 0..family.dropins.len() {
            notes.push(left_out(family, j));
        }
        let mut bad_options = Vec::new();
        for o in &family.options {
            if !o.valid {
                bad_options.push(o.name.as_str());
            }
        }
        Own {
            units,
            notes,
            bad_options,
            dropins: self.table(),
        }
    }

    /// The rules that need the whole family, for each configuration of its `#[cfg]`s: ready
    /// to run on any thread.
    pub fn family_wide(&self) -> FamilyWide<'_> {
        FamilyWide {
            resolved: &self.resolved,
            dropins: self.table(),
            scenarios: &self.scenarios,
            externals: self
                .family
                .externals
                .iter()
                .map(|e| e.name.as_str())
                .collect(),
        }
    }

    /// References between units that `#[cfg]` gates differently, and the `extern` list.
    pub fn declarations(&self, errors: &mut Errors) {
        let family = self.family;
        check_cfg_references(family, &self.resolved, errors);
        let mut seen = HashMap::new();
        for e in &family.externals {
            if self.resolved.iter().any(|u| u.name == e.name) {
                errors.at(e.site, format!("`{}` is declared external but is a unit of this family; remove it from `extern`", e.name));
            } else if seen.insert(e.name.as_str(), e.site).is_some() {
                errors.at(
                    e.site,
                    format!("`{}` is declared external twice; remove one", e.name),
                );
            }
        }
    }
}

/// The family-wide rules' input: plain units, so that they can run beside the other checks.
pub struct FamilyWide<'a> {
    resolved: &'a [Unit],
    dropins: Vec<(&'a str, &'a str, &'a Unit)>,
    /// The unit versions and drop-ins of each distinct configuration, by index.
    scenarios: &'a [Scenario],
    externals: Vec<&'a str>,
}

impl FamilyWide<'_> {
    /// What the family-wide rules find, configuration after configuration.
    pub fn run(&self) -> Vec<unit_core::Diagnostic> {
        let mut found = Vec::new();
        for scenario in self.scenarios {
            let mut dropins: Vec<(&str, &str, &Unit)> = Vec::new();
            for &j in &scenario.dropins {
                dropins.push(self.dropins[j]);
            }
            let mut units: Vec<Unit> = Vec::with_capacity(scenario.units.len());
            for &i in &scenario.units {
                units.push(applied(&dropins, &self.resolved[i], &self.resolved[i].name));
            }
            let mut extended: Vec<Unit> = Vec::new();
            for &(name, _, _) in &dropins {
                if named(&units, name).is_some() || named(&extended, name).is_some() {
                    continue;
                }
                let base = match template_of(name).and_then(|t| named(&units, &t)) {
                    Some(u) => u.clone(),
                    None => Unit::new(name, unit_core::Origin::NONE),
                };
                extended.push(applied(&dropins, &base, name));
            }
            let externals = self.externals.iter().copied();
            found.extend(unit_core::crosscheck::check_extended(
                &units, &extended, externals,
            ));
        }
        found
    }
}

/// The unit called `name` among `units`.
fn named<'u>(units: &'u [Unit], name: &str) -> Option<&'u Unit> {
    units.iter().find(|u| u.name == name)
}

/// The checks of each unit on its own: plain units, so that they can run beside the others.
pub struct Own<'a> {
    units: Vec<OwnUnit<'a>>,
    bad_options: Vec<&'a str>,
    dropins: Vec<(&'a str, &'a str, &'a Unit)>,
    /// What a message about a configuration without each drop-in says of it.
    notes: Vec<String>,
}

struct OwnUnit<'a> {
    written: &'a Unit,
    resolved: &'a Unit,
    incomplete: bool,
    daemon: Option<&'a str>,
    targets: Vec<unit_core::catalog::Target>,
    /// A unit of the same name defined elsewhere: where, and the message.
    duplicate: Option<(u32, String)>,
    /// The drop-ins that apply to the unit in each of its configurations, by index.
    dropin_sets: Vec<Vec<usize>>,
}

/// What one unit's own checks find.
pub struct Found<'a> {
    duplicate: Option<(u32, String)>,
    daemon: Option<&'a str>,
    diagnostics: Vec<unit_core::Diagnostic>,
}

impl<'a> Own<'a> {
    /// Each unit against every systemd it targets, in the order of the units.
    pub fn run(&self) -> Vec<Found<'a>> {
        let mut out = Vec::with_capacity(self.units.len());
        for u in &self.units {
            out.push(self.one(u));
        }
        out
    }

    fn one(&self, u: &OwnUnit<'a>) -> Found<'a> {
        let unit = u.resolved;
        let unsure = entries_using(u.written, &self.bad_options);
        let incomplete = u.incomplete || unrecognised(unit);
        // The unit as systemd assembles it in each of its configurations that has drop-ins
        // for it.
        let mut bare = false;
        let mut assembled: Vec<(&[usize], Unit)> = Vec::new();
        for set in &u.dropin_sets {
            if set.is_empty() {
                bare = true;
                continue;
            }
            let mut table: Vec<(&str, &str, &Unit)> = Vec::with_capacity(set.len());
            for &j in set {
                table.push(self.dropins[j]);
            }
            assembled.push((set.as_slice(), applied(&table, unit, &unit.name)));
        }
        let mut diagnostics = Vec::new();
        for &target in &u.targets {
            // A problem the family's own drop-ins resolve in every configuration is none of
            // the unit systemd loads; the ones they bring are reported at the drop-in
            // (`adopt`).
            let mut remains: Vec<(&[usize], Vec<String>)> = Vec::with_capacity(assembled.len());
            for (set, a) in &assembled {
                let mut found = Vec::new();
                for d in validate_for(a, target) {
                    found.push(d.message);
                }
                remains.push((*set, found));
            }
            for d in validate_for(unit, target) {
                let mut resolving: Vec<&[usize]> = Vec::new();
                for (set, r) in &remains {
                    if !r.contains(&d.message) {
                        resolving.push(*set);
                    }
                }
                if !bare && !remains.is_empty() && resolving.len() == remains.len() {
                    continue;
                }
                let about_missing_parts = d.origin == unit.origin && incomplete;
                if about_missing_parts || unsure.contains(&d.origin) {
                    continue;
                }
                let mut d = refine(unit, d);
                // Resolved where a drop-in exists: the message says which is left out.
                let absent = match resolving.first() {
                    Some(set) => not_everywhere(set, &u.dropin_sets),
                    None => None,
                };
                if let Some(j) = absent {
                    d.message = noted(&d.message, &self.notes[j]);
                }
                diagnostics.push(d);
            }
        }
        Found {
            duplicate: u.duplicate.clone(),
            daemon: u.daemon,
            diagnostics,
        }
    }
}

/// Reports what [`Own::run`] found, unit after unit.
pub fn report(found: Vec<Found<'_>>, errors: &mut Errors) {
    for f in found {
        if let Some((site, message)) = f.duplicate {
            errors.at(site, message);
        }
        for d in f.diagnostics {
            errors.diag_for(f.daemon, d);
        }
    }
}

/// `base` as the drop-ins of `table` for the unit `name` leave it.
fn applied(table: &[(&str, &str, &Unit)], base: &Unit, name: &str) -> Unit {
    let mut ordered: Vec<&Unit> = Vec::new();
    for (_, u) in dropin::in_order(name, table) {
        ordered.push(u);
    }
    dropin::assemble(base, name, &ordered)
}

/// The targets a unit version is checked against: every `systemd` item that can apply to it.
pub fn targets_for(
    family: &Family,
    variant: &[(String, bool, proc_macro2::TokenStream)],
) -> Vec<unit_core::catalog::Target> {
    if family.targets.is_empty() {
        return vec![family.target];
    }
    let values = values(variant);
    let mut out: Vec<unit_core::catalog::Target> = Vec::new();
    for t in &family.targets {
        if holds(&t.cfgs, &values) {
            out.push(t.target);
        }
    }
    if out.is_empty() {
        out.push(family.target);
    }
    out.dedup();
    out
}

fn check_cfg_references(family: &Family, resolved: &[Unit], errors: &mut Errors) {
    // A unit's gates: its own `#[cfg]`s and, for one version of a unit, the predicates that
    // version holds under.
    let cfgs = |i: usize| -> Vec<String> {
        let out = &family.units[i];
        let mut all = Vec::new();
        for c in &out.cfgs {
            all.push(c.to_string());
        }
        for (_, value, p) in &out.variant {
            if *value {
                all.push(quote::quote!(#[cfg(#p)]).to_string());
            }
        }
        all
    };
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, u) in resolved.iter().enumerate() {
        index.insert(u.name.as_str(), i);
    }
    for (i, unit) in resolved.iter().enumerate() {
        let mine = cfgs(i);
        for (_, name, origin) in unit_core::crosscheck::references(unit) {
            let Some(&j) = index.get(name.as_str()) else {
                continue;
            };
            // Every version of the named unit carries its unit-level gates; the versions
            // together exist in every configuration.
            let mut missing = None;
            for c in &family.units[j].cfgs {
                let c = c.to_string();
                if !mine.contains(&c) {
                    missing = Some(c);
                    break;
                }
            }
            if let Some(gate) = missing {
                errors.diag(unit_core::Diagnostic::value(
                    origin,
                    format!("`{}` names `{name}`, which exists only with `{gate}`; put the same `#[cfg]` on `{}`", unit.name, unit.name),
                ));
            }
        }
    }
}

/// An error in words closer to the mistake, where the checks' own words miss it: a directive
/// of another systemd release, `unlimited` (how `ulimit` writes it) for systemd's `infinity`.
fn refine(unit: &Unit, d: unit_core::Diagnostic) -> unit_core::Diagnostic {
    let mut entry = None;
    for e in unit.sections.iter().flat_map(|s| &s.entries) {
        if e.origin == d.origin {
            entry = Some(e);
            break;
        }
    }
    match entry {
        Some(e) if d.on_value && e.value.split([':', ' ']).any(|p| p == "unlimited") => {
            unit_core::Diagnostic::value(
                d.origin,
                format!(
                    "invalid `{}=`: `unlimited` is not how systemd writes no limit; write `infinity`",
                    e.key
                ),
            )
        }
        _ => d,
    }
}

/// Whether `unit` has a section its kind does not allow or an unknown directive in its own
/// section: then what it seems to lack (`ExecStart=`, `Listen*=`) may be the misspelled line,
/// and reporting it would repeat that error.
fn unrecognised(unit: &Unit) -> bool {
    let Some(kind) = unit.kind() else {
        return false;
    };
    let allowed = kind.sections();
    for s in &unit.sections {
        if !allowed.contains(&s.name.as_str()) {
            return true;
        }
        if kind.own_section() == Some(s.name.as_str()) {
            for e in &s.entries {
                if validate::directive(&s.name, &e.key).is_none() {
                    return true;
                }
            }
        }
    }
    false
}

/// The origins of the entries whose values use one of `options`.
fn entries_using(unit: &Unit, options: &[&str]) -> Vec<unit_core::Origin> {
    let mut out = Vec::new();
    if options.is_empty() {
        return out;
    }
    for e in unit.sections.iter().flat_map(|s| &s.entries) {
        let Ok(parts) = placeholder::parts(&e.value) else {
            continue;
        };
        for p in &parts {
            if matches!(p, Part::Var { name, .. } if options.contains(&name.as_str())) {
                out.push(e.origin);
                break;
            }
        }
    }
    out
}

/// `unit` with its build options at `values`.
pub fn resolve(unit: &Unit, values: &HashMap<&str, &str>) -> Unit {
    let mut out = unit.clone();
    for entry in out.sections.iter_mut().flat_map(|s| s.entries.iter_mut()) {
        if !placeholder::has_brace(&entry.value) {
            continue;
        }
        if let Ok(parts) = placeholder::parts(&entry.value) {
            let mut value = String::with_capacity(entry.value.len());
            for p in &parts {
                match p {
                    Part::Text(t) => value.push_str(t),
                    Part::Var { name, .. } => {
                        value.push_str(values.get(name.as_str()).copied().unwrap_or_default())
                    }
                }
            }
            entry.value = value;
        }
    }
    out
}
