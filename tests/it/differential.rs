//! Differential test: the project's checks against the real systemd on single
//! (directive, value) lines. The harness lives in `tests/differential/`; see "Agreement with
//! systemd" in BENCHMARKS.md.
//!
//! - `sample_agrees_with_systemd` runs a fixed sample of about 300 cases (a few per parser)
//!   and fails on any disagreement not listed in `tests/differential/known-disagreements.txt`
//!   (`DIFFERENTIAL_BLESS=1` rewrites that file from the current disagreements).
//! - `full_run` (ignored) runs every case and prints the figures:
//!   `cargo test -p tests --release --test it differential::full_run -- --ignored --nocapture`

#[path = "../differential/cases.rs"]
mod cases;
#[path = "../differential/project.rs"]
mod project;
#[path = "../differential/report.rs"]
mod report;
#[path = "../differential/systemd.rs"]
mod systemd;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use cases::Case;
use report::Verdict;
use tests::{require, TempDir};

const KNOWN: &str = include_str!("../differential/known-disagreements.txt");
const SAMPLE: usize = 300;

/// Whether the systemd here is 252, the release the known disagreements and the expected
/// verdicts are about. Another release skips the test with a message, and fails it in CI.
macro_rules! require_252 {
    () => {
        let version = systemd::version();
        if !version.starts_with("systemd 252 ") {
            assert!(
                std::env::var_os("CI").is_none(),
                "the differential test needs systemd 252, found `{version}`"
            );
            eprintln!("skipped: the differential test needs systemd 252, found `{version}`");
            return;
        }
    };
}

/// A fixed sample: rounds over the parsers, one case of each per round, until `SAMPLE`.
fn sample(all: &[Case]) -> Vec<(usize, &Case)> {
    let mut by_parser: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in all.iter().enumerate() {
        by_parser.entry(&c.parser).or_default().push(i);
    }
    let mut rng = tests::Rng::new(252);
    let mut picked = BTreeSet::new();
    while picked.len() < SAMPLE {
        for ids in by_parser.values_mut() {
            if picked.len() == SAMPLE || ids.is_empty() {
                continue;
            }
            let i = ids.swap_remove(rng.below(ids.len()));
            picked.insert(i);
        }
    }
    picked.into_iter().map(|i| (i, &all[i])).collect()
}

/// The (directive, value) pairs of the known-disagreements file.
fn known() -> BTreeSet<(String, String)> {
    KNOWN
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            let key = f.next().unwrap_or_default().to_owned();
            let value = f.next().unwrap_or_default().to_owned();
            (key, value)
        })
        .collect()
}

/// The sampled cases on which the two verdicts differ, as known-disagreements lines.
fn disagreements(
    sample: &[(usize, &Case)],
    systemd: &[Verdict],
    project: &[Verdict],
) -> Vec<String> {
    let mut out = Vec::new();
    for (((id, case), s), p) in sample.iter().zip(systemd).zip(project) {
        if s.accepted == p.accepted {
            continue;
        }
        // Without the case's number, which moves when cases are added.
        let stem = format!("dx{id:06}");
        let cut = |m: &str| m.replace(&stem, "dx").chars().take(160).collect::<String>();
        let reason = if p.accepted {
            format!("project accepts; systemd: {}", cut(&s.message))
        } else {
            format!("systemd accepts; project: {}", cut(&p.message))
        };
        out.push(format!(
            "{}\t{}\t{}",
            case.key(),
            report::shown(&case.value),
            reason.replace(['\t', '\n'], " ").trim_end()
        ));
    }
    out
}

/// Those of `lines` that the known-disagreements file does not list.
fn unexpected(lines: &[String], known: &BTreeSet<(String, String)>) -> Vec<String> {
    lines
        .iter()
        .filter(|l| {
            let mut f = l.split('\t');
            let key = (
                f.next().unwrap_or_default().to_owned(),
                f.next().unwrap_or_default().to_owned(),
            );
            !known.contains(&key)
        })
        .cloned()
        .collect()
}

