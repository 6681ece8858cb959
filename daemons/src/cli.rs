//! The command line: list, show, render, install and verify the family's units.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use unit_core::output::{write_dir, Report, Track};
use unit_core::{Family, Rendered};

use crate::FAMILY;

const USAGE: &str = "usage: daemons <command> [options]

commands:
  list                          every unit with its daemon and kind
  show UNIT                     one rendered unit on stdout
  render --out DIR              every unit file, flat, into DIR
  install --destdir DIR         into DIR/<unitdir>, replacing files atomically
  verify                        render to a temporary directory and run `systemd-analyze verify`

build options (render, show, install, verify):";

/// The error `run` returns when stdout was closed early (e.g. piped into `head`): not a failure.
pub const CLOSED_STDOUT: &str = "stdout closed";

fn io(e: std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        CLOSED_STDOUT.to_owned()
    } else {
        e.to_string()
    }
}

/// Runs the command line `args` (without the program name), writing results to `out`.
/// An error is one line, ready to print.
pub fn run(args: impl IntoIterator<Item = OsString>, out: &mut dyn Write) -> Result<(), String> {
    run_family(&FAMILY, args, out)
}

/// [`run`] for any family.
pub fn run_family(
    family: &Family,
    args: impl IntoIterator<Item = OsString>,
    out: &mut dyn Write,
) -> Result<(), String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut command: Option<String> = None;
    let mut unit: Option<String> = None;
    let mut dir: Option<PathBuf> = None;
    let mut set: Vec<(String, String)> = Vec::new();
    let err = |e: lexopt::Error| e.to_string();
    while let Some(arg) = parser.next().map_err(err)? {
        match arg {
            Short('h') | Long("help") => {
                writeln!(out, "{}", usage(family)).map_err(io)?;
                return Ok(());
            }
            Value(v) if command.is_none() => command = Some(v.string().map_err(err)?),
            Value(v) if command.as_deref() == Some("show") && unit.is_none() => {
                unit = Some(v.string().map_err(err)?)
            }
            Long("out") if command.as_deref() == Some("render") => {
                dir = Some(parser.value().map_err(err)?.into())
            }
            Long("destdir") if command.as_deref() == Some("install") => {
                dir = Some(parser.value().map_err(err)?.into())
            }
            Long(name) if family.options.iter().any(|o| o.name == name) => {
                let name = name.to_owned();
                let value = parser.value().map_err(err)?.string().map_err(err)?;
                set.push((name, value));
            }
            other => {
                let e = other.unexpected().to_string();
                return Err(format!("{e}; see `daemons --help`"));
            }
        }
    }
    let options = family
        .options(set.iter().map(|(n, v)| (n.as_str(), v.as_str())))
        .map_err(|e| e.join("; "))?;
    match command.as_deref() {
        Some("list") => {
            for u in family.units {
                let kind = u.kind().map_or("?", |k| k.suffix());
                let daemon = if u.daemon.is_empty() { "-" } else { u.daemon };
                writeln!(out, "{}\t{daemon}\t{kind}", u.name).map_err(io)?;
            }
            Ok(())
        }
        Some("show") => {
            let name =
                unit.ok_or("`show` needs a unit name, e.g. `daemons show virtqemud.service`")?;
            let def = family.unit(&name).ok_or_else(|| {
                let hint = unit_core::suggest::closest(&name, family.units.iter().map(|u| u.name))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_else(|| "; `daemons list` shows them all".into());
                format!("unknown unit `{name}`{hint}")
            })?;
            let rendered = def.render(&options).map_err(|e| e.join("; "))?;
            out.write_all(rendered.text.as_bytes()).map_err(io)
        }
        Some("render") => {
            let dir = dir.ok_or("`render` needs `--out DIR`")?;
            let units = family.render(&options).map_err(|e| e.join("; "))?;
            let report = write_dir(&dir, &units, Track::None)
                .map_err(|e| format!("cannot write into {}: {e}", dir.display()))?;
            writeln!(out, "{}", summary(&report, &dir)).map_err(io)
        }
        Some("install") => {
            let destdir = dir.ok_or("`install` needs `--destdir DIR`")?;
            let unitdir = options
                .get("unitdir")
                .ok_or("this family has no `unitdir` build option")?;
            let target = destdir.join(unitdir.trim_start_matches('/'));
            let units = family.render(&options).map_err(|e| e.join("; "))?;
            let report = write_dir(&target, &units, Track::Manifest)
                .map_err(|e| format!("cannot install into {}: {e}", target.display()))?;
            for (verb, names) in [("installed", &report.written), ("removed", &report.removed)] {
                for n in names {
                    writeln!(out, "{verb} {}", target.join(n).display()).map_err(io)?;
                }
            }
            writeln!(out, "{}", summary(&report, &target)).map_err(io)
        }
        Some("verify") => verify(family, &set, out),
        Some(other) => Err(format!(
            "unknown command `{other}`; use list, show, render, install or verify"
        )),
        None => Err(format!("no command given\n{}", usage(family))),
    }
}

