//! What systemd 252 refuses when it loads one unit (the `*_verify()` functions of
//! `src/core/{service,socket,timer,path,mount,automount}.c`), and an `Alias=` that
//! `systemctl enable` refuses. Each `check_*` is one rule.

use crate::model::{Diagnostic, Entry, Unit, UnitKind};
use crate::value::split_names;

/// Every load-time refusal of `unit`.
pub fn check(unit: &Unit, out: &mut Vec<Diagnostic>) {
    let Some(kind) = unit.kind() else {
        return;
    };
    check_alias(unit, kind, out);
    check_default_instance(unit, out);
    if unit.name.contains('@') && !TEMPLATED.contains(&kind) {
        out.push(Diagnostic::new(
            unit.origin,
            format!(
                "`{}` cannot be loaded: systemd has no templates or instances of `.{kind}` units; drop the `@`",
                unit.name
            ),
        ));
        return;
    }
    check_log_namespace(unit, out);
    match kind {
        UnitKind::Scope => out.push(Diagnostic::new(
            unit.origin,
            format!(
                "`{}` cannot be a unit file: systemd creates scopes at run time only and does not load them from files; use a `.service`, or a `.slice` to group processes",
                unit.name
            ),
        )),
        UnitKind::Service => check_service(unit, out),
        UnitKind::Socket => {
            check_accept(unit, out);
            check_socket_paths(unit, out);
        }
        UnitKind::Timer => check_trigger_settings(unit, "Timer", TIMER_SETTINGS, out),
        UnitKind::Path => check_trigger_settings(unit, "Path", PATH_SETTINGS, out),
        UnitKind::Mount => check_where(unit, "Mount", ".mount", out),
        UnitKind::Automount => check_where(unit, "Automount", ".automount", out),
        _ => {}
    }
}

/// Whether every specifier in `value` has one value for the system manager running `unit`
/// (`%t` is `/run`, `%n` the unit's name), unlike `%H` or a template's `%i`.
fn fixed_specifiers(value: &str, unit: &str) -> bool {
    let instance = unit
        .rsplit_once('.')
        .and_then(|(stem, _)| stem.split_once('@'))
        .is_some_and(|(_, i)| !i.is_empty());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        match chars.next() {
            Some('i' | 'I') if !instance => return false,
            Some(
                '%' | 't' | 'S' | 'C' | 'L' | 'E' | 'T' | 'V' | 'n' | 'N' | 'p' | 'P' | 'j' | 'J'
                | 'i' | 'I',
            ) => {}
            _ => return false,
        }
    }
    true
}

/// The unit types that may be templates (`unit_type_may_template()`); systemd refuses to
/// load a unit of another type whose name has an `@`.
const TEMPLATED: &[UnitKind] = &[
    UnitKind::Service,
    UnitKind::Socket,
    UnitKind::Target,
    UnitKind::Timer,
    UnitKind::Path,
];

/// The longest `LogNamespace=` whose journal sockets fit in a socket address: the longest,
/// `/run/systemd/journal.NAME/io.systemd.journal`, must stay within the 107 bytes of
/// `sun_path` before its NUL.
pub const LOG_NAMESPACE_MAX: usize = 107 - "/run/systemd/journal./io.systemd.journal".len();

fn check_log_namespace(unit: &Unit, out: &mut Vec<Diagnostic>) {
    let Some(kind) = unit.kind() else { return };
    let Some(e) = kind
        .own_section()
        .and_then(|s| last(unit, s, "LogNamespace"))
    else {
        return;
    };
    if e.value.len() > LOG_NAMESPACE_MAX && !e.value.contains('%') {
        out.push(Diagnostic::value(
            e.origin,
            format!(
                "`LogNamespace={}` is {} characters long, too long for the journal's socket paths (at most {LOG_NAMESPACE_MAX}): systemd refuses to load `systemd-journald@{}.socket`, so `{}` cannot start; use a shorter name",
                e.value,
                e.value.len(),
                e.value,
                unit.name
            ),
        ));
    }
}

/// Socket paths with a `..` component: systemd refuses to load the socket
/// (`unit_require_mounts_for()` wants a normalized path once `.` and `//` are dropped).
fn check_socket_paths(unit: &Unit, out: &mut Vec<Diagnostic>) {
    const PATHS: &[&str] = &[
        "ListenStream",
        "ListenDatagram",
        "ListenSequentialPacket",
        "ListenFIFO",
        "ListenSpecial",
    ];
    for key in PATHS {
        for e in unit.current("Socket", key) {
            let path = e.value.as_str();
            if path.starts_with('/') && path.split('/').any(|c| c == "..") {
                out.push(Diagnostic::value(
                    e.origin,
                    format!(
                        "`{key}={path}` has a `..` component, and systemd refuses to load a socket whose path is not normalized; write the path without `..`"
                    ),
                ));
            }
        }
    }
}