#[test]
fn sample_agrees_with_systemd() {
    require!("systemd-analyze");
    require!("systemctl");
    require_252!();
    let all = cases::all();
    let sample = sample(&all);
    assert_eq!(sample.len(), SAMPLE);
    let tmp = TempDir::new("differential-sample");
    let started = Instant::now();
    let systemd = systemd::verdicts(&sample, tmp.path());
    let project = project::verdicts(&sample);
    let found = disagreements(&sample, &systemd, &project);
    if std::env::var_os("DIFFERENTIAL_BLESS").is_some() {
        let head: String = KNOWN
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/differential/known-disagreements.txt"
        );
        std::fs::write(path, head + &found.join("\n") + "\n").unwrap();
        eprintln!("wrote {} disagreements to {path}", found.len());
        return;
    }
    let known = known();
    let new = unexpected(&found, &known);
    let agreed: BTreeSet<(String, String)> = known
        .iter()
        .filter(|k| {
            sample
                .iter()
                .any(|(_, c)| c.key() == k.0 && report::shown(&c.value) == k.1)
                && !found
                    .iter()
                    .any(|l| l.starts_with(&format!("{}\t{}\t", k.0, k.1)))
        })
        .cloned()
        .collect();
    if !agreed.is_empty() {
        eprintln!("now agreeing with systemd, remove from known-disagreements.txt: {agreed:#?}");
    }
    eprintln!(
        "{} sampled cases, {} disagreements ({} known), {:.1}s",
        sample.len(),
        found.len(),
        found.len() - new.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        new.is_empty(),
        "disagreements with systemd 252 not in known-disagreements.txt:\n{}",
        new.join("\n")
    );

    // The comparison is not vacuous: with every project verdict turned round, it fails.
    let flipped: Vec<Verdict> = project
        .iter()
        .map(|v| Verdict {
            accepted: !v.accepted,
            message: "flipped".to_owned(),
        })
        .collect();
    let broken = unexpected(&disagreements(&sample, &systemd, &flipped), &known);
    assert!(broken.len() > SAMPLE / 2, "{}", broken.len());
}

#[test]
fn the_classifier_reads_what_systemd_says() {
    require!("systemd-analyze");
    require!("systemctl");
    require_252!();
    // (section, directive, value, accepted by systemd 252, a word of what it says)
    let expected = [
        ("Service", "KillMode", "none", true, "KillMode=none"),
        ("Service", "MemoryLimit", "1G", true, "MemoryMax="),
        (
            "Service",
            "ExecStart",
            "/nonexistent/x",
            true,
            "not executable",
        ),
        ("Unit", "RequiresOverridable", "a.service", true, "obsolete"),
        ("Unit", "After", "nosuch.service", true, ""),
        ("Install", "DefaultInstance", "foo", true, ""),
        ("Mount", "Where", "/mnt/foo", true, ""),
        ("Service", "Restart", "bogus", false, "restart specifier"),
        ("Service", "DynamicUser", "maybe", false, "fatal error"),
        ("Socket", "ListenStream", "", false, "no Listen setting"),
        ("Install", "WantedBy", "%z", false, "systemctl enable"),
        (
            "Mount",
            "Where",
            "/mnt/%N",
            false,
            "doesn't match unit name",
        ),
    ];
    let cases: Vec<Case> = expected
        .iter()
        .map(|(section, directive, value, _, _)| Case {
            kind: cases::kind_of(section).unwrap(),
            section: (*section).to_owned(),
            directive: (*directive).to_owned(),
            parser: String::new(),
            value: (*value).to_owned(),
        })
        .collect();
    let indexed: Vec<(usize, &Case)> = cases.iter().enumerate().collect();
    let tmp = TempDir::new("differential-classifier");
    let got = systemd::verdicts(&indexed, tmp.path());
    for ((section, directive, value, accepted, word), v) in expected.iter().zip(&got) {
        assert_eq!(
            v.accepted, *accepted,
            "{section}.{directive}={value}: {v:?}"
        );
        assert!(
            v.message.contains(word),
            "{section}.{directive}={value}: {v:?}"
        );
    }
}

