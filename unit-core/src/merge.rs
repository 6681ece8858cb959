//! Merging directives into a unit, directive by directive.
//!
//! List directives append after the values already there; single-valued directives may be set
//! once, and replacing a value already there needs [`Op::Override`]. [`Op::Remove`] takes out one
//! value and [`Op::Reset`] all values of a directive (systemd's empty assignment, applied when
//! merging so the rendered file holds only the result). New entries go at the end of their
//! section, so a template's directives come first and a daemon's extras follow in their order.

use crate::model::{Diagnostic, Entry, Origin, Unit};
use crate::validate::directive;

/// What a change does to the unit it is applied to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Appends to a list, or sets a single-valued directive that has no value yet.
    Set,
    /// Replaces the value of a single-valued directive.
    Override,
    /// Removes one exact value.
    Remove,
    /// Removes every value of the directive.
    Reset,
}

/// One directive to merge into a section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The section, e.g. `Unit`.
    pub section: String,
    /// The entry; its value is ignored for [`Op::Reset`].
    pub entry: Entry,
    /// What to do with it.
    pub op: Op,
    /// Where the section was opened, used if the change creates the section.
    pub section_origin: Origin,
}

impl Change {
    /// A change of `op` kind.
    pub fn new(section: impl Into<String>, entry: Entry, op: Op) -> Self {
        let section_origin = entry.origin;
        Change {
            section: section.into(),
            entry,
            op,
            section_origin,
        }
    }
}

