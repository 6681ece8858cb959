//! `install` and `uninstall`: every file of the family into the system or a staging tree, and
//! out of it again, through [`crate::install`], taking over what earlier versions recorded in
//! `.unit-manifest` and in `<prefix>/share/<family>/installed-files`.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::Invocation;
use super::{failed, io, joined, Cli, Result};
use crate::install::{self, File};
use unit_core::family::Options;

impl Cli<'_> {
    /// Every file the family installs, at its path on the target system, and the manifest's path.
    pub(crate) fn files(&self, options: &Options) -> Result<(Vec<File>, String)> {
        let family = self.family;
        let unitdir = install::unit_dir(family, options);
        let units = family.render(options).map_err(joined)?;
        let dropins = family.render_dropins(options).map_err(joined)?;
        let mut files: Vec<File> = Vec::new();
        for u in units {
            let path = format!("{unitdir}/{}", u.name);
            let name = path.rsplit('/').next().unwrap_or("");
            crate::output::check_file_name(name).map_err(failed)?;
            files.push(File { path, text: u.text });
        }
        for d in dropins {
            files.push(File {
                path: format!("{unitdir}/{}", d.path()),
                text: d.text,
            });
        }
        if let Some((name, text)) = family.preset_file() {
            let dir = install::preset_dir(family, options).map_err(failed)?;
            files.push(File {
                path: format!("{dir}/{name}"),
                text,
            });
        }
        if family.name.is_empty()
            || unit_core::dropin::check_file_name(&format!("{}.conf", family.name)).is_err()
        {
            return Err(failed(format!(
                "`{}` cannot name an install manifest; name the family with `family \"name\";`",
                family.name
            )));
        }
        Ok((files, install::manifest_path(family.name)))
    }

    /// Where earlier versions kept the family's manifest: under the prefix of this command
    /// line, or the family's default one.
    fn earlier_manifests(&self, options: &Options) -> Vec<String> {
        let family = self.family;
        let default = family.default_options();
        let mut paths = Vec::new();
        for prefix in [
            install::prefix(family, options),
            install::prefix(family, &default),
            Some("/usr"),
        ] {
            let path = install::legacy_manifest_path(prefix.unwrap_or("/usr"), family.name);
            if !paths.contains(&path) {
                paths.push(path);
            }
        }
        paths
    }

    fn install(&self, inv: &Invocation, options: &Options, out: &mut dyn Write) -> Result<()> {
        let destdir = inv.path.clone().unwrap_or_else(|| PathBuf::from("/"));
        let (files, manifest) = self.files(options)?;
        let dry = inv.flag;
        let legacy = Legacy::read(&destdir, &install::unit_dir(self.family, options));
        let mut adopted: Vec<String> = Vec::new();
        for f in &files {
            if legacy.owns(&f.path) {
                adopted.push(f.path.clone());
            }
        }
        let earlier = self.earlier_manifests(options);
        let report = install::install_adopting(
            &destdir,
            self.family.name,
            &manifest,
            &earlier,
            &files,
            dry,
            &adopted,
        )
        .map_err(|e| failed(format!("cannot install into `{}`: {e}", destdir.display())))?;
        if !dry {
            legacy
                .release(&adopted)
                .map_err(|e| failed(format!("cannot update `{}`: {e}", legacy.path.display())))?;
        }
        let shown = |p: &str| shown(&destdir, p);
        let (w, r) = if dry {
            ("would install", "would remove")
        } else {
            ("installed", "removed")
        };
        for (verb, paths) in [(w, &report.written), (r, &report.removed)] {
            for p in paths {
                writeln!(out, "{verb} {}", shown(p)).map_err(io)?;
            }
        }
        for p in &report.kept {
            writeln!(out, "kept {} (changed since it was installed)", shown(p)).map_err(io)?;
        }
        writeln!(
            out,
            "{} {}, {} unchanged, {}",
            report.written.len(),
            if dry { "to write" } else { "written" },
            report.unchanged.len(),
            removed_and_kept(report.removed.len(), report.kept.len(), dry),
        )
        .map_err(io)
    }

    fn uninstall(&self, inv: &Invocation, options: &Options, out: &mut dyn Write) -> Result<()> {
        let destdir = inv.path.clone().unwrap_or_else(|| PathBuf::from("/"));
        let (_, manifest) = self.files(options)?;
        let earlier = self.earlier_manifests(options);
        let dry = inv.flag;
        let report = install::uninstall(&destdir, &manifest, &earlier, dry).map_err(|e| {
            failed(format!(
                "cannot uninstall from `{}`: {e}",
                destdir.display()
            ))
        })?;
        if !dry {
            Legacy::read(&destdir, &install::unit_dir(self.family, options))
                .release(&[])
                .map_err(|e| failed(format!("cannot update a `.unit-manifest`: {e}")))?;
        }
        if !report.recorded {
            return writeln!(
                out,
                "nothing of `{}` is installed in `{}` (no `{}` there)",
                self.family.name,
                destdir.display(),
                manifest
            )
            .map_err(io);
        }
        let verb = if dry { "would remove" } else { "removed" };
        for p in &report.removed {
            writeln!(out, "{verb} {}", shown(&destdir, p)).map_err(io)?;
        }
        for p in &report.kept {
            writeln!(
                out,
                "kept {} (changed since it was installed)",
                shown(&destdir, p)
            )
            .map_err(io)?;
        }
        writeln!(
            out,
            "{}",
            removed_and_kept(report.removed.len(), report.kept.len(), dry)
        )
        .map_err(io)
    }
}

