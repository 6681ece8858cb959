//! Rules that need the whole family: references between units, sockets and their services,
//! install closures, ordering cycles and shared listen addresses. Each `check_*` is one rule.

use std::collections::{HashMap, HashSet};

use crate::model::{Diagnostic, Origin, Unit};
use crate::suggest::closest;
use crate::value::split_words;

/// Units systemd itself provides (systemd.special(7) and the services of systemd 252), which
/// a family may name without defining or declaring them.
pub const SYSTEM_UNITS: &[&str] = &[
    "-.mount",
    "-.slice",
    "basic.target",
    "bluetooth.target",
    "cryptsetup-pre.target",
    "cryptsetup.target",
    "ctrl-alt-del.target",
    "dbus.service",
    "dbus.socket",
    "default.target",
    "display-manager.service",
    "emergency.target",
    "exit.target",
    "final.target",
    "first-boot-complete.target",
    "getty-pre.target",
    "getty.target",
    "graphical.target",
    "halt.target",
    "hibernate.target",
    "hybrid-sleep.target",
    "initrd-fs.target",
    "initrd-root-device.target",
    "initrd-root-fs.target",
    "initrd-usr-fs.target",
    "initrd.target",
    "integritysetup-pre.target",
    "integritysetup.target",
    "kbrequest.target",
    "kexec.target",
    "local-fs-pre.target",
    "local-fs.target",
    "machine.slice",
    "machines.target",
    "multi-user.target",
    "network-online.target",
    "network-pre.target",
    "network.target",
    "nss-lookup.target",
    "nss-user-lookup.target",
    "paths.target",
    "poweroff.target",
    "printer.target",
    "reboot.target",
    "remote-cryptsetup.target",
    "remote-fs-pre.target",
    "remote-fs.target",
    "remote-veritysetup.target",
    "rescue.target",
    "rpcbind.target",
    "shutdown.target",
    "sigpwr.target",
    "sleep.target",
    "slices.target",
    "smartcard.target",
    "sockets.target",
    "sound.target",
    "suspend-then-hibernate.target",
    "suspend.target",
    "swap.target",
    "sysinit.target",
    "system-update-pre.target",
    "system-update.target",
    "system.slice",
    "systemd-journald.service",
    "systemd-journald.socket",
    "systemd-logind.service",
    "systemd-machined.service",
    "systemd-networkd.service",
    "systemd-networkd-wait-online.service",
    "systemd-resolved.service",
    "systemd-timesyncd.service",
    "systemd-udevd.service",
    "time-set.target",
    "time-sync.target",
    "timers.target",
    "umount.target",
    "usb-gadget.target",
    "user.slice",
    "veritysetup-pre.target",
    "veritysetup.target",
];

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

/// The units a family knows: its own and the ones it declares external.
#[derive(Debug)]
pub struct Known<'a> {
    units: HashMap<&'a str, &'a Unit>,
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

    fn knows(&self, name: &str) -> bool {
        let has = |n: &str| {
            self.units.contains_key(n) || self.external.contains(n) || SYSTEM_UNITS.contains(&n)
        };
        has(name) || template_of(name).is_some_and(|t| has(&t))
    }

    fn all_names(&self) -> impl Iterator<Item = &str> {
        self.units
            .keys()
            .copied()
            .chain(self.external.iter().copied())
            .chain(SYSTEM_UNITS.iter().copied())
    }
}

/// `foo@.service` for an instance name `foo@bar.service`.
fn template_of(name: &str) -> Option<String> {
    let (stem, suffix) = name.rsplit_once('.')?;
    let (prefix, instance) = stem.split_once('@')?;
    (!instance.is_empty()).then(|| format!("{prefix}@.{suffix}"))
}

/// Every family-wide diagnostic of `units`, given the `external` unit names.
pub fn check_family<'a>(
    units: &'a [Unit],
    external: impl IntoIterator<Item = &'a str>,
) -> Vec<Diagnostic> {
    let known = Known::new(units, external);
    let mut out = Vec::new();
    for unit in units {
        check_references(unit, &known, &mut out);
    }
    out
}

/// The unit names an entry of `unit` refers to, with the entry's origin.
fn references(unit: &Unit) -> impl Iterator<Item = (&'static str, String, Origin)> + '_ {
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

fn check_references(unit: &Unit, known: &Known, out: &mut Vec<Diagnostic>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Entry;

    fn unit(name: &str, lines: &[(&str, &str, &str)]) -> Unit {
        let mut u = Unit::new(name, Origin(1));
        for (i, (s, k, v)) in lines.iter().enumerate() {
            let origin = Origin(10 + i as u32);
            u.section_mut(s, origin)
                .entries
                .push(Entry::new(*k, *v, origin));
        }
        u
    }

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
