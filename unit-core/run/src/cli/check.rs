//! `check`: the family's units with the given build options, or unit files on disk, checked as
//! systemd loads them, each problem a [`Finding`].

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::Invocation;
use super::finding::{Finding, Severity};
use super::{io, Cli, Error, Result};
use unit_core::catalog::Target;
use unit_core::family::{Family, Options};
use unit_core::{Diagnostic, Origin, Unit, UnitKind};

/// Every problem `render` would refuse, for the family with `options`: each unit and drop-in
/// parsed and checked as rendered, at its line in the rendered file.
pub fn family_findings(family: &Family, options: &Options) -> Vec<Finding> {
    let target = family.target;
    let mut out = Vec::new();
    for def in family.units {
        let text = match def.text_with(options) {
            Ok(text) => text,
            Err(e) => {
                out.push(at(Finding::new(Severity::Error, "option", e), def.name));
                continue;
            }
        };
        match unit_core::parse(def.name, &text) {
            Ok(unit) => {
                let diagnostics = unit_core::validate::validate_for(&unit, target);
                out.extend(located(&diagnostics, def.name, def.name, &text, target));
            }
            Err(e) => out.push(parse_error(def.name, def.name, e, target)),
        }
    }
    for d in family.dropins {
        let file = format!("{}.d/{}", d.unit, d.file);
        let as_unit = unit_core::UnitDef {
            name: d.unit,
            daemon: "",
            text: d.text,
        };
        let text = match as_unit.text_with(options) {
            Ok(text) => text,
            Err(e) => {
                let f = Finding::new(Severity::Error, "option", e);
                out.push(Finding {
                    file: Some(file),
                    ..at(f, d.unit)
                });
                continue;
            }
        };
        let dropin = match unit_core::parse(d.unit, &text) {
            Ok(unit) => unit,
            Err(e) => {
                out.push(parse_error(d.unit, &file, e, target));
                continue;
            }
        };
        let base = family
            .unit(d.unit)
            .and_then(|def| def.resolve(options).ok());
        let diagnostics = unit_core::dropin::check(&dropin, base.as_ref(), target);
        out.extend(located(&diagnostics, d.unit, &file, &text, target));
    }
    out
}

/// Every problem of the unit files and drop-ins at `paths` (files, or directories read as one
/// directory of systemd's search path), for the systemd releases of `target`.
pub fn file_findings(paths: &[PathBuf], target: Target) -> Vec<Finding> {
    let mut files = Files::default();
    for path in paths {
        files.add(path, true);
    }
    let mut out = files.problems;
    let mut units: Vec<(String, Unit)> = Vec::new();
    for (path, name) in &files.units {
        let Some(text) = read(path, &mut out) else {
            continue;
        };
        let shown = path.display().to_string();
        match unit_core::parse(name, &text) {
            Ok(unit) => {
                let diagnostics = unit_core::validate::validate_for(&unit, target);
                out.extend(located(&diagnostics, name, &shown, &text, target));
                units.push((name.clone(), unit));
            }
            Err(e) => out.push(parse_error(name, &shown, e, target)),
        }
    }
    for (path, name) in &files.dropins {
        let Some(text) = read(path, &mut out) else {
            continue;
        };
        let shown = path.display().to_string();
        match unit_core::parse(name, &text) {
            Ok(dropin) => {
                let base = units.iter().find(|(n, _)| n == name).map(|(_, u)| u);
                let diagnostics = unit_core::dropin::check(&dropin, base, target);
                out.extend(located(&diagnostics, name, &shown, &text, target));
            }
            Err(e) => out.push(parse_error(name, &shown, e, target)),
        }
    }
    out
}

/// The files found under the paths given: units and drop-ins (path, unit name), in order.
#[derive(Default)]
struct Files {
    units: Vec<(PathBuf, String)>,
    dropins: Vec<(PathBuf, String)>,
    problems: Vec<Finding>,
}

impl Files {
    fn add(&mut self, path: &Path, given: bool) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            let mut f = Finding::new(Severity::Error, "read", "no such file or directory");
            f.file = Some(path.display().to_string());
            return self.problems.push(f);
        };
        // Inside a directory, a symlink is an alias or a mask: installation state, which the
        // unit it names is checked as.
        if meta.file_type().is_symlink() && !given {
            return;
        }
        if path.is_dir() {
            if let Some(unit) = name.strip_suffix(".d") {
                self.dropin_dir(path, unit);
            } else if given || !name.ends_with(".wants") && !name.ends_with(".requires") {
                for entry in sorted(path) {
                    if entry.is_dir() && !entry.to_string_lossy().ends_with(".d") {
                        continue;
                    }
                    self.add(&entry, false);
                }
            }
            return;
        }
        let parent = path
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let (Some(unit), true) = (parent.strip_suffix(".d"), name.ends_with(".conf")) {
            self.dropins.push((path.to_owned(), unit.to_owned()));
        } else if UnitKind::of_name(&name).is_some() || given {
            self.units.push((path.to_owned(), name));
        }
    }

    fn dropin_dir(&mut self, dir: &Path, unit: &str) {
        for entry in sorted(dir) {
            if entry.extension().is_some_and(|e| e == "conf") {
                self.dropins.push((entry, unit.to_owned()));
            }
        }
    }
}

fn sorted(dir: &Path) -> Vec<PathBuf> {
    crate::import::sorted_paths(dir).unwrap_or_default()
}

