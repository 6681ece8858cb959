//! The systemd releases an imported family targets: from the oldest release that has every
//! directive and value the units use, to the newest that has not removed one of them.

use super::Imported;
use unit_core::catalog::Target;
use unit_core::validate::validate_for;
use unit_core::Unit;

/// The releases `imported` can target, starting no earlier than `oldest` (the DSL's default,
/// 252, when `None`): later when a unit uses what only a later release has, and ending
/// before a release that removed something a unit uses.
///
/// ```
/// use unit_run::import::{import_texts, needed_target};
/// let text = "[Service]\nType=notify-reload\nExecStart=/usr/bin/a\n";
/// let imported = import_texts(&[("a.service", text)], &[]).unwrap();
/// assert_eq!(needed_target(&imported, None).min, 253);
/// let text = "[Service]\nCPUAccounting=yes\nExecStart=/usr/bin/a\n";
/// let imported = import_texts(&[("a.service", text)], &[]).unwrap();
/// let target = needed_target(&imported, Some(257));
/// assert_eq!((target.min, target.max), (257, 261));
/// ```
pub fn needed_target(imported: &Imported, oldest: Option<u16>) -> Target {
    let from = Target::from(oldest.unwrap_or(Target::DEFAULT.min));
    let mut target = from;
    let mut bodies: Vec<&Unit> = Vec::new();
    for u in &imported.units {
        bodies.push(u);
    }
    for d in &imported.dropins {
        bodies.push(&d.body);
    }
    for body in bodies {
        for d in validate_for(body, from) {
            if let Some(r) = release_after(&d.message, " needs systemd ") {
                target.min = target.min.max(r);
            }
            if let Some(r) = release_after(&d.message, " was removed in systemd ") {
                target.max = target.max.min(r.saturating_sub(1));
            }
        }
    }
    if target.max < target.min {
        target.max = u16::MAX;
    }
    target
}

/// The release number right after `words` in `message`: `253` after " needs systemd " in
/// "`Type=notify-reload` needs systemd 253; this family targets ...". The one reading of a
/// release in a check's message, for `import` and for the command line's findings.
pub(crate) fn release_after(message: &str, words: &str) -> Option<u16> {
    let rest = message.split_once(words)?.1;
    let mut end = 0;
    while rest.as_bytes().get(end).is_some_and(u8::is_ascii_digit) {
        end += 1;
    }
    rest[..end].parse().ok()
}
