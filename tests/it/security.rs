//! The exposure score against the real `systemd-analyze security --offline=yes`: every unit of
//! the libvirt family (9.9.0, or 12.8.0 with `--features libvirt-12`), the web application,
//! and this machine's own service and socket files, under this machine's systemd 252 and,
//! when `SYSTEMD_257_ROOT` or `SYSTEMD_262_ROOT` names an unpacked Debian `systemd` of that
//! release (see `tests/security/fetch.sh`), under it, run with its own loader and libraries.
//!
//! Equal means: the same overall exposure to the tenth, the same verdict (passed, failed, not
//! applicable) and exposure for every check, and, for 252, the very same table. Every
//! difference found is in [`KNOWN`], with its reason, and must still occur.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use tests::TempDir;
use unit_core::security::{score, Policy, Report};

/// Differences from systemd that are understood: (release, unit, check, why).
const KNOWN: &[(u16, &str, &str, &str)] = &[];

/// One unit file with its drop-ins, as files in one directory.
struct Case {
    name: String,
    text: String,
    dropins: Vec<(String, String)>,
}

/// How to run one release's `systemd-analyze`.
struct Analyzer {
    release: u16,
    command: Vec<String>,
}

impl Analyzer {
    fn here() -> Option<Analyzer> {
        let out = Command::new("systemd-analyze")
            .arg("--version")
            .output()
            .ok()?;
        let version = String::from_utf8_lossy(&out.stdout);
        let release = version.split_whitespace().nth(1)?.parse().ok()?;
        Some(Analyzer {
            release,
            command: vec!["systemd-analyze".into()],
        })
    }

