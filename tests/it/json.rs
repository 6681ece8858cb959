//! `--message-format json` and `check`: one finding per line, with the place systemd reads.

use std::process::Command;

use tests::{require, run_cli, Run, TempDir};
use unit_core::{Family, UnitDef};

/// A family whose one unit passes the checks of a single unit but names a unit nobody
/// defines, which `systemd-analyze verify` reports.
static DANGLING: Family = Family {
    units: &[UnitDef {
        name: "dangling.service",
        daemon: "",
        text: "[Unit]\nDescription=dangling\nRequires=nothing-defines-this.service\n\n[Service]\nExecStart=/usr/bin/dangling\n",
    }],
    name: "dangling",
    ..Family::EMPTY
};

/// A family whose unit text is refused: what `render` and `check` report.
static BROKEN: Family = Family {
    units: &[UnitDef {
        name: "broken.service",
        daemon: "",
        text: "[Unit]\nDescription=broken\n\n[Service]\nType=notifyy\nExecStart=/usr/bin/broken\n",
    }],
    name: "broken",
    ..Family::EMPTY
};

/// The value of `key` in a record, as written (a string with its quotes, a number, `null`).
fn field<'a>(record: &'a str, key: &str) -> &'a str {
    let start = record
        .find(&format!("\"{key}\":"))
        .map(|i| i + key.len() + 3)
        .unwrap_or_else(|| panic!("no `{key}` in {record}"));
    let rest = &record[start..];
    let end = match rest.strip_prefix('"') {
        Some(inner) => {
            let mut escaped = false;
            let close = inner
                .char_indices()
                .find(|&(_, c)| {
                    let end = !escaped && c == '"';
                    escaped = !escaped && c == '\\';
                    end
                })
                .map_or(inner.len(), |(i, _)| i);
            close + 2
        }
        None => rest.find([',', '}']).unwrap_or(rest.len()),
    };
    &rest[..end]
}

/// Every line of `out` is one JSON object, as Python's `json` module reads it, with the keys
/// of a finding in order.
fn assert_json_lines(out: &str) {
    const KEYS: &str = "severity,rule,unit,file,line,column,message,release";
    for line in out.lines() {
        assert!(line.starts_with("{\"severity\":"), "{line}");
    }
    if !tests::have("python3") {
        return;
    }
    let script = format!(
        "import json, sys\nfor l in sys.stdin:\n    assert ','.join(json.loads(l)) == '{KEYS}', l\n"
    );
    let mut child = Command::new("python3")
        .args(["-c", &script])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(out.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success(), "not JSON Lines:\n{out}");
}

#[test]
fn check_of_a_sound_family_prints_nothing_in_json() {
    let run = run_cli(
        &webapp::FAMILY,
        "webapp",
        &["check", "--message-format", "json"],
    );
    assert_eq!((run.code, run.out.as_str()), (0, ""), "{run:?}");
    let human = run_cli(&webapp::FAMILY, "webapp", &["check"]);
    assert_eq!(human.code, 0, "{human:?}");
    assert!(human.out.contains("no problems"), "{human:?}");
}

#[test]
fn check_and_render_report_a_family_findings_at_the_rendered_line() {
    for args in [
        &["check", "--message-format", "json"][..],
        &[
            "render",
            "--out",
            "never-written",
            "--message-format",
            "json",
        ],
    ] {
        let run = run_cli(&BROKEN, "broken", args);
        assert_eq!(run.code, 1, "{run:?}");
        assert_json_lines(&run.out);
        let record = run.out.lines().next().unwrap();
        assert_eq!(run.out.lines().count(), 1, "{run:?}");
        assert_eq!(field(record, "severity"), "\"error\"");
        assert_eq!(field(record, "rule"), "\"value\"");
        assert_eq!(field(record, "unit"), "\"broken.service\"");
        assert_eq!(field(record, "line"), "5");
        assert_eq!(field(record, "column"), "6");
        assert_eq!(field(record, "release"), "252");
        assert!(field(record, "message").contains("`notifyy`"), "{record}");
        assert!(run.err.starts_with("broken: 1 error in 1 file"), "{run:?}");
    }
    assert!(!std::path::Path::new("never-written").exists());
}

#[test]
fn message_format_takes_human_or_json() {
    let run = run_cli(
        &webapp::FAMILY,
        "webapp",
        &["check", "--message-format", "xml"],
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.err
            .contains("unknown message format `xml`; use `human` or `json`"),
        "{run:?}"
    );
    let run = run_cli(
        &webapp::FAMILY,
        "webapp",
        &["list", "--message-format", "json"],
    );
    assert_eq!(run.code, 2, "{run:?}");
}

