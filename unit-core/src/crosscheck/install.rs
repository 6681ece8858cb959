//! `Also=` names units that can be enabled.

use crate::model::{Diagnostic, Unit};
use crate::value::split_names;

use super::Known;

fn installable(unit: &Unit) -> bool {
    for key in ["WantedBy", "RequiredBy", "Alias", "Also"] {
        for e in unit.entries("Install", key) {
            if !e.value.is_empty() {
                return true;
            }
        }
    }
    false
}

pub(super) fn check_also(unit: &Unit, known: &Known, out: &mut Vec<Diagnostic>) {
    for entry in unit.entries("Install", "Also") {
        for name in split_names(&entry.value) {
            if let Some(target) = known.units.get(name.as_str()) {
                if !installable(target) {
                    out.push(Diagnostic::value(
                        entry.origin,
                        format!("`Also={name}` names a unit with no `[Install]` section, so enabling does nothing; add `WantedBy=` to `{name}` or drop this line"),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{messages, service};

    #[test]
    fn also_needs_an_install_section() {
        let units = [
            service("a.service", &[("Install", "Also", "b.service")]),
            service("b.service", &[]),
        ];
        let m = messages(&units);
        assert!(m[0].contains("no `[Install]` section"), "{m:?}");
        let units = [
            service("a.service", &[("Install", "Also", "b.service")]),
            service("b.service", &[("Install", "WantedBy", "multi-user.target")]),
        ];
        assert!(messages(&units).is_empty());
    }
}
