//! Every unit a unit names is in the family, declared external or one of systemd's own.

use crate::model::{Diagnostic, Origin, Unit};
use crate::suggest::closest;
use crate::value::split_words;

use super::Known;

/// Directives whose values name other units: (section, directive).
pub const REFERENCES: &[(&str, &str)] = &[
    ("Unit", "Requires"),
    ("Unit", "Requisite"),
    ("Unit", "Wants"),
    ("Unit", "BindsTo"),
    ("Unit", "PartOf"),
    ("Unit", "Upholds"),
    ("Unit", "After"),
    ("Unit", "Before"),
    ("Unit", "Conflicts"),
    ("Unit", "OnFailure"),
    ("Unit", "OnSuccess"),
    ("Unit", "PropagatesReloadTo"),
    ("Unit", "ReloadPropagatedFrom"),
    ("Unit", "PropagatesStopTo"),
    ("Unit", "StopPropagatedFrom"),
    ("Unit", "JoinsNamespaceOf"),
    ("Install", "Also"),
    ("Install", "WantedBy"),
    ("Install", "RequiredBy"),
    ("Socket", "Service"),
    ("Service", "Sockets"),
    ("Timer", "Unit"),
    ("Path", "Unit"),
];

/// The unit names `unit` refers to, as (directive, name, origin of the entry).
pub fn references(unit: &Unit) -> impl Iterator<Item = (&'static str, String, Origin)> + '_ {
    REFERENCES.iter().flat_map(move |&(section, key)| {
        unit.sections
            .iter()
            .filter(move |s| s.name == section)
            .flat_map(|s| s.entries.iter())
            .filter(move |e| e.key == key)
            .flat_map(move |e| {
                split_words(&e.value)
                    .unwrap_or_default()
                    .into_iter()
                    .map(move |name| (key, name, e.origin))
            })
    })
}

pub(super) fn check(unit: &Unit, known: &Known, out: &mut Vec<Diagnostic>) {
    for (key, name, origin) in references(unit) {
        if name.contains('%') || known.knows(&name) || crate::value::unit_name(&name).is_err() {
            continue;
        }
        let hint = closest(&name, known.all_names())
            .map(|s| {
                format!(
                    "did you mean `{s}`? If it comes from another package, declare it in `extern`"
                )
            })
            .unwrap_or_else(|| {
                "define it, or declare it in `extern` with the package that provides it".into()
            });
        out.push(Diagnostic::value(
            origin,
            format!("`{key}=` names `{name}`, which is not a unit of this family; {hint}"),
        ));
    }
}
