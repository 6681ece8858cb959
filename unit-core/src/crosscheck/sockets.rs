//! A socket activates a service that exists, and a service bound to a socket is the one it
//! activates.

use crate::model::{is_template_name, Diagnostic, Origin, Unit, UnitKind};
use crate::value::split_names;

use super::{template_of, Known};

/// The service a socket activates: its `Service=`, or the service of the same name
/// (`foo@.service` when `Accept=yes`).
pub fn activated_service(socket: &Unit) -> Option<(String, Origin)> {
    if socket.kind() != Some(UnitKind::Socket) {
        return None;
    }
    if let Some(e) = socket.last_set("Socket", "Service") {
        return Some((e.value.clone(), e.origin));
    }
    let stem = socket.name.strip_suffix(".socket")?;
    let accept = accepts(socket);
    let name = if accept {
        format!("{stem}@.service")
    } else {
        format!("{stem}.service")
    };
    Some((name, socket.origin))
}

pub(crate) fn accepts(socket: &Unit) -> bool {
    socket
        .value("Socket", "Accept")
        .is_some_and(|v| crate::value::boolean(v).unwrap_or(false))
}

pub(super) fn check_service(unit: &Unit, known: &Known, out: &mut Vec<Diagnostic>) {
    let Some((service, origin)) = activated_service(unit) else {
        return;
    };
    let explicit = origin != unit.origin;
    let at = |message: String| {
        if explicit {
            Diagnostic::value(origin, message)
        } else {
            Diagnostic::new(origin, message)
        }
    };
    if UnitKind::of_name(&service) != Some(UnitKind::Service) {
        // An explicit `Service=` that names no service is its value's error (systemd's parser
        // refuses it), reported once there.
        if !explicit {
            out.push(at(format!(
                "`Service=` of `{}` names `{service}`, which is not a service; name a `.service` unit",
                unit.name
            )));
        }
        return;
    }
    if accepts(unit) && explicit {
        out.push(at(format!(
            "`{}` has `Accept=yes`, which starts one instance of `{}@.service` per connection; drop `Service=`",
            unit.name,
            unit.name.trim_end_matches(".socket")
        )));
        return;
    }
    // A template socket's instances start the same instance of a template service.
    if !accepts(unit) && is_template_name(&service) && !is_template_name(&unit.name) {
        out.push(at(format!("`Service={service}` names a template service; use `Accept=yes` or name a concrete service")));
        return;
    }
    if !explicit && !known.knows(&service) {
        let message = if accepts(unit) {
            format!(
                "`{}` has `Accept=yes` but there is no template service `{service}`; define it",
                unit.name
            )
        } else {
            format!("`{}` activates `{service}` (the service of the same name), which is not defined; define it or set `Service=`", unit.name)
        };
        out.push(at(message));
    }
}

pub(super) fn check_bound(unit: &Unit, known: &Known, out: &mut Vec<Diagnostic>) {
    if unit.kind() != Some(UnitKind::Service) {
        return;
    }
    let bound = unit
        .sections
        .iter()
        .flat_map(|s| s.entries.iter().map(move |e| (s.name.as_str(), e)))
        .filter(|(s, e)| {
            (*s, e.key.as_str()) == ("Unit", "BindsTo")
                || (*s, e.key.as_str()) == ("Service", "Sockets")
        });
    for (_, entry) in bound {
        for name in split_names(&entry.value) {
            let Some(socket) = known.units.get(name.as_str()) else {
                continue;
            };
            let Some((activated, _)) = activated_service(socket) else {
                continue;
            };
            if activated != unit.name
                && template_of(&unit.name).as_deref() != Some(activated.as_str())
            {
                out.push(Diagnostic::value(
                    entry.origin,
                    format!(
                        "`{}` is bound to `{name}`, but that socket activates `{activated}`; add `Service={}` to the socket or bind to its own socket",
                        unit.name, unit.name
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{messages, service, unit};

    #[test]
    fn sockets_activate_existing_services() {
        let ok = [
            unit("a.socket", &[("Socket", "ListenStream", "/run/a")]),
            service("a.service", &[]),
            unit(
                "b.socket",
                &[
                    ("Socket", "ListenStream", "/run/b"),
                    ("Socket", "Service", "a.service"),
                ],
            ),
            unit(
                "c.socket",
                &[
                    ("Socket", "ListenStream", "/run/c"),
                    ("Socket", "Accept", "yes"),
                ],
            ),
            service("c@.service", &[]),
        ];
        assert_eq!(messages(&ok), Vec::<String>::new());
        let m = messages(&[unit("a.socket", &[("Socket", "ListenStream", "/run/a")])]);
        assert!(
            m[0].contains("(the service of the same name), which is not defined"),
            "{m:?}"
        );
        let m = messages(&[
            unit(
                "a.socket",
                &[
                    ("Socket", "ListenStream", "/run/a"),
                    ("Socket", "Accept", "yes"),
                ],
            ),
            service("a.service", &[]),
        ]);
        assert!(m[0].contains("no template service `a@.service`"), "{m:?}");
        let m = messages(&[
            unit(
                "a.socket",
                &[
                    ("Socket", "ListenStream", "/run/a"),
                    ("Socket", "Accept", "yes"),
                    ("Socket", "Service", "a.service"),
                ],
            ),
            service("a.service", &[]),
        ]);
        assert!(m[0].contains("drop `Service=`"), "{m:?}");
        let m = messages(&[
            unit(
                "a.socket",
                &[
                    ("Socket", "ListenStream", "/run/a"),
                    ("Socket", "Service", "a.target"),
                ],
            ),
            unit("a.target", &[]),
        ]);
        // The value's own check reports it, once.
        assert!(m.iter().all(|x| !x.contains("not a service")), "{m:?}");
    }

    #[test]
    fn bound_services_are_named_back() {
        let units = [
            unit(
                "a.socket",
                &[
                    ("Socket", "ListenStream", "/run/a"),
                    ("Socket", "Service", "b.service"),
                ],
            ),
            service("a.service", &[("Unit", "BindsTo", "a.socket")]),
            service("b.service", &[]),
        ];
        let m = messages(&units);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("activates `b.service`"), "{m:?}");
    }
}
