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
    let mut out = Vec::new();
    for line in text.lines() {
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        if !k.starts_with("Exec") {
            continue;
        }
        let v = v.trim_start_matches(['-', '@', ':', '+', '!']);
        if let Some(p) = v.split_whitespace().next() {
            if p.starts_with('/') {
                out.push(p);
            }
        }
    }
    out
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
    let (units, dropins) = match (family.render(options), family.render_dropins(options)) {
        (Ok(units), Ok(dropins)) => (units, dropins),
        (Err(e), _) | (_, Err(e)) => return Err(e.join("; ")),
    };
    let unitdir = root.join(install::unit_dir(family, options).trim_start_matches('/'));
    let mut written = Vec::new();
    let mut ours: Vec<String> = Vec::new();
    let mut texts: Vec<(PathBuf, &str)> = Vec::new();
    for u in &units {
        texts.push((unitdir.join(u.name), &u.text));
        ours.push(u.name.to_owned());
    }
    for d in &dropins {
        texts.push((unitdir.join(d.path()), &d.text));
        ours.push(format!("{}.d", d.unit));
    }
    for (path, text) in texts {
        for program in programs(text) {
            let stub = root.join(program.trim_start_matches('/'));
            if let Err(e) = write_stub(&stub) {
                return Err(format!("cannot create a stub for `{program}`: {e}"));
            }
        }
        let made = match path.parent() {
            Some(dir) => std::fs::create_dir_all(dir),
            None => Ok(()),
        };
        if let Err(e) = made.and_then(|()| std::fs::write(&path, text)) {
            return Err(e.to_string());
        }
        written.push(path);
    }
    if let Err(e) = copy_system_units(&root.join("usr/local/lib/systemd/system"), &ours) {
        return Err(format!("cannot copy systemd's own units: {e}"));
    }
    Ok(written)
}

/// Copies this machine's systemd units (plain files and relative aliases) into `to`, except
/// the names in `skip`.
fn copy_system_units(to: &Path, skip: &[String]) -> std::io::Result<()> {
    let from = if Path::new("/usr/lib/systemd/system").is_dir() {
        Path::new("/usr/lib/systemd/system")
    } else if Path::new("/lib/systemd/system").is_dir() {
        Path::new("/lib/systemd/system")
    } else {
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
    let mut units: Vec<PathBuf> = Vec::new();
    let mut dropins: Vec<&Path> = Vec::new();
    for p in &files {
        if p.extension().is_some_and(|e| e == "conf") {
            dropins.push(p);
        } else {
            units.push(p.clone());
        }
    }
    let mut unverified = Vec::new();
    let system = tmp.path().join("usr/local/lib/systemd/system");
    for d in &dropins {
        let dir = d.parent().and_then(Path::file_name);
        let Some(unit) = dir.and_then(|n| n.to_str()?.strip_suffix(".d")) else {
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
    let mut names: Vec<String> = Vec::new();
    for p in &files {
        if let Some(n) = p.file_name() {
            names.push(n.to_string_lossy().into_owned());
        }
    }
    let ours = report
        .lines()
        .any(|l| names.iter().any(|n| l.contains(n.as_str())));
    if ours || !output.status.success() {
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
