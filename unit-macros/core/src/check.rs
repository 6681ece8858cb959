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

use std::collections::{HashMap, HashSet};

use unit_core::crosscheck::template_of;
use unit_core::placeholder::{self, Part};
use unit_core::{dropin, validate, validate::validate_for, Unit};

use super::errors::Errors;
use super::lower::Family;

mod configs;
pub use configs::{configurations, dropin_sets, left_out, not_everywhere, noted, scenarios};
use configs::{Config, Scenario};

/// Every build option's default, by name: the values units are checked with.
pub fn defaults(family: &Family) -> HashMap<&str, &str> {
    family
        .options
        .iter()
        .map(|o| (o.name.as_str(), o.default.as_str()))
        .collect()
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
        let resolved = family
            .units
            .iter()
            .map(|out| resolve(&out.unit, &defaults))
            .collect();
        // Drop-ins take part as systemd reads them: merged into the units they extend.
        let dropins = family
            .dropins
            .iter()
            .map(|d| {
                (
                    d.unit.name.as_str(),
                    d.file.as_str(),
                    resolve(&d.unit, &defaults),
                )
            })
            .collect();
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
        self.dropins.iter().map(|(n, f, u)| (*n, *f, u)).collect()
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
        Own {
            units: family
                .units
                .iter()
                .zip(&self.resolved)
                .zip(duplicates)
                .enumerate()
                .map(|(i, ((out, resolved), duplicate))| OwnUnit {
                    written: &out.unit,
                    resolved,
                    incomplete: out.incomplete,
                    daemon: Some(out.daemon.as_str()).filter(|d| !d.is_empty()),
                    targets: targets_for(family, &out.variant),
                    duplicate,
                    dropin_sets: dropin_sets(family, &self.configs, i, |j| {
                        dropin::applies_to(&family.dropins[j].unit.name, &out.unit.name)
                    }),
                })
                .collect(),
            notes: (0..family.dropins.len())
                .map(|j| left_out(family, j))
                .collect(),
            bad_options: family
                .options
                .iter()
                .filter(|o| !o.valid)
                .map(|o| o.name.as_str())
                .collect(),
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
        let names: HashSet<&str> = family.units.iter().map(|o| o.unit.name.as_str()).collect();
        let mut seen = HashMap::new();
        for e in &family.externals {
            if names.contains(e.name.as_str()) {
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
            let dropins: Vec<(&str, &str, &Unit)> =
                scenario.dropins.iter().map(|&j| self.dropins[j]).collect();
            let units: Vec<Unit> = scenario
                .units
                .iter()
                .map(|&i| applied(&dropins, &self.resolved[i], &self.resolved[i].name))
                .collect();
            let mut extended: Vec<Unit> = Vec::new();
            for &(name, _, _) in &dropins {
                if units.iter().chain(&extended).any(|u| u.name == name) {
                    continue;
                }
                let template = template_of(name);
                let base = units
                    .iter()
                    .find(|u| Some(&u.name) == template.as_ref())
                    .cloned()
                    .unwrap_or_else(|| Unit::new(name, unit_core::Origin::NONE));
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
        self.units.iter().map(|u| self.one(u)).collect()
    }

    fn one(&self, u: &OwnUnit<'a>) -> Found<'a> {
        let unit = u.resolved;
        let unsure = entries_using(u.written, &self.bad_options);
        let incomplete = u.incomplete || unrecognised(unit);
        // The unit as systemd assembles it in each of its configurations that has drop-ins
        // for it.
        let bare = u.dropin_sets.iter().any(Vec::is_empty);
        let assembled: Vec<(&[usize], Unit)> = u
            .dropin_sets
            .iter()
            .filter(|set| !set.is_empty())
            .map(|set| {
                let table: Vec<(&str, &str, &Unit)> =
                    set.iter().map(|&j| self.dropins[j]).collect();
                (set.as_slice(), applied(&table, unit, &unit.name))
            })
            .collect();
        let mut diagnostics = Vec::new();
        for &target in &u.targets {
            // A problem the family's own drop-ins resolve in every configuration is none of
            // the unit systemd loads; the ones they bring are reported at the drop-in
            // (`adopt`).
            let remains: Vec<(&[usize], Vec<String>)> = assembled
                .iter()
                .map(|(set, a)| {
                    let found = validate_for(a, target).into_iter().map(|d| d.message);
                    (*set, found.collect())
                })
                .collect();
            for d in validate_for(unit, target) {
                let resolving: Vec<&[usize]> = remains
                    .iter()
                    .filter(|(_, r)| !r.contains(&d.message))
                    .map(|(set, _)| *set)
                    .collect();
                if !bare && !remains.is_empty() && resolving.len() == remains.len() {
                    continue;
                }
                let about_missing_parts = d.origin == unit.origin && incomplete;
                if about_missing_parts || unsure.contains(&d.origin) {
                    continue;
                }
                let mut d = refine(unit, d);
                // Resolved where a drop-in exists: the message says which is left out.
                let absent = resolving
                    .first()
                    .and_then(|set| not_everywhere(set, &u.dropin_sets));
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
    let ordered: Vec<&Unit> = dropin::in_order(name, table)
        .into_iter()
        .map(|(_, u)| u)
        .collect();
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
    let applies =
        |(key, negated): &(String, bool)| variant.iter().all(|(k, v, _)| k != key || v != negated);
    let mut out: Vec<unit_core::catalog::Target> = family
        .targets
        .iter()
        .filter(|t| t.cfgs.iter().all(applies))
        .map(|t| t.target)
        .collect();
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
        let held = out
            .variant
            .iter()
            .filter(|(_, value, _)| *value)
            .map(|(_, _, p)| quote::quote!(#[cfg(#p)]).to_string());
        out.cfgs.iter().map(|c| c.to_string()).chain(held).collect()
    };
    let index: HashMap<&str, usize> = resolved
        .iter()
        .enumerate()
        .map(|(i, u)| (u.name.as_str(), i))
        .collect();
    for (i, unit) in resolved.iter().enumerate() {
        let mine = cfgs(i);
        for (_, name, origin) in unit_core::crosscheck::references(unit) {
            let Some(&j) = index.get(name.as_str()) else {
                continue;
            };
            // Every version of the named unit carries its unit-level gates; the versions
            // together exist in every configuration.
            let theirs = family.units[j].cfgs.iter().map(|c| c.to_string());
            let missing: Vec<String> = theirs.filter(|c| !mine.contains(c)).collect();
            if let Some(gate) = missing.first() {
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
    let entry = unit
        .sections
        .iter()
        .flat_map(|s| s.entries.iter())
        .find(|e| e.origin == d.origin);
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
    unit.sections.iter().any(|s| {
        !kind.sections().contains(&s.name.as_str())
            || (kind.own_section() == Some(s.name.as_str())
                && s.entries
                    .iter()
                    .any(|e| validate::directive(&s.name, &e.key).is_none()))
    })
}

/// The origins of the entries whose values use one of `options`.
fn entries_using(unit: &Unit, options: &[&str]) -> Vec<unit_core::Origin> {
    if options.is_empty() {
        return Vec::new();
    }
    unit.sections
        .iter()
        .flat_map(|s| s.entries.iter())
        .filter(|e| {
            placeholder::parts(&e.value)
                .unwrap_or_default()
                .iter()
                .any(|p| matches!(p, Part::Var { name, .. } if options.contains(&name.as_str())))
        })
        .map(|e| e.origin)
        .collect()
}

/// `unit` with its build options at `values`.
pub fn resolve(unit: &Unit, values: &HashMap<&str, &str>) -> Unit {
    let mut out = unit.clone();
    for entry in out.sections.iter_mut().flat_map(|s| s.entries.iter_mut()) {
        if let Ok(parts) = placeholder::parts(&entry.value) {
            entry.value = parts
                .iter()
                .map(|p| match p {
                    Part::Text(t) => t.as_str(),
                    Part::Var { name, .. } => {
                        values.get(name.as_str()).copied().unwrap_or_default()
                    }
                })
                .collect();
        }
    }
    out
}