    fn from_root(root: &Path) -> Option<Analyzer> {
        let loader = root.join("usr/lib64/ld-linux-x86-64.so.2");
        let libs = [
            "usr/lib/x86_64-linux-gnu",
            "usr/lib/x86_64-linux-gnu/systemd",
        ]
        .map(|d| root.join(d).display().to_string())
        .join(":");
        let binary = root.join("usr/bin/systemd-analyze");
        let command = vec![
            loader.display().to_string(),
            "--library-path".into(),
            libs,
            binary.display().to_string(),
        ];
        let out = Command::new(&command[0])
            .args(&command[1..])
            .arg("--version")
            .output()
            .ok()?;
        let version = String::from_utf8_lossy(&out.stdout);
        let release = version.split_whitespace().nth(1)?.parse().ok()?;
        Some(Analyzer { release, command })
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new(&self.command[0])
            .args(&self.command[1..])
            .args(["security", "--offline=yes", "--no-pager"])
            .args(args)
            .env("SYSTEMD_COLORS", "0")
            .env("SYSTEMD_LOG_LEVEL", "err")
            .output()
            .expect("systemd-analyze runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// What systemd said about one unit: its table, its exposure, and per check (passed, exposure).
struct Verdicts {
    table: String,
    exposure: String,
    checks: BTreeMap<String, (Option<bool>, Option<String>)>,
}

fn systemd_verdicts(analyzer: &Analyzer, path: &Path) -> Verdicts {
    let path = path.to_str().expect("utf-8 path");
    let table = analyzer.run(&[path]);
    let exposure = table
        .lines()
        .find_map(|l| l.split_once("Overall exposure level for "))
        .and_then(|(_, rest)| rest.split_once(": "))
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .unwrap_or("?")
        .to_owned();
    let json = analyzer.run(&["--json=short", path]);
    let mut checks = BTreeMap::new();
    for record in json.split("},{") {
        let field = |key: &str| -> Option<String> {
            let at = record.find(&format!("\"{key}\":"))? + key.len() + 3;
            let rest = &record[at..];
            if let Some(s) = rest.strip_prefix('"') {
                Some(s[..s.find('"')?].to_owned())
            } else {
                let end = rest.find([',', '}', ']']).unwrap_or(rest.len());
                Some(rest[..end].to_owned())
            }
        };
        let Some(name) = field("name") else { continue };
        let set = match field("set").as_deref() {
            Some("true") => Some(true),
            Some("false") => Some(false),
            _ => None,
        };
        let exposure = field("exposure").filter(|e| e != "null");
        checks.insert(name, (set, exposure));
    }
    Verdicts {
        table,
        exposure,
        checks,
    }
}

fn ours(case: &Case, release: u16) -> Report {
    let mut units = vec![unit_core::parse(&case.name, &case.text).expect("the unit parses")];
    for (file, text) in &case.dropins {
        units.push(unit_core::parse(&case.name, text).unwrap_or_else(|e| panic!("{file}: {e}")));
    }
    let refs: Vec<&unit_core::Unit> = units.iter().collect();
    score(&refs, release, &Policy::default())
}

/// The name systemd gives a unit it loads from a file: a template gets the instance `i`.
fn loaded_name(name: &str) -> String {
    match name.split_once("@.") {
        Some((prefix, suffix)) => format!("{prefix}@i.{suffix}"),
        None => name.to_owned(),
    }
}

/// Compares every case under `analyzer`; returns the differences as (unit, check, what).
fn differences(analyzer: &Analyzer, cases: &[Case]) -> Vec<(String, String, String)> {
    let dir = TempDir::new("security");
    let mut found = Vec::new();
    for case in cases {
        let sub = dir.path().join(case.name.replace('@', "_at_"));
        std::fs::create_dir_all(&sub).expect("case directory");
        let path: PathBuf = sub.join(&case.name);
        std::fs::write(&path, &case.text).expect("unit written");
        if !case.dropins.is_empty() {
            let d = sub.join(format!("{}.d", case.name));
            std::fs::create_dir_all(&d).expect("drop-in directory");
            for (file, text) in &case.dropins {
                std::fs::write(d.join(file), text).expect("drop-in written");
            }
        }
        let theirs = systemd_verdicts(analyzer, &path);
        let mut report = ours(case, analyzer.release);
        report.unit = loaded_name(&case.name);
        let mut here: Vec<(String, String, String)> = Vec::new();
        let note = |here: &mut Vec<(String, String, String)>, check: &str, what: String| {
            here.push((case.name.clone(), check.to_owned(), what));
        };
        if theirs.exposure == "?" {
            note(
                &mut here,
                "loaded",
                "systemd-analyze did not load the unit".to_owned(),
            );
            found.extend(here);
            continue;
        }
        if report.exposure_text() != theirs.exposure {
            note(
                &mut here,
                "overall",
                format!(
                    "{} here, {} by systemd",
                    report.exposure_text(),
                    theirs.exposure
                ),
            );
        }
        for v in &report.verdicts {
            let mine = (
                v.passed(),
                report.exposure_of(v).map(unit_core::security::tenths),
            );
            match theirs.checks.get(v.check.id) {
                Some(t) if *t == mine => {}
                Some(t) => note(
                    &mut here,
                    v.check.id,
                    format!("{mine:?} here, {t:?} by systemd"),
                ),
                None => note(&mut here, v.check.id, "not checked by systemd".to_owned()),
            }
        }
        for name in theirs.checks.keys() {
            if !report.verdicts.iter().any(|v| v.check.id == name) {
                note(&mut here, name, "checked by systemd only".to_owned());
            }
        }
        if analyzer.release == 252 && here.is_empty() {
            let table = report.table();
            if table.trim_end() != theirs.table.trim_end() {
                note(
                    &mut here,
                    "table",
                    format!("ours:\n{table}\nsystemd's:\n{}", theirs.table),
                );
            }
        }
        found.extend(here);
    }
    found
}

fn family_cases(family: &unit_core::Family) -> Vec<Case> {
    let options = family.default_options();
    let units = family.render(&options).expect("the family renders");
    let dropins = family
        .render_dropins(&options)
        .expect("the drop-ins render");
    units
        .into_iter()
        .map(|u| Case {
            name: u.name.to_owned(),
            text: u.text,
            dropins: dropins
                .iter()
                .filter(|d| d.unit == u.name)
                .map(|d| (d.file.to_owned(), d.text.clone()))
                .collect(),
        })
        .collect()
}

/// Every `step`-th service file of this machine that parses (a sample, so the test is fast).
fn machine_cases(step: usize) -> Vec<Case> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir("/lib/systemd/system")
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "service" || e == "socket")
                && !p.is_symlink()
        })
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_owned();
            let text = std::fs::read_to_string(&p).ok()?;
            unit_core::parse(&name, &text).ok()?;
            Some(Case {
                name,
                text,
                dropins: Vec::new(),
            })
        })
        .step_by(step)
        .collect()
}

fn all_cases() -> Vec<Case> {
    let mut cases = family_cases(&daemons::FAMILY);
    cases.extend(family_cases(&webapp::FAMILY));
    cases.extend(machine_cases(1));
    cases
}

