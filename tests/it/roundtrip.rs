//! render -> parse -> render is the identity on every unit of the family, and a family's
//! rendered output imports back into a family that renders it byte for byte.

use std::path::Path;

use crate::import::scratch;
use unit_run::import::{factor, read_paths, write_factored, write_family, Layout};

fn temp(name: &str) -> std::path::PathBuf {
    let dir = scratch::workspace()
        .join("target")
        .join("import-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn render_parse_render_is_identity() {
    for u in tests::rendered() {
        let parsed = unit_core::parse(u.name, &u.text).unwrap();
        let problems = unit_core::validate::validate_for(&parsed, daemons::FAMILY.target);
        assert!(problems.is_empty(), "{}: {problems:?}", u.name);
        assert_eq!(unit_core::render(&parsed).unwrap(), u.text, "{}", u.name);
    }
}

#[test]
fn a_smuggled_newline_or_backslash_cannot_be_rendered() {
    let u = &tests::rendered()[0];
    for evil in ["x\nExecStartPre=/bin/evil", "x \\", "x\r\nFoo=bar", "x\0"] {
        let mut unit = unit_core::parse(u.name, &u.text).unwrap();
        unit.sections[0].entries[0].value = evil.to_owned();
        assert!(unit_core::render(&unit).is_err(), "{evil:?} was rendered");
        assert!(!unit_core::validate(&unit).is_empty(), "{evil:?} validated");
    }
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
        let names = |f: &[(String, String)]| f.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        for module in [name.to_string(), format!("{name}_factored")] {
            let got = files(&out.join(&module));
            assert_eq!(names(&got), names(&want), "{module}: the files rendered");
            for ((file, text), (_, golden_text)) in got.iter().zip(&want) {
                assert_eq!(text, golden_text, "{module}: {file}");
            }
        }
    }
}
