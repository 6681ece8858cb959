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
//! configuration would render it dangling.

use std::collections::HashMap;

use unit_core::crosscheck::template_of;
use unit_core::placeholder::{self, Part};
use unit_core::{dropin, validate, validate::validate_for, Unit};

use super::errors::Errors;
use super::lower::Family;

/// Every build option's default, by name: the values units are checked with.
pub fn defaults(family: &Family) -> HashMap<&str, &str> {
    family
        .options
        .iter()
        .map(|o| (o.name.as_str(), o.default.as_str()))
        .collect()
}

pub fn check(family: &Family, errors: &mut Errors) {
    let defaults = defaults(family);
    let bad_options: Vec<&str> = family
        .options
        .iter()
        .filter(|o| !o.valid)
        .map(|o| o.name.as_str())
        .collect();
    // Drop-ins take part as systemd reads them: merged into the units they extend.
    let dropins: Vec<(&str, &str, Unit)> = family
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
    let table: Vec<(&str, &str, &Unit)> = dropins.iter().map(|(n, f, u)| (*n, *f, u)).collect();
    let applied = |base: &Unit, name: &str| -> Unit {
        let ordered: Vec<&Unit> = dropin::in_order(name, &table)
            .into_iter()
            .map(|(_, u)| u)
            .collect();
        dropin::assemble(base, name, &ordered)
    };
    let mut names: HashMap<&str, (&str, unit_core::Origin)> = HashMap::new();
    let mut resolved = Vec::new();
    for out in &family.units {
        let unit = &out.unit;
        let again = names.insert(&unit.name, (&out.daemon, unit.origin));
        // The versions of one unit under different `#[cfg]`s share its name and its site.
        if let Some((first, _)) = again.filter(|(_, origin)| *origin != unit.origin) {
            let owner = if first.is_empty() {
                String::new()
            } else {
                format!(" by daemon `{first}`")
            };
            errors.at(
                unit.origin.0,
                format!(
                    "unit `{}` is already defined{owner}; each unit is defined once",
                    unit.name
                ),
            );
        }
        let unit = resolve(unit, &defaults);
        let unsure = entries_using(&out.unit, &bad_options);
        let incomplete = out.incomplete || unrecognised(&unit);
        let daemon = Some(out.daemon.as_str()).filter(|d| !d.is_empty());
        let extended = table
            .iter()
            .any(|(n, _, _)| dropin::applies_to(n, &unit.name));
        let assembled = extended.then(|| applied(&unit, &unit.name));
        for target in targets_for(family, &out.variant) {
            // A problem the family's own drop-ins resolve is none of the unit systemd loads;
            // the ones they bring are reported at the drop-in (`adopt`).
            let remains: Option<Vec<String>> = assembled.as_ref().map(|a| {
                validate_for(a, target)
                    .into_iter()
                    .map(|d| d.message)
                    .collect()
            });
            for d in validate_for(&unit, target) {
                if remains.as_ref().is_some_and(|r| !r.contains(&d.message)) {
                    continue;
                }
                let about_missing_parts = d.origin == unit.origin && incomplete;
                if !about_missing_parts && !unsure.contains(&d.origin) {
                    errors.diag_for(daemon, refine(&unit, d));
                }
            }
        }
        resolved.push(unit);
    }
    // Configurations that hold the same unit versions are one family: checked once.
    let mut checked: Vec<Vec<usize>> = Vec::new();
    for config in configurations(family) {
        let members: Vec<usize> = (0..family.units.len())
            .filter(|&i| agrees(&family.units[i].variant, &config))
            .collect();
        if checked.contains(&members) {
            continue;
        }
        let units: Vec<Unit> = members
            .iter()
            .map(|&i| applied(&resolved[i], &resolved[i].name))
            .collect();
        checked.push(members);
        let mut extended: Vec<Unit> = Vec::new();
        for &(name, _, _) in &table {
            if units.iter().chain(&extended).any(|u| u.name == name) {
                continue;
            }
            let template = template_of(name);
            let base = units
                .iter()
                .find(|u| Some(&u.name) == template.as_ref())
                .cloned()
                .unwrap_or_else(|| Unit::new(name, unit_core::Origin::NONE));
            extended.push(applied(&base, name));
        }
        let externals = family.externals.iter().map(|e| e.name.as_str());
        for d in unit_core::crosscheck::check_extended(&units, &extended, externals) {
            errors.diag(d);
        }
    }
    check_cfg_references(family, &resolved, errors);
    let mut seen = HashMap::new();
    for e in &family.externals {
        if names.contains_key(e.name.as_str()) {
            errors.at(e.site, format!("`{}` is declared external but is a unit of this family; remove it from `extern`", e.name));
        } else if seen.insert(e.name.as_str(), e.site).is_some() {
            errors.at(
                e.site,
                format!("`{}` is declared external twice; remove one", e.name),
            );
        }
    }
}

/// Whether a unit version made for `variant` belongs to the configuration `config`.
fn agrees(variant: &[(String, bool, proc_macro2::TokenStream)], config: &[(String, bool)]) -> bool {
    variant
        .iter()
        .all(|(k, v, _)| config.iter().all(|(ck, cv)| ck != k || cv == v))
}

/// Every combination of the predicates that unit versions depend on (one empty one if none).
fn configurations(family: &Family) -> Vec<Vec<(String, bool)>> {
    let mut keys: Vec<&str> = Vec::new();
    for out in &family.units {
        for (k, _, _) in &out.variant {
            if !keys.contains(&k.as_str()) {
                keys.push(k);
            }
        }
    }
    keys.truncate(6);
    (0..1u32 << keys.len())
        .map(|bits| {
            keys.iter()
                .enumerate()
                .map(|(i, k)| (k.to_string(), bits & 1 << i != 0))
                .collect()
        })
        .collect()
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
