//! Importing unit files into the DSL: the libvirt goldens factored back into a family, the
//! machine's own units, and the errors a user sees.

#[path = "../corpus/scratch.rs"]
mod scratch;

use std::path::{Path, PathBuf};

use unit_core::import::{factor, read_paths, write_factored, Layout};

fn temp(name: &str) -> PathBuf {
    let dir = scratch::workspace()
        .join("target")
        .join("import-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().into_string().unwrap();
            (name, std::fs::read_to_string(e.path()).unwrap_or_default())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn factored_libvirt_goldens_render_back_byte_for_byte() {
    let golden = scratch::workspace().join("tests").join("golden");
    let imported = read_paths(std::slice::from_ref(&golden)).unwrap();
    assert_eq!(imported.units.len(), 67);
    let source = write_factored(&factor(&imported), &Layout::default());
    let dir = temp("libvirt");
    std::fs::write(dir.join("family.rs"), &source).unwrap();
    scratch::rustfmt_clean(&source, &dir).unwrap();
    let family =
        std::fs::read_to_string(scratch::workspace().join("daemons/src/family.rs")).unwrap();
    let (ours, theirs) = (source.lines().count(), family.lines().count());
    assert!(
        ours <= 2 * theirs,
        "factored family has {ours} lines, more than twice the {theirs} of daemons/src/family.rs"
    );
    let krate = dir.join("crate");
    scratch::write_crate(&krate, "import-libvirt", &[("libvirt".into(), source)]).unwrap();
    let build = scratch::build(&krate);
    assert!(
        build.ok,
        "the factored family does not compile:\n{}",
        build.messages
    );
    let out = dir.join("out");
    assert!(scratch::render("import-libvirt", &out));
    assert_eq!(files(&out.join("libvirt")), files(&golden));
}

#[path = "../corpus/cases.rs"]
mod cases;
#[path = "../corpus/driver.rs"]
mod driver;

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
    assert!(report.outcomes.iter().any(|(_, o)| o.round_tripped) || !driver::have_systemd());
}

/// The whole corpus (run `tests/corpus/fetch.sh` first):
/// `cargo test -p tests --test it corpus_figures -- --ignored --nocapture`.
/// Set `CORPUS_UPDATE=1` to rewrite `tests/corpus/false-rejections.txt` and `gaps-seen.txt`.
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
    println!("{}", report.figures(&corpus));
    let fr = report.false_rejections();
    println!("{fr}");
    println!("{}", report.gaps());
    let dir = scratch::workspace().join("tests").join("corpus");
    std::fs::write(work.join("false-rejections.txt"), &fr).unwrap();
    if std::env::var_os("CORPUS_UPDATE").is_some() {
        std::fs::write(dir.join("false-rejections.txt"), &fr).unwrap();
        std::fs::write(dir.join("figures.txt"), report.figures(&corpus)).unwrap();
        std::fs::write(dir.join("gaps-seen.txt"), report.gaps()).unwrap();
    }
}
