//! Checks of the items that extend a family for its adopters: drop-ins against the units they
//! extend, and the preset against the family's units.

use std::collections::BTreeSet;

use unit_core::{dropin, preset};

use super::check::{defaults, resolve, targets_for};
use super::errors::Errors;
use super::lower::Family;

pub fn check(family: &Family, errors: &mut Errors) {
    let defaults = defaults(family);
    let targets = targets_for(family, &[]);
    let mut paths = BTreeSet::new();
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
        let own = family.units.iter().find(|u| u.unit.name == name);
        let external = family.externals.iter().any(|e| e.name == name);
        if own.is_none() && !external {
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
        let base = own.map(|u| resolve(&u.unit, &defaults));
        let unit = resolve(&d.unit, &defaults);
        for &target in &targets {
            for diag in dropin::check(&unit, base.as_ref(), target) {
                errors.diag(diag);
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
