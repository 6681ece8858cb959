//! Reading a family's `NN-FAMILY.preset` file back into a `preset NN { ... }` item.

use std::path::PathBuf;

use super::{Gap, PresetFile};
use unit_core::Unit;

/// A preset file found among the paths, not yet checked against the units.
pub(super) struct Found {
    path: PathBuf,
    priority: u8,
    family: String,
    text: String,
}

impl Found {
    /// A file named `NN-FAMILY.preset`, or `None` for any other name.
    pub(super) fn new(path: PathBuf, text: String) -> Option<Found> {
        let name = path.file_name()?.to_str()?;
        let (priority, family) = name.strip_suffix(".preset")?.split_once('-')?;
        let family_ok = !family.is_empty()
            && family
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
        if priority.len() != 2 || !family_ok {
            return None;
        }
        Some(Found {
            priority: priority.parse().ok()?,
            family: family.to_owned(),
            path,
            text,
        })
    }

    /// Its rules, when each is `enable` or `disable` of an imported unit (with instances for a
    /// template); otherwise a gap, since a family's preset names only the family's units.
    pub(super) fn into_imported(self, units: &[Unit], gaps: &mut Vec<Gap>) -> Option<PresetFile> {
        let mut rules = Vec::new();
        for (i, line) in self.text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with(['#', ';']) {
                continue;
            }
            let mut words = line.split_whitespace();
            let verb = words.next().unwrap_or_default();
            let unit = words.next().unwrap_or_default();
            let instances: Vec<String> = words.map(str::to_owned).collect();
            let enable = match verb {
                "enable" => true,
                "disable" => false,
                _ => return self.gap(i + 1, format!("`{verb}` is not a rule a family's preset can hold; only `enable` and `disable` are"), gaps),
            };
            if !units.iter().any(|u| u.name == unit) {
                return self.gap(
                    i + 1,
                    format!("`{unit}` is not one of the imported units; a family's preset names only its own units"),
                    gaps,
                );
            }
            rules.push((enable, unit.to_owned(), instances));
        }
        Some(PresetFile {
            priority: self.priority,
            family: self.family,
            rules,
        })
    }

    fn gap(&self, line: usize, what: String, gaps: &mut Vec<Gap>) -> Option<PresetFile> {
        gaps.push(Gap {
            unit: String::new(),
            file: self.path.clone(),
            line,
            kind: "preset",
            what: format!("{what}; the preset file is not imported"),
        });
        None
    }
}