#[test]
fn render_in_json_reports_what_it_wrote_as_info() {
    let tmp = TempDir::new("json-render");
    let out = tmp.path().join("out");
    let run = run_cli(
        &webapp::FAMILY,
        "webapp",
        &[
            "render",
            "--out",
            out.to_str().unwrap(),
            "--message-format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_json_lines(&run.out);
    assert_eq!(run.out.lines().count(), 1, "{run:?}");
    let record = run.out.trim_end();
    assert_eq!(field(record, "severity"), "\"info\"");
    assert_eq!(field(record, "rule"), "\"render\"");
    assert!(
        field(record, "message").starts_with("\"7 written"),
        "{record}"
    );
    assert!(out.join("webapp-api.service").is_file());
}

fn write(dir: &std::path::Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The places `systemd-analyze verify` of `unit` names: (file, line).
fn analyze_lines(root: &std::path::Path, unit: &std::path::Path) -> Vec<(String, u32)> {
    let output = Command::new("systemd-analyze")
        .arg("verify")
        .arg("--man=no")
        .arg(format!("--root={}", root.display()))
        .arg(unit)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stderr).into_owned();
    text.lines()
        .filter_map(|l| {
            let (head, _) = l.split_once(": ")?;
            let (file, line) = head.rsplit_once(':')?;
            Some((file.to_owned(), line.parse().ok()?))
        })
        .collect()
}

#[test]
fn check_paths_finds_what_systemd_finds_on_the_same_lines() {
    require!("systemd-analyze");
    let tmp = TempDir::new("json-check");
    let dir = tmp.path().join("usr/lib/systemd/system");
    let text = "[Unit]\nDescription=demo\n\n[Service]\nType=notifyy\nExecStart=/bin/true\nFoo=bar\n  Restart = sometimes\n";
    write(&dir, "demo.service", text);
    write(&dir, "good.service", "[Service]\nExecStart=/bin/true\n");
    write(
        &dir,
        "good.service.d/10-limits.conf",
        "[Service]\nLimitNOFILE=nonsense\n",
    );
    std::os::unix::fs::symlink("/dev/null", dir.join("masked.service")).unwrap();
    let run = run_cli(
        &webapp::FAMILY,
        "webapp",
        &["check", "--message-format", "json", dir.to_str().unwrap()],
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert_json_lines(&run.out);
    let ours: Vec<(String, u32)> = run
        .out
        .lines()
        .map(|r| {
            let file = field(r, "file").trim_matches('"').to_owned();
            (file, field(r, "line").parse().unwrap())
        })
        .collect();
    let demo = dir.join("demo.service");
    let conf = dir.join("good.service.d/10-limits.conf");
    assert_eq!(
        ours,
        [
            (demo.display().to_string(), 5),
            (demo.display().to_string(), 7),
            (demo.display().to_string(), 8),
            (conf.display().to_string(), 2),
        ],
        "{}",
        run.out
    );
    let mut theirs = analyze_lines(tmp.path(), &demo);
    theirs.extend(analyze_lines(tmp.path(), &dir.join("good.service")));
    assert_eq!(ours, theirs, "systemd-analyze reads other lines");
    let human = run_cli(
        &webapp::FAMILY,
        "webapp",
        &["check", demo.to_str().unwrap()],
    );
    assert!(
        human
            .out
            .starts_with(&format!("{}:5:6: error: ", demo.display())),
        "{human:?}"
    );
    let good = run_cli(
        &webapp::FAMILY,
        "webapp",
        &["check", dir.join("good.service").to_str().unwrap()],
    );
    assert_eq!(good.code, 0, "{good:?}");
}

fn verify(family: &Family, program: &str) -> Run {
    run_cli(family, program, &["verify", "--message-format", "json"])
}

#[test]
fn verify_turns_systemd_analyze_lines_into_findings() {
    require!("systemd-analyze");
    let ok = verify(&webapp::FAMILY, "webapp");
    assert_eq!(ok.code, 0, "{ok:?}");
    assert_json_lines(&ok.out);
    assert_eq!(field(ok.out.trim_end(), "rule"), "\"verify\"");
    let bad = verify(&DANGLING, "dangling");
    assert_eq!(bad.code, 1, "{bad:?}");
    assert_json_lines(&bad.out);
    let record = bad
        .out
        .lines()
        .find(|r| r.contains("nothing-defines-this.service"))
        .unwrap_or_else(|| panic!("{bad:?}"));
    assert_eq!(field(record, "rule"), "\"systemd-analyze\"");
    assert_eq!(field(record, "unit"), "\"dangling.service\"");
    assert_eq!(field(record, "severity"), "\"error\"");
    assert_ne!(field(record, "release"), "null", "{record}");
}

/// The macro's errors are rustc's, so `cargo build --message-format json` carries them with
/// the file, line and column of the token, as editors and CI read them.
#[test]
fn macro_errors_reach_cargos_json() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    let tmp = TempDir::new("json-cargo");
    let project = tmp.path().join("mistake");
    let manifest = format!(
        "[package]\nname = \"mistake\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [dependencies]\nunit-run = {{ path = \"{0}/unit-core/run\", features = [\"cli\"] }}\n\
         unit-macros = {{ path = \"{0}/unit-macros\" }}\n\n[workspace]\n",
        repo.display()
    );
    write(&project, "Cargo.toml", &manifest);
    std::fs::copy(
        repo.join("tests/example/Cargo.lock"),
        project.join("Cargo.lock"),
    )
    .unwrap();
    write(
        &project,
        "src/lib.rs",
        "mod family;\npub use family::FAMILY;\n",
    );
    let family = "use unit_macros::systemd_unit;\n\nsystemd_unit! {\n    unit \"m.service\" {\n        [Service]\n        Type = notifyy;\n        ExecStart = \"/usr/bin/m\";\n    }\n}\n";
    write(&project, "src/family.rs", family);
    let output = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--message-format", "json"])
        .current_dir(&project)
        .env("CARGO_TARGET_DIR", repo.join("target/example"))
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let error = stdout
        .lines()
        .filter(|l| l.contains("\"reason\":\"compiler-message\""))
        .find(|l| l.contains("\"level\":\"error\"") && l.contains("notifyy"))
        .unwrap_or_else(|| {
            panic!(
                "no error about `notifyy` in cargo's JSON:\n{stdout}\n{}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
    for part in [
        "\"file_name\":\"src/family.rs\"",
        "\"line_start\":6",
        "\"column_start\":16",
    ] {
        assert!(error.contains(part), "{part} not in {error}");
    }
}
