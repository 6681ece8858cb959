//! The rules one unit must follow on its own. Each `check_*` is one rule.

use crate::catalog::{self, catalog, Directive, Lookup, Target};
use crate::model::{Diagnostic, Entry, Section, Unit, UnitKind};
use crate::parsers::{self, Cx};
use crate::suggest::{closest, closest_in};
use crate::{text, value};

mod release;
use release::{check_release, newer_release};

/// Every diagnostic of `unit` for [`Target::DEFAULT`], in file order within each rule.
pub fn validate(unit: &Unit) -> Vec<Diagnostic> {
    validate_for(unit, Target::DEFAULT)
}

/// Every diagnostic of `unit` for the systemd releases of `target`.
pub fn validate_for(unit: &Unit, target: Target) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(kind) = check_lines(unit, target, &mut out) else {
        return out;
    };
    // A single-valued directive given twice takes the last value and a list value given
    // twice is appended twice, as systemd reads them; a definition's repeats are judged where
    // they are merged (`merge`).
    match kind {
        UnitKind::Service => check_service(unit, target, &mut out),
        UnitKind::Socket => check_socket(unit, &mut out),
        _ => {}
    }
    crate::load::check(unit, &mut out);
    in_source_order(out)
}

/// The diagnostics of each line of `unit` on its own (its section, directive and value), not
/// of what the lines make together: what a drop-in is judged by before it is merged.
pub fn validate_lines(unit: &Unit, target: Target) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_lines(unit, target, &mut out);
    in_source_order(out)
}

/// `out` by origin, the diagnostics of one line in the order they were found.
fn in_source_order(mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    out.sort_by_key(|d| d.origin);
    out
}

fn check_lines(unit: &Unit, target: Target, out: &mut Vec<Diagnostic>) -> Option<UnitKind> {
    let kind = check_name(unit, out)?;
    for section in &unit.sections {
        if !check_section(unit, kind, section, out) {
            continue;
        }
        for entry in &section.entries {
            if let Some(directive) = check_directive(kind, section, entry, target, out) {
                check_value(unit, &directive, entry, target, out);
            }
        }
    }
    Some(kind)
}

pub use crate::catalog::{directive, home_section};

fn check_name(unit: &Unit, out: &mut Vec<Diagnostic>) -> Option<UnitKind> {
    if let Err(e) = value::unit_name(&unit.name) {
        out.push(Diagnostic::new(unit.origin, e));
        return None;
    }
    if unit.name.contains('%') {
        out.push(Diagnostic::new(
            unit.origin,
            format!(
                "unit name `{}` contains `%`; specifiers are not expanded in file names",
                unit.name
            ),
        ));
    }
    unit.kind()
}

fn check_section(
    unit: &Unit,
    kind: UnitKind,
    section: &Section,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let name = section.name.as_str();
    if kind.sections().contains(&name) {
        return true;
    }
    if name.starts_with("X-") {
        // systemd ignores extension sections.
        return false;
    }
    let message = if catalog().sections().contains(&name) {
        let hint = match kind.own_section() {
            Some(own) => format!("use `[{own}]`, `[Unit]` or `[Install]`"),
            None => "use `[Unit]` or `[Install]`".to_owned(),
        };
        format!(
            "section `[{name}]` is not valid in a `.{kind}` unit like `{}`; {hint}",
            unit.name
        )
    } else {
        match closest_in(name, catalog().sections()) {
            Some(s) => format!("unknown section `[{name}]`; did you mean `[{s}]`?"),
            None => format!(
                "unknown section `[{name}]`; sections are `[Unit]`, `[Install]` and the unit type's own"
            ),
        }
    };
    out.push(Diagnostic::new(section.origin, message));
    false
}

