//! `security [UNIT...] [--file] [--threshold N] [--security-policy FILE] [--release N]
//! [--message-format json]`: the exposure `systemd-analyze security` gives the family's units
//! (or unit files, with `--file`), as its table or as one JSON record per check.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::Command;
use super::finding::{Finding, Severity};
use super::{io, Cli, Error, Result};
use unit_core::security::{self, Policy, Report};
use unit_core::Unit;

/// One unit scored: its report, the file it was read from, its budget.
struct Scored {
    report: Report,
    file: Option<String>,
    budget: Option<u64>,
}

impl Scored {
    /// The limit the unit is over, in words: its budget, else the threshold.
    fn over(&self, threshold: u64) -> Option<String> {
        let e = self.report.exposure;
        match self.budget {
            Some(b) if e > b => Some(format!("over its budget {}", security::tenths(b))),
            _ if e > threshold => Some(format!(
                "over the threshold {}",
                security::tenths(threshold)
            )),
            _ => None,
        }
    }
}

/// A parsed `security` command line.
#[derive(Debug, Default)]
struct Request {
    operands: Vec<String>,
    files: bool,
    threshold: Option<u64>,
    policy: Option<PathBuf>,
    json: bool,
    release: Option<u16>,
    set: Vec<(String, String)>,
}

fn usage(message: impl Into<String>) -> Error {
    Error::Usage(message.into(), Some(Command::Security))
}

fn text(v: OsString, what: &str) -> Result<String> {
    v.into_string().map_err(|v| {
        usage(format!(
            "{what} `{}` is not valid UTF-8",
            v.to_string_lossy()
        ))
    })
}

fn parse(cli: &Cli, args: &[OsString]) -> Result<Option<Request>> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args.iter().cloned());
    let mut r = Request::default();
    let value = |p: &mut lexopt::Parser, flag: &str| -> Result<String> {
        let v = p
            .value()
            .map_err(|_| usage(format!("`--{flag}` needs a value")))?;
        text(v, &format!("value of `--{flag}`"))
    };
    while let Some(arg) = parser
        .next()
        .map_err(|e| usage(e.to_string().replace('\'', "`")))?
    {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("file") => r.files = true,
            Long("threshold") => {
                let v = value(&mut parser, "threshold")?;
                r.threshold = Some(v.parse::<u64>().ok().filter(|n| *n <= 100).ok_or_else(|| {
                    usage(format!("`--threshold {v}` is not a number from 0 to 100; it is the exposure times ten, as `systemd-analyze security --threshold` takes it"))
                })?);
            }
            Long("security-policy") => {
                r.policy = Some(value(&mut parser, "security-policy")?.into())
            }
            Long("message-format") => match value(&mut parser, "message-format")?.as_str() {
                "json" => r.json = true,
                "human" => r.json = false,
                other => {
                    return Err(usage(format!(
                        "unknown message format `{other}`; use `human` or `json`"
                    )))
                }
            },
            Long("release") => {
                let v = value(&mut parser, "release")?;
                r.release = Some(v.parse().map_err(|_| {
                    usage(format!(
                        "`--release {v}` is not a systemd release such as `252`"
                    ))
                })?);
            }
            Long(name) if cli.family().options.iter().any(|o| o.name == name) => {
                let name = name.to_owned();
                let v = value(&mut parser, &name)?;
                r.set.push((name, v));
            }
            Long(name) => {
                let mut known: Vec<&str> = Command::Security.flags().to_vec();
                known.extend(cli.family().options.iter().map(|o| o.name));
                let hint = unit_core::suggest::closest(name, known)
                    .map(|s| format!("; did you mean `--{s}`?"))
                    .unwrap_or_default();
                return Err(usage(format!(
                    "unknown option `--{name}` for `security`{hint}"
                )));
            }
            Short(c) => return Err(usage(format!("unknown option `-{c}`"))),
            Value(v) => r.operands.push(text(v, "argument")?),
        }
    }
    Ok(Some(r))
}

/// Runs `security` with `args` (after the command's name).
pub(super) fn run(cli: &Cli, args: &[OsString], out: &mut dyn Write) -> Result<()> {
    let Some(r) = parse(cli, args)? else {
        let help = super::help::text(cli, Some(Command::Security));
        return out.write_all(help.as_bytes()).map_err(io);
    };
    let family = cli.family();
    let release = security::catalog_release(r.release.unwrap_or_else(|| family.target.reference()));
    let policy = match &r.policy {
        None => Policy::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::Failed(format!("cannot read `{}`: {e}", path.display())))?;
            Policy::parse(&text).map_err(|e| {
                Error::Failed(format!(
                    "`{}` is not a security policy: {e}",
                    path.display()
                ))
            })?
        }
    };
    let scored = if r.files {
        if r.operands.is_empty() {
            return Err(usage("`security --file` needs unit files"));
        }
        r.operands
            .iter()
            .map(|p| file(Path::new(p), release, &policy))
            .collect::<Result<Vec<_>>>()?
    } else {
        units(cli, &r, release, &policy)?
    };
    let threshold = r.threshold.unwrap_or(100);
    let over: Vec<(&Report, String)> = scored
        .iter()
        .filter_map(|s| Some((&s.report, s.over(threshold)?)))
        .collect();
    if r.json {
        for one in &scored {
            for line in findings(one, threshold) {
                writeln!(out, "{}", line.to_json()).map_err(io)?;
            }
        }
    } else if r.operands.is_empty() {
        overview(&scored, out)?;
    } else {
        for (i, one) in scored.iter().enumerate() {
            if i > 0 {
                out.write_all(b"\n").map_err(io)?;
            }
            out.write_all(one.report.table().as_bytes()).map_err(io)?;
        }
    }
    match over.as_slice() {
        [] => Ok(()),
        [(one, limit)] => Err(Error::Failed(format!(
            "`{}` scores {}, {limit}",
            one.unit,
            one.exposure_text()
        ))),
        many => Err(Error::Failed(format!(
            "{} units score over their budget or the threshold: {}",
            many.len(),
            many.iter()
                .map(|(r, limit)| format!("`{}` {}, {limit}", r.unit, r.exposure_text()))
                .collect::<Vec<_>>()
                .join("; ")
        ))),
    }
}

