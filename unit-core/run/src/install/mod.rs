//! Installing a family's files into a system tree, and uninstalling them, touching only what
//! the family installed.
//!
//! Every file the family installs (units, drop-ins, its preset) is recorded with a hash of its
//! content in the family's manifest, `/var/lib/unit-core/<family>/installed-files` (see
//! [`manifest_path`]), outside the unit directory and in the same place whatever the build
//! options, so the unit directory holds only unit files, each family's record is its own, and
//! a family knows its files after `--prefix` changed. Installing again:
//!
//! - writes new and changed files atomically (temporary file and rename), leaves equal ones alone
//! - refuses, before writing anything, to replace a file the family did not install
//! - removes a file of the previous install that is no longer rendered only if its content is
//!   still what was installed; an edited file is kept and reported
//!
//! [`uninstall`] removes the recorded files that still have their recorded content, then the
//! manifest, then the directories the installs made that are left empty.
//!
//! A destination directory (`destdir`) is prefixed to every path, as `make install DESTDIR=`
//! and `meson install --destdir` do; the manifest records the paths without it.
//!
//! ```
//! use unit_run::install::{install, manifest_path, uninstall, File};
//!
//! let root = std::env::temp_dir().join(format!("unit-core-doc-install-{}", std::process::id()));
//! let manifest = manifest_path("demo");
//! let unit = File {
//!     path: "/usr/lib/systemd/system/demo.service".into(),
//!     text: "[Service]\nExecStart=/usr/bin/demo\n".into(),
//! };
//! let first = install(&root, "demo", &manifest, &[unit], false).unwrap();
//! assert_eq!(first.written, ["/usr/lib/systemd/system/demo.service"]);
//! assert!(root.join("var/lib/unit-core/demo/installed-files").exists());
//! let gone = uninstall(&root, &manifest, &[], false).unwrap();
//! assert_eq!(gone.removed, ["/usr/lib/systemd/system/demo.service"]);
//! assert_eq!(std::fs::read_dir(&root).unwrap().count(), 0, "the directories it made are gone");
//! std::fs::remove_dir(&root).unwrap();
//! ```

mod dirs;
mod manifest;

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

pub use dirs::{prefix, preset_dir, unit_dir};
pub use manifest::{fingerprint, legacy_manifest_path, manifest_path};

use crate::output::write_atomic;

/// A file to install: its absolute path on the target system and its content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    /// Absolute path on the target system, e.g. `/usr/lib/systemd/system/api.socket`.
    pub path: String,
    /// The content.
    pub text: String,
}

/// What an install or uninstall changed, or would change with `dry_run`; paths are as on the
/// target system.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Files written because they were new or different.
    pub written: Vec<String>,
    /// Files already there with the same content.
    pub unchanged: Vec<String>,
    /// Files of the previous install that are no longer rendered (or all of them, when
    /// uninstalling), removed.
    pub removed: Vec<String>,
    /// Files of the previous install that would have been removed but were edited since: kept.
    pub kept: Vec<String>,
    /// Whether a manifest was found: `false` when uninstalling a family that is not installed.
    pub recorded: bool,
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg)
}

/// `destdir` joined with the absolute `path`, refusing paths that are relative or climb.
fn under(destdir: &Path, path: &str) -> io::Result<PathBuf> {
    let p = Path::new(path);
    let mut out = destdir.to_path_buf();
    if !p.is_absolute() {
        return Err(invalid(format!("`{path}` is not an absolute path")));
    }
    for c in p.components() {
        match c {
            Component::RootDir => {}
            Component::Normal(part) => out.push(part),
            _ => {
                return Err(invalid(format!(
                    "`{path}` is not a normalized path; remove `.` and `..`"
                )))
            }
        }
    }
    Ok(out)
}

/// Installs `files` for `family` under `destdir`, recording them in the manifest at
/// `manifest` (a path on the target system, see [`manifest_path`]). With `dry_run` nothing is
/// written and the report says what would change.
pub fn install(
    destdir: &Path,
    family: &str,
    manifest: &str,
    files: &[File],
    dry_run: bool,
) -> io::Result<Report> {
    install_adopting(destdir, family, manifest, &[], files, dry_run, &[])
}

