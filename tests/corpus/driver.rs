//! The corpus run: for each unit, whether systemd loads it cleanly, whether it imports,
//! compiles through the macro and renders to a file systemd reads the same way.
//!
//! "The same way" is decided by systemd itself: every batch of original units, and the same
//! batch with the rendered units in their place, is loaded by `systemd --test --system` (run
//! as an unprivileged user, which test mode requires) with `SYSTEMD_UNIT_PATH` set to the
//! batch's directory only. Its dump of each unit (every setting after parsing, with defaults
//! and implicit dependencies) must match after removing file paths and timestamps. `[Install]`
//! is not part of that dump, so it is compared as systemd's installer reads it: each key's
//! words, an empty assignment resetting the list. The same run's log tells which original
//! units systemd loads cleanly: any message about the file or the unit counts against it.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use unit_core::catalog::Target;
use unit_run::import::{externs, needed_target, read_paths, write_family, Gap, Imported, Layout};

use super::cases::{Case, Corpus};
use super::judge::{dump, first_difference, normalise, undumped, TARGET};
pub use super::judge::{have_systemd, Judge};
use super::scratch;

/// What happened to one unit.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    /// Systemd's complaints about the original; empty when it loads cleanly.
    pub unclean: Vec<String>,
    /// The import error, if any.
    pub import_error: Option<String>,
    /// What the DSL could not say.
    pub gaps: Vec<Gap>,
    /// The macro's first error: (directive, value, message).
    pub compile_error: Option<(String, String, String)>,
    /// Every error of the macro, in order.
    pub compile_errors: Vec<(String, String, String)>,
    /// Whether it compiled.
    pub compiled: bool,
    /// Why systemd reads the rendered file differently, if it does.
    pub differs: Option<String>,
    /// Whether the round trip was checked and held.
    pub round_tripped: bool,
    /// What the run-time checks (`validate_for`, `dropin::check`, `check_family`) say about the
    /// imported units, for the target the family is compiled for; `None` when not imported.
    pub runtime_errors: Option<Vec<String>>,
}

impl Outcome {
    /// Whether the macro and the run-time checks disagree: one accepts what the other refuses.
    pub fn disagrees(&self) -> bool {
        self.runtime_errors
            .as_ref()
            .is_some_and(|e| e.is_empty() != self.compiled)
    }
}

/// The figures of a run.
#[derive(Debug, Default)]
pub struct Report {
    /// One outcome per case, in case order.
    pub outcomes: Vec<(Case, Outcome)>,
    /// What `rustfmt --check` said about the generated families (empty when all are clean).
    pub rustfmt: String,
}

/// The run-time checks on `imported` for `target`: each unit, each drop-in (with the unit it
/// extends, if imported), and the family with its drop-ins applied and its `extern` units.
fn runtime_errors(imported: &Imported, target: Target) -> Vec<String> {
    let mut out = Vec::new();
    // Each unit as systemd assembles it: its own lines, then its drop-ins in systemd's order.
    for u in &imported.units {
        let assembled = imported.merged(&u.name);
        for d in unit_core::validate::validate_for(assembled.as_ref().unwrap_or(u), target) {
            out.push(format!("{}: {}", u.name, d.message));
        }
    }
    for d in &imported.dropins {
        for e in unit_core::dropin::check(&d.body, imported.unit(&d.unit), target) {
            out.push(format!("{}.d/{}: {}", d.unit, d.file, e.message));
        }
    }
    let merged: Vec<unit_core::Unit> = imported
        .units
        .iter()
        .filter_map(|u| imported.merged(&u.name))
        .collect();
    let external = externs(&imported.units, &imported.dropins);
    for d in unit_core::crosscheck::check_family(&merged, external.iter().map(String::as_str)) {
        out.push(d.message);
    }
    out
}

/// Runs every stage on `corpus` with this machine's systemd as the judge.
pub fn run(corpus: &Corpus, work: &Path, crate_name: &str) -> Report {
    run_with(corpus, work, crate_name, &Judge::host())
}

