//! The configurations of the family's `#[cfg]`s the checks tell apart: every combination of
//! the predicates that unit versions and drop-ins depend on, and in each, the unit versions
//! and drop-ins that exist there. Predicates are known by their text, as lowering records
//! them, so that what is built here can go to the checks' threads.

use proc_macro2::TokenStream;

use super::super::attrs::{gates, holds, predicates};
use super::super::lower::Family;

/// The value of each predicate, by its key.
pub type Config = Vec<(String, bool)>;

/// How many predicates the configurations combine at most: 64 configurations.
const MAX_KEYS: usize = 6;

/// Whether a unit version made for `variant` belongs to the configuration `config`.
fn agrees(variant: &[(String, bool, TokenStream)], config: &[(String, bool)]) -> bool {
    for (k, v, _) in variant {
        for (ck, cv) in config {
            if ck == k && cv != v {
                return false;
            }
        }
    }
    true
}

/// One configuration as the checks see it: the unit versions and the drop-ins that exist in
/// it, by index.
#[derive(PartialEq)]
pub struct Scenario {
    pub units: Vec<usize>,
    pub dropins: Vec<usize>,
}

/// Each configuration that holds its own set of unit versions and drop-ins: configurations
/// that hold the same ones are one family, checked once.
pub fn scenarios(family: &Family, configs: &[Config]) -> Vec<Scenario> {
    let mut out: Vec<Scenario> = Vec::new();
    for config in configs {
        let mut scenario = Scenario {
            units: Vec::new(),
            dropins: Vec::new(),
        };
        for (i, unit) in family.units.iter().enumerate() {
            if agrees(&unit.variant, config) {
                scenario.units.push(i);
            }
        }
        for (j, dropin) in family.dropins.iter().enumerate() {
            if holds(&dropin.gates, config) {
                scenario.dropins.push(j);
            }
        }
        if !out.contains(&scenario) {
            out.push(scenario);
        }
    }
    out
}

/// Every combination of the predicates that unit versions and then drop-ins depend on (one
/// empty one if none), of [`MAX_KEYS`] at most; a predicate past those is taken to hold
/// everywhere.
pub fn configurations(family: &Family) -> Vec<Config> {
    let mut keys: Vec<&str> = Vec::new();
    for o in &family.units {
        for (k, _, _) in &o.variant {
            if !keys.contains(&k.as_str()) {
                keys.push(k);
            }
        }
    }
    for d in &family.dropins {
        for (k, _) in &d.gates {
            if !keys.contains(&k.as_str()) {
                keys.push(k);
            }
        }
    }
    keys.truncate(MAX_KEYS);
    let mut configs = Vec::new();
    for bits in 0..1u32 << keys.len() {
        let mut config = Config::with_capacity(keys.len());
        for (i, k) in keys.iter().enumerate() {
            config.push((k.to_string(), bits & 1 << i != 0));
        }
        configs.push(config);
    }
    configs
}

/// The sets of drop-ins (by index, among those `wanted` takes) that exist beside unit version
/// `i` in the configurations it exists in, where its version's predicates and its own
/// `#[cfg]`s hold, each set once. A version that exists in none of them is given every
/// wanted drop-in, as one set.
pub fn dropin_sets(
    family: &Family,
    configs: &[Config],
    i: usize,
    wanted: &dyn Fn(usize) -> bool,
) -> Vec<Vec<usize>> {
    let mut mine: Vec<usize> = Vec::new();
    for j in 0..family.dropins.len() {
        if wanted(j) {
            mine.push(j);
        }
    }
    // Without a drop-in, every configuration has the one empty set.
    if mine.is_empty() {
        return vec![mine];
    }
    let out = &family.units[i];
    let own = gates(&predicates(&out.cfgs));
    let mut sets: Vec<Vec<usize>> = Vec::new();
    for config in configs {
        if !agrees(&out.variant, config) || !holds(&own, config) {
            continue;
        }
        let mut set: Vec<usize> = Vec::new();
        for &j in &mine {
            if holds(&family.dropins[j].gates, config) {
                set.push(j);
            }
        }
        if !sets.contains(&set) {
            sets.push(set);
        }
    }
    if sets.is_empty() {
        sets.push(mine);
    }
    sets
}

/// For a message about a configuration without drop-in `j`: which drop-in it lacks and the
/// `#[cfg]` that leaves it out; empty for a drop-in without one.
pub fn left_out(family: &Family, j: usize) -> String {
    let d = &family.dropins[j];
    if d.cfgs.is_empty() {
        return String::new();
    }
    let mut gates = String::new();
    for (i, c) in d.cfgs.iter().enumerate() {
        if i > 0 {
            gates.push_str(" and ");
        }
        gates.push('`');
        gates.push_str(&c.to_string());
        gates.push('`');
    }
    format!(
        " where drop-in `{}.d/{}` is left out by {gates}",
        d.unit.name, d.file
    )
}

/// `message` (a problem, then after `; ` its remedy) with `note` said of the problem.
pub fn noted(message: &str, note: &str) -> String {
    match message.split_once("; ") {
        Some((problem, remedy)) => format!("{problem}{note}; {remedy}"),
        None => format!("{message}{note}"),
    }
}

/// The first drop-in of `with` that some set of `sets` lacks.
pub fn not_everywhere(with: &[usize], sets: &[Vec<usize>]) -> Option<usize> {
    for j in with {
        for s in sets {
            if !s.contains(j) {
                return Some(*j);
            }
        }
    }
    None
}
