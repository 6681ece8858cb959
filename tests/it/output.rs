//! Output guarantees: deterministic bytes, atomic replacement, removal of stale units, and an
//! installer that never writes outside its destination.

use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::Command;

use tests::{cli, TempDir};
use unit_core::family::OptionDef;
use unit_core::value::ValueKind;
use unit_core::{Family, UnitDef};
use unit_macros::systemd_unit;

mod small {
    use super::systemd_unit;

    systemd_unit! {
        family "small";
        options { unitdir: path = "/usr/lib/systemd/system" }

        unit "keep.service" {
            [Service]
            ExecStart = "/usr/bin/keep";
        }

        unit "gone.service" {
            [Service]
            ExecStart = "/usr/bin/gone";
        }
    }
}

mod smaller {
    use super::systemd_unit;

    systemd_unit! {
        family "small";
        options { unitdir: path = "/usr/lib/systemd/system" }

        unit "keep.service" {
            [Service]
            ExecStart = "/usr/bin/keep";
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" || name == ".git" || name == "fuzz" || name == "units" {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

fn read_dir_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().into_string().unwrap(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn two_checkouts_with_different_environments_render_identical_bytes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let tmp = TempDir::new("determinism");
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/determinism");
    let envs: [&[(&str, &str)]; 2] = [
        &[("LC_ALL", "C"), ("TZ", "UTC")],
        &[
            ("LC_ALL", "de_DE.UTF-8"),
            ("LANG", "ja_JP.UTF-8"),
            ("TZ", "Pacific/Chatham"),
        ],
    ];
    let mut outputs = Vec::new();
    for (i, env) in envs.iter().enumerate() {
        let checkout = tmp.path().join(format!("checkout-{i}/nested"));
        copy_tree(root, &checkout);
        let out = tmp.path().join(format!("out-{i}"));
        let status = Command::new(env!("CARGO"))
            .args([
                "run",
                "-q",
                "--offline",
                "-p",
                "daemons",
                "--",
                "render",
                "--out",
            ])
            .arg(&out)
            .current_dir(&checkout)
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("RUSTFLAGS")
            .envs(env.iter().copied())
            .status()
            .unwrap();
        assert!(status.success());
        outputs.push(read_dir_bytes(&out));
    }
    assert_eq!(outputs[0].len(), 67);
    assert!(
        outputs[0] == outputs[1],
        "the two checkouts rendered different bytes"
    );
    let here: Vec<(String, Vec<u8>)> = {
        let mut v: Vec<_> = tests::rendered()
            .into_iter()
            .map(|u| (u.name.to_owned(), u.text.into_bytes()))
            .collect();
        v.sort();
        v
    };
    assert!(
        outputs[0] == here,
        "a checkout rendered other bytes than this build"
    );
}

#[test]
fn files_are_replaced_by_rename_never_rewritten_in_place() {
    let tmp = TempDir::new("atomic");
    let dest = tmp.path().to_str().unwrap();
    cli(&["install", "--destdir", dest]).unwrap();
    let dir = tmp.path().join("usr/lib/systemd/system");
    let file = dir.join("virtqemud.socket");
    let old_inode = std::fs::metadata(&file).unwrap().ino();
    let before = std::fs::read_to_string(&file).unwrap();
    std::fs::hard_link(&file, tmp.path().join("old-link")).unwrap();
    let report = cli(&["install", "--destdir", dest, "--runstatedir", "/var/run"]).unwrap();
    assert!(
        report.contains(&format!("installed {}", file.display())),
        "{report}"
    );
    let after = std::fs::read_to_string(&file).unwrap();
    assert_ne!(before, after);
    assert_ne!(
        std::fs::metadata(&file).unwrap().ino(),
        old_inode,
        "the file was rewritten in place"
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("old-link")).unwrap(),
        before
    );
    let temporaries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(temporaries.is_empty(), "{temporaries:?}");
}

#[test]
fn units_no_longer_defined_are_removed_and_other_files_kept() {
    let tmp = TempDir::new("stale");
    let dest = tmp.path().to_str().unwrap();
    let install = |family: &unit_core::Family| {
        let run = tests::run_cli(family, "small", &["install", "--destdir", dest]);
        assert_eq!(run.code, 0, "{}", run.err);
        run.out
    };
    install(&small::FAMILY);
    cli(&["install", "--destdir", dest]).unwrap();
    let dir = tmp.path().join("usr/lib/systemd/system");
    std::fs::write(
        dir.join("local.service"),
        "[Service]\nExecStart=/bin/true\n",
    )
    .unwrap();
    let report = install(&smaller::FAMILY);
    assert!(
        report.ends_with("0 written, 1 unchanged, 1 removed\n"),
        "{report}"
    );
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(left.len(), 67 + 2, "{left:?}");
    assert!(left.iter().any(|n| n == "keep.service") && left.iter().any(|n| n == "local.service"));
    assert!(!left
        .iter()
        .any(|n| n == "gone.service" || n.starts_with('.')));
    let again = cli(&["install", "--destdir", dest]).unwrap();
    assert_eq!(again, "0 written, 67 unchanged, 0 removed\n");
}

static ESCAPING: Family = Family {
    target: unit_core::catalog::Target::DEFAULT,
    options: &[OptionDef {
        name: "unitdir",
        kind: ValueKind::Path,
        default: "/lib/systemd/system",
        doc: "",
    }],
    units: &[UnitDef {
        name: "../../etc/evil.service",
        daemon: "",
        text: "[Service]\nExecStart=/bin/true\n",
    }],
    name: "escaping",
    ..Family::EMPTY
};

#[test]
fn the_installer_never_writes_outside_its_destination() {
    let tmp = TempDir::new("escape");
    let dest = tmp.path().join("dest");
    let run = tests::run_cli(
        &ESCAPING,
        "escaping",
        &["install", "--destdir", dest.to_str().unwrap()],
    );
    assert_eq!(run.code, 1);
    assert!(run.err.contains("../../etc/evil.service"), "{}", run.err);
    assert!(!dest.exists(), "something was written");
    assert!(!tmp.path().join("etc").exists());
    let names = [
        "../x.service",
        "a/b.service",
        ".hidden.service",
        "x\0.service",
    ];
    for name in names {
        assert!(unit_run::output::check_file_name(name).is_err(), "{name:?}");
    }
}

#[test]
fn an_install_by_an_earlier_version_is_taken_over_and_its_shared_manifest_goes() {
    let tmp = TempDir::new("legacy");
    let dir = tmp.path().join("usr/lib/systemd/system");
    let family = &daemons::FAMILY;
    let old = family
        .render(&family.options([("runstatedir", "/var/run")]).unwrap())
        .unwrap();
    unit_run::output::write_dir(&dir, &old, unit_run::output::Track::None).unwrap();
    let names: String = old.iter().map(|u| format!("{}\n", u.name)).collect();
    std::fs::write(dir.join(".unit-manifest"), names).unwrap();
    let report = cli(&["install", "--destdir", tmp.path().to_str().unwrap()]).unwrap();
    assert!(
        report.ends_with("46 written, 21 unchanged, 0 removed\n"),
        "{report}"
    );
    for unit in tests::rendered() {
        assert_eq!(
            std::fs::read_to_string(dir.join(unit.name)).unwrap(),
            unit.text
        );
    }
    assert!(
        !dir.join(".unit-manifest").exists(),
        "the shared manifest stayed"
    );
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 67);
}
