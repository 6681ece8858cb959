//! systemd's verdict on each case: `systemd-analyze verify` on batches of unit files, and
//! `systemctl --root=DIR enable` for `[Install]` lines, which only `systemctl` reads.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

use super::cases::{Case, UnitFile, HELPER};
use super::Verdict;

/// How `systemd-analyze` is run. Not with `--recursive-errors=no`, though it is five times
/// faster: it makes the loader skip dependency directives, so `After=foo` goes unchecked.
pub const VERIFY: [&str; 2] = ["verify", "--man=no"];

/// Files per `systemd-analyze verify` run.
const BATCH: usize = 400;

/// Notes systemd prints about a line it accepts: deprecations and advice, not rejections.
const NOTES: &[&str] = &[
    "is deprecated",
    "This is unsafe",
    "will be removed",
    "please use",
    "Please use",
    "is obsolete, replacing by",
    "is obsolete, automatically updating",
    "Ignoring unknown escape sequences",
    "Special user nobody configured",
];

/// What systemd prints when a unit fails to load. Other messages about the unit as a whole
/// (a command that is not on this machine, a missing dependency, an ordering cycle, a setting
/// ignored for want of another) are notes: the unit still loads.
const FAILURES: &[&str] = &[
    "has a bad unit file setting",
    "failed to load properly",
    "Refusing",
    "not loading",
    "fatal error",
    "is masked",
];

