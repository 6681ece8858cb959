//! The adopter's guide: the files the README's "Use it in your project" section shows, built
//! as a new project in a scratch directory.

use std::path::{Path, PathBuf};
use std::process::Command;

use tests::TempDir;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The code blocks of the README's guide whose fence names a file: `(path, form, text)`, the
/// form being `Some("build.rs form")` for a block that the `build.rs` form adds or changes.
fn guide_blocks() -> Vec<(String, Option<String>, String)> {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let start = readme.find("## Use it in your project").unwrap();
    let section = &readme[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let mut files = Vec::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let Some((_, name)) = info.split_once(' ') else {
            continue;
        };
        let (path, form) = match name.split_once(" (") {
            Some((path, form)) => (path, Some(form.trim_end_matches(')').to_owned())),
            None => (name, None),
        };
        let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        files.push((path.to_owned(), form, body.join("\n") + "\n"));
    }
    files
}

/// The files of the guide's project in the five-line form, or with `build_rs` in the `build.rs`
/// form: its `Cargo.toml` block appended, its other blocks in place of the five-line form's.
fn guide_files(build_rs: bool) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = Vec::new();
    for (path, form, text) in guide_blocks() {
        match (form, files.iter_mut().find(|(p, _)| *p == path)) {
            (None, _) => files.push((path, text)),
            (Some(form), _) if !build_rs => assert_eq!(form, "build.rs form"),
            (Some(_), Some((_, old))) if path == "Cargo.toml" => {
                old.push('\n');
                old.push_str(&text);
            }
            (Some(_), Some((_, old))) => *old = text,
            (Some(_), None) => files.push((path, text)),
        }
    }
    files
}

/// A scratch directory holding `units/` (this repository) and the project `name` with `files`.
fn scratch(tag: &str, name: &str, files: &[(String, String)]) -> (TempDir, PathBuf) {
    let tmp = TempDir::new(tag);
    std::os::unix::fs::symlink(workspace(), tmp.path().join("units")).unwrap();
    let project = tmp.path().join(name);
    for (path, text) in files {
        let path = project.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    (tmp, project)
}

fn cargo(project: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO"))
        .arg(args[0])
        .arg("--offline")
        .args(&args[1..])
        .current_dir(project)
        .env("CARGO_TARGET_DIR", workspace().join("target/adopter"))
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap()
}

fn the_guide_builds(build_rs: bool) {
    let files = guide_files(build_rs);
    let mut names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    names.sort();
    let mut expected = vec!["Cargo.toml", "src/family.rs", "src/lib.rs", "src/main.rs"];
    if build_rs {
        expected.push("build.rs");
    }
    expected.sort();
    assert_eq!(names, expected);
    let glue = |path: &str| {
        let text = &files.iter().find(|(p, _)| p == path).unwrap().1;
        text.lines().filter(|l| !l.trim().is_empty()).count()
    };
    let dependencies = files[0].1.split("[dependencies]\n").nth(1).unwrap();
    let dependencies = dependencies.lines().take_while(|l| !l.is_empty()).count();
    if !build_rs {
        assert_eq!(dependencies + glue("src/lib.rs") + glue("src/main.rs"), 5);
    }
    let tag = if build_rs { "adopt-build-rs" } else { "adopt" };
    let (tmp, project) = scratch(tag, "myapp", &files);
    let build = cargo(&project, &["build", "-q"]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let dest = tmp.path().join("pkg");
    let dest = dest.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["run", "-q", "--"];
        all.extend(args);
        let run = cargo(&project, &all);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        String::from_utf8(run.stdout).unwrap()
    };
    let out = run(&["install", "--destdir", dest]);
    assert!(
        out.ends_with("3 written, 0 unchanged, 0 removed\n"),
        "{out}"
    );
    let dest = Path::new(dest);
    let unitdir = dest.join("usr/lib/systemd/system");
    let service = std::fs::read_to_string(unitdir.join("myapp.service")).unwrap();
    assert!(
        service.contains("ExecStart=/usr/bin/myapp-server\n"),
        "{service}"
    );
    let preset = dest.join("usr/lib/systemd/system-preset/80-myapp.preset");
    assert!(std::fs::read_to_string(preset)
        .unwrap()
        .contains("enable myapp.socket\n"));
    assert!(dest
        .join("var/lib/unit-core/myapp/installed-files")
        .exists());
    let help = run(&["--help"]);
    assert!(help.contains("usage: myapp <command>"), "{help}");
    assert!(help.contains("--bindir PATH"), "{help}");
    let out = run(&["uninstall", "--destdir", dest.to_str().unwrap()]);
    assert!(out.ends_with("3 removed\n"), "{out}");
    let left: Vec<_> = std::fs::read_dir(dest).unwrap().collect();
    assert!(
        left.is_empty(),
        "uninstall left what install made: {left:?}"
    );
    if build_rs {
        // What an earlier version left in the build script's output, and a unit no longer
        // rendered: the next run of the build script removes both.
        let units = out_dir(&project).join("units");
        std::fs::write(
            units.join(".unit-manifest"),
            "myapp.service\ngone.service\n",
        )
        .unwrap();
        std::fs::write(units.join("gone.service"), "[Service]\n").unwrap();
        let build_rs = project.join("build.rs");
        let text = std::fs::read_to_string(&build_rs).unwrap();
        std::fs::write(&build_rs, text + "\n").unwrap();
        assert_eq!(out_dir(&project).join("units"), units);
        let mut left: Vec<String> = std::fs::read_dir(&units)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["myapp.service", "myapp.socket"]);
    }
}