#[test]
fn the_sample_covers_every_parser_and_the_full_set_is_large() {
    let all = cases::all();
    let parsers: BTreeSet<&str> = all.iter().map(|c| c.parser.as_str()).collect();
    let sampled: BTreeSet<&str> = sample(&all)
        .iter()
        .map(|(_, c)| c.parser.as_str())
        .collect();
    assert_eq!(parsers, sampled);
    assert!(all.len() >= 20_000, "{}", all.len());
    let sections: BTreeSet<&str> = cases::directives()
        .iter()
        .filter(|(s, _, _)| cases::kind_of(s).is_some())
        .map(|(s, _, _)| cases::kind_of(s).unwrap())
        .collect();
    assert_eq!(sections.len(), 8, "{sections:?}");
}

#[test]
fn every_base_unit_is_valid_for_the_project_and_for_systemd() {
    let all = cases::all();
    let mut seen = BTreeSet::new();
    let mut bases = Vec::new();
    for (id, case) in all.iter().enumerate() {
        let base = case.unit(id, false);
        let key = base.text.replace(&format!("dx{id:06}"), "@") + case.kind;
        if seen.insert(key) {
            assert_eq!(
                project::base_messages(case, id),
                Vec::<String>::new(),
                "{}",
                base.text
            );
            bases.push((id, case));
        }
    }
    require!("systemd-analyze");
    require!("systemctl");
    let tmp = TempDir::new("differential-bases");
    // A mount needs `What=`, so the base of the `Mount.What` cases cannot be valid: their
    // verdicts count only what the tested line adds to these two messages.
    let (what, others): (Vec<_>, Vec<_>) = bases.iter().partition(|(_, c)| c.key() == "Mount.What");
    let said = systemd::base_lines(&others, tmp.path());
    assert!(said.is_empty(), "{said:#?}");
    let said = systemd::base_lines(&what, tmp.path());
    assert_eq!(said.len(), 2, "{said:#?}");
    assert!(
        said[0].ends_with(".mount: What= setting is missing. Refusing."),
        "{said:#?}"
    );
    assert!(
        said[1].ends_with(".mount has a bad unit file setting."),
        "{said:#?}"
    );
}

#[test]
#[ignore = "runs every case through systemd-analyze; see BENCHMARKS.md"]
fn full_run() {
    require!("systemd-analyze");
    require!("systemctl");
    let started = Instant::now();
    let all = cases::all();
    let indexed: Vec<(usize, &Case)> = all.iter().enumerate().collect();
    let version = systemd::version();
    let key = report::fnv(
        [version.clone(), systemd::VERIFY.join(" ")]
            .into_iter()
            .chain(indexed.iter().flat_map(|&(id, c)| {
                let u = c.unit(id, true);
                [u.name, u.text]
            })),
    );
    let out = report::out_dir();
    let cache = out.join(format!("systemd-{key:016x}.tsv"));
    let systemd = match report::load(&cache, all.len()) {
        Some(v) => {
            eprintln!("systemd's verdicts from {}", cache.display());
            v
        }
        None => {
            let tmp = TempDir::new("differential-full");
            let v = systemd::verdicts(&indexed, tmp.path());
            report::store(&cache, &v);
            v
        }
    };
    let systemd_time = started.elapsed();
    let project = project::verdicts(&indexed);
    let summary = report::summarize(&indexed, &systemd, &project, &out.join("disagreements.tsv"));
    let text = format!(
        "{version}\n{summary}\nsystemd verdicts: {:.1}s, project verdicts: {:.1}s\n",
        systemd_time.as_secs_f64(),
        (started.elapsed() - systemd_time).as_secs_f64()
    );
    std::fs::write(out.join("summary.txt"), &text).unwrap();
    println!("{text}");
}

/// The major release of the `systemd-analyze` installed here (252 if it cannot be told).
fn systemd_release() -> u16 {
    static RELEASE: std::sync::OnceLock<u16> = std::sync::OnceLock::new();
    *RELEASE.get_or_init(|| {
        systemd::version()
            .split_whitespace()
            .nth(1)
            .and_then(|v| v.parse().ok())
            .unwrap_or(252)
    })
}
