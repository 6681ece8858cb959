//! A timer or path unit activates a unit that exists: the one its `Unit=` names (checked as a
//! reference) or the service of the same name.

use crate::model::{Diagnostic, Unit};

use super::implicit::triggered;
use super::Known;

pub(super) fn check(unit: &Unit, known: &Known, out: &mut Vec<Diagnostic>) {
    let Some((target, origin)) = triggered(unit) else {
        return;
    };
    if target == unit.name {
        out.push(Diagnostic::value(
            origin,
            format!(
                "`{}` would activate itself; name the unit it should start in `Unit=`",
                unit.name
            ),
        ));
        return;
    }
    if origin == unit.origin && !known.knows(&target) {
        let kind = unit.kind().map_or("unit".to_owned(), |k| k.to_string());
        out.push(Diagnostic::new(
            origin,
            format!(
                "{kind} `{}` activates `{target}` (the service of the same name), which is not defined, so there is nothing to start; define it or set `Unit=`",
                unit.name
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{messages, service, unit};

    #[test]
    fn timers_need_a_unit_to_activate() {
        let lone = [unit("a.timer", &[("Timer", "OnCalendar", "daily")])];
        let m = messages(&lone);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("nothing to start"), "{m:?}");
        let paired = [
            unit("a.timer", &[("Timer", "OnCalendar", "daily")]),
            service("a.service", &[]),
        ];
        assert!(messages(&paired).is_empty());
        let named = [
            unit(
                "a.path",
                &[("Path", "PathExists", "/x"), ("Path", "Unit", "b.service")],
            ),
            service("b.service", &[]),
        ];
        assert!(messages(&named).is_empty());
        let itself = [unit(
            "a.timer",
            &[
                ("Timer", "OnCalendar", "daily"),
                ("Timer", "Unit", "a.timer"),
            ],
        )];
        let m = messages(&itself);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("activate itself"), "{m:?}");
    }
}