/// Applies `changes` in order to `unit`. `base` names what `unit` held before, for messages
/// (e.g. ``template `virtd_service` ``). A change that breaks a rule is reported and skipped.
pub fn merge(unit: &mut Unit, changes: Vec<Change>, base: &str) -> Vec<Diagnostic> {
    let mut before: Vec<(String, Vec<crate::Origin>)> = Vec::new();
    for s in &unit.sections {
        let mut origins = Vec::new();
        for e in &s.entries {
            origins.push(e.origin);
        }
        before.push((s.name.clone(), origins));
    }
    let from_base = |section: &str, entry: &Entry| {
        before
            .iter()
            .any(|(s, origins)| s == section && origins.contains(&entry.origin))
    };
    let mut out = Vec::new();
    for change in changes {
        let Change {
            section,
            entry,
            op,
            section_origin,
        } = change;
        let key = entry.key.clone();
        // `ExecStart=` accumulates as systemd reads it; whether the service may have several is
        // judged on the whole unit once it is assembled, not on the lines merged so far.
        let list = directive(&section, &key).is_none_or(|d| d.list);
        let target = unit.section_mut(&section, section_origin);
        let same_key = |e: &Entry| e.key == key;
        let origin = entry.origin;
        let mut report = |message: String| out.push(Diagnostic::new(origin, message));
        match op {
            Op::Set if list && entry.value.is_empty() => target.entries.push(entry),
            // systemd appends a value given twice; only an extra that repeats what the base
            // already lists is a mistake of the definition.
            Op::Set if list => match target
                .entries
                .iter()
                .rev()
                .filter(|e| same_key(e))
                .take_while(|e| !e.value.is_empty())
                .find(|e| e.value == entry.value && from_base(&section, e))
            {
                Some(_) => report(format!(
                    "`{key}={}` is already listed by {base}; remove this repeat",
                    entry.value
                )),
                None => target.entries.push(entry),
            },
            // An empty assignment before it resets the directive: no second value.
            Op::Set => match target
                .entries
                .iter()
                .rev()
                .find(|e| same_key(e))
                .filter(|e| !e.value.is_empty())
            {
                Some(old) if from_base(&section, old) => report(format!(
                    "`{key}=` is already set to `{}` by {base}; write `override {key} = ...` to replace it",
                    old.value
                )),
                Some(_) => report(format!(
                    "`{key}=` is set twice in `[{section}]` but takes one value; remove one, or write `override {key} = ...` to replace the earlier one"
                )),
                None => target.entries.push(entry),
            },
            // A command line replaces the ones before it: systemd's reset, then the new value.
            Op::Override if key == "ExecStart" => {
                if target.entries.iter().any(same_key) {
                    target.entries.retain(|e| !same_key(e));
                    target.entries.push(entry);
                } else {
                    report(format!(
                        "`override {key}` has nothing to replace: {base} does not set `{key}=`; drop `override`"
                    ));
                }
            }
            Op::Override if list => report(format!(
                "`{key}=` takes a list, so `override` does not apply; use `remove {key} = ...` or `reset {key}`"
            )),
            Op::Override => match target.entries.iter_mut().find(|e| same_key(e)) {
                Some(old) => *old = entry,
                None => report(format!(
                    "`override {key}` has nothing to replace: {base} does not set `{key}=`; drop `override`"
                )),
            },
            Op::Remove => match target
                .entries
                .iter()
                .position(|e| same_key(e) && e.value == entry.value)
            {
                Some(i) => {
                    target.entries.remove(i);
                }
                None => report(format!(
                    "`remove {key}` has nothing to remove: {base} has no `{key}={}`",
                    entry.value
                )),
            },
            Op::Reset => {
                let len = target.entries.len();
                target.entries.retain(|e| !same_key(e));
                if target.entries.len() == len {
                    report(format!(
                        "`reset {key}` has nothing to reset: {base} does not set `{key}=`; drop it"
                    ));
                }
            }
        }
    }
    unit.sections
        .retain(|s| !s.entries.is_empty() || before.iter().any(|(n, _)| *n == s.name));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Unit {
        let mut u = Unit::new("a.service", Origin(1));
        let unit = u.section_mut("Unit", Origin(2));
        unit.entries
            .push(Entry::new("After", "x.service", Origin(3)));
        let service = u.section_mut("Service", Origin(4));
        service
            .entries
            .push(Entry::new("Type", "notify", Origin(5)));
        service
            .entries
            .push(Entry::new("Restart", "on-failure", Origin(6)));
        u
    }

    fn change(section: &str, key: &str, value: &str, op: Op, origin: u32) -> Change {
        Change::new(section, Entry::new(key, value, Origin(origin)), op)
    }

    fn lines(u: &Unit) -> Vec<String> {
        u.sections
            .iter()
            .flat_map(|s| {
                s.entries
                    .iter()
                    .map(move |e| format!("{}:{}={}", s.name, e.key, e.value))
            })
            .collect()
    }

    #[test]
    fn lists_append_after_the_base() {
        let mut u = base();
        let d = merge(
            &mut u,
            vec![
                change("Service", "KillMode", "process", Op::Set, 10),
                change("Unit", "After", "y.service", Op::Set, 11),
                change("Install", "WantedBy", "multi-user.target", Op::Set, 12),
            ],
            "template `t`",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            lines(&u),
            [
                "Unit:After=x.service",
                "Unit:After=y.service",
                "Service:Type=notify",
                "Service:Restart=on-failure",
                "Service:KillMode=process",
                "Install:WantedBy=multi-user.target"
            ]
        );
    }

    #[test]
    fn single_values_need_override() {
        let mut u = base();
        let d = merge(
            &mut u,
            vec![change("Service", "Type", "simple", Op::Set, 10)],
            "template `t`",
        );
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message
                .contains("already set to `notify` by template `t`"),
            "{d:?}"
        );
        assert_eq!(d[0].origin, Origin(10));
        assert_eq!(u.value("Service", "Type"), Some("notify"));

        let d = merge(
            &mut u,
            vec![change("Service", "Type", "simple", Op::Override, 11)],
            "t",
        );
        assert!(d.is_empty());
        assert_eq!(lines(&u)[1], "Service:Type=simple");

        let d = merge(
            &mut u,
            vec![change("Service", "KillMode", "process", Op::Override, 12)],
            "t",
        );
        assert!(d[0].message.contains("nothing to replace"));
        let d = merge(
            &mut u,
            vec![change("Unit", "After", "z.service", Op::Override, 13)],
            "t",
        );
        assert!(d[0].message.contains("takes a list"));
    }

    #[test]
    fn duplicates_are_refused() {
        let mut u = base();
        let d = merge(
            &mut u,
            vec![change("Unit", "After", "x.service", Op::Set, 10)],
            "template `t`",
        );
        assert!(
            d[0].message.contains("already listed by template `t`"),
            "{d:?}"
        );
        let d = merge(
            &mut u,
            vec![
                change("Service", "KillMode", "process", Op::Set, 11),
                change("Service", "KillMode", "mixed", Op::Set, 12),
                change("Unit", "Wants", "y.service", Op::Set, 13),
                change("Unit", "Wants", "y.service", Op::Set, 14),
            ],
            "t",
        );
        // systemd appends a value listed twice in one body; only a repeat of the base's is
        // refused.
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("set twice"));
        assert_eq!(u.values("Unit", "Wants"), ["y.service", "y.service"]);
    }

    #[test]
    fn override_takes_the_last_value_and_replaces_command_lines() {
        let mut u = base();
        let d = merge(
            &mut u,
            vec![
                change("Service", "KillMode", "process", Op::Set, 10),
                change("Service", "KillMode", "mixed", Op::Override, 11),
                change("Service", "ExecStart", "/bin/a", Op::Set, 12),
                change("Service", "ExecStart", "/bin/b", Op::Set, 13),
                change("Service", "ExecStart", "/bin/c", Op::Override, 14),
                change("Service", "ExecStop", "/bin/c", Op::Override, 15),
            ],
            "t",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("`ExecStop=` takes a list"), "{d:?}");
        assert_eq!(u.values("Service", "KillMode"), ["mixed"]);
        assert_eq!(u.values("Service", "ExecStart"), ["/bin/c"]);
    }

    #[test]
    fn remove_and_reset() {
        let mut u = base();
        let d = merge(
            &mut u,
            vec![
                change("Unit", "After", "x.service", Op::Remove, 10),
                change("Service", "Restart", "", Op::Reset, 11),
                change("Unit", "After", "q.service", Op::Remove, 12),
                change("Service", "KillMode", "", Op::Reset, 13),
            ],
            "t",
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].origin, Origin(12));
        assert_eq!(lines(&u), ["Service:Type=notify"]);
    }
}