/// Builds `project` and returns its build script's `OUT_DIR`, as cargo reports it.
fn out_dir(project: &Path) -> PathBuf {
    let build = cargo(project, &["build", "-q", "--message-format=json"]);
    assert!(build.status.success());
    let out = String::from_utf8(build.stdout).unwrap();
    let line = out
        .lines()
        .find(|l| l.contains("\"build-script-executed\"") && l.contains("myapp"))
        .unwrap_or_else(|| panic!("no build script output in {out}"));
    let start = line.find("\"out_dir\":\"").unwrap() + "\"out_dir\":\"".len();
    PathBuf::from(&line[start..start + line[start..].find('"').unwrap()])
}

#[test]
fn the_guide_builds_the_five_line_form_from_a_scratch_directory() {
    the_guide_builds(false);
}

#[test]
fn the_guide_builds_the_build_rs_form_from_a_scratch_directory() {
    the_guide_builds(true);
}

#[test]
fn unit_macros_alone_fails_with_a_message_naming_unit_run() {
    let files = [
        (
            "Cargo.toml".to_owned(),
            "[package]\nname = \"alone\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nunit-macros = { path = \"../units/unit-macros\" }\n".to_owned(),
        ),
        (
            "src/main.rs".to_owned(),
            "unit_macros::systemd_unit! {\n    unit \"a.service\" {\n        [Service]\n        ExecStart = \"/usr/bin/a\";\n    }\n}\n\nfn main() {\n    let _ = &FAMILY;\n}\n".to_owned(),
        ),
    ];
    let (_tmp, project) = scratch("alone", "alone", &files);
    let build = cargo(&project, &["build", "-q"]);
    let err = String::from_utf8_lossy(&build.stderr);
    assert!(!build.status.success());
    assert!(err.contains("`unit_run`"), "{err}");
    assert!(err.contains("systemd_unit!"), "{err}");
}

/// The guide's project with `cargo_toml` and `lib_rs` in place of its own, and no `build.rs`:
/// its build's stderr.
fn build_glue(tag: &str, cargo_toml: &str, lib_rs: &str) -> String {
    let guide = guide_files(false);
    let family = guide.iter().find(|(p, _)| p == "src/family.rs").unwrap();
    let main = guide.iter().find(|(p, _)| p == "src/main.rs").unwrap();
    let files = [
        ("Cargo.toml".to_owned(), cargo_toml.to_owned()),
        family.clone(),
        ("src/lib.rs".to_owned(), lib_rs.to_owned()),
        main.clone(),
    ];
    let (_tmp, project) = scratch(tag, "myapp", &files);
    let build = cargo(&project, &["build", "-q"]);
    assert!(!build.status.success(), "the mistake built");
    String::from_utf8_lossy(&build.stderr).into_owned()
}