fn check(analyzer: &Analyzer) {
    let cases = all_cases();
    let found = differences(analyzer, &cases);
    let known: Vec<(String, String)> = KNOWN
        .iter()
        .filter(|k| k.0 == analyzer.release)
        .map(|k| (k.1.to_owned(), k.2.to_owned()))
        .collect();
    let unexplained: Vec<String> = found
        .iter()
        .filter(|(u, c, _)| !known.contains(&(u.clone(), c.clone())))
        .map(|(u, c, w)| format!("{u} {c}: {w}"))
        .collect();
    let gone: Vec<&(String, String)> = known
        .iter()
        .filter(|k| !found.iter().any(|(u, c, _)| (u, c) == (&k.0, &k.1)))
        .filter(|k| cases.iter().any(|c| c.name == k.0))
        .collect();
    assert!(
        unexplained.is_empty() && gone.is_empty(),
        "{} units under systemd {}: {} unexplained differences:\n{}\nexplained differences that no longer occur: {gone:?}",
        cases.len(),
        analyzer.release,
        unexplained.len(),
        unexplained.join("\n")
    );
    eprintln!(
        "{} units scored as systemd {} scores them ({} known differences)",
        cases.len(),
        analyzer.release,
        known.len()
    );
}

#[test]
fn scores_agree_with_this_machines_systemd() {
    tests::require!("systemd-analyze");
    let Some(analyzer) = Analyzer::here() else {
        panic!("systemd-analyze --version did not say its release");
    };
    check(&analyzer);
}

/// Another release: `SYSTEMD_257_ROOT` or `SYSTEMD_262_ROOT` names an unpacked Debian
/// `systemd` of that release (`tests/security/fetch.sh trixie|forky` sets one up).
#[test]
fn scores_agree_with_other_releases() {
    let mut ran = 0;
    for release in [257u16, 262] {
        let var = format!("SYSTEMD_{release}_ROOT");
        let Some(root) = std::env::var_os(&var) else {
            continue;
        };
        let analyzer = Analyzer::from_root(Path::new(&root))
            .unwrap_or_else(|| panic!("systemd-analyze of `{var}` does not run"));
        assert_eq!(analyzer.release, release, "{var}");
        check(&analyzer);
        ran += 1;
    }
    if ran == 0 {
        eprintln!("skipped: neither SYSTEMD_257_ROOT nor SYSTEMD_262_ROOT is set (see tests/security/fetch.sh)");
    }
}

