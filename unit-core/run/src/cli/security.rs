//! `security [UNIT...] [--file] [--threshold N] [--security-policy FILE] [--release N]
//! [--message-format json]`: the exposure `systemd-analyze security` gives the family's units
//! (or unit files, with `--file`), as its table or as one JSON record per check.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::Command;
use super::finding::{Finding, Severity};
use super::{io, Cli, Error, Result};
use unit_core::dropin::RenderedDropin;
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
    match v.into_string() {
        Ok(s) => Ok(s),
        Err(v) => Err(usage(format!(
            "{what} `{}` is not valid UTF-8",
            v.to_string_lossy()
        ))),
    }
}

fn value(p: &mut lexopt::Parser, flag: &str) -> Result<String> {
    match p.value() {
        Ok(v) => text(v, &format!("value of `--{flag}`")),
        Err(_) => Err(usage(format!("`--{flag}` needs a value"))),
    }
}

fn parse(cli: &Cli, args: &[OsString]) -> Result<Option<Request>> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args.to_vec());
    let mut r = Request::default();
    loop {
        let arg = match parser.next() {
            Ok(Some(arg)) => arg,
            Ok(None) => break,
            Err(e) => return Err(usage(e.to_string().replace('\'', "`"))),
        };
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("file") => r.files = true,
            Long("threshold") => {
                let v = value(&mut parser, "threshold")?;
                match v.parse::<u64>() {
                    Ok(n) if n <= 100 => r.threshold = Some(n),
                    _ => return Err(usage(format!("`--threshold {v}` is not a number from 0 to 100; it is the exposure times ten, as `systemd-analyze security --threshold` takes it"))),
                }
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
                match v.parse() {
                    Ok(n) => r.release = Some(n),
                    Err(_) => {
                        return Err(usage(format!(
                            "`--release {v}` is not a systemd release such as `252`"
                        )))
                    }
                }
            }
            Long(name) if cli.family().options.iter().any(|o| o.name == name) => {
                let name = name.to_owned();
                let v = value(&mut parser, &name)?;
                r.set.push((name, v));
            }
            Long(name) => {
                let mut known: Vec<&str> = Command::Security.flags().to_vec();
                for o in cli.family().options {
                    known.push(o.name);
                }
                let message = match unit_core::suggest::closest_in(name, &known) {
                    Some(s) => {
                        format!("unknown option `--{name}` for `security`; did you mean `--{s}`?")
                    }
                    None => format!("unknown option `--{name}` for `security`"),
                };
                return Err(usage(message));
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
    let release = match r.release {
        Some(n) => security::catalog_release(n),
        None => security::catalog_release(family.target.reference()),
    };
    let policy = match &r.policy {
        None => Policy::default(),
        Some(path) => {
            let text = match std::fs::read_to_string(path) {
                Ok(text) => text,
                Err(e) => return Err(cannot(path, e)),
            };
            match Policy::parse(&text) {
                Ok(policy) => policy,
                Err(e) => {
                    return Err(Error::Failed(format!(
                        "`{}` is not a security policy: {e}",
                        path.display()
                    )))
                }
            }
        }
    };
    let scored = if r.files {
        if r.operands.is_empty() {
            return Err(usage("`security --file` needs unit files"));
        }
        let mut scored = Vec::new();
        for p in &r.operands {
            scored.push(file(Path::new(p), release, &policy)?);
        }
        scored
    } else {
        units(cli, &r, release, &policy)?
    };
    let threshold = r.threshold.unwrap_or(100);
    let mut over: Vec<(&Report, String)> = Vec::new();
    for s in &scored {
        if let Some(limit) = s.over(threshold) {
            over.push((&s.report, limit));
        }
    }
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
        many => {
            let mut message = format!(
                "{} units score over their budget or the threshold: ",
                many.len()
            );
            for (i, (r, limit)) in many.iter().enumerate() {
                if i > 0 {
                    message.push_str("; ");
                }
                message.push_str(&format!("`{}` {}, {limit}", r.unit, r.exposure_text()));
            }
            Err(Error::Failed(message))
        }
    }
}