/// Runs every stage on `corpus`, using `work` as scratch space and `crate_name` for the crate,
/// with `judge` loading the originals and the rendered files.
pub fn run_with(corpus: &Corpus, work: &Path, crate_name: &str, judge: &Judge) -> Report {
    let _ = std::fs::remove_dir_all(work);
    std::fs::create_dir_all(work).unwrap();
    let mut outcomes: Vec<Outcome> = vec![Outcome::default(); corpus.cases.len()];
    let mut families = Vec::new();
    let mut module_of: HashMap<String, usize> = HashMap::new();
    for (i, case) in corpus.cases.iter().enumerate() {
        match read_paths(&case.paths()) {
            Ok(imported) if imported.units.len() == usize::from(case.has_file()) => {
                outcomes[i].gaps = imported.gaps.clone();
                let module = format!("u{i}");
                module_of.insert(module.clone(), i);
                let layout = Layout {
                    target: judge.target,
                    ..Layout::default()
                };
                let target = needed_target(&imported, layout.target);
                outcomes[i].runtime_errors = Some(runtime_errors(&imported, target));
                families.push((module, write_family(&imported, &layout)));
            }
            Ok(imported) => {
                outcomes[i].import_error =
                    Some(format!("{} units from one file", imported.units.len()))
            }
            Err(errors) => {
                outcomes[i].import_error = errors.first().map(|e| e.message.clone());
            }
        }
    }
    let krate = work.join("crate");
    scratch::write_crate(&krate, crate_name, &families).unwrap();
    let rustfmt = rustfmt_check(&krate.join("src"), &families);
    let mut remaining = families;
    for _round in 0..4 {
        scratch::write_crate(&krate, crate_name, &remaining).unwrap();
        let build = scratch::build(&krate);
        if build.ok {
            for (module, _) in &remaining {
                outcomes[module_of[module]].compiled = true;
            }
            break;
        }
        let failed = compile_errors(&build.messages, &remaining);
        if failed.is_empty() {
            panic!(
                "the corpus crate does not compile for a reason no unit explains:\n{}",
                build.messages
            );
        }
        for (module, error) in &failed {
            outcomes[module_of[module]].compile_error = error.first().cloned();
            outcomes[module_of[module]].compile_errors = error.clone();
        }
        remaining.retain(|(m, _)| !failed.contains_key(m));
    }
    let rendered = work.join("rendered");
    let rendered_ok = remaining.is_empty() || scratch::render(crate_name, &rendered);
    assert!(rendered_ok, "the corpus crate did not render");
    if judge.available() {
        // systemd runs as `nobody`, who may not be able to reach into the checkout: the
        // batches live in the system's temporary directory.
        let batches =
            std::env::temp_dir().join(format!("unit-import-{}-{crate_name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&batches);
        std::fs::create_dir_all(&batches).unwrap();
        compare_with(corpus, &batches, &rendered, &mut outcomes, judge);
        let _ = std::fs::remove_dir_all(&batches);
    }
    Report {
        outcomes: corpus.cases.iter().cloned().zip(outcomes).collect(),
        rustfmt,
    }
}

/// `rustfmt --check` on every generated family.
fn rustfmt_check(src: &Path, families: &[(String, String)]) -> String {
    let mut out = String::new();
    for chunk in families.chunks(200) {
        let output = Command::new("rustfmt")
            .args(["--check", "--edition", "2021"])
            .args(chunk.iter().map(|(m, _)| src.join(format!("{m}.rs"))))
            .output()
            .unwrap();
        out.push_str(&String::from_utf8_lossy(&output.stdout));
        if !output.status.success() && output.stdout.is_empty() {
            out.push_str(&String::from_utf8_lossy(&output.stderr));
        }
    }
    out
}

/// Each module's first error, as (directive, value, message) taken from the line it points at.
fn compile_errors(
    messages: &str,
    families: &[(String, String)],
) -> BTreeMap<String, Vec<(String, String, String)>> {
    let sources: HashMap<&str, &str> = families
        .iter()
        .map(|(m, s)| (m.as_str(), s.as_str()))
        .collect();
    let mut out = BTreeMap::new();
    for line in messages.lines() {
        let Some(rest) = line.strip_prefix("src/") else {
            continue;
        };
        let Some((module, rest)) = rest.split_once(".rs:") else {
            continue;
        };
        let mut parts = rest.splitn(3, ':');
        let (Some(l), Some(_), Some(msg)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let Some(msg) = msg.trim().strip_prefix("error: ") else {
            continue;
        };
        let Some(source) = sources.get(module) else {
            continue;
        };
        let text = l
            .parse::<usize>()
            .ok()
            .and_then(|n| source.lines().nth(n.saturating_sub(1)))
            .unwrap_or("")
            .trim();
        let (key, value) = if text.starts_with("unit ") || text.starts_with("extern") {
            ("(unit)".to_owned(), String::new())
        } else {
            text.trim_end_matches(';')
                .split_once(" = ")
                .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                .unwrap_or_else(|| (text.to_owned(), String::new()))
        };
        let list: &mut Vec<_> = out.entry(module.to_owned()).or_default();
        let error = (key, value, msg.to_owned());
        if !list.contains(&error) {
            list.push(error);
        }
    }
    out
}

/// Batches in which every unit name occurs once.
fn batches(cases: &[Case]) -> Vec<Vec<usize>> {
    let mut batches: Vec<(Vec<usize>, std::collections::HashSet<String>)> = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let slot = batches
            .iter()
            .position(|(b, names)| b.len() < 400 && !names.contains(&case.name));
        let slot = slot.unwrap_or_else(|| {
            batches.push((Vec::new(), Default::default()));
            batches.len() - 1
        });
        batches[slot].0.push(i);
        batches[slot].1.insert(case.name.clone());
    }
    batches.into_iter().map(|(b, _)| b).collect()
}

fn copy_original(case: &Case, dir: &Path) {
    if case.has_file() {
        copy_file(&case.path, &dir.join(&case.name));
    }
    for d in &case.dropins {
        copy_dropins(d, dir);
    }
}

/// Copies the `*.conf` files of the drop-in directory `from` into `dir`, under its name.
fn copy_dropins(from: &Path, dir: &Path) {
    let Ok(entries) = std::fs::read_dir(from) else {
        return;
    };
    let to = dir.join(from.file_name().unwrap());
    std::fs::create_dir_all(&to).unwrap();
    set_mode(&to, 0o755);
    for e in entries.filter_map(Result::ok) {
        if e.file_name().to_string_lossy().ends_with(".conf") {
            copy_file(&e.path(), &to.join(e.file_name()));
        }
    }
}

pub fn copy_file(from: &Path, to: &Path) {
    let bytes = std::fs::read(from).unwrap_or_default();
    std::fs::write(to, bytes).unwrap();
    set_mode(to, 0o644);
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The name systemd loads a case under: templates get an instance.
fn loaded_name(name: &str) -> String {
    match name.rsplit_once("@.") {
        Some((stem, suffix)) => format!("{stem}@corpus.{suffix}"),
        None => name.to_owned(),
    }
}

/// [`compare_with`] this machine's systemd.
pub fn compare(corpus: &Corpus, work: &Path, rendered: &Path, outcomes: &mut [Outcome]) {
    compare_with(corpus, work, rendered, outcomes, &Judge::host());
}

/// Loads each batch of originals and the same batch with the rendered files (`rendered/u<index>/`)
/// in their place, and records per unit whether `judge` loads it cleanly and reads both alike.
pub fn compare_with(
    corpus: &Corpus,
    work: &Path,
    rendered: &Path,
    outcomes: &mut [Outcome],
    judge: &Judge,
) {
    set_mode(work, 0o755);
    for (b, batch) in batches(&corpus.cases).into_iter().enumerate() {
        let original = work.join(format!("batch{b}-original"));
        let roundtrip = work.join(format!("batch{b}-rendered"));
        for dir in [&original, &roundtrip] {
            std::fs::create_dir_all(dir).unwrap();
            set_mode(dir, 0o755);
        }
        let mut wants = String::from("[Unit]\nDescription=corpus\n");
        for &i in &batch {
            let case = &corpus.cases[i];
            // Drop-ins for a unit that systemd itself ships extend that unit: its file is in
            // both copies of the batch.
            let shipped = judge.unit_dir.join(&case.name);
            if !case.has_file() && shipped.is_file() {
                copy_file(&shipped, &original.join(&case.name));
                copy_file(&shipped, &roundtrip.join(&case.name));
            }
            copy_original(case, &original);
            let ours = rendered.join(format!("u{i}")).join(&case.name);
            let dropins = rendered
                .join(format!("u{i}"))
                .join(format!("{}.d", case.name));
            // Everything the case has is rendered: its file, and its drop-ins if it has any.
            let all_rendered = (ours.exists() || !case.has_file())
                && (case.dropins.is_empty() || dropins.exists());
            if outcomes[i].compiled && all_rendered {
                if case.has_file() {
                    copy_file(&ours, &roundtrip.join(&case.name));
                }
                copy_dropins(&dropins, &roundtrip);
            } else {
                copy_original(case, &roundtrip);
            }
            // A device is wanted for its drop-ins (a device file is no unit systemd loads).
            if !case.has_file()
                || (!case.name.ends_with(".device") && !case.name.ends_with(".scope"))
            {
                writeln!(wants, "Wants={}", loaded_name(&case.name)).ok();
            }
        }
        for dir in [&original, &roundtrip] {
            std::fs::write(dir.join(TARGET), &wants).unwrap();
            set_mode(&dir.join(TARGET), 0o644);
        }
        let (a, log) = dump(&original, judge);
        let (b_dump, _) = dump(&roundtrip, judge);
        for &i in &batch {
            let case = &corpus.cases[i];
            let name = loaded_name(&case.name);
            let out = &mut outcomes[i];
            let prefix = format!("{}/{}", original.display(), case.name);
            out.unclean = log
                .lines()
                .filter(|l| {
                    l.contains(&prefix)
                        || l.starts_with(&format!("{name}: "))
                        || l.starts_with(&format!("{}: ", case.name))
                        // An ordering cycle is logged under whichever of its units systemd
                        // met first, naming each member's job (`a.service/start`).
                        || l.contains(&format!(" {name}/"))
                })
                .map(|l| l.replace(&original.display().to_string(), ""))
                .collect();
            match a.get(&name).map(|b| {
                b.lines()
                    .find(|l| l.trim_start().starts_with("Unit Load State:"))
            }) {
                Some(Some(state)) if state.trim().ends_with("loaded") => {}
                Some(Some(state)) => out.unclean.push(state.trim().to_owned()),
                _ => out.unclean.push("systemd did not load it".into()),
            }
            if !out.compiled {
                continue;
            }
            let ours = rendered.join(format!("u{i}"));
            let missing = (case.has_file() && !ours.join(&case.name).exists())
                || (!case.dropins.is_empty() && !ours.join(format!("{}.d", case.name)).exists());
            if missing {
                out.differs = Some("the family did not render all of it".into());
                continue;
            }
            let left = a.get(&name).map(|t| normalise(t, &original));
            let right = b_dump.get(&name).map(|t| normalise(t, &roundtrip));
            let (ours, theirs) = (undumped(&original, case), undumped(&roundtrip, case));
            let install = ours == theirs;
            out.differs = match (&left, right) {
                // Systemd did not load the original: nothing to compare with.
                (None, _) => None,
                (Some(l), Some(r)) if *l == r && install => None,
                (Some(l), Some(r)) if *l == r => Some(undumped_difference(&ours, &theirs)),
                (Some(l), Some(r)) => Some(first_difference(l, &r)),
                (Some(_), None) => Some("missing from systemd's dump".into()),
            };
            out.round_tripped = left.is_some() && out.differs.is_none();
        }
    }
}

/// Which of the settings systemd does not dump differ: `[Install]` or the standard input data.
fn undumped_difference(
    a: &BTreeMap<String, Vec<String>>,
    b: &BTreeMap<String, Vec<String>>,
) -> String {
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let differ: Vec<&str> = keys
        .into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| k.as_str())
        .collect();
    if differ.iter().all(|k| k.starts_with("Install.")) {
        "[Install] differs".into()
    } else {
        format!("{} differs", differ.join(", "))
    }
}
