//! The project's verdict on each case: `unit_core::parse`, then `unit_core::validate` for the
//! systemd release being compared with (what a family that targets just that release gets).

use std::collections::{BTreeSet, HashMap};

use unit_core::Origin;

use super::cases::{Case, UnitFile};
use super::Verdict;

/// The messages of `parse` + `validate` on `unit`: those on its tested line, and the others.
fn said(unit: &UnitFile) -> (Vec<String>, Vec<String>) {
    let parsed = match unit_core::parse(&unit.name, &unit.text) {
        Ok(u) => u,
        Err(e) => return (vec![format!("parse: {e}")], Vec::new()),
    };
    let mut on_line = Vec::new();
    let mut other = Vec::new();
    let release = super::systemd_release();
    let target = unit_core::catalog::Target {
        min: release,
        max: release,
    };
    for d in unit_core::validate::validate_for(&parsed, target) {
        if unit.line != 0 && d.origin == Origin(unit.line as u32) {
            on_line.push(d.message);
        } else {
            other.push(d.message);
        }
    }
    (on_line, other)
}

fn normalize(message: &str, unit: &UnitFile, id: usize) -> String {
    message
        .replace(&unit.name, "@NAME@")
        .replace(&format!("dx{id:06}"), "@ID@")
}

/// The project's verdict on every case: rejected when a diagnostic is on the tested line, the
/// file does not parse, or a unit-wide diagnostic appears that the base unit does not have.
pub fn verdicts(cases: &[(usize, &Case)]) -> Vec<Verdict> {
    let mut bases: HashMap<String, BTreeSet<String>> = HashMap::new();
    cases
        .iter()
        .map(|&(id, case)| {
            let base = case.unit(id, false);
            let key = normalize(&base.text, &base, id) + &normalize(&base.name, &base, id);
            let base_said = bases.entry(key).or_insert_with(|| {
                let (a, b) = said(&base);
                a.iter()
                    .chain(&b)
                    .map(|m| normalize(m, &base, id))
                    .collect()
            });
            let unit = case.unit(id, true);
            let (mut rejections, other) = said(&unit);
            rejections.extend(
                other
                    .into_iter()
                    .filter(|m| !base_said.contains(&normalize(m, &unit, id))),
            );
            if rejections.is_empty() {
                Verdict::accepted(String::new())
            } else {
                Verdict::rejected(rejections.join(" | "))
            }
        })
        .collect()
}

/// Messages the project gives a base unit, which must have none: a case's verdict is about
/// its line only when the unit around it is valid.
pub fn base_messages(case: &Case, id: usize) -> Vec<String> {
    let (a, b) = said(&case.unit(id, false));
    a.into_iter().chain(b).collect()
}