/// What `systemd-analyze verify` and `systemctl enable` print about each case, classified.
pub fn verdicts(cases: &[(usize, &Case)], tmp: &Path) -> Vec<Verdict> {
    let bases = baselines(cases, tmp);
    let mut out: Vec<Option<Verdict>> = vec![None; cases.len()];
    let chunks: Vec<Vec<usize>> = (0..cases.len())
        .collect::<Vec<_>>()
        .chunks(BATCH)
        .map(<[usize]>::to_vec)
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
    let results: Vec<Vec<(usize, Verdict)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let chunks = &chunks;
                let bases = &bases;
                s.spawn(move || {
                    let mut got = Vec::new();
                    for (b, chunk) in chunks.iter().enumerate().skip(t).step_by(threads) {
                        let dir = tmp.join(format!("batch{b}"));
                        got.extend(batch(cases, chunk, bases, &dir));
                    }
                    got
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (i, v) in results.into_iter().flatten() {
        out[i] = Some(v);
    }
    out.into_iter().map(Option::unwrap).collect()
}

/// The unit name's stand-in in normalized messages and texts.
fn normalize(text: &str, unit: &UnitFile, id: usize, dir: &Path) -> String {
    let stem = format!("dx{id:06}");
    text.replace(&dir.display().to_string(), "@DIR@")
        .replace(&unit.name, "@NAME@")
        .replace(&stem, "@ID@")
}

/// What systemd says about each distinct base unit (a case's unit without its line):
/// verify's messages and enable's, normalized, keyed by the normalized base text.
struct Bases(HashMap<String, (BTreeSet<String>, BTreeSet<String>)>);

fn base_key(case: &Case, id: usize) -> String {
    let base = case.unit(id, false);
    let dir = Path::new("/nonexistent");
    let mut key = normalize(&base.text, &base, id, dir);
    key.push_str(&normalize(&base.name, &base, id, dir));
    key
}

fn baselines(cases: &[(usize, &Case)], tmp: &Path) -> Bases {
    let mut firsts: HashMap<String, usize> = HashMap::new();
    for (i, (id, case)) in cases.iter().enumerate() {
        firsts.entry(base_key(case, *id)).or_insert(i);
    }
    let dir = tmp.join("bases");
    std::fs::create_dir_all(&dir).unwrap();
    let mut units = Vec::new();
    for (key, &i) in &firsts {
        let (id, case) = cases[i];
        units.push((key.clone(), id, case, case.unit(id, false)));
    }
    let files: Vec<&UnitFile> = units.iter().map(|u| &u.3).collect();
    let lines = verify(&files, &dir);
    let index = Said::new(&lines);
    let mut map = HashMap::new();
    for (key, id, case, unit) in &units {
        let said: BTreeSet<String> = index
            .about(unit)
            .iter()
            .map(|l| strip_line(&normalize(l, unit, *id, &dir)))
            .collect();
        let enabled = if case.section == "Install" {
            let (_, lines) = enable(unit, &tmp.join(format!("base-root{id}")));
            lines
                .iter()
                .map(|l| normalize(l, unit, *id, &tmp.join(format!("base-root{id}"))))
                .collect()
        } else {
            BTreeSet::new()
        };
        map.insert(key.clone(), (said, enabled));
    }
    Bases(map)
}

/// `@DIR@/name:12: message` without its line number, for comparing with a base.
fn strip_line(line: &str) -> String {
    if let Some((head, rest)) = line.split_once(": ") {
        if let Some((file, n)) = head.rsplit_once(':') {
            if n.chars().all(|c| c.is_ascii_digit()) {
                return format!("{file}: {rest}");
            }
        }
    }
    line.to_owned()
}

fn write(dir: &Path, unit: &UnitFile) {
    std::fs::write(dir.join(&unit.name), &unit.text).unwrap();
    for (name, text) in &unit.companions {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// Runs `systemd-analyze verify` on `units`, written into `dir`, and returns its output lines.
fn verify(units: &[&UnitFile], dir: &Path) -> Vec<String> {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(HELPER.0), HELPER.1).unwrap();
    for u in units {
        write(dir, u);
    }
    let out = Command::new("systemd-analyze")
        .args(VERIFY)
        .args(units.iter().map(|u| dir.join(&u.name)))
        .current_dir(dir)
        .env_remove("SYSTEMD_LOG_LEVEL")
        .env("SYSTEMD_LOG_COLOR", "0")
        .env("SYSTEMD_LOG_LOCATION", "0")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .chain(String::from_utf8_lossy(&out.stdout).lines())
        .map(str::to_owned)
        .collect()
}

/// The words of `line` that can be unit names, without trailing punctuation.
fn names_in(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !(c.is_ascii_alphanumeric() || ":-_.\\@".contains(c)))
        .map(|w| w.trim_end_matches([':', '.', ',']))
        .filter(|w| !w.is_empty())
}

/// The output lines of one run, indexed by the unit names they mention.
struct Said<'a> {
    lines: &'a [String],
    by_name: HashMap<&'a str, BTreeSet<usize>>,
}

impl<'a> Said<'a> {
    fn new(lines: &'a [String]) -> Said<'a> {
        let mut by_name: HashMap<&str, BTreeSet<usize>> = HashMap::new();
        for (i, l) in lines.iter().enumerate() {
            for w in names_in(l) {
                // `name.service:12` is a file and line.
                let w = match w.rsplit_once(':') {
                    Some((f, n)) if n.chars().all(|c| c.is_ascii_digit()) => f,
                    _ => w,
                };
                by_name.entry(w).or_default().insert(i);
            }
        }
        Said { lines, by_name }
    }

    /// The lines about `unit` or its companions, in output order.
    fn about(&self, unit: &UnitFile) -> Vec<&'a String> {
        let mut found: BTreeSet<usize> = BTreeSet::new();
        // verify loads a template `a@.service` as its instance `a@i.service`.
        let instance = unit.name.replace("@.", "@i.");
        let names = [&unit.name, &instance];
        for name in names
            .into_iter()
            .chain(unit.companions.iter().map(|(c, _)| c))
        {
            if let Some(ids) = self.by_name.get(name.as_str()) {
                found.extend(ids);
            }
        }
        found.into_iter().map(|i| &self.lines[i]).collect()
    }
}

/// Runs `systemctl --root=ROOT enable` on `unit` in a fresh root and returns whether it
/// succeeded and what it printed, without its reports of links made.
fn enable(unit: &UnitFile, root: &Path) -> (bool, Vec<String>) {
    let _ = std::fs::remove_dir_all(root);
    let etc = root.join("etc/systemd/system");
    std::fs::create_dir_all(&etc).unwrap();
    write(&etc, unit);
    std::fs::write(etc.join(HELPER.0), HELPER.1).unwrap();
    let out = Command::new("systemctl")
        .arg(format!("--root={}", root.display()))
        .args(["enable", &unit.name])
        .output()
        .unwrap();
    let lines = String::from_utf8_lossy(&out.stderr)
        .lines()
        .chain(String::from_utf8_lossy(&out.stdout).lines())
        .filter(|l| {
            !l.starts_with("Created symlink")
                && !l.contains("as a dependency to a non-existent unit")
        })
        .map(str::to_owned)
        .collect();
    let _ = std::fs::remove_dir_all(root);
    (out.status.success(), lines)
}

fn batch(
    cases: &[(usize, &Case)],
    chunk: &[usize],
    bases: &Bases,
    dir: &Path,
) -> Vec<(usize, Verdict)> {
    let units: Vec<UnitFile> = chunk
        .iter()
        .map(|&i| cases[i].1.unit(cases[i].0, true))
        .collect();
    let refs: Vec<&UnitFile> = units.iter().collect();
    let lines = verify(&refs, dir);
    let said = Said::new(&lines);
    let mut out = Vec::new();
    for (&i, unit) in chunk.iter().zip(&units) {
        let (id, case) = cases[i];
        let (base_said, base_enabled) = &bases.0[&base_key(case, id)];
        let mut rejections = Vec::new();
        let mut notes = Vec::new();
        for l in said.about(unit) {
            let n = normalize(l, unit, id, dir);
            let on_line = n.starts_with(&format!("@DIR@/@NAME@:{}: ", unit.line))
                || n.starts_with(&format!("@DIR@/{}:{}: ", unit.name, unit.line));
            if on_line {
                if NOTES.iter().any(|p| l.contains(p)) {
                    notes.push(l.clone());
                } else {
                    rejections.push(l.clone());
                }
            } else if base_said.contains(&strip_line(&n)) {
                continue;
            } else if FAILURES.iter().any(|p| l.contains(p)) {
                rejections.push(l.clone());
            } else {
                notes.push(l.clone());
            }
        }
        if case.section == "Install" {
            let root = dir.join(format!("root{id}"));
            let (ok, said) = enable(unit, &root);
            for l in said {
                if !ok || !base_enabled.contains(&normalize(&l, unit, id, &root)) {
                    rejections.push(format!("systemctl enable: {l}"));
                }
            }
            if !ok && rejections.is_empty() {
                rejections.push("systemctl enable failed".to_owned());
            }
        }
        let short = |l: &String| l.replace(&format!("{}/", dir.display()), "");
        let accepted = rejections.is_empty();
        let text: Vec<String> = rejections.iter().chain(&notes).map(short).collect();
        let verdict = Verdict {
            accepted,
            message: text.join(" | "),
        };
        out.push((i, verdict));
    }
    let _ = std::fs::remove_dir_all(dir);
    out
}

/// The version line of the `systemd-analyze` installed here.
pub fn version() -> String {
    let out = Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// What systemd prints about the base units of `cases` (their units without the tested
/// line), which must be nothing; `[Install]` bases are also enabled.
pub fn base_lines(cases: &[(usize, &Case)], tmp: &Path) -> Vec<String> {
    let units: Vec<UnitFile> = cases.iter().map(|(id, c)| c.unit(*id, false)).collect();
    let refs: Vec<&UnitFile> = units.iter().collect();
    let lines = verify(&refs, &tmp.join("bases"));
    let said = Said::new(&lines);
    let mut out: Vec<String> = units.iter().flat_map(|u| said.about(u)).cloned().collect();
    for ((id, case), unit) in cases.iter().zip(&units) {
        if case.section == "Install" {
            let (ok, said) = enable(unit, &tmp.join(format!("root{id}")));
            if !ok {
                out.push(format!("{}: systemctl enable failed", unit.name));
            }
            out.extend(said);
        }
    }
    out
}
