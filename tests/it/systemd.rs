//! The real systemd: `systemd-analyze verify` on every unit, and `systemctl --root` enabling and
//! disabling every daemon.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use tests::{require, TempDir};

/// Runs `systemd-analyze verify --root=ROOT` on `files` (inside `root`) and returns what it
/// printed about them.
fn verify_in_root(root: &Path, files: &[std::path::PathBuf]) -> Vec<String> {
    // Drop-ins are read from the unit directory along with the unit they extend.
    let units = files
        .iter()
        .filter(|f| f.extension().is_none_or(|e| e != "conf"));
    let out = Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(format!("--root={}", root.display()))
        .args(units)
        .current_dir(root)
        .output()
        .unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .chain(String::from_utf8_lossy(&out.stdout).lines())
        .filter(|l| names.iter().any(|n| l.contains(n.as_str())))
        .map(str::to_owned)
        .collect()
}

fn stage(root: &Path, args: &[(&str, &str)]) -> Vec<std::path::PathBuf> {
    let family = &daemons::FAMILY;
    let options = family.options(args.iter().copied()).unwrap();
    let cli = unit_run::cli::Cli::new(family);
    unit_run::cli::stage(&cli, &options, root).unwrap()
}

#[test]
fn systemd_analyze_verify_says_nothing_about_any_unit() {
    require!("systemd-analyze");
    let tmp = TempDir::new("verify");
    let files = stage(tmp.path(), &[]);
    assert_eq!(files.len(), tests::UNITS + tests::DROPINS);
    assert!(tmp.path().join("usr/sbin/virtqemud").exists());
    let complaints = readable_by_this_systemd(verify_in_root(tmp.path(), &files));
    assert!(complaints.is_empty(), "{complaints:#?}");
}

#[test]
fn the_verify_harness_catches_a_broken_unit() {
    require!("systemd-analyze");
    let tmp = TempDir::new("verify-broken");
    let files = stage(tmp.path(), &[]);
    let file = tmp.path().join("usr/lib/systemd/system/virtqemud.service");
    let text = std::fs::read_to_string(&file).unwrap();
    let broken = text.replace(
        "ExecStart=",
        "ExecStart=/nonexistent/virtqemud\nExecStartPre=",
    );
    std::fs::write(&file, broken).unwrap();
    let complaints = verify_in_root(tmp.path(), &files);
    assert!(
        complaints.iter().any(|c| c.contains("virtqemud.service")),
        "{complaints:#?}"
    );
}

#[test]
fn verify_checks_the_paths_it_was_given() {
    require!("systemd-analyze");
    let tmp = TempDir::new("verify-paths");
    let files = stage(tmp.path(), &[("sbindir", "/opt/libvirt/sbin/")]);
    let service = files
        .iter()
        .find(|f| f.ends_with("virtqemud.service"))
        .unwrap();
    let text = std::fs::read_to_string(service).unwrap();
    assert!(
        text.contains("ExecStart=/opt/libvirt/sbin/virtqemud"),
        "{text}"
    );
    assert!(tmp.path().join("opt/libvirt/sbin/virtqemud").exists());
    assert!(!tmp.path().join("usr/sbin/virtqemud").exists());
    assert!(readable_by_this_systemd(verify_in_root(tmp.path(), &files)).is_empty());
    std::fs::remove_file(tmp.path().join("opt/libvirt/sbin/virtqemud")).unwrap();
    let complaints = verify_in_root(tmp.path(), &files);
    assert!(
        complaints.iter().any(|c| c.contains("virtqemud.service")),
        "a missing program at the given path went unnoticed"
    );
}

struct Root(TempDir);

impl Root {
    fn new() -> Root {
        let root = Root(TempDir::new("root"));
        let dest = root.0.path().to_str().unwrap().to_owned();
        tests::cli(&["install", "--destdir", &dest]).unwrap();
        root
    }

    fn systemctl(&self, verb: &str, unit: &str) {
        let out = Command::new("systemctl")
            .arg(format!("--root={}", self.0.path().display()))
            .args([verb, unit])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "systemctl {verb} {unit}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The units enabled by a link under `/etc/systemd/system`.
    fn enabled(&self) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let etc = self.0.path().join("etc/systemd/system");
        let mut stack = vec![etc];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries {
                let e = e.unwrap();
                let ty = e.file_type().unwrap();
                if ty.is_symlink() {
                    found.insert(e.file_name().into_string().unwrap());
                } else if ty.is_dir() {
                    stack.push(e.path());
                }
            }
        }
        found
    }
}