fn read(path: &Path, out: &mut Vec<Finding>) -> Option<String> {
    let problem = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => return Some(text),
            Err(_) => "the file is not UTF-8 text; convert it to UTF-8".to_owned(),
        },
        Err(e) => format!("cannot read the file: {e}"),
    };
    let mut f = Finding::new(Severity::Error, "read", problem);
    f.file = Some(path.display().to_string());
    out.push(f);
    None
}

fn at(mut f: Finding, unit: &str) -> Finding {
    f.unit = Some(unit.to_owned());
    f.file = Some(unit.to_owned());
    f
}

fn parse_error(unit: &str, file: &str, e: unit_core::ParseError, target: Target) -> Finding {
    let mut f = Finding::new(Severity::Error, "parse", e.message);
    f.unit = Some(unit.to_owned());
    f.file = Some(file.to_owned());
    f.line = u32::try_from(e.line).ok();
    f.column = Some(1);
    f.release = Some(target.reference());
    f
}

/// `diagnostics` of the unit `unit` read from `text`, whose origins are lines of `text`.
fn located(
    diagnostics: &[Diagnostic],
    unit: &str,
    file: &str,
    text: &str,
    target: Target,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in diagnostics {
        let rule = if d.on_value { "value" } else { "unit" };
        let mut f = Finding::new(Severity::Error, rule, d.message.clone());
        f.unit = Some(unit.to_owned());
        f.file = Some(file.to_owned());
        if d.origin != Origin::NONE {
            f.line = Some(d.origin.0);
            f.column = Some(column(text, d.origin.0, d.on_value));
        }
        f.release = match release(&d.message) {
            Some(r) => Some(r),
            None => Some(target.reference()),
        };
        out.push(f);
    }
    out
}

/// The 1-based column of line `line` of `text` where its key starts, or its value when
/// `on_value`.
fn column(text: &str, line: u32, on_value: bool) -> u32 {
    let Some(raw) = text.lines().nth(line.saturating_sub(1) as usize) else {
        return 1;
    };
    let key = raw.len() - raw.trim_start().len();
    let at = match (on_value, raw.find('=')) {
        (true, Some(eq)) => eq + 1 + (raw[eq + 1..].len() - raw[eq + 1..].trim_start().len()),
        _ => key,
    };
    u32::try_from(raw[..at].chars().count() + 1).unwrap_or(1)
}

/// The release a message names (``needs systemd 253``), if any.
pub(crate) fn release(message: &str) -> Option<u16> {
    crate::import::target::release_after(message, "systemd ")
}

/// The findings in `format`; an error when any is of severity error.
pub(crate) fn report(findings: &[Finding], json: bool, out: &mut dyn Write) -> Result<()> {
    for f in findings {
        let line = if json { f.to_json() } else { human(f) };
        writeln!(out, "{line}").map_err(io)?;
    }
    let mut errors = 0;
    let mut files: BTreeSet<&str> = BTreeSet::new();
    for f in findings {
        if f.severity == Severity::Error {
            errors += 1;
        }
        if let Some(file) = &f.file {
            files.insert(file);
        }
    }
    if errors == 0 {
        return Ok(());
    }
    let files = files.len();
    let s = if errors == 1 { "" } else { "s" };
    let f = if files == 1 { "" } else { "s" };
    Err(Error::Failed(format!(
        "{errors} error{s} in {files} file{f}; fix them and run the command again"
    )))
}

/// A finding as a compiler prints one: `file:line:column: error: message [rule]`.
pub fn human(f: &Finding) -> String {
    let mut place = match (&f.file, &f.unit) {
        (Some(file), _) => file.clone(),
        (None, Some(unit)) => unit.clone(),
        (None, None) => String::new(),
    };
    if let Some(line) = f.line {
        place.push_str(&format!(":{line}"));
        if let Some(column) = f.column {
            place.push_str(&format!(":{column}"));
        }
    }
    if !place.is_empty() {
        place.push_str(": ");
    }
    format!("{place}{}: {} [{}]", f.severity.as_str(), f.message, f.rule)
}

/// `check [PATH...]`.
pub(crate) fn run(
    cli: &Cli,
    inv: &Invocation,
    options: &Options,
    out: &mut dyn Write,
) -> Result<()> {
    let family = cli.family();
    let findings = if inv.paths.is_empty() {
        family_findings(family, options)
    } else {
        file_findings(&inv.paths, family.target)
    };
    report(&findings, inv.json, out)?;
    if !inv.json {
        let what = if inv.paths.is_empty() {
            format!(
                "{} units and {} drop-ins of `{}` checked",
                family.units.len(),
                family.dropins.len(),
                family.name
            )
        } else {
            "every unit file and drop-in checked".to_owned()
        };
        writeln!(out, "{what}: no problems").map_err(io)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_point_at_key_or_value() {
        let text = "[Service]\n  Type = notifyy\n";
        assert_eq!(column(text, 2, false), 3);
        assert_eq!(column(text, 2, true), 10);
        assert_eq!(column(text, 9, true), 1);
    }

    #[test]
    fn releases_named_in_messages() {
        assert_eq!(
            release("`Type=notify-reload` needs systemd 253; this"),
            Some(253)
        );
        assert_eq!(release("systemd 252 (252.30-1)"), Some(252));
        assert_eq!(release("no release"), None);
    }
}
