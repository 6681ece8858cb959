//! Writing rendered units into a directory: atomically, idempotently, and touching only the
//! files this module wrote before.
//!
//! Each file is written to a temporary name in the same directory and renamed over the target,
//! so a reader sees the old file or the new one, never half of one. A manifest
//! ([`MANIFEST`]) lists the units written last time; a unit that is no longer rendered is
//! removed only if the manifest says it was ours.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::family::Rendered;

/// The file, in the output directory, that lists the units written there.
pub const MANIFEST: &str = ".unit-manifest";

/// What a write changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Units written because they were new or different.
    pub written: Vec<String>,
    /// Units already there with the same content.
    pub unchanged: Vec<String>,
    /// Units of an earlier write that are no longer rendered, removed.
    pub removed: Vec<String>,
}

/// Checks that `name` is a plain unit file name that stays inside its directory.
pub fn check_file_name(name: &str) -> Result<(), String> {
    if name.is_empty() || name.starts_with('.') || name.contains(['/', '\\', '\0']) {
        return Err(format!(
            "`{}` is not a safe unit file name; it must not start with `.` or contain `/`",
            name.escape_default()
        ));
    }
    crate::value::unit_name(name)
}

/// Whether a write keeps the [`MANIFEST`] that lets the next write remove stale units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Track {
    /// Keep the manifest and remove units an earlier tracked write left behind.
    Manifest,
    /// Write the units only.
    None,
}

/// Writes `units` into `dir` (created if missing). With [`Track::Manifest`] it also removes the
/// units an earlier write left that are not among them. Names are checked before anything is
/// written.
pub fn write_dir(dir: &Path, units: &[Rendered], track: Track) -> io::Result<Report> {
    for u in units {
        check_file_name(u.name).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    }
    let names: BTreeSet<&str> = units.iter().map(|u| u.name).collect();
    if names.len() != units.len() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "two units have the same name",
        ));
    }
    fs::create_dir_all(dir)?;
    let previous = read_manifest(dir)?;
    let mut report = Report::default();
    for u in units {
        if write_if_changed(dir, u.name, u.text.as_bytes())? {
            report.written.push(u.name.to_owned());
        } else {
            report.unchanged.push(u.name.to_owned());
        }
    }
    if track == Track::None {
        return Ok(report);
    }
    let manifest: String = names.iter().map(|n| format!("{n}\n")).collect();
    write_atomic(dir, MANIFEST, manifest.as_bytes())?;
    for old in previous.iter().filter(|n| !names.contains(n.as_str())) {
        if check_file_name(old).is_err() {
            continue;
        }
        match fs::remove_file(dir.join(old)) {
            Ok(()) => report.removed.push(old.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(report)
}

fn read_manifest(dir: &Path) -> io::Result<Vec<String>> {
    match fs::read_to_string(dir.join(MANIFEST)) {
        Ok(text) => Ok(text.lines().map(str::to_owned).collect()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// Writes `bytes` to `dir/name` like [`write_atomic`] unless the file already holds them, so an
/// unchanged file keeps its modification time; returns whether it wrote.
pub fn write_if_changed(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<bool> {
    if fs::read(dir.join(name)).ok().as_deref() == Some(bytes) {
        return Ok(false);
    }
    write_atomic(dir, name, bytes)?;
    Ok(true)
}

/// Writes `bytes` to `dir/name` through a temporary file in `dir` and a rename.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, dir.join(name))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &'static str, text: &str) -> Rendered {
        Rendered {
            name,
            daemon: "",
            text: text.to_owned(),
        }
    }

    fn tempdir(tag: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("unit-core-output-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn writes_idempotently_and_removes_only_its_own() {
        let dir = tempdir("idem");
        let r = write_dir(
            &dir,
            &[unit("a.service", "A\n"), unit("b.socket", "B\n")],
            Track::Manifest,
        )
        .unwrap();
        assert_eq!(r.written, ["a.service", "b.socket"]);
        fs::write(dir.join("mine.service"), "not yours").unwrap();
        let r = write_dir(
            &dir,
            &[unit("a.service", "A\n"), unit("b.socket", "B2\n")],
            Track::Manifest,
        )
        .unwrap();
        assert_eq!(
            (r.written, r.unchanged),
            (vec!["b.socket".to_owned()], vec!["a.service".to_owned()])
        );
        let r = write_dir(&dir, &[unit("a.service", "A\n")], Track::Manifest).unwrap();
        assert_eq!(r.removed, ["b.socket"]);
        assert!(!dir.join("b.socket").exists());
        assert!(dir.join("mine.service").exists());
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.contains(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_names_that_escape() {
        let dir = tempdir("escape");
        for bad in ["../evil.service", "a/b.service", ".hidden.service", "evil"] {
            let e = write_dir(&dir, &[unit(bad, "x")], Track::Manifest).unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{bad}");
        }
        assert!(
            !dir.exists(),
            "nothing may be written before the names are checked"
        );
    }
}
