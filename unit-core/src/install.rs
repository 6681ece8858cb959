//! Installing a family's files into a system tree, touching only what the family installed.
//!
//! Every file the family installs (units, drop-ins, its preset) is recorded with a hash of its
//! content in the family's manifest, `<prefix>/share/<family>/installed-files` (see
//! [`manifest_path`]), outside the unit directory, so the unit directory holds only unit files
//! and each family's record is its own. Installing again:
//!
//! - writes new and changed files atomically (temporary file and rename), leaves equal ones alone
//! - refuses, before writing anything, to replace a file the family did not install
//! - removes a file of the previous install that is no longer rendered only if its content is
//!   still what was installed; an edited file is kept and reported
//!
//! A destination directory (`destdir`) is prefixed to every path, as `make install DESTDIR=`
//! and `meson install --destdir` do; the manifest records the paths without it.
//!
//! ```
//! use unit_core::install::{install, manifest_path, File};
//!
//! let root = std::env::temp_dir().join(format!("unit-core-doc-install-{}", std::process::id()));
//! let manifest = manifest_path("/usr", "demo");
//! let unit = File {
//!     path: "/usr/lib/systemd/system/demo.service".into(),
//!     text: "[Service]\nExecStart=/usr/bin/demo\n".into(),
//! };
//! let first = install(&root, "demo", &manifest, &[unit], false).unwrap();
//! assert_eq!(first.written, ["/usr/lib/systemd/system/demo.service"]);
//! assert!(root.join("usr/share/demo/installed-files").exists());
//! let dropped = install(&root, "demo", &manifest, &[], false).unwrap();
//! assert_eq!(dropped.removed, ["/usr/lib/systemd/system/demo.service"]);
//! std::fs::remove_dir_all(&root).unwrap();
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::output::write_atomic;

/// A file to install: its absolute path on the target system and its content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    /// Absolute path on the target system, e.g. `/usr/lib/systemd/system/api.socket`.
    pub path: String,
    /// The content.
    pub text: String,
}

/// What an install changed, or would change with `dry_run`; paths are as on the target system.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Files written because they were new or different.
    pub written: Vec<String>,
    /// Files already there with the same content.
    pub unchanged: Vec<String>,
    /// Files of the previous install that are no longer rendered, removed.
    pub removed: Vec<String>,
    /// Files of the previous install that are no longer rendered but were edited since: kept.
    pub kept: Vec<String>,
}

/// Where a family's manifest lives on the target system: `<prefix>/share/<family>/installed-files`.
pub fn manifest_path(prefix: &str, family: &str) -> String {
    format!(
        "{}/share/{family}/installed-files",
        prefix.trim_end_matches('/')
    )
}

/// A 64-bit FNV-1a hash of `bytes`: enough to tell whether a file changed since it was written.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
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

fn read_manifest(path: &Path) -> io::Result<BTreeMap<String, u64>> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(e),
    };
    let mut entries = BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let parsed = line
            .split_once(' ')
            .and_then(|(h, p)| Some((u64::from_str_radix(h, 16).ok()?, p)));
        let Some((hash, file)) = parsed else {
            return Err(invalid(format!(
                "{} is not a manifest of installed files; move it away to install afresh",
                path.display()
            )));
        };
        entries.insert(file.to_owned(), hash);
    }
    Ok(entries)
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
    install_adopting(destdir, family, manifest, files, dry_run, &[])
}

/// [`install`], also replacing the files in `adopted` (paths on the target system) as if the
/// family had installed them: the files an earlier installer recorded in a shared manifest.
pub fn install_adopting(
    destdir: &Path,
    family: &str,
    manifest: &str,
    files: &[File],
    dry_run: bool,
    adopted: &[String],
) -> io::Result<Report> {
    let manifest_file = under(destdir, manifest)?;
    let previous = read_manifest(&manifest_file)?;
    let mut report = Report::default();
    let mut targets = Vec::with_capacity(files.len());
    let mut seen = std::collections::BTreeSet::new();
    for f in files {
        let target = under(destdir, &f.path)?;
        if !seen.insert(f.path.as_str()) {
            return Err(invalid(format!("`{}` is rendered twice", f.path)));
        }
        match fs::read(&target) {
            Ok(bytes) if bytes == f.text.as_bytes() => report.unchanged.push(f.path.clone()),
            Ok(_) if !previous.contains_key(&f.path) && !adopted.contains(&f.path) => {
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
    for (path, hash) in previous.iter().filter(|(p, _)| !seen.contains(p.as_str())) {
        let target = under(destdir, path)?;
        match fs::read(&target) {
            Ok(bytes) if fingerprint(&bytes) == *hash => {
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
    for (f, target) in files.iter().zip(&targets) {
        if report.written.contains(&f.path) {
            let (dir, name) = split(target)?;
            fs::create_dir_all(dir)?;
            write_atomic(dir, name, f.text.as_bytes())?;
        }
    }
    for target in &stale {
        fs::remove_file(target)?;
        if let Some(dir) = target
            .parent()
            .filter(|d| d.extension().is_some_and(|e| e == "d"))
        {
            let _ = fs::remove_dir(dir);
        }
    }
    let mut text = format!(
        "# files installed by `{family}`, with a hash of their content; a file is removed only\n# while it has that content\n"
    );
    for f in files {
        text.push_str(&format!(
            "{:016x} {}\n",
            fingerprint(f.text.as_bytes()),
            f.path
        ));
    }
    let (dir, name) = split(&manifest_file)?;
    fs::create_dir_all(dir)?;
    write_atomic(dir, name, text.as_bytes())?;
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
        let (ma, mb) = (manifest_path("/usr", "a"), manifest_path("/usr", "b"));
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
}
