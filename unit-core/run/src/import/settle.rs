//! Bringing a unit with its drop-ins to what systemd reads from it: repeated sections joined,
//! resets and repeated single-valued directives applied, what the DSL cannot say taken out as
//! gaps.

use std::path::PathBuf;

use super::Gap;
use unit_core::validate::directive;
use unit_core::{Entry, Origin, Section, Unit};

/// Dependencies, for which systemd ignores an empty assignment: their lists cannot be reset.
const UNRESETTABLE: &[&str] = &[
    "Requires",
    "Requisite",
    "Wants",
    "BindsTo",
    "PartOf",
    "Upholds",
    "Conflicts",
    "Before",
    "After",
    "OnFailure",
    "OnSuccess",
    "PropagatesReloadTo",
    "ReloadPropagatedFrom",
    "PropagatesStopTo",
    "StopPropagatedFrom",
    "JoinsNamespaceOf",
];

/// Single-valued in systemd's table, yet every line appends to what came before: the standard
/// input data a unit gives its process.
const APPENDING: &[&str] = &["StandardInputText", "StandardInputData"];

/// Directives whose empty value is a setting of its own, not a return to the default: it is
/// kept, written as `Key = "";`.
pub(crate) const EMPTY_IS_A_VALUE: &[&str] = &["CapabilityBoundingSet"];

/// Where an origin made by the reader points: (file, line).
pub(crate) fn locate(files: &[PathBuf], origin: Origin) -> (PathBuf, usize) {
    let file = (origin.0 / 1_000_000) as usize;
    let line = (origin.0 % 1_000_000) as usize;
    (files.get(file).cloned().unwrap_or_default(), line)
}

/// Applies what systemd applies when it reads `unit` (its sections in file order), recording a
/// [`Gap`] for each change. In a drop-in (`dropin`), an empty assignment also resets what the
/// unit and earlier drop-ins set, so it is kept (as `reset Key;`) after clearing the values
/// before it in the same file.
pub fn settle(unit: &mut Unit, files: &[PathBuf], gaps: &mut Vec<Gap>, dropin: bool) {
    let mut gap = |origin: Origin, kind: &'static str, what: String| {
        let (file, line) = locate(files, origin);
        gaps.push(Gap {
            unit: unit.name.clone(),
            file,
            line,
            kind,
            what,
        });
    };
    let mut sections: Vec<Section> = Vec::new();
    for section in std::mem::take(&mut unit.sections) {
        if !is_name(&section.name) {
            gap(
                section.origin,
                "section-name",
                format!(
                    "`[{}]` is not a name the DSL can spell; left out",
                    section.name
                ),
            );
            continue;
        }
        let index = match sections.iter().position(|s| s.name == section.name) {
            Some(i) => i,
            None => {
                sections.push(Section::new(section.name.clone(), section.origin));
                sections.len() - 1
            }
        };
        let name = section.name;
        for entry in section.entries {
            let target = &mut sections[index].entries;
            let key = entry.key.as_str();
            if !is_name(key) {
                gap(
                    entry.origin,
                    "key-name",
                    format!("`{key}=` is not a name the DSL can spell; left out"),
                );
                continue;
            }
            if entry.value.is_empty() {
                if UNRESETTABLE.contains(&key) {
                    gap(entry.origin, "reset", format!("`{key}=` (empty) does nothing in systemd: dependencies cannot be reset; left out"));
                    continue;
                }
                let condition = ["Condition", "Assert"]
                    .into_iter()
                    .find(|p| key.starts_with(p));
                let before = target.len();
                target.retain(|e| match condition {
                    Some(p) => !e.key.starts_with(p),
                    None => e.key != entry.key,
                });
                let what = match condition {
                    Some(p) => format!(
                        "`{key}=` (empty) resets every `{p}*=` before it; applied while importing"
                    ),
                    None => format!(
                        "`{key}=` (empty) resets the values before it; applied while importing"
                    ),
                };
                let what = if target.len() == before {
                    format!("{what} (there were none)")
                } else {
                    what
                };
                if dropin || EMPTY_IS_A_VALUE.contains(&key) {
                    target.push(entry);
                    continue;
                }
                gap(entry.origin, "reset", what);
                continue;
            }
            // `Exec*=` may repeat (a oneshot service runs each `ExecStart=` in turn), and
            // standard input data appends.
            let appends = key.starts_with("Exec") || APPENDING.contains(&key);
            if !appends && directive(&name, key).is_some_and(|d| !d.list) {
                if let Some(i) = target.iter().position(|e| e.key == entry.key) {
                    let old = target.remove(i);
                    gap(old.origin, "last-wins", format!("`{key}={}` is replaced by a later `{key}=`, as systemd does; the earlier value is left out", old.value));
                }
            }
            target.push(entry);
        }
    }
    for section in &mut sections {
        for entry in &mut section.entries {
            clean_comments(entry);
        }
    }
    unit.sections = sections;
}

/// Comment lines a doc comment can carry: no trailing white space or `\`, no control
/// characters (comments mean nothing to systemd, so this loses nothing).
pub(crate) fn clean_comment(line: &str) -> String {
    let mut kept = String::new();
    for c in line.chars() {
        if !c.is_control() {
            kept.push(c);
        }
    }
    let line = kept;
    line.trim_end_matches(|c: char| c.is_whitespace() || c == '\\')
        .to_owned()
}

fn clean_comments(entry: &mut Entry) {
    for c in &mut entry.comments {
        *c = clean_comment(c);
    }
}

/// A section or directive name the DSL can spell: identifiers joined by `-` (`X-Vendor`).
pub(crate) fn is_name(s: &str) -> bool {
    s.split('-').all(is_ident)
}

pub(crate) fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