/// The family's units named in `r` (every service when none is), rendered and scored with
/// their drop-ins.
fn units(cli: &Cli, r: &Request, release: u16, policy: &Policy) -> Result<Vec<Scored>> {
    let family = cli.family();
    let options = family
        .options(r.set.iter().map(|(n, v)| (n.as_str(), v.as_str())))
        .map_err(|e| usage(e.join("; ")))?;
    let names: Vec<&str> = if r.operands.is_empty() {
        family
            .units
            .iter()
            .filter(|u| u.kind() == Some(unit_core::UnitKind::Service))
            .map(|u| u.name)
            .collect()
    } else {
        r.operands.iter().map(String::as_str).collect()
    };
    let mut dropins = family.render_dropins(&options).map_err(super::joined)?;
    dropins.sort_by(|a, b| a.file.cmp(b.file));
    let mut out = Vec::new();
    for name in names {
        let def = family.unit(name).ok_or_else(|| {
            let hint = unit_core::suggest::closest(name, family.units.iter().map(|u| u.name))
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_else(|| format!("; `{} list` shows them all", cli.program()));
            Error::Failed(format!("unknown unit `{name}`{hint}"))
        })?;
        let rendered = def
            .render_for(&options, family.target)
            .map_err(super::joined)?;
        let mut files = vec![parsed(name, &rendered.text)?];
        for d in dropins.iter().filter(|d| d.unit == name) {
            files.push(parsed(name, &d.text)?);
        }
        let refs: Vec<&Unit> = files.iter().collect();
        let budget = family
            .budgets
            .iter()
            .find(|b| b.unit == name)
            .map(|b| u64::from(b.exposure));
        out.push(Scored {
            report: security::score(&refs, release, policy),
            file: None,
            budget,
        });
    }
    Ok(out)
}

fn parsed(name: &str, text: &str) -> Result<Unit> {
    unit_core::parse(name, text).map_err(|e| Error::Failed(format!("`{name}`: {e}")))
}

/// A unit file and the drop-ins in `PATH.d/*.conf` beside it, scored.
fn file(path: &Path, release: u16, policy: &Policy) -> Result<Scored> {
    let cannot =
        |p: &Path, e: std::io::Error| Error::Failed(format!("cannot read `{}`: {e}", p.display()));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::Failed(format!("`{}` names no unit file", path.display())))?;
    let text = std::fs::read_to_string(path).map_err(|e| cannot(path, e))?;
    let mut files = vec![parsed(name, &text)?];
    let dir = path.with_file_name(format!("{name}.d"));
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut confs: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "conf"))
            .collect();
        confs.sort();
        for conf in confs {
            let text = std::fs::read_to_string(&conf).map_err(|e| cannot(&conf, e))?;
            files.push(parsed(name, &text)?);
        }
    }
    let refs: Vec<&Unit> = files.iter().collect();
    Ok(Scored {
        report: security::score(&refs, release, policy),
        file: Some(path.display().to_string()),
        budget: None,
    })
}

/// One record per check, then one for the unit's exposure.
fn findings(scored: &Scored, threshold: u64) -> Vec<Finding> {
    let (report, file) = (&scored.report, scored.file.as_deref());
    let place = |mut f: Finding| {
        f.unit = Some(report.unit.clone());
        f.file = file.map(str::to_owned);
        f.release = Some(report.release);
        f
    };
    let mut out: Vec<Finding> = report
        .verdicts
        .iter()
        .map(|v| {
            let (severity, message) = match report.exposure_of(v) {
                Some(e) => (
                    Severity::Warning,
                    format!(
                        "{}; adds {} to the exposure",
                        v.description,
                        security::tenths(e)
                    ),
                ),
                None => (Severity::Info, v.description.clone()),
            };
            place(Finding::new(severity, v.check.id, message))
        })
        .collect();
    let (level, _) = report.level();
    let scores = format!(
        "`{}` scores {} {level}",
        report.unit,
        report.exposure_text()
    );
    let (severity, message) = match scored.over(threshold) {
        Some(limit) => (Severity::Error, format!("{scores}, {limit}")),
        None => (Severity::Info, scores),
    };
    out.push(place(Finding::new(severity, "exposure", message)));
    out
}

/// systemd's overview of several units: name, exposure, predicate and face.
fn overview(scored: &[Scored], out: &mut dyn Write) -> Result<()> {
    let rows: Vec<[String; 4]> = scored
        .iter()
        .map(|Scored { report: r, .. }| {
            let (level, face) = r.level();
            [
                r.unit.clone(),
                r.exposure_text(),
                level.to_owned(),
                face.to_owned(),
            ]
        })
        .collect();
    let header = ["UNIT", "EXPOSURE", "PREDICATE", "HAPPY"].map(str::to_owned);
    let width = |c: usize| {
        std::iter::once(&header)
            .chain(&rows)
            .map(|r| r[c].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (w0, w1, w2) = (width(0), width(1), width(2));
    for row in std::iter::once(&header).chain(&rows) {
        writeln!(
            out,
            "{:<w0$} {:>w1$} {:<w2$} {}",
            row[0], row[1], row[2], row[3]
        )
        .map_err(io)?;
    }
    Ok(())
}