/// [`install`], reading the previous install's record from the first of `earlier` (manifest
/// paths of earlier versions, see [`legacy_manifest_path`]) when there is none at `manifest`,
/// and also replacing the files in `adopted` (paths on the target system) as if the family had
/// installed them: the files an earlier installer recorded in a shared manifest.
pub fn install_adopting(
    destdir: &Path,
    family: &str,
    manifest: &str,
    earlier: &[String],
    files: &[File],
    dry_run: bool,
    adopted: &[String],
) -> io::Result<Report> {
    let manifest_file = under(destdir, manifest)?;
    let previous = manifest::read(destdir, manifest, earlier)?;
    let mut report = Report {
        recorded: previous.found.is_some(),
        ..Report::default()
    };
    let mut targets = Vec::with_capacity(files.len());
    let mut seen = std::collections::BTreeSet::new();
    for f in files {
        let target = under(destdir, &f.path)?;
        if !seen.insert(f.path.as_str()) {
            return Err(invalid(format!("`{}` is rendered twice", f.path)));
        }
        match fs::read(&target) {
            Ok(bytes) if bytes == f.text.as_bytes() => report.unchanged.push(f.path.clone()),
            Ok(_) if !previous.files.contains_key(&f.path) && !adopted.contains(&f.path) => {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!(
                        "`{}` exists and was not installed by `{family}`; remove it or install into another `--destdir`",
                        f.path
                    ),
                ))
            }
            Ok(_) => report.written.push(f.path.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => report.written.push(f.path.clone()),
            Err(e) => return Err(e),
        }
        targets.push(target);
    }
    let mut stale = Vec::new();
    for (path, hash) in &previous.files {
        if seen.contains(path.as_str()) {
            continue;
        }
        let target = under(destdir, path)?;
        match fs::read(&target) {
            Ok(bytes) if manifest::hashed(&bytes) == *hash => {
                report.removed.push(path.clone());
                stale.push(target);
            }
            Ok(_) => report.kept.push(path.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    if dry_run {
        return Ok(report);
    }
    let mut paths: Vec<&str> = Vec::new();
    for f in files {
        paths.push(&f.path);
    }
    paths.push(manifest);
    let mut dirs = manifest::missing_dirs(destdir, &paths)?;
    for dir in &previous.dirs {
        if !dirs.contains(dir) && under(destdir, dir)?.exists() {
            dirs.push(dir.clone());
        }
    }
    dirs.sort();
    for (f, target) in files.iter().zip(&targets) {
        if report.written.contains(&f.path) {
            let (dir, name) = split(target)?;
            fs::create_dir_all(dir)?;
            write_atomic(dir, name, f.text.as_bytes())?;
        }
    }
    for target in &stale {
        fs::remove_file(target)?;
        if let Some(dir) = target.parent() {
            if dir.extension().is_some_and(|e| e == "d") {
                let _ = fs::remove_dir(dir);
            }
        }
    }
    let text = manifest::text(family, files, &dirs);
    let (dir, name) = split(&manifest_file)?;
    fs::create_dir_all(dir)?;
    write_atomic(dir, name, text.as_bytes())?;
    if let Some(old) = &previous.found {
        if *old != manifest_file {
            fs::remove_file(old)?;
            if let Some(parent) = old.parent() {
                let _ = fs::remove_dir(parent);
            }
        }
    }
    Ok(report)
}

/// Removes what the family whose manifest is at `manifest` (or the first of `earlier`, see
/// [`install_adopting`]) installed under `destdir`: every recorded file that still has its
/// recorded content (an edited one is kept and reported), the manifest, and then the
/// directories the installs made, each only if it is empty. A file the family did not record
/// is never touched. With `dry_run` nothing is removed and the report says what would be.
pub fn uninstall(
    destdir: &Path,
    manifest: &str,
    earlier: &[String],
    dry_run: bool,
) -> io::Result<Report> {
    let previous = manifest::read(destdir, manifest, earlier)?;
    let mut report = Report {
        recorded: previous.found.is_some(),
        ..Report::default()
    };
    let mut doomed = Vec::new();
    for (path, hash) in &previous.files {
        let target = under(destdir, path)?;
        match fs::read(&target) {
            Ok(bytes) if manifest::hashed(&bytes) == *hash => {
                report.removed.push(path.clone());
                doomed.push(target);
            }
            Ok(_) => report.kept.push(path.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    let found = match previous.found {
        Some(found) if !dry_run => found,
        _ => return Ok(report),
    };
    for target in &doomed {
        fs::remove_file(target)?;
    }
    fs::remove_file(&found)?;
    manifest::remove_empty_dirs(destdir, &previous.dirs)?;
    if previous.dirs.is_empty() {
        // An earlier version's manifest, which did not record the directories it made: its
        // own directory and the drop-in directories it emptied are the family's.
        for target in doomed.iter().chain([&found]) {
            let Some(dir) = target.parent() else {
                continue;
            };
            if dir.extension().is_some_and(|e| e == "d") || dir == found.parent().unwrap_or(dir) {
                let _ = fs::remove_dir(dir);
            }
        }
    }
    Ok(report)
}

fn split(path: &Path) -> io::Result<(&Path, &str)> {
    match (path.parent(), path.file_name().and_then(|n| n.to_str())) {
        (Some(dir), Some(name)) => Ok((dir, name)),
        _ => Err(invalid(format!("`{}` is not a file path", path.display()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> File {
        File {
            path: path.to_owned(),
            text: text.to_owned(),
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn two_families_share_a_directory_and_each_removes_only_its_own() {
        let root = std::env::temp_dir().join(format!("unit-core-install-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let (ma, mb) = (manifest_path("a"), manifest_path("b"));
        let a = [
            file("/lib/u/a.service", "A\n"),
            file("/lib/u/a.service.d/1.conf", "X\n"),
        ];
        let b = [file("/lib/u/b.service", "B\n")];
        for _ in 0..2 {
            install(&root, "a", &ma, &a, false).unwrap();
            install(&root, "b", &mb, &b, false).unwrap();
        }
        assert_eq!(
            names(&root.join("lib/u")),
            ["a.service", "a.service.d", "b.service"]
        );
        let r = install(&root, "a", &ma, &a[..1], true).unwrap();
        assert_eq!(r.removed, ["/lib/u/a.service.d/1.conf"]);
        assert!(
            root.join("lib/u/a.service.d/1.conf").exists(),
            "a dry run wrote"
        );
        let r = install(&root, "a", &ma, &a[..1], false).unwrap();
        assert_eq!((r.removed.len(), r.unchanged.len()), (1, 1));
        assert_eq!(names(&root.join("lib/u")), ["a.service", "b.service"]);
        fs::write(root.join("lib/u/a.service"), "edited").unwrap();
        let r = install(&root, "a", &ma, &[], false).unwrap();
        assert_eq!(r.kept, ["/lib/u/a.service"]);
        let e = install(
            &root,
            "a",
            &ma,
            &[file("/lib/u/b.service", "mine\n")],
            false,
        )
        .unwrap_err();
        assert!(e.to_string().contains("not installed by `a`"), "{e}");
        assert_eq!(
            fs::read_to_string(root.join("lib/u/b.service")).unwrap(),
            "B\n"
        );
        assert!(install(&root, "a", &ma, &[file("/lib/../etc/x", "x")], false).is_err());
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn uninstall_removes_only_unchanged_recorded_files_then_the_dirs_it_made_if_empty() {
        let root = std::env::temp_dir().join(format!("unit-core-uninstall-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("etc")).unwrap();
        let (ma, mb) = (manifest_path("a"), manifest_path("b"));
        let a = [
            file("/lib/u/a.service", "A\n"),
            file("/lib/u/a.service.d/1.conf", "X\n"),
            file("/lib/p/a.preset", "P\n"),
        ];
        install(&root, "a", &ma, &a, false).unwrap();
        install(&root, "b", &mb, &[file("/lib/u/b.service", "B\n")], false).unwrap();
        fs::write(root.join("lib/u/user.service"), "mine").unwrap();
        fs::write(root.join("lib/p/a.preset"), "edited").unwrap();
        let dry = uninstall(&root, &ma, &[], true).unwrap();
        assert_eq!(dry.removed.len(), 2);
        assert!(root.join("lib/u/a.service").exists(), "a dry run removed");
        let r = uninstall(&root, &ma, &[], false).unwrap();
        assert_eq!(
            (r.removed, r.kept),
            (
                vec![
                    "/lib/u/a.service".to_owned(),
                    "/lib/u/a.service.d/1.conf".to_owned()
                ],
                vec!["/lib/p/a.preset".to_owned()]
            )
        );
        assert_eq!(names(&root.join("lib/u")), ["b.service", "user.service"]);
        assert_eq!(names(&root.join("lib/p")), ["a.preset"]);
        assert_eq!(names(&root.join("var/lib/unit-core")), ["b"]);
        assert!(
            root.join("etc").is_dir(),
            "a directory it did not make went"
        );
        let again = uninstall(&root, &ma, &[], false).unwrap();
        assert!(!again.recorded && again.removed.is_empty());
        fs::remove_file(root.join("lib/u/user.service")).unwrap();
        fs::remove_file(root.join("lib/p/a.preset")).unwrap();
        uninstall(&root, &mb, &[], false).unwrap();
        // `a` made `lib/` and `var/lib/unit-core/`, which were not empty when it went; `b`
        // made neither, so they stay, empty.
        assert_eq!(names(&root), ["etc", "lib", "var"]);
        assert_eq!(names(&root.join("var/lib/unit-core")), Vec::<String>::new());
        assert_eq!(names(&root.join("lib/u")), Vec::<String>::new());
        fs::remove_dir_all(&root).unwrap();
    }
}
