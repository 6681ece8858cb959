//! Rules that need the whole family: references between units, sockets and their services,
//! install closures, ordering cycles and shared listen addresses. Each module is one rule.

mod implicit;
mod install;
mod listen;
mod ordering;
mod references;
mod sockets;
mod special;
mod triggers;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::model::{Diagnostic, Unit};

pub use implicit::{default_dependencies, triggered, SPECIAL_ORDER};
pub use ordering::{ordering_edges, Edge};
pub use references::{references, REFERENCES};
pub use sockets::activated_service;
pub use special::SYSTEM_UNITS;

/// The units a family knows: its own and the ones it declares external.
#[derive(Debug)]
pub struct Known<'a> {
    pub(crate) units: HashMap<&'a str, &'a Unit>,
    external: HashSet<&'a str>,
}

impl<'a> Known<'a> {
    /// `units` of the family and the names of `external` units.
    pub fn new(units: &'a [Unit], external: impl IntoIterator<Item = &'a str>) -> Self {
        Known {
            units: units.iter().map(|u| (u.name.as_str(), u)).collect(),
            external: external.into_iter().collect(),
        }
    }

    pub(crate) fn knows(&self, name: &str) -> bool {
        let has = |n: &str| {
            self.units.contains_key(n) || self.external.contains(n) || SYSTEM_UNITS.contains(&n)
        };
        has(name) || template_of(name).is_some_and(|t| has(&t))
    }

    pub(crate) fn all_names(&self) -> impl Iterator<Item = &str> {
        self.units
            .keys()
            .copied()
            .chain(self.external.iter().copied())
            .chain(SYSTEM_UNITS.iter().copied())
    }
}

/// `foo@.service` for an instance name `foo@bar.service`, `None` for any other name.
pub fn template_of(name: &str) -> Option<String> {
    let (stem, suffix) = name.rsplit_once('.')?;
    let (prefix, instance) = stem.split_once('@')?;
    (!instance.is_empty()).then(|| format!("{prefix}@.{suffix}"))
}

/// Every family-wide diagnostic of `units`, given the `external` unit names.
pub fn check_family<'a>(
    units: &'a [Unit],
    external: impl IntoIterator<Item = &'a str>,
) -> Vec<Diagnostic> {
    check_extended(units, &[], external)
}

/// Every family-wide diagnostic of `units` as their drop-ins leave them, and of `extended`:
/// units the family does not define that its drop-ins extend (an `extern` unit, an instance
/// of the family's template), each as systemd assembles it. What `extended` units name must
/// exist, and their orderings count towards cycles.
pub fn check_extended<'a>(
    units: &'a [Unit],
    extended: &[Unit],
    external: impl IntoIterator<Item = &'a str>,
) -> Vec<Diagnostic> {
    let known = Known::new(units, external);
    let mut out = Vec::new();
    // Each unit's references are read and their specifiers expanded once, for the rules that
    // follow them and for orderings, in the order orderings take: the family's units, then the
    // units its drop-ins extend.
    let mut written: Vec<Vec<references::Written>> = Vec::new();
    let mut named = Vec::new();
    for unit in units.iter().chain(extended) {
        let w = references::written(unit);
        named.push(references::expanded(unit, &w));
        written.push(w);
    }
    let (written_units, written_extended) = written.split_at(units.len());
    let (named_units, named_extended) = named.split_at(units.len());
    for (i, unit) in extended.iter().enumerate() {
        let (written, named) = (&written_extended[i], &named_extended[i]);
        references::check(unit, written, named, &known, &mut out);
        references::check_self(unit, written, named, &mut out);
    }
    for (i, unit) in units.iter().enumerate() {
        let (written, named) = (&written_units[i], &named_units[i]);
        references::check(unit, written, named, &known, &mut out);
        references::check_self(unit, written, named, &mut out);
        sockets::check_service(unit, &known, &mut out);
        sockets::check_bound(unit, &known, &mut out);
        triggers::check(unit, &known, &mut out);
        install::check_also(unit, &known, &mut out);
    }
    // Orderings count across the family's units and the units its drop-ins extend.
    let all: Cow<[Unit]> = if extended.is_empty() {
        Cow::Borrowed(units)
    } else {
        Cow::Owned(units.iter().chain(extended).cloned().collect())
    };
    ordering::check(&all, &named, &mut out);
    listen::check(units, &mut out);
    out.dedup();
    out
}

#[cfg(test)]
pub(crate) mod testing {
    use super::check_family;
    pub(crate) use crate::model::test_unit as unit;
    use crate::model::Unit;

    pub(crate) fn messages(units: &[Unit]) -> Vec<String> {
        check_family(units, [])
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    pub(crate) fn service(name: &str, lines: &[(&str, &str, &str)]) -> Unit {
        let mut all = vec![("Service", "ExecStart", "/bin/x")];
        all.extend_from_slice(lines);
        unit(name, &all)
    }
}

#[cfg(test)]
mod tests {
    use super::check_family;
    use crate::model::test_unit as unit;

    #[test]
    fn references_resolve_or_suggest() {
        let units = [
            unit(
                "a.service",
                &[
                    ("Unit", "After", "b.socket network.target"),
                    ("Unit", "Wants", "x.service"),
                ],
            ),
            unit(
                "b.socket",
                &[
                    ("Socket", "Service", "a2.service"),
                    ("Install", "Also", "c@tty1.service"),
                ],
            ),
            unit("c@.service", &[]),
        ];
        let d = check_family(&units, ["x.service"]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("did you mean `a.service`?"), "{d:?}");
        assert!(d[0].on_value);
        let d = check_family(&units, []);
        assert_eq!(d.len(), 2, "{d:?}");
    }
}