const PACKAGE: &str = "[package]\nname = \"myapp\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n";

#[test]
fn cli_main_without_the_cli_feature_names_the_feature() {
    let err = build_glue(
        "nocli",
        &format!("{PACKAGE}[dependencies]\nunit-run = {{ path = \"../units/unit-core/run\" }}\nunit-macros = {{ path = \"../units/unit-macros\" }}\n"),
        "mod family;\npub use family::FAMILY;\n",
    );
    assert!(err.contains("`cli_main!` needs the command line"), "{err}");
    assert!(err.contains(r#"features = ["cli"]"#), "{err}");
    assert!(
        !err.contains("E0601") && !err.contains("cannot find"),
        "{err}"
    );
    let errors = err.lines().filter(|l| l.starts_with("error")).count();
    assert_eq!(errors, 2, "one error and cargo's summary: {err}");
}

#[test]
fn include_family_without_build_rs_names_both_fixes() {
    let err = build_glue(
        "nobuild",
        &format!("{PACKAGE}[dependencies]\nunit-run = {{ path = \"../units/unit-core/run\", features = [\"cli\"] }}\nunit-macros = {{ path = \"../units/unit-macros\" }}\n"),
        "unit_run::include_family!();\n",
    );
    assert!(err.contains("this package has no `build.rs`"), "{err}");
    assert!(
        err.contains("unit_run::build::render(&family::FAMILY)"),
        "{err}"
    );
    assert!(err.contains("mod family; pub use family::FAMILY;"), "{err}");
    assert!(!err.contains("not defined at compile time"), "{err}");
}

#[test]
fn the_libraries_package_with_readme_licences_and_docs_rs_metadata() {
    let cargo_in_workspace = |args: &[&str]| {
        let out = Command::new(env!("CARGO"))
            .args(args)
            .current_dir(workspace())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    for krate in ["unit-core", "unit-run", "unit-macros"] {
        let list = cargo_in_workspace(&[
            "package",
            "--list",
            "--offline",
            "--allow-dirty",
            "-p",
            krate,
        ]);
        for file in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
            assert!(
                list.lines().any(|l| l == file),
                "{krate}: no {file}\n{list}"
            );
        }
    }
    let mit = std::fs::read_to_string(workspace().join("unit-core/LICENSE-MIT")).unwrap();
    assert!(mit.contains("Permission is hereby granted, free of charge"));
    let apache = std::fs::read_to_string(workspace().join("unit-macros/LICENSE-APACHE")).unwrap();
    assert!(apache.contains("Apache License\n                           Version 2.0, January 2004"));
    assert!(apache.contains("END OF TERMS AND CONDITIONS"));
    let metadata = cargo_in_workspace(&[
        "metadata",
        "--no-deps",
        "--offline",
        "--format-version",
        "1",
    ]);
    for needle in [
        r#""documentation":"https://docs.rs/unit-core""#,
        r#""documentation":"https://docs.rs/unit-macros""#,
        r#""documentation":"https://docs.rs/unit-run""#,
        r#""docs":{"rs":{"features":["cli"]}}"#,
        r#""license":"MIT OR Apache-2.0""#,
        r#""categories":["os::linux-apis","config""#,
    ] {
        assert!(metadata.contains(needle), "no {needle} in\n{metadata}");
    }
}

/// The synthetic families of `benches/run.py scale` build, with the dependencies
/// `benches/synth.py` writes: a family of three daemons.
#[test]
fn the_scale_benchmarks_synthetic_family_builds() {
    if !tests::have("python3") {
        return;
    }
    let tmp = TempDir::new("synthetic");
    let crate_dir = tmp.path().join("synthetic");
    let synth = workspace().join("benches/synth.py");
    let written = Command::new("python3")
        .arg(&synth)
        .arg("3")
        .arg(&crate_dir)
        .status()
        .unwrap();
    assert!(written.success());
    let build = cargo(&crate_dir, &["build", "-q"]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
}
