//! Verdicts, their cache, the agreement figures and the list of disagreements.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::cases::Case;

/// Whether a checker accepts a case's line, with what it said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub accepted: bool,
    pub message: String,
}

impl Verdict {
    pub fn accepted(message: String) -> Verdict {
        Verdict {
            accepted: true,
            message,
        }
    }

    pub fn rejected(message: String) -> Verdict {
        Verdict {
            accepted: false,
            message,
        }
    }
}

/// FNV-1a, stable across Rust releases, for the cache's key.
pub fn fnv(parts: impl IntoIterator<Item = String>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some(o) => out.push(o),
            None => {}
        }
    }
    out
}

/// The directory for the cache and the report: `target/differential` of the workspace.
pub fn out_dir() -> PathBuf {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("target"));
    let dir = target.join("differential");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Reads cached verdicts, if `path` holds exactly `n` of them.
pub fn load(path: &Path, n: usize) -> Option<Vec<Verdict>> {
    let text = std::fs::read_to_string(path).ok()?;
    let out: Vec<Verdict> = text
        .lines()
        .map(|l| {
            let (flag, message) = l.split_once('\t').unwrap_or((l, ""));
            Verdict {
                accepted: flag == "A",
                message: unescape(message),
            }
        })
        .collect();
    (out.len() == n).then_some(out)
}

pub fn store(path: &Path, verdicts: &[Verdict]) {
    let mut text = String::new();
    for v in verdicts {
        let flag = if v.accepted { "A" } else { "R" };
        writeln!(text, "{flag}\t{}", escape(&v.message)).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// A value as the report and the known-disagreements file show it: escaped, and an overlong
/// one shortened to its first characters and length.
pub fn shown(value: &str) -> String {
    if value.chars().count() > 80 {
        let head: String = value.chars().take(12).collect();
        return format!("{}...({} chars)", escape(&head), value.chars().count());
    }
    escape(value).replace('\u{1}', "\\x01")
}

#[derive(Default)]
struct Tally {
    total: usize,
    false_accepts: usize,
    false_rejects: usize,
}

impl Tally {
    fn count(&mut self, systemd: &Verdict, project: &Verdict) {
        self.total += 1;
        match (systemd.accepted, project.accepted) {
            (false, true) => self.false_accepts += 1,
            (true, false) => self.false_rejects += 1,
            _ => {}
        }
    }
}

fn pct(n: usize, total: usize) -> f64 {
    100.0 * n as f64 / total.max(1) as f64
}

/// The figures, and the disagreements written to `list` (tab-separated).
pub fn summarize(
    cases: &[(usize, &Case)],
    systemd: &[Verdict],
    project: &[Verdict],
    list: &Path,
) -> String {
    let mut all = Tally::default();
    let mut by_parser: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut rows = String::from(
        "kind\tdirective\tparser\tvalue\tsystemd\tsystemd says\tproject\tproject says\n",
    );
    let mut by_kind: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut systemd_rejects = 0;
    for (((_, case), s), p) in cases.iter().zip(systemd).zip(project) {
        systemd_rejects += usize::from(!s.accepted);
        for t in [
            &mut all,
            by_parser.entry(case.parser.as_str()).or_default(),
            by_kind.entry(case.kind).or_default(),
        ] {
            t.count(s, p);
        }
        if s.accepted == p.accepted {
            continue;
        }
        let word = |v: &Verdict| if v.accepted { "accepts" } else { "rejects" };
        writeln!(
            rows,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            case.kind,
            case.key(),
            case.parser,
            shown(&case.value),
            word(s),
            escape(&s.message),
            word(p),
            escape(&p.message)
        )
        .unwrap();
    }
    std::fs::write(list, rows).unwrap();
    let agree = all.total - all.false_accepts - all.false_rejects;
    let mut out = String::new();
    writeln!(out, "cases: {}", all.total).unwrap();
    writeln!(
        out,
        "systemd rejects {systemd_rejects}, accepts {}",
        all.total - systemd_rejects
    )
    .unwrap();
    writeln!(out, "agreement: {agree} ({:.1}%)", pct(agree, all.total)).unwrap();
    writeln!(
        out,
        "false accepts (project accepts, systemd rejects): {} ({:.1}%)",
        all.false_accepts,
        pct(all.false_accepts, all.total)
    )
    .unwrap();
    writeln!(
        out,
        "false rejects (project rejects, systemd accepts): {} ({:.1}%)",
        all.false_rejects,
        pct(all.false_rejects, all.total)
    )
    .unwrap();
    let mut worst: Vec<(&str, &Tally)> = by_parser.iter().map(|(k, v)| (*k, v)).collect();
    worst.sort_by_key(|(name, t)| (std::cmp::Reverse(t.false_accepts + t.false_rejects), *name));
    writeln!(out, "\nmost disagreeing parsers (of {}):", worst.len()).unwrap();
    writeln!(
        out,
        "{:<32} {:>6} {:>9} {:>8} {:>8}",
        "parser", "cases", "disagree", "f.acc", "f.rej"
    )
    .unwrap();
    for (name, t) in worst.iter().take(30) {
        writeln!(
            out,
            "{:<32} {:>6} {:>8.1}% {:>8} {:>8}",
            name,
            t.total,
            pct(t.false_accepts + t.false_rejects, t.total),
            t.false_accepts,
            t.false_rejects
        )
        .unwrap();
    }
    writeln!(out, "\nby unit type:").unwrap();
    for (kind, t) in &by_kind {
        let agree = t.total - t.false_accepts - t.false_rejects;
        writeln!(
            out,
            "{:<32} {:>6} {:>8.1}% agree {:>8} {:>8}",
            kind,
            t.total,
            pct(agree, t.total),
            t.false_accepts,
            t.false_rejects
        )
        .unwrap();
    }
    writeln!(out, "\ndisagreements: {}", list.display()).unwrap();
    out
}