/// The end of a summary line: `3 removed` (or `to remove`), and `, 1 kept` when files were kept.
fn removed_and_kept(removed: usize, kept: usize, dry: bool) -> String {
    let verb = if dry { "to remove" } else { "removed" };
    match kept {
        0 => format!("{removed} {verb}"),
        _ => format!("{removed} {verb}, {kept} kept"),
    }
}

fn shown(destdir: &Path, path: &str) -> String {
    destdir
        .join(path.trim_start_matches('/'))
        .display()
        .to_string()
}

pub(crate) fn run(
    cli: &Cli,
    inv: &Invocation,
    options: &Options,
    out: &mut dyn Write,
) -> Result<()> {
    cli.install(inv, options, out)
}

pub(crate) fn run_uninstall(
    cli: &Cli,
    inv: &Invocation,
    options: &Options,
    out: &mut dyn Write,
) -> Result<()> {
    cli.uninstall(inv, options, out)
}

/// The preset directory: the `presetdir` build option, or `system-preset` beside a unit
/// directory that ends in `/system`.
/// The `.unit-manifest` that earlier versions kept in the unit directory, shared by every
/// family installed there. A family that installs a unit it lists takes the unit over and
/// drops it from the list; the file goes once the list is empty.
struct Legacy {
    path: PathBuf,
    unitdir: String,
    names: Vec<String>,
}

impl Legacy {
    fn read(destdir: &Path, unitdir: &str) -> Legacy {
        let path = destdir
            .join(unitdir.trim_start_matches('/'))
            .join(crate::output::MANIFEST);
        let mut names = Vec::new();
        if let Ok(text) = std::fs::read_to_string(&path) {
            for line in text.lines() {
                names.push(line.to_owned());
            }
        }
        Legacy {
            path,
            unitdir: unitdir.to_owned(),
            names,
        }
    }

    fn owns(&self, path: &str) -> bool {
        path.strip_prefix(&self.unitdir)
            .and_then(|p| p.strip_prefix('/'))
            .is_some_and(|name| self.names.iter().any(|n| n == name))
    }

    /// Drops from the list the units in `adopted` and those whose file is gone, and removes the
    /// list when nothing is left, never a unit file.
    fn release(&self, adopted: &[String]) -> std::io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("/"));
        let mut left: Vec<&String> = Vec::new();
        for n in &self.names {
            let suffix = format!("/{n}");
            if adopted.iter().any(|a| a.ends_with(&suffix)) {
                continue;
            }
            if crate::output::check_file_name(n).is_err()
                || std::fs::symlink_metadata(dir.join(n)).is_ok()
            {
                left.push(n);
            }
        }
        if left.is_empty() {
            return match std::fs::remove_file(&self.path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                other => other,
            };
        }
        if left.len() == self.names.len() {
            return Ok(());
        }
        let mut text = String::new();
        for n in left {
            text.push_str(n);
            text.push('\n');
        }
        crate::output::write_atomic(dir, crate::output::MANIFEST, text.as_bytes())
    }
}
