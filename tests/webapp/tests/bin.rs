//! The `webapp` binary itself: its `main.rs`, its name, and `verify` where `systemd-analyze`
//! is missing.

#![allow(clippy::unwrap_used, reason = "the helper fails its test by panicking")]

use std::process::Command;

fn webapp(args: &[&str], path: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_webapp"));
    cmd.args(args);
    if let Some(path) = path {
        cmd.env("PATH", path);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn main_rs_is_at_most_five_lines() {
    let main = include_str!("../src/main.rs");
    assert!(main.lines().count() <= 5, "{main}");
}

#[test]
fn the_binary_names_itself_and_its_version() {
    let (code, out, _) = webapp(&["--version"], None);
    assert_eq!(
        (code, out.as_str()),
        (0, concat!("webapp ", env!("CARGO_PKG_VERSION"), "\n"))
    );
    let (code, out, _) = webapp(&["help", "show"], None);
    assert_eq!(code, 0);
    assert!(out.contains("usage: webapp show UNIT"), "{out}");
    assert!(out.contains("webapp show webapp-api.service"), "{out}");
    let (code, out, err) = webapp(&["render", "--out", ""], None);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "webapp: `--out` needs a directory, not an empty string; see `webapp help render`\n"
    );
}

#[test]
fn verify_fails_when_it_cannot_verify_unless_asked_to_skip() {
    let empty = std::env::temp_dir().join(format!("webapp-no-tools-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let path = empty.to_str().unwrap();
    let (code, out, err) = webapp(&["verify"], Some(path));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.starts_with("webapp: `systemd-analyze` is not installed, so nothing was verified"),
        "{err}"
    );
    assert!(err.contains("`--skip-if-missing`"), "{err}");
    let (code, out, err) = webapp(&["verify", "--skip-if-missing"], Some(path));
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("not verified, as `--skip-if-missing` asks"),
        "{err}"
    );
    let (code, _, err) = webapp(
        &["verify", "--skip-if-missing", "--bindir", "/usr/b in"],
        Some(path),
    );
    assert_eq!(
        code, 2,
        "a skipped verification still checks the options: {err}"
    );
    std::fs::remove_dir_all(&empty).unwrap();
}