fn usage(family: &Family) -> String {
    let mut s = USAGE.to_owned();
    for o in family.options {
        let _ = write!(
            s,
            "\n  --{} VALUE{:width$}{} (default {})",
            o.name,
            "",
            o.doc,
            o.default,
            width = 18usize.saturating_sub(o.name.len())
        );
    }
    s
}

fn summary(report: &Report, dir: &Path) -> String {
    format!(
        "{} written, {} unchanged, {} removed in {}",
        report.written.len(),
        report.unchanged.len(),
        report.removed.len(),
        dir.display()
    )
}

/// A directory under the system's temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> std::io::Result<TempDir> {
        let base = std::env::temp_dir();
        for n in 0..1000u32 {
            let path = base.join(format!("daemons-{tag}-{}-{n}", std::process::id()));
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(TempDir(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other("no free temporary directory name"))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Renders into a temporary directory, with `sbindir` pointing at stub executables there so
/// the check concerns the unit files and not what this machine has installed, and runs
/// `systemd-analyze verify` on every file.
fn verify(family: &Family, set: &[(String, String)], out: &mut dyn Write) -> Result<(), String> {
    let tmp =
        TempDir::new("verify").map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    let units = render_with_stubs(family, set, &tmp.0)?;
    let mut files: Vec<PathBuf> = units
        .iter()
        .map(|u| tmp.0.join("units").join(u.name))
        .collect();
    files.sort();
    let output = Command::new("systemd-analyze")
        .arg("verify")
        .arg("--man=no")
        .args(&files)
        .current_dir(tmp.0.join("units"))
        .output();
    let output = match output {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            writeln!(
                out,
                "systemd-analyze is not installed; {} units rendered and checked, not verified",
                units.len()
            )
            .map_err(io)?;
            return Ok(());
        }
        Err(e) => return Err(format!("cannot run systemd-analyze: {e}")),
    };
    let report = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    let ours: Vec<&str> = report
        .lines()
        .filter(|l| units.iter().any(|u| l.contains(u.name)))
        .collect();
    if !ours.is_empty() || !output.status.success() {
        return Err(format!(
            "systemd-analyze verify reported problems:\n{}",
            report.trim_end()
        ));
    }
    writeln!(out, "{} units verified by systemd-analyze", units.len()).map_err(io)
}

/// Renders `family` into `dir/units` with `sbindir` set to `dir/sbin`, where an executable stub
/// stands for every program the units start from there. Returns the rendered units.
pub fn render_with_stubs(
    family: &Family,
    set: &[(String, String)],
    dir: &Path,
) -> Result<Vec<Rendered>, String> {
    let sbin = dir.join("sbin");
    std::fs::create_dir_all(&sbin).map_err(|e| e.to_string())?;
    let sbin_str = sbin
        .to_str()
        .ok_or("temporary directory is not valid UTF-8")?
        .to_owned();
    let mut all: Vec<(&str, &str)> = set
        .iter()
        .filter(|(n, _)| n != "sbindir")
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    all.push(("sbindir", &sbin_str));
    let options = family.options(all).map_err(|e| e.join("; "))?;
    let units = family.render(&options).map_err(|e| e.join("; "))?;
    for u in &units {
        for line in u.text.lines() {
            let Some(cmd) = line
                .split_once('=')
                .filter(|(k, _)| k.starts_with("Exec"))
                .map(|(_, v)| v)
            else {
                continue;
            };
            let program = cmd
                .trim_start_matches(['-', '@', ':', '+', '!'])
                .split_whitespace()
                .next()
                .unwrap_or("");
            if let Some(rest) = program.strip_prefix(&format!("{sbin_str}/")) {
                write_stub(&sbin.join(rest))
                    .map_err(|e| format!("cannot create a stub for {program}: {e}"))?;
            }
        }
    }
    write_dir(&dir.join("units"), &units, Track::None).map_err(|e| e.to_string())?;
    Ok(units)
}

fn write_stub(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, "#!/bin/sh\nexit 0\n")?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
}
