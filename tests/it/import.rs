//! Importing unit files into the DSL: the libvirt goldens factored back into a family, the
//! machine's own units, and the errors a user sees.

#[path = "../corpus/scratch.rs"]
pub(crate) mod scratch;

use std::path::{Path, PathBuf};
use std::process::Command;

use unit_run::import::{read_paths, write_family, Layout};

fn temp(name: &str) -> PathBuf {
    let dir = scratch::workspace()
        .join("target")
        .join("import-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[path = "../corpus/cases.rs"]
mod cases;
#[path = "../corpus/driver.rs"]
mod driver;
#[path = "../corpus/factored.rs"]
mod factored;
#[path = "../corpus/judge.rs"]
mod judge;
#[path = "../corpus/report.rs"]
mod report;

/// The machine's own units: every one systemd loads cleanly imports, and every one that
/// compiles is read by systemd exactly as the original.
#[test]
fn machine_units_import_compile_and_keep_their_meaning() {
    let corpus = cases::machine();
    if corpus.cases.is_empty() {
        eprintln!("no unit files on this machine; skipped");
        return;
    }
    let work = temp("machine");
    let report = driver::run(&corpus, &work, "import-machine");
    eprintln!("{}", report.figures(&corpus));
    eprintln!("{}", report.false_rejections());
    assert!(
        report.rustfmt.is_empty(),
        "generated families are not rustfmt-clean:\n{}",
        report.rustfmt
    );
    assert_clean_units_import_with_the_same_meaning(&report);
    assert!(report.outcomes.iter().any(|(_, o)| o.round_tripped) || !driver::have_systemd());
}

/// The fast path on the machine's units: each imports, renders, and reads back as the same
/// directives; what the project's checks say about them is counted, not asserted (those are the
/// false rejections the corpus figures track).
#[test]
fn machine_units_render_and_read_back_the_same() {
    let corpus = cases::machine();
    let mut flagged = 0;
    for case in &corpus.cases {
        let Ok(imported) = read_paths(&case.paths()) else {
            continue;
        };
        let unit = &imported.units[0];
        let text = unit_core::render(unit).unwrap_or_else(|e| panic!("{}: {e:?}", case.name));
        let back = unit_core::parse(&unit.name, &text).unwrap();
        // Sections in any order (rendering puts them in canonical order), entries in theirs.
        let lines =
            |u: &unit_core::Unit| -> std::collections::BTreeMap<String, Vec<(String, String)>> {
                u.sections
                    .iter()
                    .map(|s| {
                        (
                            s.name.clone(),
                            s.entries
                                .iter()
                                .map(|e| (e.key.to_string(), e.value.clone()))
                                .collect(),
                        )
                    })
                    .collect()
            };
        assert_eq!(lines(&back), lines(unit), "{}", case.name);
        flagged += usize::from(!unit_core::validate(unit).is_empty());
    }
    eprintln!(
        "{} machine units, {flagged} with diagnostics from the project's checks",
        corpus.cases.len()
    );
}

/// The generators' output: `tests/corpus/generate.sh` runs this machine's fstab, cryptsetup
/// and getty generators on the inputs in `tests/corpus/generators/`; every unit and drop-in
/// they write that systemd loads cleanly imports, and what compiles keeps its meaning.
#[test]
fn generated_units_import_compile_and_keep_their_meaning() {
    let Some(out) = generate() else { return };
    let corpus = cases::generated(&out, "generated");
    assert!(
        corpus.cases.len() > 20,
        "{} generated units",
        corpus.cases.len()
    );
    let work = temp("generated");
    let report = driver::run(&corpus, &work, "import-generated");
    eprintln!("{}", report.figures(&corpus));
    std::fs::write(work.join("details.txt"), report.details()).unwrap();
    assert_clean_units_import_with_the_same_meaning(&report);
    assert_false_rejections_recorded(&report);
    assert!(report.outcomes.iter().any(|(_, o)| o.round_tripped) || !driver::have_systemd());
}

/// A sample of systemd 257's own test units (Debian trixie's `systemd-tests`, every eighth
/// unit), judged by systemd 257 run with its own loader and libraries, compiled for
/// `systemd 257..;`. The whole set runs in `corpus_figures`.
#[test]
fn systemd_257_test_units_sample_keeps_its_meaning() {
    let Some(cache) = fetch_257() else { return };
    let mut corpus = cases::systemd_tests(&cache.join("tests"));
    let all = corpus.cases.len();
    corpus.cases = corpus.cases.into_iter().step_by(8).collect();
    eprintln!("{} of {all} test units", corpus.cases.len());
    // And what 257's own generators write from this corpus's fstab and crypttab.
    let generated =
        generate_with(Some(&cache.join("root"))).map(|out| cases::generated(&out, "generated-257"));
    if let Some(generated) = generated {
        assert!(
            generated.cases.len() > 20,
            "{} generated",
            generated.cases.len()
        );
        corpus.files += generated.files;
        corpus.cases.extend(generated.cases);
    }
    let judge = driver::Judge::unpacked(&cache.join("root"), 257);
    let work = temp("systemd-257");
    let report = driver::run_with(&corpus, &work, "import-systemd-257", &judge);
    eprintln!("{}", report.figures(&corpus));
    std::fs::write(work.join("details.txt"), report.details()).unwrap();
    assert_clean_units_import_with_the_same_meaning(&report);
    assert_false_rejections_recorded(&report);
    assert!(report.outcomes.iter().any(|(_, o)| o.round_tripped));
}

/// Whether a check that needs something this machine may lack must fail instead of skipping.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Runs `tests/corpus/generate.sh` into a scratch directory: this machine's generators, or
/// those of the release unpacked at `root`.
fn generate_with(root: Option<&Path>) -> Option<PathBuf> {
    let out = temp(if root.is_some() {
        "generators-root"
    } else {
        "generators"
    });
    let script = scratch::workspace().join("tests/corpus/generate.sh");
    let output = Command::new("sh")
        .arg(script)
        .arg(&out)
        .args(root)
        .output()
        .unwrap();
    if output.status.success() {
        return Some(out);
    }
    let why = String::from_utf8_lossy(&output.stderr);
    assert!(!in_ci(), "the generators did not run: {why}");
    eprintln!("the generators did not run ({why}); skipped");
    None
}

/// This machine's generators' output.
fn generate() -> Option<PathBuf> {
    generate_with(None)
}

/// systemd 257 and its test data, downloaded once by `tests/corpus/fetch-257.sh` into
/// `target/corpus-257` (or `CORPUS_257_DIR`).
fn fetch_257() -> Option<PathBuf> {
    let cache = std::env::var_os("CORPUS_257_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| scratch::workspace().join("target").join("corpus-257"));
    let script = scratch::workspace().join("tests/corpus/fetch-257.sh");
    let output = Command::new("sh").arg(script).arg(&cache).output().unwrap();
    let judge = driver::Judge::unpacked(&cache.join("root"), 257);
    if output.status.success() && judge.available() {
        return Some(cache);
    }
    let why = String::from_utf8_lossy(&output.stderr);
    assert!(!in_ci(), "systemd 257 could not be downloaded: {why}");
    eprintln!("systemd 257 could not be downloaded (offline?): {why}; skipped");
    None
}

/// Where the hand-written part of `tests/corpus/false-rejections.txt` ends.
const FALSE_REJECTIONS_MARKER: &str = "# ---- generated by the corpus run below this line ----\n";

/// Every unit systemd loads cleanly that the macro refuses is listed, by name, in
/// `tests/corpus/false-rejections.txt`, with why and which rule.
fn assert_false_rejections_recorded(report: &driver::Report) {
    let path = scratch::workspace().join("tests/corpus/false-rejections.txt");
    let text = std::fs::read_to_string(path).unwrap();
    // Only the hand-written part counts: the generated part lists every refused unit.
    let recorded = text
        .split(FALSE_REJECTIONS_MARKER)
        .next()
        .unwrap_or_default();
    for (case, o) in &report.outcomes {
        if o.unclean.is_empty() && o.compile_error.is_some() {
            assert!(
                recorded.contains(&format!("{}:{}", case.source, case.name)),
                "{}:{} is refused by the macro though systemd loads it, and not recorded in false-rejections.txt: {:?}",
                case.source,
                case.name,
                o.compile_errors
            );
        }
    }
}

/// The whole corpus (run `tests/corpus/fetch.sh` first; `fetch-257.sh` and `generate.sh` run
/// from here): `cargo test -p tests --test it corpus_figures -- --ignored --nocapture`.
/// Set `CORPUS_UPDATE=1` to rewrite `tests/corpus/false-rejections.txt` (below its
/// hand-written part), `figures.txt` and `gaps-seen.txt`.
#[test]
#[ignore = "needs the downloaded corpus (tests/corpus/fetch.sh) and a few minutes"]
fn corpus_figures() {
    let cache = std::env::var_os("CORPUS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| scratch::workspace().join("target").join("corpus"));
    let mut corpus = cases::packages(&cache);
    let machine = cases::machine();
    corpus.files += machine.files;
    corpus.cases.extend(machine.cases);
    corpus.skipped.extend(machine.skipped);
    let work = temp("corpus");
    let report = driver::run(&corpus, &work, "import-corpus");
    let factoring = factored::run(
        &corpus,
        &report,
        &work.join("factored"),
        &work.join("rendered"),
        "import-corpus-factored",
    );
    let mut figures = format!(
        "## Debian bookworm packages and this machine, judged by systemd 252\n{}{}",
        report.figures(&corpus),
        factoring.figures()
    );
    let mut fr = format!(
        "## bookworm packages and this machine (systemd 252)\n{}",
        report.false_rejections()
    );
    let mut gaps = report.gaps(&corpus);
    let mut details = report.details();
    let mut reports = vec![report];
    let generated = generate().map(|out| cases::generated(&out, "generated"));
    let tests_257 = fetch_257().map(|c| (cases::systemd_tests(&c.join("tests")), c));
    if let Some(corpus) = &generated {
        let report = driver::run(corpus, &work.join("generated"), "import-corpus-generated");
        figures += "\n## Generator output (fstab, cryptsetup, getty), judged by systemd 252\n";
        figures += &report.figures(corpus);
        fr += "\n## generator output (systemd 252)\n";
        fr += &report.false_rejections();
        gaps += &report.gaps(corpus);
        details += &report.details();
        reports.push(report);
    }
    let generated_257 = tests_257
        .as_ref()
        .and_then(|(_, cache)| generate_with(Some(&cache.join("root"))))
        .map(|out| cases::generated(&out, "generated-257"));
    if let (Some(corpus), Some((_, cache))) = (&generated_257, &tests_257) {
        let judge = driver::Judge::unpacked(&cache.join("root"), 257);
        let report = driver::run_with(
            corpus,
            &work.join("generated-257"),
            "import-corpus-generated-257",
            &judge,
        );
        figures += "\n## systemd 257's generators (fstab, cryptsetup, getty) on the same inputs, judged by systemd 257\n";
        figures += &report.figures(corpus);
        fr += "\n## systemd 257's generator output (systemd 257)\n";
        fr += &report.false_rejections();
        gaps += &report.gaps(corpus);
        details += &report.details();
        reports.push(report);
    }
    if let Some((corpus, cache)) = &tests_257 {
        let judge = driver::Judge::unpacked(&cache.join("root"), 257);
        let report = driver::run_with(corpus, &work.join("257"), "import-corpus-257", &judge);
        figures +=
            "\n## systemd 257's test data (Debian trixie's systemd-tests), judged by systemd 257\n";
        figures += &report.figures(corpus);
        fr += "\n## systemd 257's test data (systemd 257)\n";
        fr += &report.false_rejections();
        gaps += &report.gaps(corpus);
        details += &report.details();
        reports.push(report);
    }
    println!("{figures}");
    println!("{fr}");
    println!("{gaps}");
    let dir = scratch::workspace().join("tests").join("corpus");
    std::fs::write(work.join("false-rejections.txt"), &fr).unwrap();
    std::fs::write(work.join("details.txt"), details).unwrap();
    println!("per-unit details: {}", work.join("details.txt").display());
    if std::env::var_os("CORPUS_UPDATE").is_some() {
        let file = dir.join("false-rejections.txt");
        let old = std::fs::read_to_string(&file).unwrap_or_default();
        let kept = old
            .split(FALSE_REJECTIONS_MARKER)
            .next()
            .unwrap_or_default();
        std::fs::write(file, format!("{kept}{FALSE_REJECTIONS_MARKER}{fr}")).unwrap();
        std::fs::write(dir.join("figures.txt"), &figures).unwrap();
        std::fs::write(dir.join("gaps-seen.txt"), gaps).unwrap();
    }
    for report in &reports {
        assert_clean_units_import_with_the_same_meaning(report);
        assert_false_rejections_recorded(report);
    }
}

/// Every unit the corpus holds without a problem systemd reports imports, and systemd reads
/// what the imported family renders as it reads the original.
fn assert_clean_units_import_with_the_same_meaning(report: &driver::Report) {
    for (case, o) in &report.outcomes {
        if o.unclean.is_empty() {
            assert!(
                o.import_error.is_none(),
                "{}: {:?}",
                case.name,
                o.import_error
            );
        }
        assert!(
            o.differs.is_none(),
            "{}: systemd reads it differently: {:?}",
            case.name,
            o.differs
        );
    }
}

#[test]
fn an_unreadable_file_is_an_error_naming_it() {
    let missing = temp("unreadable").join("gone.service");
    let errors = read_paths(std::slice::from_ref(&missing)).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, missing);
    assert!(
        errors[0].message.starts_with("cannot read the file"),
        "{}",
        errors[0]
    );
    let dir = temp("not-utf8");
    std::fs::write(dir.join("a.service"), b"[Service]\nExecStart=/bin/\xff\n").unwrap();
    let errors = read_paths(&[dir.join("a.service")]).unwrap_err();
    assert!(
        errors[0]
            .to_string()
            .contains("a.service: file is not UTF-8"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_line_systemd_would_refuse_is_an_error_at_file_and_line() {
    let dir = temp("refused");
    std::fs::write(dir.join("a.service"), "[Unit]\nDescription=a\n\nnonsense\n").unwrap();
    std::fs::create_dir(dir.join("a.service.d")).unwrap();
    std::fs::write(dir.join("a.service.d/x.conf"), "Description=b\n").unwrap();
    // Every file's error, in file order: the unit's, then its drop-in's.
    let errors = read_paths(std::slice::from_ref(&dir)).unwrap_err();
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 2, "{shown:?}");
    assert!(
        shown[0].ends_with("a.service:4: `nonsense` is not a `Key=value` assignment"),
        "{shown:?}"
    );
    assert!(
        shown[1].ends_with("x.conf:1: `Description=b` stands before any `[Section]` header"),
        "{shown:?}"
    );
    std::fs::write(dir.join("a.service"), "[Unit]\nDescription=a\n").unwrap();
    let errors = read_paths(std::slice::from_ref(&dir)).unwrap_err();
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 1, "{shown:?}");
    assert!(
        shown[0].contains("x.conf:1: `Description=b` stands before any `[Section]` header"),
        "{shown:?}"
    );
}

#[test]
fn a_dropin_without_its_unit_extends_an_extern_one() {
    let dir = temp("orphan");
    std::fs::create_dir(dir.join("b.service.d")).unwrap();
    std::fs::write(dir.join("b.service.d/x.conf"), "[Service]\nNice=5\n").unwrap();
    let imported = read_paths(std::slice::from_ref(&dir)).unwrap();
    assert!(imported.units.is_empty());
    assert_eq!(imported.dropins.len(), 1);
    let source = write_family(&imported, &Layout::default());
    assert!(
        source.contains("\"b.service\" = \"TODO: the package that provides it\";"),
        "{source}"
    );
    std::fs::write(
        dir.join("b.service"),
        "[Service]\nExecStart=/bin/b\nNice=1\n",
    )
    .unwrap();
    let imported = read_paths(std::slice::from_ref(&dir)).unwrap();
    assert_eq!(imported.units[0].value("Service", "Nice"), Some("1"));
    let merged = imported.merged("b.service").unwrap();
    assert_eq!(merged.value("Service", "Nice"), Some("5"));
    let source = write_family(&imported, &Layout::default());
    assert!(!source.contains("extern"), "{source}");
}

#[test]
fn the_command_writes_source_and_reports_errors() {
    let dir = temp("command");
    std::fs::write(
        dir.join("c.service"),
        "# What c does.\n[Unit]\nAfter=elsewhere.service\nX-Custom=1\n[Service]\nExecStart=/bin/c {x}\nExecStart=\nExecStart=/bin/c2\n",
    )
    .unwrap();
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let out = unit_run::import::run(&args(&[dir.to_str().unwrap()])).unwrap();
    assert!(
        out.contains("/// What c does.\n    unit \"c.service\" {"),
        "{out}"
    );
    assert!(
        out.contains("\"elsewhere.service\" = \"TODO: the package that provides it\";"),
        "{out}"
    );
    assert!(
        out.contains("ExecStart = \"/bin/c2\";") && !out.contains("/bin/c {{x}}"),
        "{out}"
    );
    assert!(out.contains("X-Custom = 1;"), "{out}");
    scratch::rustfmt_clean(&out, &dir).unwrap();
    let file = dir.join("family.rs");
    let summary = unit_run::import::run(&args(&[
        "--factor",
        "--out",
        file.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]))
    .unwrap();
    assert!(summary.starts_with("imported 1 units into"), "{summary}");
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .contains("unit \"c.service\""));
    let err =
        unit_run::import::run(&args(&[dir.join("none.service").to_str().unwrap()])).unwrap_err();
    assert!(err.contains("none.service: cannot read the file"), "{err}");
    assert!(unit_run::import::run(&args(&["--bogus"]))
        .unwrap_err()
        .contains("unknown flag `--bogus`"));
}

/// The comparison itself: a rendered file that systemd reads differently is caught, one it
/// reads alike passes, whatever the text.
#[test]
fn systemd_tells_a_changed_meaning_from_a_changed_text() {
    if !driver::have_systemd() {
        eprintln!("systemd's test mode is not available here; skipped");
        return;
    }
    let dir = temp("compare");
    let original = dir.join("d.service");
    std::fs::write(&original, "[Unit]\nDescription=d\n[Service]\nExecStart=/bin/d \\\n  -v\nNice=5\n[Install]\nWantedBy=multi-user.target\n").unwrap();
    let corpus = cases::Corpus {
        cases: vec![cases::Case {
            name: "d.service".into(),
            source: "test".into(),
            path: original,
            dropins: Vec::new(),
        }],
        files: 1,
        skipped: Vec::new(),
    };
    let check = |rendered_text: &str| {
        let rendered = dir.join("rendered");
        std::fs::create_dir_all(rendered.join("u0")).unwrap();
        std::fs::write(rendered.join("u0/d.service"), rendered_text).unwrap();
        let batches =
            std::env::temp_dir().join(format!("unit-import-compare-{}", std::process::id()));
        std::fs::create_dir_all(&batches).unwrap();
        let mut outcomes = vec![driver::Outcome {
            compiled: true,
            ..Default::default()
        }];
        driver::compare(&corpus, &batches, &rendered, &mut outcomes);
        let _ = std::fs::remove_dir_all(&batches);
        outcomes.remove(0)
    };
    let same = check("# text differs\n[Unit]\nDescription=d\n\n[Service]\nNice=5\nExecStart=/bin/d   -v\n\n[Install]\nWantedBy=multi-user.target\n");
    assert!(same.unclean.is_empty(), "{:?}", same.unclean);
    assert!(same.round_tripped, "{:?}", same.differs);
    let nice = check("[Unit]\nDescription=d\n\n[Service]\nExecStart=/bin/d -v\nNice=6\n\n[Install]\nWantedBy=multi-user.target\n");
    assert!(
        nice.differs.as_deref().is_some_and(|d| d.contains("Nice")),
        "{:?}",
        nice.differs
    );
    let install = check("[Unit]\nDescription=d\n\n[Service]\nExecStart=/bin/d -v\nNice=5\n\n[Install]\nWantedBy=default.target\n");
    assert_eq!(install.differs.as_deref(), Some("[Install] differs"));
}

/// Standard input data is not in systemd's dump: it is compared from the files, every line of
/// it (systemd appends them).
#[test]
fn a_lost_line_of_standard_input_data_is_caught() {
    if !driver::have_systemd() {
        eprintln!("systemd's test mode is not available here; skipped");
        return;
    }
    let dir = temp("compare-stdin");
    let original = dir.join("f.service");
    let text = "[Service]\nType=oneshot\nExecStart=/bin/cat\nStandardInput=data\nStandardInputText=a\nStandardInputData=Yg==\nStandardInputText=c\n";
    std::fs::write(&original, text).unwrap();
    let corpus = cases::Corpus {
        cases: vec![cases::Case {
            name: "f.service".into(),
            source: "test".into(),
            path: original,
            dropins: Vec::new(),
        }],
        files: 1,
        skipped: Vec::new(),
    };
    let check = |rendered_text: &str| {
        let rendered = dir.join("rendered");
        std::fs::create_dir_all(rendered.join("u0")).unwrap();
        std::fs::write(rendered.join("u0/f.service"), rendered_text).unwrap();
        let batches =
            std::env::temp_dir().join(format!("unit-import-stdin-{}", std::process::id()));
        std::fs::create_dir_all(&batches).unwrap();
        let mut outcomes = vec![driver::Outcome {
            compiled: true,
            ..Default::default()
        }];
        driver::compare(&corpus, &batches, &rendered, &mut outcomes);
        let _ = std::fs::remove_dir_all(&batches);
        outcomes.remove(0)
    };
    let same = check(&text.replace("Yg==", "Y g = ="));
    assert!(same.round_tripped, "{:?}", same.differs);
    let lost = check(&text.replace("StandardInputText=a\n", ""));
    assert_eq!(
        lost.differs.as_deref(),
        Some("Service.StandardInputText differs")
    );
}

/// The same for drop-ins: the rendered drop-in replaces the original one, and a drop-in for a
/// unit no file defines (a device's) is compared too.
#[test]
fn systemd_tells_a_changed_dropin() {
    if !driver::have_systemd() {
        eprintln!("systemd's test mode is not available here; skipped");
        return;
    }
    let dir = temp("compare-dropins");
    let unit = dir.join("e.service");
    std::fs::write(&unit, "[Service]\nExecStart=/bin/e\n").unwrap();
    let dropins = dir.join("e.service.d");
    std::fs::create_dir_all(&dropins).unwrap();
    std::fs::write(dropins.join("x.conf"), "[Service]\nNice=7\n").unwrap();
    let device = dir.join("dev-sda.device.d");
    std::fs::create_dir_all(&device).unwrap();
    std::fs::write(device.join("y.conf"), "[Unit]\nJobTimeoutSec=5\n").unwrap();
    let case = |name: &str, path: &std::path::Path, dropins: &std::path::Path| cases::Case {
        name: name.into(),
        source: "test".into(),
        path: path.to_owned(),
        dropins: vec![dropins.to_owned()],
    };
    let corpus = cases::Corpus {
        cases: vec![
            case("e.service", &unit, &dropins),
            case("dev-sda.device", &device, &device),
        ],
        files: 3,
        skipped: Vec::new(),
    };
    let check = |nice: &str, timeout: &str| {
        let rendered = dir.join("rendered");
        let _ = std::fs::remove_dir_all(&rendered);
        std::fs::create_dir_all(rendered.join("u0/e.service.d")).unwrap();
        std::fs::create_dir_all(rendered.join("u1/dev-sda.device.d")).unwrap();
        std::fs::write(
            rendered.join("u0/e.service"),
            "[Service]\nExecStart=/bin/e\n",
        )
        .unwrap();
        std::fs::write(rendered.join("u0/e.service.d/x.conf"), nice).unwrap();
        std::fs::write(rendered.join("u1/dev-sda.device.d/y.conf"), timeout).unwrap();
        let batches =
            std::env::temp_dir().join(format!("unit-import-dropins-{}", std::process::id()));
        std::fs::create_dir_all(&batches).unwrap();
        let mut outcomes = vec![
            driver::Outcome {
                compiled: true,
                ..Default::default()
            };
            2
        ];
        driver::compare(&corpus, &batches, &rendered, &mut outcomes);
        let _ = std::fs::remove_dir_all(&batches);
        outcomes
    };
    let same = check("[Service]\nNice=7\n", "# same\n[Unit]\nJobTimeoutSec=5s\n");
    for o in &same {
        assert!(o.unclean.is_empty(), "{:?}", o.unclean);
        assert!(o.round_tripped, "{:?}", o.differs);
    }
    let changed = check("[Service]\nNice=8\n", "[Unit]\nJobTimeoutSec=6\n");
    assert!(
        changed[0]
            .differs
            .as_deref()
            .is_some_and(|d| d.contains("Nice")),
        "{:?}",
        changed[0].differs
    );
    assert!(
        changed[1]
            .differs
            .as_deref()
            .is_some_and(|d| d.contains("Job")),
        "{:?}",
        changed[1].differs
    );
}

#[test]
fn the_command_line_imports_and_explains_itself() {
    let golden = concat!(env!("CARGO_MANIFEST_DIR"), "/golden/virtlogd.service");
    let out = tests::cli(&["import", golden]).unwrap();
    assert!(out.contains("unit \"virtlogd.service\" {"), "{out}");
    assert!(out.contains("\"virtlogd-admin.socket\" = \"TODO"), "{out}");
    let help = tests::cli(&["import", "--help"]).unwrap();
    assert!(help.contains("usage: daemons import [--factor]"), "{help}");
    assert!(tests::cli(&["help"]).unwrap().contains("import [--factor]"));
    let e = tests::cli(&["import", "/nonexistent/a.service"]).unwrap_err();
    assert!(e.contains("nonexistent"), "{e}");
    assert!(tests::cli(&["import"]).is_err());
}

#[test]
fn import_reads_its_arguments_as_the_other_commands_do() {
    let golden = concat!(env!("CARGO_MANIFEST_DIR"), "/golden/virtlogd.service");
    let dir = tests::TempDir::new("import-args");
    let file = dir.path().join("family.rs");
    let out = tests::cli(&["import", &format!("--out={}", file.display()), golden]).unwrap();
    assert!(out.starts_with("imported 1 units into "), "{out}");
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .contains("unit \"virtlogd.service\""));
    assert!(tests::cli(&["import", "-h"])
        .unwrap()
        .contains("usage: daemons import"));
    let bad = tests::run_cli(&daemons::FAMILY, "daemons", &["import", "--factr", golden]);
    assert_eq!(bad.code, 2, "a misspelled flag is a usage error");
    assert_eq!(
        bad.err,
        "daemons: unknown flag `--factr` for `import`; use `--factor` or `--out FILE`\n"
    );
    let none = tests::run_cli(&daemons::FAMILY, "daemons", &["import"]);
    assert_eq!(
        (none.code, none.err.as_str()),
        (
            2,
            "daemons: `import` needs unit files or directories; write `import DIR`\n"
        )
    );
}
