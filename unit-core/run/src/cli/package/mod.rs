//! `package`: the family's files as a systemd system extension ([`sysext`]) or a Debian
//! package ([`deb`]), built by systemd's and dpkg's own tools.

pub mod deb;
pub mod sysext;

use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::{Command, Invocation};
use super::{failed, Cli, Error, Result};
use crate::install::File;
use unit_core::family::Options;

/// `package`'s own options, besides the build options.
pub(crate) const FLAGS: &[&str] = &[
    "format",
    "out",
    "name",
    "id",
    "version-id",
    "sysext-level",
    "private-key",
    "certificate",
    "version",
    "maintainer",
];

/// `package --help`'s options.
pub(crate) const DETAILS: &[(&str, &str)] = &[
    ("--format sysext|deb", "what to build (required)"),
    (
        "--out DIR",
        "the directory to write into, created if missing",
    ),
    (
        "--name NAME",
        "the extension's or package's name (the family's name)",
    ),
    ("--id ID", "sysext: the `ID=` of the OS it extends (`_any`)"),
    (
        "--version-id V",
        "sysext: the OS `VERSION_ID=` it needs (with `--id`)",
    ),
    (
        "--sysext-level L",
        "sysext: the OS `SYSEXT_LEVEL=` it needs (with `--id`)",
    ),
    (
        "--private-key FILE",
        "sysext: the key that signs the image's verity data",
    ),
    ("--certificate FILE", "sysext: the certificate of that key"),
    ("--version V", "deb: the package version (the program's)"),
    (
        "--maintainer M",
        "deb: the `Maintainer:` field (required for deb)",
    ),
];

/// `package --help`'s description.
pub(crate) const ABOUT: &str = "With `--format sysext`, writes the system extension tree `DIR/NAME/` (units, drop-ins and preset under `usr/lib/systemd/`, and `usr/lib/extension-release.d/extension-release.NAME`), then, given `--private-key` and `--certificate`, builds the signed image `DIR/NAME.raw` with `systemd-repart --make-ddi=sysext` where that exists (systemd 255 and later); where it does not, or without a key, says so in one line and succeeds with the tree alone. `--out /var/lib/extensions` installs it for `systemd-sysext merge`. With `--format deb`, builds `DIR/NAME_VERSION_all.deb` with `dpkg-deb`; its maintainer scripts enable on first install what the family's preset enables, as `deb-systemd-helper` does for Debian's packages, stop the units on removal and forget their state on purge.";

/// The options of one `package` command line.
#[derive(Debug)]
pub struct Request {
    /// The directory to write into.
    pub out: PathBuf,
    /// The extension's or package's name.
    pub name: String,
    /// `--id`, `--version-id`, `--sysext-level`, `--version`, `--maintainer` as given.
    pub given: Vec<(&'static str, String)>,
}

impl Request {
    /// The value of option `flag`, if given.
    pub fn get(&self, flag: &str) -> Option<&str> {
        self.given
            .iter()
            .rev()
            .find(|(f, _)| *f == flag)
            .map(|(_, v)| v.as_str())
    }
}

pub(crate) fn run(
    cli: &Cli,
    inv: &Invocation,
    options: &Options,
    out: &mut dyn Write,
) -> Result<()> {
    let usage = |m: &str| Error::Usage(m.to_owned(), Some(Command::Package));
    let given = inv.package.clone();
    let name = given
        .iter()
        .rev()
        .find(|(f, _)| *f == "name")
        .map_or(cli.family().name, |(_, v)| v.as_str())
        .to_owned();
    let dir = inv
        .path
        .clone()
        .ok_or_else(|| usage("`package` needs `--out DIR`"))?;
    let request = Request {
        out: dir,
        name,
        given,
    };
    let (files, _) = cli.files(options)?;
    match request.get("format") {
        Some("sysext") => sysext::run(&request, &files, out),
        Some("deb") => deb::run(cli, &request, &files, out),
        Some(other) => Err(usage(&format!(
            "unknown package format `{other}`; use `sysext` or `deb`"
        ))),
        None => Err(usage("`package` needs `--format sysext` or `--format deb`")),
    }
}

/// Writes `files` under `root` at their paths, creating directories.
pub(crate) fn write_tree(root: &Path, files: &[File]) -> Result<()> {
    for f in files {
        let path = root.join(f.path.trim_start_matches('/'));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| failed(format!("cannot create `{}`: {e}", dir.display())))?;
        }
        std::fs::write(&path, &f.text)
            .map_err(|e| failed(format!("cannot write `{}`: {e}", path.display())))?;
    }
    Ok(())
}

/// A directory being built beside its final place, moved there when complete and removed if
/// dropped before: nothing half-written is left under the final name.
#[derive(Debug)]
pub(crate) struct Staging {
    path: PathBuf,
}

impl Staging {
    pub(crate) fn new(out: &Path, name: &str) -> Result<Staging> {
        std::fs::create_dir_all(out)
            .map_err(|e| failed(format!("cannot create `{}`: {e}", out.display())))?;
        let path = out.join(format!(".{name}.{}.new", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir(&path)
            .map_err(|e| failed(format!("cannot create `{}`: {e}", path.display())))?;
        Ok(Staging { path })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Replaces `to` (a directory, if there is one) with the staged tree.
    pub(crate) fn finish(self, to: &Path) -> Result<()> {
        let old = self.path.with_extension("old");
        let had = to.exists();
        let moved = (|| {
            if had {
                std::fs::rename(to, &old)?;
            }
            std::fs::rename(&self.path, to)
        })();
        moved.map_err(|e| failed(format!("cannot write `{}`: {e}", to.display())))?;
        if had {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Runs `program` with `args`; its output on failure, or why it could not run.
pub(crate) fn tool(program: &str, args: &[&std::ffi::OsStr]) -> Result<String> {
    let output = std::process::Command::new(program)
        .args(args)
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => failed(format!(
                "`{program}` is not installed; install it and run the command again"
            )),
            _ => failed(format!("cannot run `{program}`: {e}")),
        })?;
    let text = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    if output.status.success() {
        Ok(text)
    } else {
        Err(failed(format!(
            "`{program}` failed: {}",
            text.trim().replace('\n', "; ")
        )))
    }
}
