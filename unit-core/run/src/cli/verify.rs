//! `verify`: `systemd-analyze verify` on every unit and drop-in, in a temporary root.
//!
//! The units are rendered with the options the user gave, into `<root>/<unitdir>` (drop-ins
//! beside them in `UNIT.d/`), and every absolute program an `Exec*=` line starts is created as
//! an executable stub at its own path inside the root. `systemd-analyze verify --root=<root>`
//! then resolves the very paths the units name, so a wrong `--sbindir` fails, without needing
//! the daemons installed on this machine. systemd's own units (`sysinit.target`, ...) come
//! from this machine: [`stage`] copies them into `<root>/usr/local/lib/systemd/system`,
//! leaving out any name the family uses.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use super::{failed, io, joined, Cli, Result};
use crate::install;
use unit_core::family::Options;

/// A directory under the system's temporary directory, removed when dropped.
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl TempDir {
    /// A new empty directory whose name starts with `tag`.
    pub fn new(tag: &str) -> std::io::Result<TempDir> {
        let base = std::env::temp_dir();
        for n in 0..1000u32 {
            let path = base.join(format!("{tag}-{}-{n}", std::process::id()));
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(TempDir(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other("no free temporary directory name"))
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The programs `Exec*=` lines start, as absolute paths.
pub fn programs(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| l.split_once('='))
        .filter(|(k, _)| k.starts_with("Exec"))
        .filter_map(|(_, v)| {
            v.trim_start_matches(['-', '@', ':', '+', '!'])
                .split_whitespace()
                .next()
        })
        .filter(|p| p.starts_with('/'))
        .collect()
}

/// Renders the family with `options` into `root` as systemd would find it installed, with a
/// stub executable at the path of every program it starts. Returns the paths, inside `root`,
/// of the unit files and drop-ins written.
pub fn stage(
    cli: &Cli,
    options: &Options,
    root: &Path,
) -> std::result::Result<Vec<PathBuf>, String> {
    let family = cli.family();
    let units = family.render(options).map_err(|e| e.join("; "))?;
    let dropins = family.render_dropins(options).map_err(|e| e.join("; "))?;
    let unitdir = root.join(install::unit_dir(family, options).trim_start_matches('/'));
    let mut written = Vec::new();
    let texts = units
        .iter()
        .map(|u| (unitdir.join(u.name), &u.text))
        .chain(dropins.iter().map(|d| (unitdir.join(d.path()), &d.text)));
    for (path, text) in texts {
        for program in programs(text) {
            let stub = root.join(program.trim_start_matches('/'));
            write_stub(&stub).map_err(|e| format!("cannot create a stub for `{program}`: {e}"))?;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::write(&path, text).map_err(|e| e.to_string())?;
        written.push(path);
    }
    let ours: Vec<String> = units
        .iter()
        .map(|u| u.name.to_owned())
        .chain(dropins.iter().map(|d| format!("{}.d", d.unit)))
        .collect();
    copy_system_units(&root.join("usr/local/lib/systemd/system"), &ours)
        .map_err(|e| format!("cannot copy systemd's own units: {e}"))?;
    Ok(written)
}

/// Copies this machine's systemd units (plain files and relative aliases) into `to`, except
/// the names in `skip`.
fn copy_system_units(to: &Path, skip: &[String]) -> std::io::Result<()> {
    let Some(from) = ["/usr/lib/systemd/system", "/lib/systemd/system"]
        .into_iter()
        .map(Path::new)
        .find(|p| p.is_dir())
    else {
        return Ok(());
    };
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if skip.iter().any(|s| name.to_str() == Some(s.as_str())) {
            continue;
        }
        let ty = entry.file_type()?;
        if ty.is_file() {
            std::fs::copy(entry.path(), to.join(&name))?;
        } else if ty.is_symlink() {
            let target = std::fs::read_link(entry.path())?;
            if target.is_relative() {
                std::os::unix::fs::symlink(target, to.join(&name))?;
            }
        }
    }
    Ok(())
}

fn write_stub(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, "#!/bin/sh\nexit 0\n")?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
}

pub(crate) fn run(
    cli: &Cli,
    options: &Options,
    skip_if_missing: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let family = cli.family();
    match Process::new("systemd-analyze").arg("--version").output() {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let rendered = family.render(options).map_err(joined)?.len();
            family.render_dropins(options).map_err(joined)?;
            if skip_if_missing {
                let mut err = std::io::stderr();
                let _ = writeln!(
                    err,
                    "{}: `systemd-analyze` is not installed; {rendered} units checked but not verified, as `--skip-if-missing` asks",
                    cli.program()
                );
                return Ok(());
            }
            return Err(failed(
                "`systemd-analyze` is not installed, so nothing was verified; install systemd, or pass `--skip-if-missing` to skip verification",
            ));
        }
        Err(e) => return Err(failed(format!("cannot run `systemd-analyze`: {e}"))),
    }
    let tmp = TempDir::new(&format!("{}-verify", cli.program()))
        .map_err(|e| failed(format!("cannot create a temporary directory: {e}")))?;
    let files = stage(cli, options, tmp.path()).map_err(failed)?;
    let (mut units, dropins): (Vec<PathBuf>, Vec<PathBuf>) = files
        .iter()
        .cloned()
        .partition(|p| p.extension().is_none_or(|e| e != "conf"));
    let mut unverified = Vec::new();
    let system = tmp.path().join("usr/local/lib/systemd/system");
    for d in &dropins {
        let Some(unit) = d
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".d"))
        else {
            continue;
        };
        if family.unit(unit).is_some() || units.iter().any(|u| u.ends_with(unit)) {
            continue;
        }
        if system.join(unit).is_file() {
            let text = std::fs::read_to_string(system.join(unit)).map_err(failed)?;
            for program in programs(&text) {
                write_stub(&tmp.path().join(program.trim_start_matches('/'))).map_err(failed)?;
            }
            units.push(system.join(unit));
        } else {
            let file = d
                .file_name()
                .map(|f| f.to_string_lossy())
                .unwrap_or_default();
            unverified.push(format!("{unit}.d/{file}"));
        }
    }
    let output = Process::new("systemd-analyze")
        .arg("verify")
        .arg("--man=no")
        .arg(format!("--root={}", tmp.path().display()))
        .args(&units)
        .current_dir(tmp.path())
        .output()
        .map_err(|e| failed(format!("cannot run `systemd-analyze`: {e}")))?;
    let report = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    let names: Vec<String> = files
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let ours: Vec<&str> = report
        .lines()
        .filter(|l| names.iter().any(|n| l.contains(n.as_str())))
        .collect();
    if !ours.is_empty() || !output.status.success() {
        let root = format!("{}", tmp.path().display());
        return Err(failed(format!(
            "`systemd-analyze verify` reported problems:\n{}",
            report.trim_end().replace(&root, "")
        )));
    }
    for d in &unverified {
        let _ = writeln!(
            std::io::stderr(),
            "{}: `{d}` checked but not verified: the unit it extends is not installed on this machine",
            cli.program()
        );
    }
    writeln!(
        out,
        "{} units and {} drop-ins verified by `systemd-analyze`",
        family.units.len(),
        dropins.len() - unverified.len()
    )
    .map_err(io)
}