fn check_directive(
    kind: UnitKind,
    section: &Section,
    entry: &Entry,
    target: Target,
    out: &mut Vec<Diagnostic>,
) -> Option<Directive> {
    let (name, key) = (section.name.as_str(), entry.key.as_str());
    let home = match catalog::find(name, key, Some(kind), target) {
        Lookup::Found(d) => return Some(d),
        Lookup::Version {
            since,
            removed,
            renamed,
        } => {
            let targets = target.describe();
            let message = match (since, removed, renamed) {
                (Some(v), _, _) => {
                    format!("`{key}=` needs systemd {v}; this family targets {targets}")
                }
                (None, Some(v), Some(new)) => format!(
                    "`{key}=` was renamed `{new}=` in systemd {v}; this family targets {targets}, so use `{new}=`"
                ),
                (None, Some(v), None) => format!(
                    "`{key}=` was removed in systemd {v}; this family targets {targets}, so remove it"
                ),
                (None, None, _) => format!(
                    "`{key}=` is not known to every release of {targets}; remove it or narrow the target"
                ),
            };
            out.push(Diagnostic::new(entry.origin, message));
            return None;
        }
        _ if key.starts_with("X-") => return None,
        Lookup::Elsewhere { home, allowed } => Some((home, allowed)),
        Lookup::Unknown => None,
    };
    let message = if let Some((home, true)) = home {
        format!("`{key}` belongs in `[{home}]`, not `[{name}]`; move it there")
    } else if let Some((home, false)) = home {
        format!("`{key}` is a `[{home}]` directive and has no place in a `.{kind}` unit; remove it")
    } else {
        let names = catalog().directives_in(name).map(|d| d.name);
        match closest(key, names) {
            Some(s) => format!("unknown directive `{key}` in `[{name}]`; did you mean `{s}`?"),
            None => format!("unknown directive `{key}` in `[{name}]`; see `man systemd.{kind}`"),
        }
    };
    out.push(Diagnostic::new(entry.origin, message));
    None
}

fn check_value(
    unit: &Unit,
    directive: &Directive,
    entry: &Entry,
    target: Target,
    out: &mut Vec<Diagnostic>,
) {
    let cx = Cx {
        unit: &unit.name,
        section: directive.section,
        key: directive.name,
        ltype: directive.ltype,
        version: target.reference(),
    };
    if directive.parser == "warn_compat" {
        // The directive itself is gone, whatever its value.
        out.push(Diagnostic::new(
            entry.origin,
            format!(
                "`{}` is no longer supported: systemd {} ignores it with a warning; remove it",
                directive.name, cx.version
            ),
        ));
        return;
    }
    if let Err(e) = check_release(directive, &cx, &entry.value, target) {
        out.push(Diagnostic::value(entry.origin, e));
        return;
    }
    let result =
        text::check_line(&entry.value).and_then(|()| parsers::check(directive, &cx, &entry.value));
    if let Err(e) = result {
        let message = newer_release(directive, &cx, &entry.value, target)
            .unwrap_or_else(|| format!("invalid `{}=`: {e}", entry.key));
        out.push(Diagnostic::value(entry.origin, message));
    }
}

fn check_service(unit: &Unit, target: Target, out: &mut Vec<Diagnostic>) {
    let cx = Cx {
        unit: &unit.name,
        section: "Service",
        key: "ExecStart",
        ltype: "SERVICE_EXEC_START",
        version: target.reference(),
    };
    let mut starts = 0;
    let mut second = None;
    for e in unit.current("Service", "ExecStart") {
        starts += parsers::exec::commands(&cx, &e.value);
        if starts > 1 && second.is_none() {
            second = Some(e);
        }
    }
    let has_in = |s: &str, k: &str| unit.values(s, k).iter().any(|v| !v.is_empty());
    let has = |k: &str| has_in("Service", k);
    // Without `Type=`, systemd makes a service without `ExecStart=` (and without `BusName=`)
    // a oneshot one.
    let oneshot = match unit.value("Service", "Type") {
        Some(t) => t == "oneshot",
        None => starts == 0 && !has("BusName"),
    };
    if starts == 0 && !oneshot {
        out.push(Diagnostic::new(
            unit.origin,
            format!(
                "service `{}` has no `ExecStart=`; add one (only `Type=oneshot` may go without)",
                unit.name
            ),
        ));
    } else if starts == 0 && !has("ExecStop") && !has_in("Unit", "SuccessAction") {
        out.push(Diagnostic::new(
            unit.origin,
            format!(
                "service `{}` has no `ExecStart=`, `ExecStop=` or `SuccessAction=`; add one of them",
                unit.name
            ),
        ));
    }
    if let (Some(e), false) = (second, oneshot) {
        let what = if parsers::exec::commands(&cx, &e.value) > 1 {
            "a `;` that starts a second command"
        } else {
            "a second command"
        };
        out.push(Diagnostic::new(
            e.origin,
            format!(
                "`ExecStart=` is given {what}, and systemd refuses to load a service with more than one unless `Type=oneshot`; keep one, or replace the earlier with `override ExecStart = ...` (in a drop-in, `reset ExecStart;` first)"
            ),
        ));
    }
    let restart = unit.value("Service", "Restart").unwrap_or("no");
    if oneshot && matches!(restart, "always" | "on-success") {
        let at = unit
            .sections
            .iter()
            .flat_map(|s| s.entries.iter())
            .rfind(|e| e.key == "Restart")
            .map_or(unit.origin, |e| e.origin);
        out.push(Diagnostic::value(
            at,
            format!("`Restart={restart}` is not allowed with `Type=oneshot`; use `on-failure` or drop it"),
        ));
    }
}

