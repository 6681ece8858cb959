//! The systemd that judges the corpus: this machine's, or a release unpacked beside it, run in
//! test mode on a directory of units, and its dump of each unit read back.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use super::cases::Case;

const SYSTEMD: &str = "/lib/systemd/systemd";
pub const TARGET: &str = "import-corpus.target";

/// Whether systemd's test mode can be used here.
pub fn have_systemd() -> bool {
    Judge::host().available()
}

/// The systemd that judges the units, and the release the families are compiled for.
#[derive(Clone, Debug)]
pub struct Judge {
    /// The program and its leading arguments: the binary, or a loader running it.
    pub command: Vec<PathBuf>,
    /// Extra environment.
    pub env: Vec<(String, PathBuf)>,
    /// The oldest release the families target (`systemd N..;`), `None` for the DSL's default
    /// (or the release a unit needs).
    pub target: Option<u16>,
    /// Where that release's own units are.
    pub unit_dir: PathBuf,
}

impl Judge {
    /// This machine's systemd.
    pub fn host() -> Judge {
        Judge {
            command: vec![PathBuf::from(SYSTEMD)],
            env: Vec::new(),
            target: None,
            unit_dir: PathBuf::from("/lib/systemd/system"),
        }
    }

    /// A release unpacked at `root` (by `tests/corpus/fetch-257.sh`), run with its own loader
    /// and libraries; the families target that release and later ones.
    pub fn unpacked(root: &Path, release: u16) -> Judge {
        let lib = root.join("usr/lib/x86_64-linux-gnu");
        let path = format!("{}:{}", lib.display(), lib.join("systemd").display());
        Judge {
            command: vec![
                root.join("usr/lib64/ld-linux-x86-64.so.2"),
                PathBuf::from("--library-path"),
                PathBuf::from(path),
                root.join("usr/lib/systemd/systemd"),
            ],
            env: vec![(
                "SYSTEMD_EXECUTOR_PATH".into(),
                root.join("usr/lib/systemd/systemd-executor"),
            )],
            target: Some(release),
            unit_dir: root.join("usr/lib/systemd/system"),
        }
    }

    /// Whether its test mode can be used here.
    pub fn available(&self) -> bool {
        let (Some(program), Some(binary)) = (self.command.first(), self.command.last()) else {
            return false;
        };
        program.exists() && binary.exists() && Path::new("/usr/bin/setpriv").exists()
    }
}

pub fn first_difference(a: &str, b: &str) -> String {
    let la: Vec<&str> = a.lines().collect();
    let lb: Vec<&str> = b.lines().collect();
    for (x, y) in la.iter().zip(lb.iter()) {
        if x != y {
            return format!("`{}` became `{}`", x.trim(), y.trim());
        }
    }
    format!("{} lines became {}", la.len(), lb.len())
}

pub fn normalise(block: &str, root: &Path) -> String {
    let root = root.display().to_string();
    // Jobs depend on the transaction of the run, not on the unit.
    let block = block.split("\t-> Job ").next().unwrap_or(block).trim_end();
    let lines = block
        .lines()
        .map(sort_sets)
        .filter(|l| {
            let t = l.trim_start();
            // Whether a unit may be garbage-collected depends on the jobs of the run.
            !(t.starts_with("Fragment Path:")
                || t.starts_with("DropIn Path:")
                || t.starts_with("May GC:")
                || t.contains("Timestamp"))
        })
        .map(|l| l.replace(&root, "<root>"))
        .collect::<Vec<_>>();
    // Dependencies, address lists and the sets 257 prints one word a line are sets that
    // systemd prints in hash order: sort each run of them.
    let mut lines = lines;
    let dep = |l: &String| {
        let t = l.trim_start();
        l.contains("(origin-")
            || l.contains("(destination-")
            || t.starts_with("IPAddressDeny:")
            || t.starts_with("IPAddressAllow:")
            || SETS.iter().any(|k| t.starts_with(k))
    };
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        while i < lines.len() && dep(&lines[i]) {
            i += 1;
        }
        lines[start..i].sort();
        i = i.max(start + 1);
    }
    lines.join("\n")
}

/// Settings that systemd prints as sets, in hash order.
const SETS: &[&str] = &[
    "SystemCallFilter:",
    "SystemCallLog:",
    "RestrictAddressFamilies:",
    "RestrictFileSystems:",
    "RestrictNetworkInterfaces:",
    "SystemCallArchitectures:",
];

/// A set printed on one line: its words sorted.
fn sort_sets(line: &str) -> String {
    let t = line.trim_start();
    match SETS.iter().find(|k| t.starts_with(*k)) {
        Some(k) => {
            let rest = t[k.len()..].trim_start();
            let (deny, rest) = match rest.strip_prefix('~') {
                Some(r) => ("~", r),
                None => ("", rest),
            };
            let mut words: Vec<&str> = rest.split_whitespace().collect();
            words.sort_unstable();
            format!("{k} {deny}{}", words.join(" "))
        }
        None => line.to_owned(),
    }
}

