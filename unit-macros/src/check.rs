//! Checks on the lowered family: every unit against `unit_core::validate`, with build options at
//! their defaults, and the rules that need more than one unit.

use std::collections::HashMap;

use unit_core::placeholder::{self, Part};
use unit_core::{validate, Unit};

use crate::errors::Errors;
use crate::lower::Family;

pub fn check(family: &Family, errors: &mut Errors) {
    let defaults: HashMap<&str, &str> = family
        .options
        .iter()
        .map(|o| (o.name.as_str(), o.default.as_str()))
        .collect();
    let mut names: HashMap<&str, &str> = HashMap::new();
    for out in &family.units {
        let unit = &out.unit;
        if let Some(first) = names.insert(&unit.name, &out.daemon) {
            let owner = if first.is_empty() { String::new() } else { format!(" by daemon `{first}`") };
            errors.at(unit.origin.0, format!("unit `{}` is already defined{owner}; each unit is defined once", unit.name));
        }
        for d in validate(&resolve(unit, &defaults)) {
            errors.diag(d);
        }
    }
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
                    Part::Var { name, .. } => values.get(name.as_str()).copied().unwrap_or_default(),
                })
                .collect();
        }
    }
    out
}
