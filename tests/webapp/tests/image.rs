//! `package --format sysext`'s image, built by the `webapp` binary with the `systemd-repart` on
//! `PATH` and read back with `systemd-dissect`.
//!
//! systemd 255 and later build images (`--make-ddi=sysext`); on older releases the command
//! says so in one line, which is what this test checks there. To test the image itself on
//! such a machine, fetch systemd 257's tools and put them first on `PATH`:
//!
//! ```sh
//! bash tests/sysext-tools.sh /tmp/sysext-tools
//! SYSEXT_TOOLS=/tmp/sysext-tools/bin cargo test -p webapp --test image
//! ```

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "the test fails by panicking"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn path() -> String {
    let system = std::env::var("PATH").unwrap_or_default();
    match std::env::var("SYSEXT_TOOLS") {
        Ok(tools) => format!("{tools}:{system}"),
        Err(_) => system,
    }
}

fn tool(program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .env("PATH", path())
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"))
}

fn has(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .env("PATH", path())
        .output()
        .is_ok_and(|o| o.status.success())
}

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch() -> Scratch {
    let dir = std::env::temp_dir().join(format!("webapp-image-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

/// A key and a self-signed certificate made with `openssl`, or `None` without it.
fn key_pair(dir: &Path) -> Option<(String, String)> {
    let key = dir.join("key.pem").display().to_string();
    let cert = dir.join("cert.pem").display().to_string();
    let made = Command::new("openssl")
        .args(["req", "-new", "-x509", "-newkey", "rsa:2048", "-nodes"])
        .args([
            "-keyout",
            &key,
            "-out",
            &cert,
            "-days",
            "2",
            "-subj",
            "/CN=webapp test",
        ])
        .output()
        .ok()?;
    made.status.success().then_some((key, cert))
}

#[test]
fn sysext_image_or_one_line_saying_why_not() {
    let tmp = scratch();
    let out = tmp.0.join("ext");
    let out_s = out.display().to_string();
    let webapp = |args: &[&str]| {
        let mut all = vec!["package", "--format", "sysext", "--out", &out_s];
        all.extend(args);
        let run = tool(env!("CARGO_BIN_EXE_webapp"), &all);
        let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
        assert!(run.status.success(), "{stdout}{stderr}");
        (stdout, stderr)
    };
    let raw = out.join("webapp.raw");
    let repart = String::from_utf8_lossy(&tool("systemd-repart", &["--help"]).stdout).into_owned();
    if !repart.contains("--make-ddi") {
        let (stdout, _) = webapp(&["--private-key", "key.pem", "--certificate", "cert.pem"]);
        let notes: Vec<&str> = stdout
            .lines()
            .filter(|l| l.starts_with("no image built: "))
            .collect();
        assert_eq!(notes.len(), 1, "{stdout}");
        assert!(notes[0].contains("systemd 255"), "{stdout}");
        assert!(!raw.exists());
        eprintln!("no image: this systemd-repart has no --make-ddi; see this file's header");
        return;
    }
    let (stdout, _) = webapp(&[]);
    assert!(
        stdout.contains("pass `--private-key` and `--certificate`"),
        "{stdout}"
    );
    assert!(!raw.exists());
    let Some((key, cert)) = key_pair(&tmp.0) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "openssl is needed to sign the image"
        );
        eprintln!("skipped: openssl is not installed");
        return;
    };
    let (stdout, stderr) = webapp(&["--private-key", &key, "--certificate", &cert]);
    assert!(raw.is_file(), "{stdout}{stderr}");
    assert!(
        stdout.contains(&format!("image {}", raw.display())),
        "{stdout}"
    );
    if !has("systemd-dissect") {
        assert!(
            std::env::var_os("CI").is_none(),
            "systemd-dissect is needed in CI"
        );
        eprintln!("skipped reading the image: systemd-dissect is not installed");
        return;
    }
    let raw_s = raw.display().to_string();
    // Reading the file system needs a loop device, and dm-verity to check it; where the kernel
    // offers no device mapper (containers), the policy lets the data be read unverified. The
    // partitions and their signature are listed either way.
    let policy = "--image-policy=root=verity+signed+unprotected:root-verity=unused+absent:root-verity-sig=unused+absent";
    let info = tool("systemd-dissect", &["--no-pager", policy, &raw_s]);
    let info_out = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.status.success(),
        "{info_out}{}",
        String::from_utf8_lossy(&info.stderr)
    );
    assert!(info_out.contains("Image Name: webapp"), "{info_out}");
    assert!(info_out.contains("sysext R.: ID=_any"), "{info_out}");
    assert!(info_out.contains("✓ sysext for system"), "{info_out}");
    let partitions = tool("systemd-dissect", &["--no-pager", &raw_s]);
    let partitions = String::from_utf8_lossy(&partitions.stdout);
    for designator in ["root ", "root-verity ", "root-verity-sig "] {
        assert!(
            partitions.contains(designator),
            "{designator}: {partitions}"
        );
    }
    assert!(partitions.contains("erofs"), "{partitions}");
    let list = tool("systemd-dissect", &["--list", policy, &raw_s]);
    let files = String::from_utf8_lossy(&list.stdout);
    assert!(
        list.status.success(),
        "{files}{}",
        String::from_utf8_lossy(&list.stderr)
    );
    let tree = out.join("webapp");
    for entry in walk(&tree) {
        assert!(
            files.lines().any(|l| l == entry),
            "{entry} not in the image:\n{files}"
        );
    }
}

/// Every file under `dir`, relative to it.
fn walk(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                found.push(e.path().strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    assert!(found.len() > 5, "{found:?}");
    found
}