/// The last entry of `key` in `section` with a value.
fn last<'a>(unit: &'a Unit, section: &str, key: &str) -> Option<&'a Entry> {
    let e = unit.last_entry(section, key)?;
    if e.value.is_empty() {
        None
    } else {
        Some(e)
    }
}

fn yes(unit: &Unit, section: &str, key: &str) -> bool {
    last(unit, section, key).is_some_and(|e| crate::value::boolean(&e.value).unwrap_or(false))
}

fn check_service(unit: &Unit, out: &mut Vec<Diagnostic>) {
    let service_type = last(unit, "Service", "Type").map(|e| e.value.as_str());
    let oneshot = service_type == Some("oneshot");
    // A second `ExecStart=` outside `Type=oneshot` is reported by `validate`.
    let starts = unit.current("Service", "ExecStart");
    if let (Some(t), None) = (
        last(unit, "Service", "Type").filter(|e| e.value == "dbus"),
        last(unit, "Service", "BusName"),
    ) {
        out.push(Diagnostic::value(
            t.origin,
            "`Type=dbus` needs `BusName=`, the D-Bus name the service takes, and systemd refuses to load the service without it; add `BusName=`",
        ));
    }
    if oneshot {
        if let Some(e) = last(unit, "Service", "RestartForceExitStatus") {
            out.push(Diagnostic::new(
                e.origin,
                "`RestartForceExitStatus=` is not allowed with `Type=oneshot`, and systemd refuses to load this service; remove it",
            ));
        }
        if let Some(e) = last(unit, "Service", "ExitType").filter(|e| e.value == "cgroup") {
            out.push(Diagnostic::value(
                e.origin,
                "`ExitType=cgroup` is not allowed with `Type=oneshot`, and systemd refuses to load this service; remove it",
            ));
        }
    }
    let stops = !unit.current("Service", "ExecStop").is_empty();
    let success = last(unit, "Unit", "SuccessAction").is_some_and(|e| e.value != "none");
    if oneshot && starts.is_empty() && stops && !success && !yes(unit, "Service", "RemainAfterExit")
    {
        out.push(Diagnostic::new(
            unit.origin,
            format!(
                "service `{}` has only `ExecStop=`, which systemd refuses unless `RemainAfterExit=yes`; add `RemainAfterExit=yes`",
                unit.name
            ),
        ));
    }
}

/// Directives that make a socket listen on something that is not a connection-oriented
/// socket, so it cannot accept connections.
const NON_ACCEPTING: &[&str] = &[
    "ListenDatagram",
    "ListenFIFO",
    "ListenSpecial",
    "ListenNetlink",
    "ListenMessageQueue",
    "ListenUSBFunction",
];

fn check_accept(unit: &Unit, out: &mut Vec<Diagnostic>) {
    let Some(accept) = last(unit, "Socket", "Accept") else {
        return;
    };
    if !crate::value::boolean(&accept.value).unwrap_or(false) {
        return;
    }
    let mut listens = None;
    for k in NON_ACCEPTING {
        if let Some(e) = unit.current("Socket", k).first() {
            listens = Some((*k, *e));
            break;
        }
    }
    if let Some((key, e)) = listens {
        out.push(Diagnostic::value(
            accept.origin,
            format!(
                "`Accept=yes` needs connection sockets, but `{key}={}` cannot accept connections, so systemd refuses to load this socket; drop `Accept=yes` or listen with `ListenStream=`",
                e.value
            ),
        ));
    }
}

const TIMER_SETTINGS: &[&str] = &[
    "OnActiveSec",
    "OnBootSec",
    "OnStartupSec",
    "OnUnitActiveSec",
    "OnUnitInactiveSec",
    "OnCalendar",
];

const PATH_SETTINGS: &[&str] = &[
    "PathExists",
    "PathExistsGlob",
    "PathChanged",
    "PathModified",
    "DirectoryNotEmpty",
];

fn check_trigger_settings(unit: &Unit, section: &str, keys: &[&str], out: &mut Vec<Diagnostic>) {
    // An empty assignment of any of them clears them all, as systemd's timer and path
    // parsers do.
    let set = unit.any_left(section, keys)
        || (section == "Timer"
            && (yes(unit, "Timer", "OnClockChange") || yes(unit, "Timer", "OnTimezoneChange")));
    if !set {
        let what = if section == "Timer" {
            "when to elapse; add `OnCalendar=`, `OnBootSec=` or another `On*=`"
        } else {
            "what to watch; add `PathExists=`, `PathChanged=` or another path setting"
        };
        out.push(Diagnostic::new(
            unit.origin,
            format!(
                "`{}` does not say {what} (systemd refuses to load it without one)",
                unit.name
            ),
        ));
    }
}

