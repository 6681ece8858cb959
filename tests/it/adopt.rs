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

/// The code blocks of the README's guide whose fence names a file: `(path, text)`.
fn guide_files() -> Vec<(String, String)> {
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
        let Some((_, path)) = info.split_once(' ') else {
            continue;
        };
        let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        files.push((path.to_owned(), body.join("\n") + "\n"));
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

#[test]
fn the_guide_builds_a_project_from_a_scratch_directory() {
    let files = guide_files();
    let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        [
            "Cargo.toml",
            "src/family.rs",
            "src/lib.rs",
            "src/main.rs",
            "build.rs"
        ]
    );
    let main = &files[3].1;
    assert!(main.lines().count() <= 5, "{main}");
    let (tmp, project) = scratch("adopt", "myapp", &files);
    let build = cargo(&project, &["build", "-q"]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let dest = tmp.path().join("pkg");
    let run = cargo(
        &project,
        &[
            "run",
            "-q",
            "--",
            "install",
            "--destdir",
            dest.to_str().unwrap(),
        ],
    );
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        out.ends_with("3 written, 0 unchanged, 0 removed\n"),
        "{out}"
    );
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
    let help = cargo(&project, &["run", "-q", "--", "--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("usage: myapp <command>"), "{help}");
    assert!(help.contains("--bindir PATH"), "{help}");
}

#[test]
fn unit_macros_alone_fails_with_a_message_naming_unit_core() {
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
    assert!(err.contains("`unit_core`"), "{err}");
    assert!(err.contains("systemd_unit!"), "{err}");
}

/// The guide's project with `cargo_toml` and `lib_rs` in place of its own, and no `build.rs`:
/// its build's stderr.
fn build_glue(tag: &str, cargo_toml: &str, lib_rs: &str) -> String {
    let guide = guide_files();
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
        &format!("{PACKAGE}[dependencies]\nunit-core = {{ path = \"../units/unit-core\" }}\nunit-macros = {{ path = \"../units/unit-macros\" }}\n"),
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
        &format!("{PACKAGE}[dependencies]\nunit-core = {{ path = \"../units/unit-core\", features = [\"cli\"] }}\nunit-macros = {{ path = \"../units/unit-macros\" }}\n"),
        "unit_core::include_family!();\n",
    );
    assert!(err.contains("this package has no `build.rs`"), "{err}");
    assert!(
        err.contains("unit_core::build::render(&family::FAMILY)"),
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
    for krate in ["unit-core", "unit-macros"] {
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
        r#""docs":{"rs":{"features":["cli"]}}"#,
        r#""license":"MIT OR Apache-2.0""#,
        r#""categories":["os::linux-apis","config""#,
    ] {
        assert!(metadata.contains(needle), "no {needle} in\n{metadata}");
    }
}
