//! Templates and snippets that no daemon or unit uses, checked on their own (as `lower` lowers them) so that a mistake
//! in them is found before the day someone uses them.
//!
//! A template is lowered as an instance of a daemon that gives no parameters: parameters with
//! a default take it, the others (and `{daemon}`) stand for a value of their declared kind that
//! is not known, so the checks that depend on such a value are left to the instances. What is
//! checked: the unit name's suffix, sections and directives, placeholders, single values set
//! twice, snippets, and every value that uses no unknown parameter. A snippet is checked under
//! the section its directives belong to.

use unit_core::placeholder::{self, Part};
use unit_core::validate;

use super::ast::{Item, Stmt};
use super::check::{defaults, resolve};
use super::errors::Errors;
use super::lower::{Family, Unused};
use super::sites::BySite;

/// The raw text of every directive value of templates and snippets, by the directive's site.
fn raw_values(items: &[Item]) -> BySite<String> {
    let mut out = BySite::default();
    for item in items {
        let body = match item {
            Item::Template(t) => &t.body,
            Item::Snippet(s) => &s.body,
            _ => continue,
        };
        for s in &body.stmts {
            if let Stmt::Directive(d) = s {
                if let Some(value) = &d.value {
                    out.insert(d.site, value.text.clone());
                }
            }
        }
    }
    out
}

/// Whether `raw` uses a placeholder that is not a build option.
fn uses_unknown(raw: &str, known: &dyn Fn(&str) -> bool) -> bool {
    let Ok(parts) = placeholder::parts(raw) else {
        return false;
    };
    for p in &parts {
        if matches!(p, Part::Var { name, .. } if !known(name)) {
            return true;
        }
    }
    false
}

/// Validates the templates and snippets nothing uses, lowered alone, leaving out what depends
/// on unknown values and what the units using them may add.
pub fn check(unused: &[Unused], items: &[Item], family: &Family, errors: &mut Errors) {
    let raw = raw_values(items);
    let defaults = defaults(family);
    for u in unused {
        let resolved = resolve(&u.unit, &defaults);
        for d in validate(&resolved) {
            let unsure = match raw.get(d.origin.0) {
                Some(r) => uses_unknown(r, &|n| u.known.knows(n)),
                None => false,
            };
            if d.origin != u.unit.origin && !(d.on_value && unsure) {
                errors.diag(d);
            }
        }
    }
}