/// The unit name systemd gives a path (`unit_name_from_path()`): `/srv/data` is
/// `srv-data.mount`.
pub fn name_from_path(path: &str, suffix: &str) -> String {
    let parts = crate::parsers::c::components(path);
    if parts.is_empty() {
        return format!("-{suffix}");
    }
    let joined = parts.join("/");
    let mut out = String::with_capacity(joined.len() + suffix.len());
    for (i, b) in joined.bytes().enumerate() {
        let plain = b.is_ascii_alphanumeric() || b == b':' || b == b'_' || (b == b'.' && i > 0);
        match b {
            b'/' => out.push('-'),
            _ if plain => out.push(char::from(b)),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push_str(suffix);
    out
}

fn check_where(unit: &Unit, section: &str, suffix: &str, out: &mut Vec<Diagnostic>) {
    let Some(place) = last(unit, section, "Where") else {
        return;
    };
    // `Where=` is read with every specifier expanded (`%t/x` is `/run/x`), then simplified.
    let cx = crate::parsers::Cx {
        unit: &unit.name,
        section,
        key: "Where",
        ltype: "0",
        version: crate::catalog::Target::DEFAULT.reference(),
    };
    let Ok(path) =
        crate::parsers::spec::expand(&cx, &place.value, crate::parsers::spec::Table::Full)
    else {
        return;
    };
    if !fixed_specifiers(&place.value, &unit.name) {
        return;
    }
    let expected = name_from_path(&path, suffix);
    if expected != unit.name {
        out.push(Diagnostic::value(
            place.origin,
            format!(
                "`Where={}` does not match the unit's name `{}`, and systemd refuses to load it; name the unit `{expected}` or mount where its name says",
                place.value, unit.name
            ),
        ));
    } else if section == "Automount" && expected == "-.automount" {
        out.push(Diagnostic::value(
            place.origin,
            "an automount cannot be for the root directory, and systemd refuses to load it; remove this unit",
        ));
    }
}

/// `DefaultInstance=` on a unit that is no template: `systemctl enable` ignores the line with
/// a warning ("only makes sense for template units"); like every line systemd ignores, it is
/// refused.
fn check_default_instance(unit: &Unit, out: &mut Vec<Diagnostic>) {
    if unit.is_template() {
        return;
    }
    for e in unit.entries("Install", "DefaultInstance") {
        out.push(Diagnostic::new(
            e.origin,
            format!(
                "`DefaultInstance=` only means something in a template such as `foo@.service`, and `systemctl enable` ignores it in `{}`; remove it",
                unit.name
            ),
        ));
    }
}

fn check_alias(unit: &Unit, kind: UnitKind, out: &mut Vec<Diagnostic>) {
    for e in unit.entries("Install", "Alias") {
        for alias in split_names(&e.value) {
            if alias.contains('%') {
                continue;
            }
            let other = UnitKind::of_name(&alias);
            let template = unit.is_template();
            if alias.contains('@') != template {
                let (want, example) = if template {
                    (
                        "a template may be aliased only as a template or one of its instances",
                        "`x@.service`",
                    )
                } else {
                    (
                        "a unit that is no template may be aliased only as another plain name",
                        "`x.service`",
                    )
                };
                out.push(Diagnostic::value(
                    e.origin,
                    format!(
                        "`Alias={alias}` does not fit `{}`, and `systemctl enable` refuses it: {want}, e.g. {example}",
                        unit.name
                    ),
                ));
                continue;
            }
            if other.is_some_and(|k| k != kind) {
                let stem = alias.rsplit_once('.').map_or(alias.as_str(), |(s, _)| s);
                out.push(Diagnostic::value(
                    e.origin,
                    format!(
                        "`Alias={alias}` has another suffix than `{}`, and `systemctl enable` refuses it; an alias keeps the unit's type, e.g. `{stem}.{kind}`",
                        unit.name
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_unit as unit;

    fn messages(u: &Unit) -> Vec<String> {
        let mut out = Vec::new();
        check(u, &mut out);
        out.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn mount_names_follow_where() {
        assert_eq!(name_from_path("/srv/data", ".mount"), "srv-data.mount");
        assert_eq!(name_from_path("/", ".mount"), "-.mount");
        assert_eq!(
            name_from_path("/var/lib/my-app/", ".mount"),
            "var-lib-my\\x2dapp.mount"
        );
        assert_eq!(name_from_path("/.hidden", ".mount"), "\\x2ehidden.mount");
        let ok = unit(
            "srv-data.mount",
            &[
                ("Mount", "What", "/dev/sda1"),
                ("Mount", "Where", "/srv/data"),
            ],
        );
        assert!(messages(&ok).is_empty());
        let bad = unit(
            "srv-data.mount",
            &[
                ("Mount", "What", "/dev/sda1"),
                ("Mount", "Where", "/srv/other"),
            ],
        );
        assert!(messages(&bad)[0].contains("name the unit `srv-other.mount`"));
        let root = unit("-.automount", &[("Automount", "Where", "/")]);
        assert!(messages(&root)[0].contains("root directory"));
    }

    #[test]
    fn where_after_specifiers_and_simplification() {
        let at = |name: &str, place: &str| {
            messages(&unit(
                name,
                &[("Mount", "What", "/dev/a"), ("Mount", "Where", place)],
            ))
        };
        // systemd 252: `x.mount` with `Where=%t/x` is refused ("Where= setting doesn't
        // match unit name"); `run-x.mount`, `a-b.mount` with `/a/./b` and `etc.mount` with
        // `//etc` load.
        assert!(at("x.mount", "%t/x")[0].contains("name the unit `run-x.mount`"));
        assert!(at("run-x.mount", "%t/x").is_empty());
        assert!(at("a-b.mount", "/a/./b").is_empty());
        assert!(at("etc.mount", "//etc").is_empty());
        assert!(at("x.mount", "/%H").is_empty());
    }

    #[test]
    fn names_paths_and_namespaces_systemd_refuses() {
        assert!(messages(&unit("foo@bar.slice", &[]))[0].contains("no templates or instances"));
        assert!(messages(&unit("foo@bar.service", &[])).is_empty());
        let up = unit("a.socket", &[("Socket", "ListenStream", "/run/../x")]);
        assert!(messages(&up)[0].contains("`..` component"));
        let dot = unit("a.socket", &[("Socket", "ListenStream", "/run/./x")]);
        assert!(messages(&dot).is_empty());
        let ns = |n: usize| unit("a.service", &[("Service", "LogNamespace", &"a".repeat(n))]);
        assert!(messages(&ns(67)).is_empty());
        assert!(messages(&ns(68))[0].contains("too long"));
        let plain = unit(
            "a.service",
            &[
                ("Install", "Alias", "x@.service"),
                ("Install", "DefaultInstance", "x"),
            ],
        );
        let m = messages(&plain);
        assert_eq!(m.len(), 2, "{m:?}");
        let template = unit(
            "a@.service",
            &[
                ("Install", "Alias", "x@.service"),
                ("Install", "Alias", "x@b.service"),
                ("Install", "DefaultInstance", ""),
            ],
        );
        assert!(messages(&template).is_empty());
        assert_eq!(
            messages(&unit("a@.service", &[("Install", "Alias", "x.service")])).len(),
            1
        );
    }

    #[test]
    fn refusals() {
        assert_eq!(messages(&unit("a.scope", &[])).len(), 1);
        let dbus = unit(
            "a.service",
            &[
                ("Service", "Type", "dbus"),
                ("Service", "ExecStart", "/bin/a"),
            ],
        );
        assert!(messages(&dbus)[0].contains("needs `BusName=`"));
        let named = unit(
            "a.service",
            &[
                ("Service", "Type", "dbus"),
                ("Service", "BusName", "org.a"),
                ("Service", "ExecStart", "/bin/a"),
            ],
        );
        assert!(messages(&named).is_empty());
        let reset = unit(
            "a.service",
            &[
                ("Service", "ExecStart", "/bin/a"),
                ("Service", "ExecStart", ""),
                ("Service", "ExecStart", "/bin/b"),
            ],
        );
        assert!(messages(&reset).is_empty());
        let datagram = unit(
            "a.socket",
            &[
                ("Socket", "ListenDatagram", "/run/a"),
                ("Socket", "Accept", "yes"),
            ],
        );
        assert!(messages(&datagram)[0].contains("`ListenDatagram=/run/a` cannot accept"));
        let stream = unit(
            "a.socket",
            &[
                ("Socket", "ListenStream", "/run/a"),
                ("Socket", "Accept", "yes"),
            ],
        );
        assert!(messages(&stream).is_empty());
        let alias = unit("a.service", &[("Install", "Alias", "b.socket")]);
        assert!(messages(&alias)[0].contains("`b.service`"));
        let timer = unit("a.timer", &[("Timer", "Persistent", "yes")]);
        assert!(messages(&timer)[0].contains("when to elapse"));
        let clock = unit("a.timer", &[("Timer", "OnClockChange", "yes")]);
        assert!(messages(&clock).is_empty());
        let path = unit("a.path", &[("Path", "MakeDirectory", "yes")]);
        assert!(messages(&path)[0].contains("what to watch"));
    }
}
