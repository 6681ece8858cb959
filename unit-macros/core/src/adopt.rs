//! Checks of the items that extend a family for its adopters: drop-ins against the units they
//! extend, and the preset against the family's units.

use std::collections::BTreeSet;

use unit_core::crosscheck::template_of;
use unit_core::{dropin, preset, Unit};

use super::check::{defaults, resolve, targets_for};
use super::errors::Errors;
use super::lower::Family;

pub fn check(family: &Family, errors: &mut Errors) {
    let defaults = defaults(family);
    let targets = targets_for(family, &[]);
    let mut paths = BTreeSet::new();
    let mut clean = Vec::new();
    for d in &family.dropins {
        let name = d.unit.name.as_str();
        if !paths.insert((name, d.file.as_str())) {
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
        let unit = resolve(&d.unit, &defaults);
        let mut ok = true;
        for &target in &targets {
            for diag in dropin::check_lines(&unit, target) {
                ok = false;
                errors.diag(diag);
            }
        }
        if ok {
            clean.push((name, d.file.as_str(), unit));
        }
    }
    // Each unit of the family, and each instance a drop-in is written for, as systemd
    // assembles it from its lines and every drop-in that applies to it, in file-name order.
    let table: Vec<(&str, &str, &Unit)> = clean.iter().map(|(n, f, u)| (*n, *f, u)).collect();
    let mut seen = BTreeSet::new();
    for (name, base) in assembled_bases(family, &table) {
        let ordered: Vec<&Unit> = dropin::in_order(&name, &table)
            .into_iter()
            .map(|(_, u)| u)
            .collect();
        if ordered.is_empty() {
            continue;
        }
        let base = resolve(base, &defaults);
        for &target in &targets {
            for diag in dropin::check_assembled(&base, &name, &ordered, target) {
                if seen.insert((diag.origin, diag.message.clone())) {
                    errors.diag(diag);
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

/// The units drop-ins are judged in, by name, with the family's unit each is assembled from:
/// every unit of the family, and every instance of a family template that a drop-in names.
pub fn assembled_bases<'a>(
    family: &'a Family,
    dropins: &[(&str, &str, &Unit)],
) -> Vec<(String, &'a Unit)> {
    let mut out: Vec<(String, &'a Unit)> = Vec::new();
    for u in &family.units {
        if !out.iter().any(|(n, _)| *n == u.unit.name) {
            out.push((u.unit.name.clone(), &u.unit));
        }
    }
    for &(name, _, _) in dropins {
        if out.iter().any(|(n, _)| n == name) {
            continue;
        }
        let Some(template) = template_of(name) else {
            continue;
        };
        if let Some(u) = family.units.iter().find(|u| u.unit.name == template) {
            out.push((name.to_owned(), &u.unit));
        }
    }
    out
}
