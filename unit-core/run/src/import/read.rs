//! Reading unit files, directories of them and their drop-ins.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::preset::Found as FoundPreset;
use super::settle::settle;
use super::{Dropin, Gap, ImportError, Imported};
use unit_core::{Origin, UnitKind};

/// One file's text and where it came from.
struct Text {
    path: PathBuf,
    text: String,
}

/// What was found before drop-ins are applied: units by name, drop-ins by directory name and
/// file name. Earlier finds win, as earlier directories of systemd's search path do.
#[derive(Default)]
struct Found {
    units: BTreeMap<String, Text>,
    dropins: BTreeMap<String, BTreeMap<String, Text>>,
    aliases: Vec<(String, String)>,
    preset: Option<FoundPreset>,
    gaps: Vec<Gap>,
    errors: Vec<ImportError>,
}

/// Reads unit files, directories of unit files and `NAME.d/*.conf` drop-in files.
///
/// A directory is read as systemd reads one directory of its search path: its unit files,
/// each `NAME.d/` directory's `*.conf` drop-ins (applied in file-name order), symlinks to
/// another unit as aliases, symlinks to `/dev/null` as masked; `.wants/` and `.requires/`
/// directories are installation state, not definitions, and are skipped. When several paths
/// define the same unit or the same drop-in, the first wins, as in systemd's search path.
///
/// Every file that cannot be read, that systemd would refuse, or that is a drop-in for a unit
/// none of the paths defines, is an [`ImportError`] naming the file and line.
pub fn read_paths(paths: &[PathBuf]) -> Result<Imported, Vec<ImportError>> {
    let mut found = Found::default();
    for path in paths {
        found.path(path);
    }
    found.finish()
}

/// Imports units given as texts: `units` as (name, text), `dropins` as (unit name, drop-in file
/// name, text). The names stand in for the files in errors.
pub fn import_texts(
    units: &[(&str, &str)],
    dropins: &[(&str, &str, &str)],
) -> Result<Imported, Vec<ImportError>> {
    let mut found = Found::default();
    for (name, text) in units {
        found.units.entry((*name).to_owned()).or_insert(Text {
            path: PathBuf::from(name),
            text: (*text).to_owned(),
        });
    }
    for (unit, file, text) in dropins {
        found
            .dropins
            .entry(format!("{unit}.d"))
            .or_default()
            .entry((*file).to_owned())
            .or_insert(Text {
                path: PathBuf::from(format!("{unit}.d/{file}")),
                text: (*text).to_owned(),
            });
    }
    found.finish()
}