/// Settings of the exec and service contexts that systemd's `--test` dump does not print
/// (found by loading a unit that sets each directive to a distinct word, with 252 and 257):
/// how each accumulates.
const UNDUMPED: &[(&str, Accumulates)] = &[
    ("StandardInputText", Accumulates::Lines),
    ("StandardInputData", Accumulates::Base64),
    ("SetCredential", Accumulates::Lines),
    ("SetCredentialEncrypted", Accumulates::Lines),
    ("LoadCredential", Accumulates::Lines),
    ("LoadCredentialEncrypted", Accumulates::Lines),
    ("RestartForceExitStatus", Accumulates::Words),
    ("RestartPreventExitStatus", Accumulates::Words),
    ("SuccessExitStatus", Accumulates::Words),
    ("SyslogIdentifier", Accumulates::Last),
    ("IPCNamespacePath", Accumulates::Last),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Accumulates {
    /// Each line appends its value.
    Lines,
    /// Each line appends base64, in which white space means nothing.
    Base64,
    /// Each line appends its words.
    Words,
    /// The last line wins.
    Last,
}

/// What systemd's dump leaves out, read from the files as systemd reads them: `[Install]` as
/// its installer reads it (each key's words) and the settings in [`UNDUMPED`]. An empty value
/// resets what came before.
pub fn undumped(dir: &Path, case: &Case) -> BTreeMap<String, Vec<String>> {
    let mut texts = vec![std::fs::read_to_string(dir.join(&case.name)).unwrap_or_default()];
    if let Ok(d) = std::fs::read_dir(dir.join(format!("{}.d", case.name))) {
        let mut confs: Vec<PathBuf> = d.filter_map(|e| e.ok().map(|e| e.path())).collect();
        confs.sort();
        texts.extend(
            confs
                .iter()
                .map(|p| std::fs::read_to_string(p).unwrap_or_default()),
        );
    }
    let mut lists: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for text in texts {
        let Ok(unit) = unit_core::parse(&case.name, &text) else {
            continue;
        };
        for s in &unit.sections {
            for e in &s.entries {
                let how = if s.name == "Install" {
                    Accumulates::Words
                } else {
                    match UNDUMPED.iter().find(|(k, _)| *k == e.key.as_str()) {
                        Some((_, how)) => *how,
                        None => continue,
                    }
                };
                let list = lists.entry(format!("{}.{}", s.name, e.key)).or_default();
                if e.value.is_empty() || how == Accumulates::Last {
                    list.clear();
                }
                match how {
                    Accumulates::Words => {
                        list.extend(e.value.split_whitespace().map(str::to_owned))
                    }
                    Accumulates::Base64 => list.push(e.value.split_whitespace().collect()),
                    Accumulates::Lines | Accumulates::Last => list.push(e.value.clone()),
                }
                list.retain(|v| !v.is_empty());
            }
        }
    }
    lists.retain(|_, v| !v.is_empty());
    lists
}

/// Systemd's dump of every unit loaded from `dir` (name to block) and its log.
pub fn dump(dir: &Path, judge: &Judge) -> (HashMap<String, String>, String) {
    let output = Command::new("/usr/bin/setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .args(&judge.command)
        .args(["--test", "--system", "--no-pager"])
        .arg(format!("--unit={TARGET}"))
        .env("SYSTEMD_UNIT_PATH", dir)
        .env("SYSTEMD_LOG_COLOR", "0")
        // `nobody` cannot read root's configuration directory, which later releases look at.
        .env("HOME", "/")
        .envs(judge.env.iter().map(|(k, v)| (k, v)))
        .current_dir("/")
        .output()
        .unwrap();
    // Later releases draw the arrows of the dump as `→` in a UTF-8 locale.
    let stdout = String::from_utf8_lossy(&output.stdout).replace('→', "->");
    let mut blocks = HashMap::new();
    let mut current: Option<(String, String)> = None;
    for line in stdout.lines() {
        if let Some(name) = line
            .strip_prefix("\t-> Unit ")
            .and_then(|n| n.strip_suffix(':'))
        {
            if let Some((n, b)) = current.take() {
                blocks.insert(n, b);
            }
            current = Some((name.to_owned(), String::new()));
        } else if line.starts_with("-> By jobs") {
            break;
        } else if let Some((_, b)) = current.as_mut() {
            b.push_str(line);
            b.push('\n');
        }
    }
    if let Some((n, b)) = current {
        blocks.insert(n, b);
    }
    (blocks, String::from_utf8_lossy(&output.stderr).into_owned())
}
