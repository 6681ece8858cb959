//! Every unit a unit names is in the family, declared external or one of systemd's own.

use crate::model::{Diagnostic, Origin, Unit};
use crate::suggest::closest;
use crate::value::split_names;

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

/// `name` with the unit-name specifiers of `unit` expanded (`%n`, `%N`, `%p`, `%P`, `%j`,
/// `%J`, and `%i`, `%I` in an instance), `%%` as `%`; specifiers whose value is not known
/// before the unit runs (`%i` in a template, `%H`, `%m`, ...) are left as they are.
pub fn expand_specifiers(name: &str, unit: &str) -> String {
    if !name.contains('%') {
        return name.to_owned();
    }
    let stem = unit.rsplit_once('.').map_or(unit, |(s, _)| s);
    let (prefix, instance) = match stem.split_once('@') {
        Some((p, i)) => (p, Some(i).filter(|i| !i.is_empty())),
        None => (stem, None),
    };
    let last = prefix.rsplit_once('-').map_or(prefix, |(_, l)| l);
    let unescape = |s: &str| s.replace('-', "/");
    let mut out = String::with_capacity(name.len());
    let mut chars = name.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(spec) = chars.next() else {
            out.push('%');
            break;
        };
        match (spec, instance) {
            ('%', _) => out.push_str("%%"),
            ('n', _) => out.push_str(unit),
            ('N', _) => out.push_str(stem),
            ('p', _) => out.push_str(prefix),
            ('P', _) => out.push_str(&unescape(prefix)),
            ('j', _) => out.push_str(last),
            ('J', _) => out.push_str(&unescape(last)),
            ('i', Some(i)) => out.push_str(i),
            ('I', Some(i)) => out.push_str(&unescape(i)),
            (other, _) => {
                out.push('%');
                out.push(other);
            }
        }
    }
    out
}

/// The template a name with unknown specifiers in its instance must come from:
/// `notify@.service` for `notify@%i.service`.
pub fn template_needed(name: &str) -> Option<String> {
    let (stem, suffix) = name.rsplit_once('.')?;
    let (prefix, _) = stem.split_once('@')?;
    (!prefix.contains('%') && !suffix.contains('%')).then(|| format!("{prefix}@.{suffix}"))
}