/// The paths in `dir`, sorted; entries that cannot be read are left out.
pub(crate) fn sorted_paths(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for entry in fs::read_dir(dir)?.flatten() {
        paths.push(entry.path());
    }
    paths.sort();
    Ok(paths)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl Found {
    fn error(&mut self, path: &Path, line: usize, message: String) {
        self.errors.push(ImportError {
            file: path.to_owned(),
            line,
            message,
        });
    }

    fn read(&mut self, path: &Path) -> Option<String> {
        match fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Some(text),
                Err(_) => {
                    self.error(
                        path,
                        0,
                        "file is not UTF-8 text; convert it to UTF-8".into(),
                    );
                    None
                }
            },
            Err(e) => {
                self.error(path, 0, format!("cannot read the file: {e}"));
                None
            }
        }
    }

    fn path(&mut self, path: &Path) {
        let name = file_name(path);
        if path.is_dir() {
            if name.ends_with(".d") {
                self.dropin_dir(path);
            } else {
                self.dir(path);
            }
            return;
        }
        let parent = path.parent().map(file_name).unwrap_or_default();
        if name.ends_with(".preset") {
            self.preset_file(path);
        } else if parent.ends_with(".d") && name.ends_with(".conf") {
            self.dropin(&parent, path);
        } else {
            self.unit_file(path);
        }
    }

    fn dir(&mut self, dir: &Path) {
        let paths = match sorted_paths(dir) {
            Ok(paths) => paths,
            Err(e) => return self.error(dir, 0, format!("cannot read the directory: {e}")),
        };
        for path in paths {
            let name = file_name(&path);
            if path.is_dir() {
                if name.ends_with(".d") {
                    self.dropin_dir(&path);
                }
                continue;
            }
            if UnitKind::of_name(&name).is_some() {
                self.unit_file(&path);
            } else if name.ends_with(".preset") {
                self.preset_file(&path);
            }
        }
    }

    fn preset_file(&mut self, path: &Path) {
        let Some(text) = self.read(path) else {
            return;
        };
        let what = match (&self.preset, FoundPreset::new(path.to_owned(), text)) {
            (None, Some(found)) => return self.preset = Some(found),
            (Some(_), Some(_)) => "a family has one preset file; only the first is imported",
            (_, None) => "a family's preset file is named `NN-FAMILY.preset`; not imported",
        };
        self.gaps.push(Gap {
            unit: String::new(),
            file: path.to_owned(),
            line: 0,
            kind: "preset",
            what: what.into(),
        });
    }

    fn dropin_dir(&mut self, dir: &Path) {
        let paths = match sorted_paths(dir) {
            Ok(paths) => paths,
            Err(e) => return self.error(dir, 0, format!("cannot read the directory: {e}")),
        };
        let dir_name = file_name(dir);
        for path in &paths {
            if file_name(path).ends_with(".conf") {
                self.dropin(&dir_name, path);
            }
        }
    }

    fn dropin(&mut self, dir_name: &str, path: &Path) {
        let name = file_name(path);
        if self
            .dropins
            .get(dir_name)
            .is_some_and(|d| d.contains_key(&name))
        {
            return;
        }
        if fs::canonicalize(path).is_ok_and(|p| p == Path::new("/dev/null")) {
            return;
        }
        if let Some(text) = self.read(path) {
            let text = Text {
                path: path.to_owned(),
                text,
            };
            self.dropins
                .entry(dir_name.to_owned())
                .or_default()
                .insert(name, text);
        }
    }

    fn unit_file(&mut self, path: &Path) {
        let name = file_name(path);
        if self.units.contains_key(&name) || self.aliases.iter().any(|(a, _)| *a == name) {
            return;
        }
        if let Ok(target) = fs::read_link(path) {
            let resolved = fs::canonicalize(path).unwrap_or(target.clone());
            if resolved == Path::new("/dev/null") {
                self.gaps.push(Gap {
                    unit: name,
                    file: path.to_owned(),
                    line: 0,
                    kind: "masked",
                    what: "a symlink to `/dev/null` masks the unit; masking is installation state, not a definition".into(),
                });
                return;
            }
            let target_name = file_name(&target);
            if target_name != name {
                self.aliases.push((name, target_name));
                return;
            }
        }
        if UnitKind::of_name(&name).is_none() {
            let message = format!(
                "`{name}` has no unit type suffix such as `.service`; systemd would not load it"
            );
            return self.error(path, 0, message);
        }
        if let Some(text) = self.read(path) {
            self.units.insert(
                name,
                Text {
                    path: path.to_owned(),
                    text,
                },
            );
        }
    }

    fn finish(mut self) -> Result<Imported, Vec<ImportError>> {
        let mut imported = Imported {
            aliases: std::mem::take(&mut self.aliases),
            gaps: std::mem::take(&mut self.gaps),
            ..Imported::default()
        };
        let dropins = std::mem::take(&mut self.dropins);
        for (dir, files) in &dropins {
            let unit = dir.trim_end_matches(".d");
            let first = files
                .values()
                .next()
                .map(|t| t.path.clone())
                .unwrap_or_default();
            if !self.units.contains_key(unit) {
                let shared = UnitKind::from_suffix(unit).is_some()
                    || unit.ends_with("-.")
                    || is_prefix_dropin(unit);
                let alias = self.aliases.iter().any(|(a, _)| a == unit)
                    || imported.aliases.iter().any(|(a, _)| a == unit);
                let what = if shared {
                    Some(format!("`{dir}/` applies to every unit of a type or name prefix; the DSL has no such drop-ins, so it is not imported"))
                } else if alias {
                    Some(format!(
                        "`{dir}/` is a drop-in directory of an alias; it is not imported"
                    ))
                } else if unit_core::value::unit_name(unit).is_err() {
                    Some(format!(
                        "`{dir}/` is not named after a unit; systemd does not read it"
                    ))
                } else {
                    None
                };
                if let Some(what) = what {
                    let kind = if alias {
                        "alias-dropin"
                    } else {
                        "shared-dropin"
                    };
                    imported.gaps.push(Gap {
                        unit: unit.to_owned(),
                        file: first,
                        line: 0,
                        kind,
                        what,
                    });
                    continue;
                }
            }
            for (file, text) in files {
                match unit_core::parse(unit, &text.text) {
                    Ok(mut body) => {
                        tag_origins(&mut body, 0);
                        settle(
                            &mut body,
                            std::slice::from_ref(&text.path),
                            &mut imported.gaps,
                            true,
                        );
                        imported.dropins.push(Dropin {
                            unit: unit.to_owned(),
                            file: file.clone(),
                            path: text.path.clone(),
                            body,
                        });
                    }
                    Err(e) => self.error(&text.path, e.line, e.message),
                }
            }
        }
        let units = std::mem::take(&mut self.units);
        for (name, file) in units {
            let mut unit = match unit_core::parse(&name, &file.text) {
                Ok(u) => u,
                Err(e) => {
                    self.error(&file.path, e.line, e.message);
                    continue;
                }
            };
            tag_origins(&mut unit, 0);
            settle(
                &mut unit,
                std::slice::from_ref(&file.path),
                &mut imported.gaps,
                false,
            );
            imported.units.push(unit);
            imported.files.push(file.path);
        }
        imported.preset = std::mem::take(&mut self.preset)
            .and_then(|p| p.into_imported(&imported.units, &mut imported.gaps));
        if self.errors.is_empty() {
            Ok(imported)
        } else {
            // Drop-ins are read before their units: report in file order.
            self.errors
                .sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
            Err(self.errors)
        }
    }
}

/// Whether `name` (without `.d`) is a prefix drop-in directory such as `foo-.service`.
fn is_prefix_dropin(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(stem, _)| stem.ends_with('-'))
}

/// Origins encode (file index, line): `file * 1_000_000 + line`.
fn tag_origins(unit: &mut unit_core::Unit, file: u32) {
    for section in &mut unit.sections {
        section.origin = Origin(file * 1_000_000 + section.origin.0);
        for entry in &mut section.entries {
            entry.origin = Origin(file * 1_000_000 + entry.origin.0);
        }
    }
}
