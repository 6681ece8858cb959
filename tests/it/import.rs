//! Importing unit files into the DSL: the libvirt goldens factored back into a family, the
//! machine's own units, and the errors a user sees.

#[path = "../corpus/scratch.rs"]
mod scratch;

use std::path::{Path, PathBuf};

use unit_core::import::{factor, read_paths, write_factored, write_family, Layout};

fn temp(name: &str) -> PathBuf {
    let dir = scratch::workspace()
        .join("target")
        .join("import-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file under `dir` (`NAME.d/FILE.conf` for drop-ins) with its text.
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().into_string().unwrap();
        if e.path().is_dir() {
            out.extend(
                files(&e.path())
                    .into_iter()
                    .map(|(n, t)| (format!("{name}/{n}"), t)),
            );
        } else {
            out.push((name, std::fs::read_to_string(e.path()).unwrap_or_default()));
        }
    }
    out.sort();
    out
}

/// What a family renders (its units, drop-ins and preset file), imported one unit to an item
/// and factored, compiles and renders the same files byte for byte: libvirt 9.9.0's 67 units,
/// libvirt 12.8.0's 68 with the legacy daemon's drop-in (which needs systemd 253), and the web
/// application's units, drop-ins for its own and an extern unit, and preset.
#[test]
fn a_familys_output_imports_and_renders_back_byte_for_byte() {
    let ws = scratch::workspace().join("tests");
    let goldens = [
        ("libvirt", ws.join("golden")),
        ("libvirt12", ws.join("golden-12")),
        ("webapp", ws.join("webapp").join("golden")),
    ];
    let dir = temp("families");
    let mut modules = Vec::new();
    for (name, golden) in &goldens {
        let imported = read_paths(std::slice::from_ref(golden)).unwrap();
        let lossy: Vec<String> = imported
            .gaps
            .iter()
            .filter(|g| g.loses_meaning())
            .map(ToString::to_string)
            .collect();
        assert!(lossy.is_empty(), "{name}: {lossy:?}");
        let plain = write_family(&imported, &Layout::default());
        let factored = write_factored(&factor(&imported), &Layout::default());
        scratch::rustfmt_clean(&plain, &dir).unwrap();
        scratch::rustfmt_clean(&factored, &dir).unwrap();
        if *name == "libvirt" {
            assert_eq!(imported.units.len(), 67);
            let family =
                std::fs::read_to_string(scratch::workspace().join("daemons/src/family.rs"))
                    .unwrap();
            let (ours, theirs) = (factored.lines().count(), family.lines().count());
            assert!(
                ours <= 2 * theirs,
                "factored family has {ours} lines, more than twice the {theirs} of daemons/src/family.rs"
            );
        }
        std::fs::write(dir.join(format!("{name}.rs")), &plain).unwrap();
        std::fs::write(dir.join(format!("{name}_factored.rs")), &factored).unwrap();
        modules.push((name.to_string(), plain));
        modules.push((format!("{name}_factored"), factored));
    }
    let krate = dir.join("crate");
    scratch::write_crate(&krate, "import-families", &modules).unwrap();
    let build = scratch::build(&krate);
    assert!(
        build.ok,
        "the imported families do not compile:\n{}",
        build.messages
    );
    let out = dir.join("out");
    assert!(scratch::render("import-families", &out));
    for (name, golden) in &goldens {
        let want = files(golden);
        assert_eq!(files(&out.join(name)), want, "{name}");
        assert_eq!(
            files(&out.join(format!("{name}_factored"))),
            want,
            "{name}, factored"
        );
    }
}

#[path = "../corpus/cases.rs"]
mod cases;
#[path = "../corpus/driver.rs"]
mod driver;
#[path = "../corpus/factored.rs"]
mod factored;
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
        let mut paths = vec![case.path.clone()];
        paths.extend(case.dropins.iter().cloned());
        let Ok(imported) = read_paths(&paths) else {
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

/// The whole corpus (run `tests/corpus/fetch.sh` first):
/// `cargo test -p tests --test it corpus_figures -- --ignored --nocapture`.
/// Set `CORPUS_UPDATE=1` to rewrite `tests/corpus/false-rejections.txt`, `figures.txt` and
/// `gaps-seen.txt`.
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
    let figures = format!("{}{}", report.figures(&corpus), factoring.figures());
    println!("{figures}");
    let fr = report.false_rejections();
    println!("{fr}");
    let gaps = report.gaps(&corpus);
    println!("{gaps}");
    let dir = scratch::workspace().join("tests").join("corpus");
    std::fs::write(work.join("false-rejections.txt"), &fr).unwrap();
    std::fs::write(work.join("details.txt"), report.details()).unwrap();
    println!("per-unit details: {}", work.join("details.txt").display());
    if std::env::var_os("CORPUS_UPDATE").is_some() {
        std::fs::write(dir.join("false-rejections.txt"), &fr).unwrap();
        std::fs::write(dir.join("figures.txt"), &figures).unwrap();
        std::fs::write(dir.join("gaps-seen.txt"), gaps).unwrap();
    }
    assert_clean_units_import_with_the_same_meaning(&report);
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
    let out = unit_core::import::run(&args(&[dir.to_str().unwrap()])).unwrap();
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
    let file = dir.join("family.rs");
    let summary = unit_core::import::run(&args(&[
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
        unit_core::import::run(&args(&[dir.join("none.service").to_str().unwrap()])).unwrap_err();
    assert!(err.contains("none.service: cannot read the file"), "{err}");
    assert!(unit_core::import::run(&args(&["--bogus"]))
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