/// The unit names `unit` refers to, as (directive, name, origin of the entry), with the
/// specifiers whose value is known expanded.
pub fn references(unit: &Unit) -> impl Iterator<Item = (&'static str, String, Origin)> + '_ {
    expanded(unit, &written(unit)).into_iter()
}

/// [`references`] of `unit`, from what it writes (`written`).
pub(super) fn expanded(unit: &Unit, written: &[Written]) -> Vec<Named> {
    let mut out = Vec::with_capacity(written.len());
    for (key, name, origin) in written {
        out.push((*key, expand_specifiers(name, &unit.name), *origin));
    }
    out
}

/// A name one directive of a unit gives: the directive, the name as written, and the origin
/// of its entry.
pub(super) type Written = (&'static str, String, Origin);

/// A reference with the specifiers whose value is known expanded, as [`expanded`] gives it.
pub(super) type Named = (&'static str, String, Origin);

/// The unit names `unit` refers to, as written: in the order of [`REFERENCES`], then of the
/// unit's lines.
pub(super) fn written(unit: &Unit) -> Vec<Written> {
    // One list per directive of `REFERENCES`: within one, the lines keep their order.
    let mut by_key: Vec<Vec<Written>> = vec![Vec::new(); REFERENCES.len()];
    for section in &unit.sections {
        for entry in &section.entries {
            for (at, &(s, key)) in REFERENCES.iter().enumerate() {
                if entry.key == key && section.name == s {
                    for name in split_names(&entry.value) {
                        by_key[at].push((key, name, entry.origin));
                    }
                    break;
                }
            }
        }
    }
    let mut found = Vec::new();
    for mut names in by_key {
        found.append(&mut names);
    }
    found
}

/// The dependencies systemd drops with a warning when they name the unit itself
/// (`unit_should_warn_about_dependency()`); a `Requires=` on itself is dropped silently.
const SELF_WARNED: &[&str] = &["After", "Before", "Conflicts", "OnFailure", "OnSuccess"];

/// A unit ordered against, or conflicting with, itself once its specifiers are expanded
/// (`After=%n`, `After=worker@%i.service` in `worker@.service`). systemd 252 drops the
/// dependency with a warning ("Dependency After=a.service is dropped"); as with every line
/// systemd ignores, the definition is refused.
pub(super) fn check_self(
    unit: &Unit,
    written: &[Written],
    named: &[Named],
    out: &mut Vec<Diagnostic>,
) {
    // In a template, `%i` stands for the instance every instance has.
    let me = unit.name.replacen("@.", "@%i.", 1);
    for (&(key, ref raw, origin), (_, name, _)) in written.iter().zip(named) {
        if !SELF_WARNED.contains(&key) {
            continue;
        }
        if *name == unit.name || *name == me {
            out.push(Diagnostic::value(
                origin,
                format!("`{key}={raw}` names `{}` itself, and systemd drops it with a warning; remove it", unit.name),
            ));
        }
    }
}

pub(super) fn check(
    unit: &Unit,
    written: &[Written],
    named: &[Named],
    known: &Known,
    out: &mut Vec<Diagnostic>,
) {
    for (&(key, ref raw, origin), (_, name, _)) in written.iter().zip(named) {
        if raw.contains('%') {
            let template = template_needed(name);
            let missing = if name.contains('%') {
                template.filter(|t| !known.knows(t))
            } else {
                template.filter(|_| !known.knows(name))
            };
            if let Some(template) = missing {
                let here = if name.contains('%') {
                    String::new()
                } else {
                    format!(" (`{name}` in `{}`)", unit.name)
                };
                out.push(Diagnostic::value(
                    origin,
                    format!("`{key}=` names `{raw}`{here}, an instance of `{template}`, which is not a unit of this family; define the template `{template}` or declare it in `extern`"),
                ));
                continue;
            }
            if name.contains('%') {
                continue;
            }
        }
        if known.knows(name) || crate::value::unit_name(name).is_err() {
            continue;
        }
        let hint = closest(name, known.all_names())
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
            if raw == name {
                format!("`{key}=` names `{name}`, which is not a unit of this family; {hint}")
            } else {
                format!("`{key}=` names `{raw}` (`{name}` in `{}`), which is not a unit of this family; {hint}", unit.name)
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{messages, service};
    use super::*;

    #[test]
    fn specifiers_expand_from_the_unit_name() {
        assert_eq!(
            expand_specifiers("notify@%n.service", "a.service"),
            "notify@a.service.service"
        );
        assert_eq!(
            expand_specifiers("%N-helper.service", "a.service"),
            "a-helper.service"
        );
        assert_eq!(
            expand_specifiers("%p-%i.socket", "b@x.service"),
            "b-x.socket"
        );
        assert_eq!(
            expand_specifiers("%p-%i.socket", "b@.service"),
            "b-%i.socket"
        );
        assert_eq!(
            expand_specifiers("%j.target", "foo-bar.service"),
            "bar.target"
        );
        assert_eq!(
            expand_specifiers("100%%.target", "a.service"),
            "100%%.target"
        );
    }

    #[test]
    fn references_through_specifiers() {
        let m = messages(&[service(
            "a.service",
            &[("Unit", "OnFailure", "notify@%n.service")],
        )]);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("an instance of `notify@.service`"), "{m:?}");
        let ok = [
            service("a.service", &[("Unit", "OnFailure", "notify@%n.service")]),
            service("notify@.service", &[]),
        ];
        assert!(messages(&ok).is_empty(), "{:?}", messages(&ok));
        let m = messages(&[service(
            "a.service",
            &[("Unit", "Wants", "%N-helper.service")],
        )]);
        assert!(m[0].contains("`a-helper.service`"), "{m:?}");
        let host = [service("a.service", &[("Unit", "Wants", "%H.service")])];
        assert!(messages(&host).is_empty());
        let instance = [
            service("a@.service", &[("Unit", "Wants", "b@%i.service")]),
            service("b@.service", &[]),
        ];
        assert!(messages(&instance).is_empty());
    }
}

#[cfg(test)]
mod self_tests {
    use crate::crosscheck::testing::{messages, service};

    #[test]
    fn names_keep_their_escapes() {
        let name = "dev-virtio\\x2dports-org.qemu.guest_agent.0.device";
        let u = service("a.service", &[("Unit", "BindsTo", name)]);
        let named: Vec<String> = super::references(&u).map(|(_, n, _)| n).collect();
        assert_eq!(named, [name]);
        let d = crate::crosscheck::check_family(std::slice::from_ref(&u), [name]);
        assert_eq!(d, []);
    }

    #[test]
    fn a_unit_ordered_against_itself() {
        let own = service("a.service", &[("Unit", "After", "%n")]);
        let m = messages(&[own]);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("names `a.service` itself"), "{m:?}");
        let template = service("worker@.service", &[("Unit", "After", "worker@%i.service")]);
        assert_eq!(messages(&[template]).len(), 1);
        let other = service(
            "worker@.service",
            &[
                ("Unit", "After", "worker@x.service"),
                ("Unit", "Requires", "%n"),
            ],
        );
        assert_eq!(messages(&[other]), Vec::<String>::new());
    }
}
