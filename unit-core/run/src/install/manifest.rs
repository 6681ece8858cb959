//! A family's manifest: the files it installed with a hash of their content, and the
//! directories it made for them.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{invalid, under};

/// Where a family's manifest lives on the target system,
/// `/var/lib/unit-core/<family>/installed-files`: the same place whatever the build options,
/// so a family finds the files it installed after `--prefix` or `--unitdir` changed.
pub fn manifest_path(family: &str) -> String {
    format!("/var/lib/unit-core/{family}/installed-files")
}

/// Where earlier versions kept a family's manifest: `<prefix>/share/<family>/installed-files`.
/// An install or uninstall reads it there when the manifest at [`manifest_path`] is missing,
/// and removes it once the manifest has moved.
pub fn legacy_manifest_path(prefix: &str, family: &str) -> String {
    format!(
        "{}/share/{family}/installed-files",
        prefix.trim_end_matches('/')
    )
}

/// A 64-bit FNV-1a hash of `bytes`: enough to tell whether a file changed since it was written.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The hash of `bytes` as a manifest records it: [`fingerprint`] in 16 hexadecimal digits.
pub(super) fn hashed(bytes: &[u8]) -> String {
    format!("{:016x}", fingerprint(bytes))
}

/// What a manifest records, with paths on the target system.
#[derive(Debug, Default)]
pub(super) struct Recorded {
    /// Each installed file and the hash of the content it was installed with, as [`hashed`]
    /// writes it.
    pub files: BTreeMap<String, String>,
    /// The directories the installs made, which an uninstall removes when they are empty.
    pub dirs: Vec<String>,
    /// Where the manifest was read, under the destination directory, if one was found.
    pub found: Option<PathBuf>,
}

/// Reads the manifest at `manifest`, or else the first of `earlier` that exists.
pub(super) fn read(destdir: &Path, manifest: &str, earlier: &[String]) -> io::Result<Recorded> {
    let mut paths: Vec<&str> = vec![manifest];
    for path in earlier {
        paths.push(path);
    }
    for path in paths {
        let file = under(destdir, path)?;
        let text = match fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        let mut recorded = Recorded::default();
        for line in text.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            if let Some(dir) = line.strip_prefix("dir ") {
                recorded.dirs.push(dir.to_owned());
                continue;
            }
            let parsed = match line.split_once(' ') {
                Some((h, p)) => match u64::from_str_radix(h, 16) {
                    Ok(hash) => Some((hash, p)),
                    Err(_) => None,
                },
                None => None,
            };
            let Some((hash, path)) = parsed else {
                return Err(invalid(format!(
                    "{} is not a manifest of installed files; move it away to install afresh",
                    file.display()
                )));
            };
            recorded
                .files
                .insert(path.to_owned(), format!("{hash:016x}"));
        }
        recorded.found = Some(file);
        return Ok(recorded);
    }
    Ok(Recorded::default())
}

/// The manifest's text for `files` (path and content) and the directories `dirs`.
pub(super) fn text(family: &str, files: &[super::File], dirs: &[String]) -> String {
    let mut text = format!(
        "# files installed by `{family}`, with a hash of their content; a file is removed only\n# while it has that content. `dir` lines are directories made for them, removed when empty\n"
    );
    for f in files {
        let hash = hashed(f.text.as_bytes());
        text.push_str(&format!("{hash} {}\n", f.path));
    }
    for dir in dirs {
        text.push_str(&format!("dir {dir}\n"));
    }
    text
}

/// The directories, as paths on the target system, that writing `paths` under `destdir` would
/// make: the ancestors of each that do not exist yet.
pub(super) fn missing_dirs(destdir: &Path, paths: &[&str]) -> io::Result<Vec<String>> {
    let mut made = Vec::new();
    for path in paths {
        let mut dir = Path::new(path).parent();
        while let Some(d) = dir {
            if d.parent().is_none() {
                break;
            }
            let name = d.to_string_lossy().into_owned();
            if made.contains(&name) || under(destdir, &name)?.exists() {
                break;
            }
            made.push(name);
            dir = d.parent();
        }
    }
    Ok(made)
}

/// Removes each of `dirs` (paths on the target system) that is empty, deepest first.
pub(super) fn remove_empty_dirs(destdir: &Path, dirs: &[String]) -> io::Result<()> {
    let mut deepest = 0;
    for dir in dirs {
        deepest = deepest.max(dir.matches('/').count());
    }
    for depth in (0..=deepest).rev() {
        for dir in dirs {
            if dir.matches('/').count() == depth {
                // A directory that is not empty, or already gone, stays as it is.
                let _ = fs::remove_dir(under(destdir, dir)?);
            }
        }
    }
    Ok(())
}
