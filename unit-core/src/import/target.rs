//! The systemd releases an imported family targets: the default, unless a unit uses what only
//! a later release has.

use super::Imported;
use crate::catalog::Target;
use crate::validate::validate_for;

/// The oldest release from which every directive and value of `imported` is known, when that
/// is later than the default target's (`systemd 252..`); `None` when the default will do.
///
/// ```
/// use unit_core::import::{import_texts, needed_target};
/// let text = "[Service]\nType=notify-reload\nExecStart=/usr/bin/a\n";
/// let imported = import_texts(&[("a.service", text)], &[]).unwrap();
/// assert_eq!(needed_target(&imported), Some(253));
/// let text = "[Service]\nType=notify\nExecStart=/usr/bin/a\n";
/// let imported = import_texts(&[("a.service", text)], &[]).unwrap();
/// assert_eq!(needed_target(&imported), None);
/// ```
pub fn needed_target(imported: &Imported) -> Option<u16> {
    let bodies = imported
        .units
        .iter()
        .chain(imported.dropins.iter().map(|d| &d.body));
    bodies
        .flat_map(|u| validate_for(u, Target::DEFAULT))
        .filter_map(|d| release_needed(&d.message))
        .filter(|r| *r > Target::DEFAULT.min)
        .max()
}

/// `253` in "`Type=notify-reload` needs systemd 253; this family targets ...".
fn release_needed(message: &str) -> Option<u16> {
    let rest = message.split_once(" needs systemd ")?.1;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}