/// The `[Socket]` directives that make a socket listen.
pub const LISTEN_DIRECTIVES: &[&str] = &[
    "ListenStream",
    "ListenDatagram",
    "ListenSequentialPacket",
    "ListenFIFO",
    "ListenSpecial",
    "ListenNetlink",
    "ListenMessageQueue",
    "ListenUSBFunction",
];

fn check_socket(unit: &Unit, out: &mut Vec<Diagnostic>) {
    let listens = unit.any_left("Socket", LISTEN_DIRECTIVES);
    if !listens {
        out.push(Diagnostic::new(
            unit.origin,
            format!(
                "socket `{}` does not listen on anything; add a `ListenStream=` or another `Listen*=`",
                unit.name
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    use crate::model::test_unit as unit;

    fn messages(u: &Unit) -> Vec<String> {
        validate(u).into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn a_correct_service_passes() {
        let u = unit(
            "virtlogd.service",
            &[
                ("Unit", "Description", "libvirt logging daemon"),
                ("Unit", "After", "virtlogd.socket"),
                ("Service", "Type", "notify"),
                ("Service", "ExecStart", "/usr/sbin/virtlogd $VIRTLOGD_ARGS"),
                ("Install", "WantedBy", "multi-user.target"),
            ],
        );
        assert_eq!(messages(&u), Vec::<String>::new());
    }

    #[test]
    fn unknown_and_misplaced() {
        let u = unit(
            "a.service",
            &[
                ("Service", "ExecStrat", "/bin/a"),
                ("Service", "ListenStream", "/run/a"),
                ("Socket", "ListenStream", "/run/a"),
                ("Servce", "Type", "simple"),
                ("Unit", "WantedBy", "x.target"),
            ],
        );
        let m = messages(&u);
        assert!(m[0].contains("no `ExecStart=`"), "{m:?}");
        assert!(m[1].contains("did you mean `ExecStart`?"), "{m:?}");
        assert!(
            m[2].contains("`ListenStream` is a `[Socket]` directive"),
            "{m:?}"
        );
        assert!(m[3].contains("not valid in a `.service` unit"), "{m:?}");
        assert!(m[4].contains("did you mean `[Service]`?"), "{m:?}");
        assert!(m[5].contains("belongs in `[Install]`"), "{m:?}");
        assert_eq!(validate(&u)[1].origin, Origin(10));
    }

    #[test]
    fn values_are_typed() {
        let u = unit(
            "a.service",
            &[
                ("Service", "ExecStart", "/bin/a"),
                ("Service", "Type", "notfy"),
                ("Service", "RestartSec", "5 parsecs"),
                ("Service", "LimitNOFILE", "9:1"),
                ("Unit", "Description", "bad\nline"),
            ],
        );
        let m = messages(&u);
        assert_eq!(m.len(), 4, "{m:?}");
        assert!(m.iter().all(|m| m.starts_with("invalid `")), "{m:?}");
    }

    #[test]
    fn the_last_value_wins_and_lists_append_as_systemd_reads_them() {
        let u = unit(
            "a.service",
            &[
                ("Service", "ExecStart", "/bin/a"),
                ("Service", "Type", "notify"),
                ("Service", "Type", "simple"),
                ("Unit", "After", "b.service"),
                ("Unit", "After", "b.service"),
                ("Service", "StandardInputText", "a"),
                ("Service", "StandardInputText", "b"),
            ],
        );
        assert_eq!(messages(&u), Vec::<String>::new());
    }

    #[test]
    fn one_command_line_unless_oneshot_in_any_order() {
        let lines = [
            ("Service", "ExecStart", "/bin/a"),
            ("Service", "ExecStart", "/bin/a"),
            ("Service", "Type", "oneshot"),
        ];
        assert_eq!(messages(&unit("a.service", &lines)), Vec::<String>::new());
        let m = messages(&unit("a.service", &lines[..2]));
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("a second command"), "{m:?}");
        assert_eq!(
            validate(&unit("a.service", &lines[..2]))[0].origin,
            Origin(11)
        );
        let semicolon = unit("a.service", &[("Service", "ExecStart", "/bin/a ; /bin/b")]);
        assert!(messages(&semicolon)[0].contains("a `;`"));
        let literal = unit("a.service", &[("Service", "ExecStart", "/bin/a \\; b")]);
        assert_eq!(messages(&literal), Vec::<String>::new());
    }

    #[test]
    fn empty_assignment_resets() {
        let u = unit(
            "a.service",
            &[
                ("Service", "ExecStart", "/bin/a"),
                ("Service", "ExecStart", ""),
                ("Service", "ExecStart", "/bin/b"),
            ],
        );
        assert_eq!(messages(&u), Vec::<String>::new());
    }

    #[test]
    fn required_parts() {
        let s = unit("a.socket", &[("Socket", "SocketMode", "0600")]);
        assert!(messages(&s)[0].contains("does not listen"));
        let oneshot = unit("a.service", &[("Service", "Type", "oneshot")]);
        assert!(messages(&oneshot)[0].contains("`ExecStop=`"));
        let ok = unit(
            "a.service",
            &[
                ("Service", "Type", "oneshot"),
                ("Service", "ExecStop", "/bin/x"),
                ("Service", "RemainAfterExit", "yes"),
            ],
        );
        assert!(messages(&ok).is_empty());
        let two = unit(
            "a.service",
            &[
                ("Service", "Type", "oneshot"),
                ("Service", "ExecStart", "/bin/x"),
                ("Service", "ExecStart", "/bin/y"),
                ("Service", "Restart", "always"),
            ],
        );
        assert_eq!(messages(&two).len(), 1);
        let t = unit("a.target", &[("Unit", "Description", "x")]);
        assert!(messages(&t).is_empty());
    }

    #[test]
    fn names_and_specifiers() {
        assert!(messages(&unit("a.srvice", &[]))[0].contains("did you mean `.service`?"));
        // systemd expands `%i` to nothing outside a template, and takes the line.
        let u = unit("a.service", &[("Service", "ExecStart", "/bin/a %i")]);
        assert!(messages(&u).is_empty());
        let t = unit("a@.service", &[("Service", "ExecStart", "/bin/a %i")]);
        assert!(messages(&t).is_empty());
    }
}

#[cfg(test)]
mod accepted_forms {
    use super::*;

    #[test]
    fn forms_systemd_takes() {
        let text = "[Unit]\nDescription=100% of %q\nConditionMemoryPressure=20%/5min\n\n[Service]\nType=oneshot\nExecStart=/usr/bin/forms ${ARGS} $ARGS\nExecStart=/usr/bin/forms --again\nCapabilityBoundingSet=\nX-Custom=kept\n\n[X-Vendor]\nAnything=goes\n";
        let unit = crate::parse("forms.service", text).unwrap();
        assert_eq!(validate(&unit), Vec::new());
        assert_eq!(crate::render(&unit).unwrap(), text);
    }
}

#[cfg(test)]
mod start_settings {
    use super::*;
    use crate::model::test_unit as unit;

    fn messages(u: &Unit) -> Vec<String> {
        validate(u).into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn timers_paths_and_sockets_need_what_starts_them() {
        let t = unit("a.timer", &[("Timer", "OnCalendar", "daily")]);
        assert!(messages(&t).is_empty());
        let reset = unit(
            "a.timer",
            &[("Timer", "OnCalendar", "daily"), ("Timer", "OnBootSec", "")],
        );
        assert!(messages(&reset)[0].contains("does not say when to elapse"));
        assert!(
            messages(&unit("a.path", &[("Path", "MakeDirectory", "yes")]))[0]
                .contains("does not say what to watch")
        );
        let s = unit(
            "a.socket",
            &[
                ("Socket", "ListenStream", "/run/a"),
                ("Socket", "ListenStream", ""),
            ],
        );
        assert!(messages(&s)[0].contains("does not listen"));
    }
}

#[cfg(test)]
mod corpus_forms {
    use super::*;

    #[test]
    fn forms_real_units_use() {
        for text in [
            // The parser changed between releases; every release takes `yes`.
            "[Service]\nExecStart=/bin/a\nRuntimeDirectoryPreserve=yes\n",
            // No `ExecStart=` and no `Type=`: a oneshot service, kept alive by its action.
            "[Unit]\nSuccessAction=exit-force\n",
        ] {
            let unit = crate::parse("a.service", text).unwrap();
            assert_eq!(validate(&unit), Vec::new(), "{text}");
        }
    }
}

#[cfg(test)]
mod parser_changes {
    use super::*;

    #[test]
    fn a_boolean_that_became_an_enum_keeps_its_booleans() {
        let unit =
            crate::parse("a.service", "[Service]\nExecStart=/bin/a\nPrivateTmp=yes\n").unwrap();
        assert_eq!(validate(&unit), Vec::new());
    }
}