/// The family's units named in `r` (every service when none is), rendered and scored with
/// their drop-ins.
fn units(cli: &Cli, r: &Request, release: u16, policy: &Policy) -> Result<Vec<Scored>> {
    let family = cli.family();
    let options = super::options_of(family, &r.set, Command::Security)?;
    let mut names: Vec<&str> = Vec::new();
    if r.operands.is_empty() {
        for u in family.units {
            if u.kind() == Some(unit_core::UnitKind::Service) {
                names.push(u.name);
            }
        }
    } else {
        for o in &r.operands {
            names.push(o);
        }
    }
    let dropins = family.render_dropins(&options).map_err(super::joined)?;
    let mut out = Vec::new();
    for name in names {
        let Some(def) = family.unit(name) else {
            return Err(Error::Failed(super::unknown_unit(
                family,
                name,
                cli.program(),
            )));
        };
        let rendered = def
            .render_for(&options, family.target)
            .map_err(super::joined)?;
        // The unit's drop-ins in file-name order, as systemd applies them: a unit has a
        // handful, sorted as they come.
        let mut mine: Vec<&RenderedDropin> = Vec::new();
        for d in &dropins {
            if d.unit == name {
                let mut at = mine.len();
                while at > 0 && mine[at - 1].file > d.file {
                    at -= 1;
                }
                mine.insert(at, d);
            }
        }
        let mut files = vec![parsed(name, &rendered.text)?];
        for d in mine {
            files.push(parsed(name, &d.text)?);
        }
        let refs: Vec<&Unit> = files.iter().collect();
        let mut budget = None;
        for b in family.budgets {
            if b.unit == name {
                budget = Some(u64::from(b.exposure));
                break;
            }
        }
        out.push(Scored {
            report: security::score(&refs, release, policy),
            file: None,
            budget,
        });
    }
    Ok(out)
}

fn parsed(name: &str, text: &str) -> Result<Unit> {
    match unit_core::parse(name, text) {
        Ok(unit) => Ok(unit),
        Err(e) => Err(Error::Failed(format!("`{name}`: {e}"))),
    }
}

fn cannot(p: &Path, e: std::io::Error) -> Error {
    Error::Failed(format!("cannot read `{}`: {e}", p.display()))
}

fn read(path: &Path) -> Result<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(e) => Err(cannot(path, e)),
    }
}

/// A unit file and the drop-ins in `PATH.d/*.conf` beside it, scored.
fn file(path: &Path, release: u16, policy: &Policy) -> Result<Scored> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Err(Error::Failed(format!(
            "`{}` names no unit file",
            path.display()
        )));
    };
    let text = read(path)?;
    let mut files = vec![parsed(name, &text)?];
    let dir = path.with_file_name(format!("{name}.d"));
    if let Ok(paths) = crate::import::sorted_paths(&dir) {
        for conf in paths {
            if conf.extension().is_some_and(|e| e == "conf") {
                let text = read(&conf)?;
                files.push(parsed(name, &text)?);
            }
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
    let report = &scored.report;
    let place = |mut f: Finding| {
        f.unit = Some(report.unit.clone());
        f.file.clone_from(&scored.file);
        f.release = Some(report.release);
        f
    };
    let mut out: Vec<Finding> = Vec::new();
    for v in &report.verdicts {
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
        out.push(place(Finding::new(severity, v.check.id, message)));
    }
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
    let header = ["UNIT", "EXPOSURE", "PREDICATE", "HAPPY"].map(str::to_owned);
    let mut rows: Vec<[String; 4]> = vec![header];
    for Scored { report: r, .. } in scored {
        let (level, face) = r.level();
        rows.push([
            r.unit.clone(),
            r.exposure_text(),
            level.to_owned(),
            face.to_owned(),
        ]);
    }
    let mut widths = [0; 3];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let [w0, w1, w2] = widths;
    for row in &rows {
        writeln!(
            out,
            "{:<w0$} {:>w1$} {:<w2$} {}",
            row[0], row[1], row[2], row[3]
        )
        .map_err(io)?;
    }
    Ok(())
}
