//! Every rendered unit against its golden file in `golden/` (libvirt 9.9.0) or `golden-12/`
//! (12.8.0, with `--features libvirt-12`). After a reviewed change, regenerate them with
//! `UPDATE_GOLDENS=1 cargo test -p tests --test it golden` (and the same with the feature).

use std::path::PathBuf;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(tests::GOLDEN)
}

#[test]
fn every_unit_matches_its_golden() {
    let units = tests::rendered();
    let dir = golden_dir();
    if std::env::var_os("UPDATE_GOLDENS").is_some() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if e.path().is_file() {
                std::fs::remove_file(e.path()).unwrap();
            }
        }
        unit_run::output::write_dir(&dir, &units, unit_run::output::Track::None).unwrap();
    }
    let mut expected: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    expected.sort();
    let mut names: Vec<String> = units.iter().map(|u| u.name.to_owned()).collect();
    names.sort();
    assert_eq!(names, expected, "the set of units differs from golden/");
    let mut mismatched = Vec::new();
    for u in &units {
        let golden = std::fs::read_to_string(dir.join(u.name)).unwrap();
        if golden != u.text {
            mismatched.push(u.name);
        }
    }
    assert!(
        mismatched.is_empty(),
        "units differ from golden/: {mismatched:?}"
    );
}

#[test]
fn every_drop_in_matches_its_golden() {
    let family = &daemons::FAMILY;
    let dropins = family.render_dropins(&family.default_options()).unwrap();
    assert_eq!(dropins.len(), tests::DROPINS);
    let dir = golden_dir();
    for d in &dropins {
        let path = dir.join(format!("{}.d", d.unit)).join(d.file);
        if std::env::var_os("UPDATE_GOLDENS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &d.text).unwrap();
        }
        let golden = std::fs::read_to_string(&path).unwrap();
        assert_eq!(golden, d.text, "{}", path.display());
    }
}

#[test]
fn build_rs_rendered_the_same_files() {
    if std::env::vars().any(|(k, _)| k.starts_with("UNIT_")) {
        eprintln!("skipped: UNIT_* build options are set");
        return;
    }
    let dir = PathBuf::from(daemons::RENDERED_DIR);
    for u in tests::rendered() {
        let built = std::fs::read_to_string(dir.join(u.name)).unwrap();
        assert_eq!(built, u.text, "{}", u.name);
    }
}

#[test]
fn the_family_has_its_units_of_16_daemons() {
    let units = tests::rendered();
    assert_eq!(units.len(), tests::UNITS);
    let mut daemons: Vec<&str> = units
        .iter()
        .map(|u| u.daemon)
        .filter(|d| !d.is_empty())
        .collect();
    daemons.dedup();
    assert_eq!(daemons.len(), 16, "{daemons:?}");
}
