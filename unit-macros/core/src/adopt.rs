//! Checks of the items that extend a family for its adopters: drop-ins against the units they
//! extend, and the preset against the family's units.

use std::collections::{BTreeSet, HashSet};

use unit_core::crosscheck::template_of;
use unit_core::{dropin, preset, Unit};

use super::check::{targets_for, Checks};
use super::errors::Errors;
use super::lower::Family;

pub fn check(checks: &Checks<'_>, errors: &mut Errors) {
    let family = checks.family();
    let targets = targets_for(family, &[]);
    // Drop-ins take part in the configurations of the family's `#[cfg]`s they exist in.
    let scenarios = checks.scenarios();
    let together = |i: usize, j: usize| {
        scenarios
            .iter()
            .any(|s| s.dropins.contains(&i) && s.dropins.contains(&j))
    };
    let mut clean: Vec<Option<&Unit>> = vec![None; family.dropins.len()];
    for (j, d) in family.dropins.iter().enumerate() {
        let name = d.unit.name.as_str();
        let same = |i: usize| {
            let e = &family.dropins[i];
            e.unit.name == name && e.file == d.file && together(i, j)
        };
        if (0..j).any(same) {
            errors.at(
                d.site,
                format!(
                    "drop-in `{name}.d/{}` is defined twice; merge them into one",
                    d.file
                ),
            );
        }
        let template = template_of(name);
        let defines = |n: &str| family.units.iter().any(|u| u.unit.name == n);
        let declares = |n: &str| family.externals.iter().any(|e| e.name == n);
        let known = |n: &str| defines(n) || declares(n);
        if !known(name) && !template.as_deref().is_some_and(known) {
            let names = family.units.iter().map(|u| u.unit.name.as_str());
            let hint = unit_core::suggest::closest(name, names)
                .map(|s| format!("did you mean `{s}`? or "))
                .unwrap_or_default();
            errors.at(
                d.site,
                format!("drop-in extends `{name}`, which is not a unit of this family; {hint}declare it in `extern {{ ... }}` with the package that provides it"),
            );
            continue;
        }
        let unit = checks.dropin(j);
        let mut ok = true;
        for &target in &targets {
            for diag in dropin::check_lines(unit, target) {
                ok = false;
                errors.diag(diag);
            }
        }
        if ok {
            clean[j] = Some(unit);
        }
    }
    // In each configuration, each unit of the family, and each instance a drop-in is written
    // for, as systemd assembles it from its lines and every drop-in that applies to it there,
    // in file-name order; each assembly once.
    let mut seen = BTreeSet::new();
    let mut judged = HashSet::new();
    for scenario in scenarios {
        let table: Vec<(&str, &str, &Unit)> = scenario
            .dropins
            .iter()
            .filter_map(|&j| {
                let d = &family.dropins[j];
                Some((d.unit.name.as_str(), d.file.as_str(), clean[j]?))
            })
            .collect();
        if table.is_empty() {
            continue;
        }
        for (name, base) in assembled_bases(family, &scenario.units, &table) {
            let ordered: Vec<(&str, &Unit)> = dropin::in_order(&name, &table);
            if ordered.is_empty() {
                continue;
            }
            let files: Vec<&str> = ordered.iter().map(|(f, _)| *f).collect();
            let origins: Vec<u32> = ordered.iter().map(|(_, u)| u.origin.0).collect();
            if !judged.insert((name.clone(), base, files, origins)) {
                continue;
            }
            let ordered: Vec<&Unit> = ordered.into_iter().map(|(_, u)| u).collect();
            let base = checks.unit(base);
            for &target in &targets {
                for diag in dropin::check_assembled(base, &name, &ordered, target) {
                    if seen.insert((diag.origin, diag.message.clone())) {
                        errors.diag(diag);
                    }
                }
            }
        }
    }
    let units: Vec<(&str, bool)> = family
        .units
        .iter()
        .map(|u| {
            let install = u
                .unit
                .section("Install")
                .is_some_and(|s| !s.entries.is_empty());
            (u.unit.name.as_str(), install)
        })
        .collect();
    for r in &family.preset {
        let instances: Vec<&str> = r.instances.iter().map(String::as_str).collect();
        for e in preset::check_rule(r.enable, &r.unit, &instances, &units) {
            errors.at(r.site, e);
        }
    }
}

/// The units drop-ins are judged in, by name, with the unit version each is assembled from
/// (by index): every unit version of `members` (one configuration), and every instance of a
/// template among them that a drop-in names.
pub fn assembled_bases(
    family: &Family,
    members: &[usize],
    dropins: &[(&str, &str, &Unit)],
) -> Vec<(String, usize)> {
    let name = |i: usize| family.units[i].unit.name.as_str();
    let mut out: Vec<(String, usize)> = Vec::new();
    for &i in members {
        if !out.iter().any(|(n, _)| n == name(i)) {
            out.push((name(i).to_owned(), i));
        }
    }
    for &(extends, _, _) in dropins {
        if out.iter().any(|(n, _)| n == extends) {
            continue;
        }
        let Some(template) = template_of(extends) else {
            continue;
        };
        if let Some(&i) = members.iter().find(|&&i| name(i) == template) {
            out.push((extends.to_owned(), i));
        }
    }
    out
}
