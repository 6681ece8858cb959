//! Writing rendered units into a directory: atomically and idempotently.
//!
//! Each file is written to a temporary name in the same directory and renamed over the target,
//! so a reader sees the old file or the new one, never half of one. A directory that belongs
//! to the writer alone (a build script's `OUT_DIR/units/`) is written with [`Track::Owned`],
//! which also removes every other file there; any other directory keeps what it holds.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use unit_core::family::Rendered;

/// The list of written units that earlier versions kept in every directory they wrote units
/// into, the unit directory of an install too. Nothing writes it any more: an install takes
/// over the units it lists and removes it once none of them is left, and a build script's
/// [`Track::Owned`] write removes it.
pub const MANIFEST: &str = ".unit-manifest";

/// What a write changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Units written because they were new or different.
    pub written: Vec<String>,
    /// Units already there with the same content.
    pub unchanged: Vec<String>,
    /// Files that are not among the units, removed from a directory written with
    /// [`Track::Owned`].
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
    unit_core::value::unit_name(name)
}

/// Whether the directory a write goes into belongs to the writer alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Track {
    /// The directory is the writer's own (a build script's `OUT_DIR/units/`): every file in it
    /// that is not one of the units is removed, an earlier version's [`MANIFEST`] too.
    /// Subdirectories are left alone.
    Owned,
    /// Write the units only.
    None,
}

/// Writes `units` into `dir` (created if missing). With [`Track::Owned`] it also removes the
/// files there that are not among them. Names are checked before anything is written.
pub fn write_dir(dir: &Path, units: &[Rendered], track: Track) -> io::Result<Report> {
    for u in units {
        check_file_name(u.name).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    }
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for u in units {
        names.insert(u.name);
    }
    if names.len() != units.len() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "two units have the same name",
        ));
    }
    fs::create_dir_all(dir)?;
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
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() || names.contains(name.as_str()) {
            continue;
        }
        fs::remove_file(entry.path())?;
        report.removed.push(name);
    }
    report.removed.sort();
    Ok(report)
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
    fn writes_idempotently_and_an_owned_directory_keeps_only_the_units() {
        let dir = tempdir("idem");
        let r = write_dir(
            &dir,
            &[unit("a.service", "A\n"), unit("b.socket", "B\n")],
            Track::None,
        )
        .unwrap();
        assert_eq!(r.written, ["a.service", "b.socket"]);
        fs::write(dir.join("mine.service"), "not yours").unwrap();
        let r = write_dir(
            &dir,
            &[unit("a.service", "A\n"), unit("b.socket", "B2\n")],
            Track::None,
        )
        .unwrap();
        assert_eq!(
            (r.written, r.unchanged, r.removed),
            (
                vec!["b.socket".to_owned()],
                vec!["a.service".to_owned()],
                vec![]
            )
        );
        assert!(dir.join("mine.service").exists());
        fs::write(dir.join(MANIFEST), "a.service\nb.socket\n").unwrap();
        fs::create_dir(dir.join("a.service.d")).unwrap();
        let r = write_dir(&dir, &[unit("a.service", "A\n")], Track::Owned).unwrap();
        assert_eq!(r.removed, [MANIFEST, "b.socket", "mine.service"]);
        assert!(dir.join("a.service.d").is_dir(), "a subdirectory went");
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
            let e = write_dir(&dir, &[unit(bad, "x")], Track::None).unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{bad}");
        }
        assert!(
            !dir.exists(),
            "nothing may be written before the names are checked"
        );
    }
}
