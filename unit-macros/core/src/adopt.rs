//! Checks of the items that extend a family for its adopters: drop-ins against the units they
//! extend, and the preset against the family's units.

use std::collections::HashSet;

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
        for s in scenarios {
            if s.dropins.contains(&i) && s.dropins.contains(&j) {
                return true;
            }
        }
        false
    };
    let mut clean: Vec<Option<&Unit>> = vec![None; family.dropins.len()];
    for (j, d) in family.dropins.iter().enumerate() {
        let name = d.unit.name.as_str();
        let mut twice = false;
        for (i, e) in family.dropins[..j].iter().enumerate() {
            if e.unit.name == name && e.file == d.file && together(i, j) {
                twice = true;
                break;
            }
        }
        if twice {
            errors.at(
                d.site,
                format!(
                    "drop-in `{name}.d/{}` is defined twice; merge them into one",
                    d.file
                ),
            );
        }
        let known = |n: &str| {
            family.units.iter().any(|u| u.unit.name == n)
                || family.externals.iter().any(|e| e.name == n)
        };
        let template_known = match template_of(name) {
            Some(template) => known(&template),
            None => false,
        };
        if !known(name) && !template_known {
            let mut names = Vec::with_capacity(family.units.len());
            for u in &family.units {
                names.push(u.unit.name.as_str());
            }
            let hint = match unit_core::suggest::closest_in(name, &names) {
                Some(s) => format!("did you mean `{s}`? or "),
                None => String::new(),
            };
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
    // The problems reported, each once.
    let mut seen: Vec<(unit_core::Origin, String)> = Vec::new();
    let mut judged = HashSet::new();
    for scenario in scenarios {
        let mut table: Vec<(&str, &str, &Unit)> = Vec::new();
        for &j in &scenario.dropins {
            if let Some(unit) = clean[j] {
                let d = &family.dropins[j];
                table.push((d.unit.name.as_str(), d.file.as_str(), unit));
            }
        }
        if table.is_empty() {
            continue;
        }
        for (name, base) in assembled_bases(family, &scenario.units, &table) {
            let ordered: Vec<(&str, &Unit)> = dropin::in_order(&name, &table);
            if ordered.is_empty() {
                continue;
            }
            let mut files: Vec<&str> = Vec::with_capacity(ordered.len());
            let mut origins: Vec<u32> = Vec::with_capacity(ordered.len());
            let mut units: Vec<&Unit> = Vec::with_capacity(ordered.len());
            for (f, u) in ordered {
                files.push(f);
                origins.push(u.origin.0);
                units.push(u);
            }
            if !judged.insert((name.clone(), base, files, origins)) {
                continue;
            }
            let base = checks.unit(base);
            for &target in &targets {
                for diag in dropin::check_assembled(base, &name, &units, target) {
                    let said = seen
                        .iter()
                        .any(|(o, m)| *o == diag.origin && *m == diag.message);
                    if !said {
                        seen.push((diag.origin, diag.message.clone()));
                        errors.diag(diag);
                    }
                }
            }
        }
    }
    let mut units: Vec<(&str, bool)> = Vec::with_capacity(family.units.len());
    for u in &family.units {
        let install = match u.unit.section("Install") {
            Some(s) => !s.entries.is_empty(),
            None => false,
        };
        units.push((u.unit.name.as_str(), install));
    }
    for r in &family.preset {
        let mut instances: Vec<&str> = Vec::with_capacity(r.instances.len());
        for i in &r.instances {
            instances.push(i);
        }
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
    let has = |out: &[(String, usize)], n: &str| out.iter().any(|(o, _)| o == n);
    let mut out: Vec<(String, usize)> = Vec::new();
    for &i in members {
        if !has(&out, name(i)) {
            out.push((name(i).to_owned(), i));
        }
    }
    for &(extends, _, _) in dropins {
        if has(&out, extends) {
            continue;
        }
        let Some(template) = template_of(extends) else {
            continue;
        };
        for &i in members {
            if name(i) == template {
                out.push((extends.to_owned(), i));
                break;
            }
        }
    }
    out
}
