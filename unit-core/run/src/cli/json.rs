//! `render` and `verify` with `--message-format json`: their checks and reports as findings.

use std::io::Write;

use super::args::{Command, Invocation};
use super::check::{family_findings, release, report};
use super::finding::{Finding, Severity};
use super::{Cli, Error, Result};
use unit_core::family::{Family, Options};

/// `render` or `verify` with `--message-format json`: the family's problems as findings,
/// before anything is written; then the command, its report lines as `info` findings and
/// its failure as findings of its own.
pub(crate) fn run(
    cli: &Cli,
    inv: Invocation,
    options: &Options,
    out: &mut dyn Write,
) -> Result<()> {
    report(&family_findings(cli.family(), options), true, out)?;
    let command = inv.command;
    let mut buffer = Vec::new();
    let result = cli.dispatch(inv, &mut buffer);
    let rule = command.name();
    let mut findings: Vec<Finding> = Vec::new();
    for l in String::from_utf8_lossy(&buffer).lines() {
        if !l.is_empty() {
            findings.push(Finding::new(Severity::Info, rule, l));
        }
    }
    match result {
        Ok(()) | Err(Error::Closed) => {}
        Err(Error::Failed(m)) if command == Command::Verify => {
            findings.extend(analyze_findings(&m, cli.family()));
        }
        Err(Error::Failed(m)) => findings.push(Finding::new(Severity::Error, rule, m)),
        Err(e @ (Error::Usage(..) | Error::Misused(_))) => return Err(e),
    }
    report(&findings, true, out)
}

/// `verify`'s failure as findings: each line `systemd-analyze verify` printed becomes one, of
/// rule `systemd-analyze`, with its file and line where the line names them
/// (`/usr/lib/systemd/system/a.service:4: Unknown key ...`) and its unit where it starts with
/// one (`a.service: Command ... is not executable`).
pub fn analyze_findings(message: &str, family: &Family) -> Vec<Finding> {
    let release = analyze_release();
    let mut lines = message.lines();
    let Some(first) = lines.next() else {
        return Vec::new();
    };
    let mut rest: Vec<&str> = Vec::new();
    for l in lines {
        if !l.trim().is_empty() {
            rest.push(l);
        }
    }
    if rest.is_empty() {
        return vec![Finding::new(Severity::Error, "verify", first)];
    }
    let mut names: Vec<&str> = Vec::new();
    for u in family.units {
        names.push(u.name);
    }
    for d in family.dropins {
        names.push(d.unit);
    }
    let mut out = Vec::new();
    for line in rest {
        let mut f = Finding::new(Severity::Error, "systemd-analyze", line.trim());
        f.release = release;
        let (head, tail) = line.split_once(": ").unwrap_or(("", line));
        let mut parts = head.rsplitn(2, ':');
        let last = parts.next().unwrap_or("");
        let file = match (last.parse::<u32>(), parts.next()) {
            (Ok(n), Some(file)) if file.starts_with('/') => {
                f.line = Some(n);
                Some(file)
            }
            _ if head.starts_with('/') => Some(head),
            _ => None,
        };
        let name = match file {
            Some(p) => p.rsplit('/').next().unwrap_or(p),
            None => head,
        };
        let mut unit = None;
        for &u in &names {
            if u == name || file.is_some_and(|p| p.contains(&format!("/{u}.d/"))) {
                unit = Some(u);
                break;
            }
        }
        if file.is_some() || unit.is_some() {
            f.file = file.map(str::to_owned);
            f.unit = Some(unit.unwrap_or(name).to_owned());
            f.message = tail.trim().to_owned();
        }
        out.push(f);
    }
    out
}

/// The release of the `systemd-analyze` installed here (`systemd 252 (252.30-1)`).
fn analyze_release() -> Option<u16> {
    let out = std::process::Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    release(text.lines().next()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyze_lines_become_findings() {
        let message = "`systemd-analyze verify` reported problems:\n\
            /usr/lib/systemd/system/a.service:4: Unknown key name 'Foo' in section 'Service', ignoring.\n\
            a.service: Command /usr/bin/a is not executable: No such file or directory";
        static UNITS: &[unit_core::UnitDef] = &[unit_core::UnitDef {
            name: "a.service",
            daemon: "",
            text: "",
        }];
        let family = Family {
            units: UNITS,
            ..Family::EMPTY
        };
        let f = analyze_findings(message, &family);
        assert_eq!(f.len(), 2);
        assert_eq!(
            f[0].file.as_deref(),
            Some("/usr/lib/systemd/system/a.service")
        );
        assert_eq!(
            (f[0].line, f[0].unit.as_deref()),
            (Some(4), Some("a.service"))
        );
        assert!(f[0].message.starts_with("Unknown key name"), "{:?}", f[0]);
        assert_eq!((f[1].file.as_deref(), f[1].line), (None, None));
        assert_eq!(f[1].unit.as_deref(), Some("a.service"));
        assert!(f.iter().all(|f| f.rule == "systemd-analyze"));
    }
}
