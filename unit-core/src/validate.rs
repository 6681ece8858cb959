//! The rules one unit must follow on its own. Each `check_*` is one rule.

use crate::catalog::{self, catalog, Directive, Lookup, Target};
use crate::model::{Diagnostic, Entry, Section, Unit, UnitKind};
use crate::parsers::{self, Cx};
use crate::suggest::closest;
use crate::{text, value};

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
    out.sort_by_key(|d| d.origin);
    out
}

/// The diagnostics of each line of `unit` on its own (its section, directive and value), not
/// of what the lines make together: what a drop-in is judged by before it is merged.
pub fn validate_lines(unit: &Unit, target: Target) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_lines(unit, target, &mut out);
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

/// The section `key` belongs in for a unit of `kind`: one the kind allows if possible.
pub fn home_section(kind: Option<UnitKind>, key: &str) -> Option<&'static str> {
    let homes = catalog().sections_of(key);
    let allowed = kind.map(UnitKind::sections).unwrap_or_default();
    homes
        .iter()
        .find(|h| allowed.contains(h))
        .or_else(|| homes.iter().find(|h| **h == "Service"))
        .or(homes.first())
        .copied()
}

/// The catalog entry for `key` in `section`, if any.
pub fn directive(section: &str, key: &str) -> Option<Directive> {
    catalog().get(section, key)
}

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
        match closest(name, catalog().sections().iter().copied()) {
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
    match catalog::lookup(name, key, target) {
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
        Lookup::Unknown => {}
    }
    if key.starts_with("X-") {
        return None;
    }
    let home = home_section(Some(kind), key);
    let message = if let Some(home) = home.filter(|h| kind.sections().contains(h)) {
        format!("`{key}` belongs in `[{home}]`, not `[{name}]`; move it there")
    } else if let Some(home) = home {
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

/// For a value the target's oldest release refuses: the message naming the later release
/// whose parser takes it (`PrivateTmp=disconnected` is 257's), if one does.
fn newer_release(
    directive: &Directive,
    cx: &Cx<'_>,
    value: &str,
    target: Target,
) -> Option<String> {
    if value.is_empty() {
        return None;
    }
    let (section, key) = (directive.section, directive.name);
    let (i, v) = catalog::VERSIONS
        .iter()
        .enumerate()
        .filter(|(_, v)| **v > cx.version)
        .find(|&(i, &v)| {
            catalog::rows(section, key).iter().any(|r| {
                let later = Directive {
                    parser: r.parser,
                    ltype: r.ltype,
                    ..*directive
                };
                let cx = Cx {
                    version: v,
                    ltype: r.ltype,
                    ..*cx
                };
                r.mask & 1 << i != 0
                    && text::check_line(value).is_ok()
                    && parsers::judge(&later, &cx, value).is_some_and(|r| r.is_ok())
            })
        })?;
    let documented = catalog::table::VALUE_SINCE
        .iter()
        .find(|(s, k, x, _)| *s == section && *k == key && *x == value)
        .map(|t| t.3)
        .filter(|d| *d > cx.version && *d <= *v);
    let targets = target.describe();
    Some(match (documented, i.checked_sub(1).map(|b| catalog::VERSIONS[b])) {
        (Some(since), _) => format!("`{key}={value}` needs systemd {since}; this family targets {targets}"),
        (None, Some(b)) if b > cx.version => format!(
            "`{key}={value}` needs a systemd newer than {b} ({v} has it); this family targets {targets}"
        ),
        (None, _) => format!(
            "`{key}={value}` needs a systemd newer than {} ({v} has it); this family targets {targets}",
            cx.version
        ),
    })
}

/// A value that only some releases of the target take (`Type=notify-reload` before 253).
fn check_release(
    directive: &Directive,
    cx: &Cx<'_>,
    value: &str,
    target: Target,
) -> Result<(), String> {
    let (section, key) = (directive.section, directive.name);
    let documented = catalog::table::VALUE_SINCE
        .iter()
        .find(|(s, k, v, _)| *s == section && *k == key && *v == value)
        .map(|t| t.3);
    // Each release reads the value with its own parser (`RuntimeDirectoryPreserve=` changed
    // parser between releases): the releases that take it are the union over the rows.
    let rows = catalog::rows(section, key);
    let releases = rows
        .iter()
        .filter_map(|r| {
            if parsers::basic::is_enum_parser(r.parser) {
                parsers::basic::enum_releases(r.parser, value).map(|m| m & r.mask)
            } else if rows.len() == 1 {
                // One parser in every release: it judges the value below.
                Some(r.mask)
            } else {
                // Each release's own parser judges the value (`PrivateTmp=` was a boolean
                // before 257); a parser not modelled takes it.
                let release = Directive {
                    parser: r.parser,
                    ltype: r.ltype,
                    ..*directive
                };
                let taken = catalog::VERSIONS
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| r.mask & 1 << i != 0)
                    .filter(|&(_, &version)| {
                        let cx = Cx {
                            version,
                            ltype: r.ltype,
                            ..*cx
                        };
                        parsers::judge(&release, &cx, value).is_none_or(|v| v.is_ok())
                    })
                    .fold(0u8, |m, (i, _)| m | 1 << i);
                Some(taken)
            }
        })
        .reduce(|a, b| a | b)
        .filter(|m| *m != 0);
    let want = target.mask();
    let targets = target.describe();
    if let Some(have) = releases {
        if have & want != want {
            let first = catalog::VERSIONS
                .iter()
                .enumerate()
                .find(|(i, _)| have & 1 << i != 0)
                .map(|(_, v)| *v);
            let removed = catalog::VERSIONS
                .iter()
                .enumerate()
                .find(|(i, v)| want & 1 << i != 0 && have & 1 << i == 0 && Some(**v) > first)
                .map(|(_, v)| *v);
            return Err(match (removed, documented.or(first)) {
                (Some(r), _) if first.is_some_and(|f| f <= target.min) => format!(
                    "`{key}={value}` was removed in systemd {r}; this family targets {targets}"
                ),
                (_, Some(since)) if documented.is_some() => {
                    format!("`{key}={value}` needs systemd {since}; this family targets {targets}")
                }
                (_, Some(since)) => {
                    let before = catalog::VERSIONS.iter().rfind(|v| **v < since);
                    match before {
                        Some(b) => format!(
                            "`{key}={value}` needs a systemd newer than {b} ({since} has it); this family targets {targets}"
                        ),
                        None => format!(
                            "`{key}={value}` needs systemd {since}; this family targets {targets}"
                        ),
                    }
                }
                _ => format!("`{key}={value}` is not taken by every release of {targets}"),
            });
        }
    }
    if let Some(since) = documented.filter(|v| *v > target.min && releases.is_some()) {
        return Err(format!(
            "`{key}={value}` needs systemd {since}; this family targets {targets}"
        ));
    }
    Ok(())
}

/// The entries of `key` in `section` after its last empty assignment.
fn current<'a>(unit: &'a Unit, section: &str, key: &str) -> Vec<&'a Entry> {
    let all: Vec<&Entry> = unit
        .sections
        .iter()
        .filter(|s| s.name == section)
        .flat_map(|s| s.entries.iter())
        .filter(|e| e.key == key)
        .collect();
    let from = all
        .iter()
        .rposition(|e| e.value.is_empty())
        .map_or(0, |i| i + 1);
    all[from..].to_vec()
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
    for e in current(unit, "Service", "ExecStart") {
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

/// Whether one of `keys` in `section` still has a value at the end. An empty assignment of
/// any of them clears them all, as systemd's listen, timer and path parsers do.
fn any_left(unit: &Unit, section: &str, keys: &[&str]) -> bool {
    let mut left = false;
    for entry in unit
        .sections
        .iter()
        .filter(|s| s.name == section)
        .flat_map(|s| s.entries.iter())
        .filter(|e| keys.contains(&e.key.as_str()))
    {
        left = !entry.value.is_empty();
    }
    left
}

fn check_socket(unit: &Unit, out: &mut Vec<Diagnostic>) {
    let listens = any_left(unit, "Socket", LISTEN_DIRECTIVES);
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
mod release_tests {
    use super::*;
    use crate::model::test_unit as unit;

    fn messages_for(u: &Unit, target: Target) -> Vec<String> {
        validate_for(u, target)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn values_and_directives_newer_than_the_target() {
        let u = unit(
            "a.service",
            &[
                ("Service", "Type", "notify-reload"),
                ("Service", "ExecStart", "/bin/a"),
            ],
        );
        let m = messages_for(&u, Target::from(252));
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].starts_with("`Type=notify-reload` needs "), "{m:?}");
        assert!(
            m[0].ends_with("this family targets systemd 252 and later"),
            "{m:?}"
        );
        assert!(messages_for(&u, Target::from(253)).is_empty());
        let e = unit(
            "a.service",
            &[
                ("Service", "OpenFile", "/etc/a"),
                ("Service", "ExecStart", "/bin/a"),
            ],
        );
        let m = messages_for(&e, Target::from(252));
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].starts_with("`OpenFile=` needs systemd 253"), "{m:?}");
    }

    #[test]
    fn values_a_later_parser_takes_name_the_release() {
        let u = unit(
            "a.service",
            &[
                ("Service", "PrivateTmp", "disconnected"),
                ("Service", "ExecStart", "/bin/a"),
            ],
        );
        let m = messages_for(&u, Target::from(252));
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(
            m[0],
            "`PrivateTmp=disconnected` needs systemd 257; this family targets systemd 252 and later"
        );
        assert!(messages_for(&u, Target::from(257)).is_empty());
        let typo = unit(
            "a.service",
            &[
                ("Service", "PrivateTmp", "disconected"),
                ("Service", "ExecStart", "/bin/a"),
            ],
        );
        let m = messages_for(&typo, Target::from(252));
        assert!(m[0].starts_with("invalid `PrivateTmp=`"), "{m:?}");
    }

    #[test]
    fn enum_values_with_suggestions() {
        let u = unit(
            "a.service",
            &[
                ("Service", "Type", "notfy"),
                ("Service", "ExecStart", "/bin/a"),
            ],
        );
        let m = messages_for(&u, Target::DEFAULT);
        assert!(m[0].contains("did you mean `notify`?"), "{m:?}");
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

#[cfg(test)]
mod release_values {
    use super::*;
    use crate::catalog::table::{ENUMS, ENUM_PARSERS, ROWS};
    use crate::model::{test_unit, Origin};

    /// Every enum value a release after 252 added to a directive 252 has is refused under a
    /// 252 target with the release named, never as an invalid value.
    #[test]
    fn every_later_enum_value_names_its_release() {
        let old = 1u8 << 1; // 252
        let mut checked = 0;
        for row in ROWS.iter().filter(|r| r.mask & !0b11 != 0) {
            if catalog::releases(row.section, row.name) & old == 0 {
                continue;
            }
            let unit_name = match row.section {
                "Unit" | "Install" | "Service" => "a.service".to_owned(),
                s => format!("a.{}", s.to_ascii_lowercase()),
            };
            for ep in ENUM_PARSERS.iter().filter(|p| p.parser == row.parser) {
                let Some(table) = ENUMS.iter().find(|t| t.name == ep.table) else {
                    continue;
                };
                for (value, mask) in table.values {
                    let taken_by_252 = catalog::rows(row.section, row.name).iter().any(|r| {
                        r.mask & old != 0
                            && if parsers::basic::is_enum_parser(r.parser) {
                                parsers::basic::enum_releases(r.parser, value)
                                    .is_some_and(|m| m & old != 0)
                            } else {
                                let d = catalog::lookup(row.section, row.name, Target::from(252));
                                let Lookup::Found(d) = d else { return true };
                                let cx = Cx {
                                    unit: &unit_name,
                                    section: row.section,
                                    key: row.name,
                                    ltype: r.ltype,
                                    version: 252,
                                };
                                parsers::judge(&d, &cx, value).is_none_or(|v| v.is_ok())
                            }
                    });
                    if mask & ep.mask & row.mask & !0b11 == 0 || taken_by_252 {
                        continue;
                    }
                    let u = test_unit(&unit_name, &[(row.section, row.name, value)]);
                    let m: Vec<String> = validate_for(&u, Target::from(252))
                        .into_iter()
                        .filter(|d| d.origin == Origin(10))
                        .map(|d| d.message)
                        .collect();
                    let head = format!("`{}={value}` ", row.name);
                    assert!(
                        m.len() == 1 && m[0].starts_with(&head) && m[0].contains("needs"),
                        "{}.{}={value}: {m:?}",
                        row.section,
                        row.name
                    );
                    checked += 1;
                }
            }
        }
        eprintln!("{checked} values checked");
        assert!(checked > 20, "{checked}");
    }
}