/// `unit` and every unit its `Also=` lines reach, following them transitively.
fn also_closure(units: &[unit_core::Rendered], unit: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![unit.to_owned()];
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let text = &units.iter().find(|u| u.name == name).unwrap().text;
        todo.extend(
            text.lines()
                .filter_map(|l| l.strip_prefix("Also="))
                .map(str::to_owned),
        );
    }
    seen
}

#[test]
fn enabling_a_main_socket_enables_exactly_its_local_sockets() {
    require!("systemctl");
    let units = tests::rendered();
    let root = Root::new();
    let daemons: BTreeSet<&str> = units
        .iter()
        .map(|u| u.daemon)
        .filter(|d| !d.is_empty())
        .collect();
    for d in daemons {
        let main = format!("{d}.socket");
        root.systemctl("enable", &main);
        let enabled = root.enabled();
        let local: BTreeSet<String> = units
            .iter()
            .filter(|u| {
                u.daemon == d && u.name.ends_with(".socket") && u.text.contains("ListenStream=/")
            })
            .map(|u| u.name.to_owned())
            .collect();
        assert_eq!(enabled, local, "enable {main}");
        assert!(enabled
            .iter()
            .all(|n| !n.ends_with("-tcp.socket") && !n.ends_with("-tls.socket")));
        root.systemctl("disable", &main);
        assert!(
            root.enabled().is_empty(),
            "disable {main} left {:?}",
            root.enabled()
        );
    }
}

#[test]
fn enabling_a_service_enables_its_also_closure_and_disabling_removes_every_link() {
    require!("systemctl");
    let units = tests::rendered();
    let root = Root::new();
    for service in units
        .iter()
        .filter(|u| u.name.ends_with(".service") && u.text.contains("[Install]"))
    {
        root.systemctl("enable", service.name);
        let enabled = root.enabled();
        assert_eq!(
            enabled,
            also_closure(&units, service.name),
            "enable {}",
            service.name
        );
        assert!(enabled
            .iter()
            .all(|n| !n.ends_with("-tcp.socket") && !n.ends_with("-tls.socket")));
        root.systemctl("disable", service.name);
        assert!(
            root.enabled().is_empty(),
            "disable {} left {:?}",
            service.name,
            root.enabled()
        );
    }
}

#[test]
fn enabling_virtqemud_pulls_in_the_log_and_lock_daemons_sockets() {
    require!("systemctl");
    let root = Root::new();
    root.systemctl("enable", "virtqemud.service");
    let expected: BTreeSet<String> = [
        "virtqemud.service",
        "virtqemud.socket",
        "virtqemud-ro.socket",
        "virtqemud-admin.socket",
        "virtlogd.socket",
        "virtlogd-admin.socket",
        "virtlockd.socket",
        "virtlockd-admin.socket",
    ]
    .map(str::to_owned)
    .into();
    assert_eq!(root.enabled(), expected);
}

/// `complaints` without those about what this machine's systemd is too old to read: libvirt
/// 12.8 targets systemd 253 and later, and 252 cannot read `Type=notify-reload`. Those are
/// said, not hidden.
fn readable_by_this_systemd(complaints: Vec<String>) -> Vec<String> {
    let (unverifiable, rest): (Vec<String>, Vec<String>) = complaints
        .into_iter()
        .partition(|c| cfg!(feature = "libvirt-12") && c.ends_with("notify-reload"));
    for c in &unverifiable {
        eprintln!(
            "not verifiable by this machine's systemd (the family targets 253 and later): {c}"
        );
    }
    rest
}

#[test]
fn the_verify_command_runs_systemd_analyze_on_every_unit() {
    require!("systemd-analyze");
    if cfg!(feature = "libvirt-12") {
        // This machine's systemd (252) is older than the family's target (253); the units are
        // verified above with what it cannot read set aside.
        let e = tests::cli(&["verify"]).unwrap_err();
        assert!(e.contains("notify-reload"), "{e}");
        return;
    }
    let out = tests::cli(&["verify"]).unwrap();
    assert_eq!(
        out,
        format!(
            "{} units and {} drop-ins verified by `systemd-analyze`\n",
            tests::UNITS,
            tests::DROPINS
        )
    );
    let e = tests::cli(&["verify", "--runstatedir", "relative"]).unwrap_err();
    assert!(e.contains("not an absolute path"), "{e}");
}