/// `daemons security UNIT` prints what `systemd-analyze security` prints for the rendered file.
#[test]
fn the_command_prints_systemds_table() {
    tests::require!("systemd-analyze");
    let Some(analyzer) = Analyzer::here().filter(|a| a.release == 252) else {
        eprintln!("skipped: the table is compared with systemd 252's");
        return;
    };
    let dir = TempDir::new("security-cli");
    let run = tests::run_cli(
        &daemons::FAMILY,
        "daemons",
        &[
            "security",
            "--release",
            "252",
            "virtqemud.service",
            "virtlogd.service",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.err);
    let options = daemons::FAMILY.default_options();
    let mut expected = String::new();
    for name in ["virtqemud.service", "virtlogd.service"] {
        let text = daemons::FAMILY
            .unit(name)
            .unwrap()
            .render_for(&options, daemons::FAMILY.target)
            .unwrap()
            .text;
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        if !expected.is_empty() {
            expected.push('\n');
        }
        expected.push_str(&analyzer.run(&[path.to_str().unwrap()]));
    }
    assert_eq!(run.out, expected);

    let file = "/lib/systemd/system/systemd-logind.service";
    if Path::new(file).exists() {
        let run = tests::run_cli(
            &daemons::FAMILY,
            "daemons",
            &["security", "--release", "252", "--file", file],
        );
        assert_eq!(run.out, analyzer.run(&[file]));
    }
}

#[test]
fn a_threshold_fails_the_command_and_json_has_a_record_per_check() {
    let run = tests::run_cli(
        &daemons::FAMILY,
        "daemons",
        &[
            "security",
            "--release",
            "252",
            "virtqemud.service",
            "--threshold",
            "90",
            "--message-format",
            "json",
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.err,
        "daemons: `virtqemud.service` scores 9.6, over the threshold 9.0\n"
    );
    let lines: Vec<&str> = run.out.lines().collect();
    let checks = unit_core::security::table::CHECKS
        .iter()
        .filter(|c| c.releases & 0b0010 != 0)
        .count();
    assert_eq!(lines.len(), checks + 1);
    assert!(lines[0].starts_with(
        "{\"severity\":\"warning\",\"rule\":\"User=/DynamicUser=\",\"unit\":\"virtqemud.service\""
    ));
    assert_eq!(
        lines[checks],
        "{\"severity\":\"error\",\"rule\":\"exposure\",\"unit\":\"virtqemud.service\",\"file\":null,\"line\":null,\"column\":null,\"message\":\"`virtqemud.service` scores 9.6 UNSAFE, over the threshold 9.0\",\"release\":252}"
    );
}

#[test]
fn a_policy_file_reweighs_as_systemds_does() {
    tests::require!("systemd-analyze");
    let Some(analyzer) = Analyzer::here() else {
        return;
    };
    let dir = TempDir::new("security-policy");
    let policy = dir.path().join("policy.json");
    std::fs::write(
        &policy,
        r#"{"PrivateNetwork": {"weight": 0}, "UserOrDynamicUser": {"weight": 5000, "description_bad": "runs as root"}}"#,
    )
    .unwrap();
    let unit = dir.path().join("demo.service");
    std::fs::write(
        &unit,
        "[Service]\nExecStart=/usr/bin/demo\nProtectSystem=strict\n",
    )
    .unwrap();
    let (policy, unit) = (policy.to_str().unwrap(), unit.to_str().unwrap());
    let run = tests::run_cli(
        &daemons::FAMILY,
        "daemons",
        &[
            "security",
            "--release",
            &analyzer.release.to_string(),
            "--security-policy",
            policy,
            "--file",
            unit,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.err);
    let theirs = analyzer.run(&[&format!("--security-policy={policy}"), unit]);
    assert!(run.out.contains("runs as root"));
    assert_eq!(run.out.lines().last(), theirs.lines().last());
    if analyzer.release == 252 {
        assert_eq!(run.out, theirs);
    }
}

/// What the budgets cost the macro: the libvirt family expanded with and without its
/// `exposure` statements (dev profile, as the macro runs), alternately.
/// `cargo test -p tests --test it security::expansion_time -- --ignored --nocapture`
#[test]
#[ignore]
fn expansion_time() {
    use std::str::FromStr;
    use std::time::Instant;
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../daemons/src/family.rs"
    ))
    .expect("the family's source");
    let without = source
        .replace(
            "            #[cfg(feature = \"libvirt-12\")]\n            exposure <= 2.2;\n",
            "",
        )
        .replace("    exposure <= 9.6;\n", "");
    assert_ne!(source, without, "the family states its budgets");
    let body = |text: &str| -> proc_macro2::TokenStream {
        let tokens: Vec<proc_macro2::TokenTree> = proc_macro2::TokenStream::from_str(text)
            .expect("the family's tokens")
            .into_iter()
            .collect();
        tokens
            .windows(3)
            .find_map(|w| match w {
                [proc_macro2::TokenTree::Ident(i), proc_macro2::TokenTree::Punct(p), proc_macro2::TokenTree::Group(g)]
                    if i == "systemd_unit" && p.as_char() == '!' =>
                {
                    Some(g.stream())
                }
                _ => None,
            })
            .expect("systemd_unit! { ... }")
    };
    let (with, without) = (body(&source), body(&without));
    let mut times = [Vec::new(), Vec::new()];
    for _ in 0..31 {
        for (i, tokens) in [&without, &with].into_iter().enumerate() {
            let start = Instant::now();
            let out = tests::dsl::expand(tokens.clone());
            times[i].push(start.elapsed().as_secs_f64() * 1000.0);
            assert!(!out.to_string().contains("compile_error"));
        }
    }
    for t in &mut times {
        t.sort_by(f64::total_cmp);
    }
    eprintln!(
        "libvirt family expansion, 31 runs each, median (fastest): {:.1} ms ({:.1}) without budgets, {:.1} ms ({:.1}) with",
        times[0][15], times[0][0], times[1][15], times[1][0]
    );
}

/// The real-world corpus (`tests/corpus/fetch.sh CACHE_DIR`): every service and socket file of
/// its packages, with its drop-ins, against this machine's systemd and, with
/// `SYSTEMD_257_ROOT` or `SYSTEMD_262_ROOT`, that release. Slow (two `systemd-analyze` runs a unit, per release):
/// `SECURITY_CORPUS=CACHE_DIR cargo test -p tests --release --test it security::corpus -- --ignored --nocapture`
#[test]
#[ignore]
fn corpus() {
    let Some(cache) = std::env::var_os("SECURITY_CORPUS") else {
        eprintln!("skipped: SECURITY_CORPUS is not set");
        return;
    };
    let listing = std::fs::read_to_string(Path::new(&cache).join("units.tsv"))
        .expect("units.tsv of tests/corpus/fetch.sh");
    let paths: Vec<PathBuf> = listing
        .lines()
        .filter_map(|l| l.split('\t').nth(2).map(PathBuf::from))
        .collect();
    let mut cases = Vec::new();
    for path in &paths {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let is_unit = name.ends_with(".service") || name.ends_with(".socket");
        if !is_unit || path.is_symlink() || cases.iter().any(|c: &Case| c.name == name) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if unit_core::parse(name, &text).is_err() {
            continue;
        }
        let dir = path.with_file_name(format!("{name}.d"));
        let dropins: Vec<(String, String)> = paths
            .iter()
            .filter(|p| p.parent() == Some(dir.as_path()))
            .filter_map(|p| {
                let file = p.file_name()?.to_str()?.to_owned();
                let text = std::fs::read_to_string(p).ok()?;
                unit_core::parse(name, &text).ok()?;
                Some((file, text))
            })
            .collect();
        cases.push(Case {
            name: name.to_owned(),
            text,
            dropins,
        });
    }
    let mut analyzers: Vec<Analyzer> = Analyzer::here().into_iter().collect();
    for var in ["SYSTEMD_257_ROOT", "SYSTEMD_262_ROOT"] {
        if let Some(root) = std::env::var_os(var) {
            analyzers.extend(Analyzer::from_root(Path::new(&root)));
        }
    }
    for analyzer in &analyzers {
        let found = differences(analyzer, &cases);
        let units: std::collections::BTreeSet<&str> = found.iter().map(|f| f.0.as_str()).collect();
        for (u, c, w) in &found {
            eprintln!("{u} {c}: {w}");
        }
        eprintln!(
            "corpus: {} units under systemd {}: {} differ from systemd, {} differences",
            cases.len(),
            analyzer.release,
            units.len(),
            found.len()
        );
        let known: Vec<(&str, &str)> = KNOWN_IN_CORPUS
            .iter()
            .filter(|k| k.0 == analyzer.release)
            .map(|k| (k.1, k.2))
            .collect();
        let unexplained: Vec<String> = found
            .iter()
            .filter(|(u, c, _)| !known.contains(&(u.as_str(), c.as_str())))
            .map(|(u, c, w)| format!("{u} {c}: {w}"))
            .collect();
        assert!(
            unexplained.is_empty(),
            "unexplained:\n{}",
            unexplained.join("\n")
        );
    }
}

/// Differences in the corpus that are understood: (release, unit, check, why).
const KNOWN_IN_CORPUS: &[(u16, &str, &str, &str)] = &[
    (
        252,
        "nfs-ganesha-lock.service",
        "loaded",
        "systemd refuses a service with no `ExecStart=`, `ExecStop=` or `SuccessAction=`; \
         the score is of what the file says",
    ),
    (
        262,
        "nfs-ganesha-lock.service",
        "loaded",
        "systemd refuses a service with no `ExecStart=`, `ExecStop=` or `SuccessAction=`; \
         the score is of what the file says",
    ),
    (
        257,
        "nfs-ganesha-lock.service",
        "loaded",
        "systemd refuses a service with no `ExecStart=`, `ExecStop=` or `SuccessAction=`; \
         the score is of what the file says",
    ),
];

static OVER_BUDGET: unit_core::Family = unit_core::Family {
    units: &[unit_core::UnitDef {
        name: "bare.service",
        daemon: "",
        text: "[Service]\nExecStart=/usr/bin/bare\n",
    }],
    budgets: &[unit_core::security::Budget {
        unit: "bare.service",
        exposure: 50,
    }],
    name: "over",
    ..unit_core::Family::EMPTY
};

/// A family's budgets travel with its data: the command fails for a unit over its budget (as
/// one rendered with other build options could be), with an error record in JSON.
#[test]
fn a_unit_over_its_budget_fails_the_command() {
    let run = tests::run_cli(&OVER_BUDGET, "over", &["security"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.err,
        "over: `bare.service` scores 9.6, over its budget 5.0\n"
    );
    assert!(run.out.starts_with("UNIT "), "{}", run.out);
    let json = tests::run_cli(
        &OVER_BUDGET,
        "over",
        &["security", "bare.service", "--message-format", "json"],
    );
    assert_eq!(
        json.out.lines().last(),
        Some("{\"severity\":\"error\",\"rule\":\"exposure\",\"unit\":\"bare.service\",\"file\":null,\"line\":null,\"column\":null,\"message\":\"`bare.service` scores 9.6 UNSAFE, over its budget 5.0\",\"release\":252}")
    );
}
