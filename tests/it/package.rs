//! `package`: the system extension tree and the Debian package, read back with systemd's and
//! dpkg's own tools.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use tests::{require, run_cli, TempDir};

fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn root_arg(root: &Path) -> String {
    format!("--root={}", root.display())
}

/// What `systemctl --root` reads of every unit the family installs: its unit-file state.
fn states(root: &Path) -> Vec<(String, String)> {
    let family = &webapp::FAMILY;
    let list = run(
        "systemctl",
        &[
            &root_arg(root),
            "list-unit-files",
            "--no-legend",
            "--no-pager",
        ],
    );
    let mut found: Vec<(String, String)> = list
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            Some((words.next()?.to_owned(), words.next()?.to_owned()))
        })
        .filter(|(n, _)| family.unit(n).is_some())
        .collect();
    found.sort();
    found
}

/// Every unit the family's preset enables, instances included.
fn preset_enabled() -> BTreeSet<String> {
    let mut enabled = BTreeSet::new();
    for rule in webapp::FAMILY.preset.rules.iter().filter(|r| r.enable) {
        if rule.instances.is_empty() {
            enabled.insert(rule.unit.to_owned());
        }
        for i in rule.instances {
            enabled.insert(rule.unit.replacen("@.", &format!("@{i}."), 1));
        }
    }
    enabled
}

/// The units `systemctl --root` says are enabled (instances of the templates included).
fn enabled(root: &Path) -> BTreeSet<String> {
    let mut names: Vec<String> = webapp::FAMILY
        .units
        .iter()
        .filter(|u| !unit_core::is_template_name(u.name))
        .map(|u| u.name.to_owned())
        .collect();
    names.extend(preset_enabled().into_iter().filter(|n| n.contains('@')));
    names
        .into_iter()
        .filter(|n| {
            let out = Command::new("systemctl")
                .args([&root_arg(root), "is-enabled", n])
                .output()
                .unwrap();
            String::from_utf8_lossy(&out.stdout).trim() == "enabled"
        })
        .collect()
}

#[test]
fn sysext_tree_loads_and_its_preset_enables_what_it_says() {
    require!("systemctl");
    let tmp = TempDir::new("sysext");
    let out = tmp.path().join("extensions");
    let r = run_cli(
        &webapp::FAMILY,
        "webapp",
        &[
            "package",
            "--format",
            "sysext",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let tree = out.join("webapp");
    let release =
        std::fs::read_to_string(tree.join("usr/lib/extension-release.d/extension-release.webapp"))
            .unwrap();
    assert_eq!(release, "ID=_any\nEXTENSION_RELOAD_MANAGER=1\n");
    assert!(tree
        .join("usr/lib/systemd/system-preset/80-webapp.preset")
        .is_file());
    assert!(tree
        .join("usr/lib/systemd/system/postgresql.service.d/50-webapp.conf")
        .is_file());
    let loaded = states(&tree);
    assert_eq!(loaded.len(), webapp::FAMILY.units.len(), "{loaded:?}");
    assert!(loaded.iter().all(|(_, s)| s != "bad"), "{loaded:?}");
    // As a distribution does: everything its presets do not name is disabled.
    let distro = tree.join("usr/lib/systemd/system-preset/99-default.preset");
    std::fs::write(&distro, "disable *\n").unwrap();
    run("systemctl", &[&root_arg(&tree), "preset-all"]);
    assert_eq!(enabled(&tree), preset_enabled());
    assert!(!preset_enabled().is_empty());
    if r.out.contains("no image built") {
        assert_eq!(r.out.lines().count(), 2, "{r:?}");
        assert!(!out.join("webapp.raw").exists());
    } else {
        assert!(out.join("webapp.raw").is_file(), "{r:?}");
    }
}

#[test]
fn sysext_release_fields_and_mistakes() {
    let tmp = TempDir::new("sysext-fields");
    let out = tmp.path().to_str().unwrap();
    let r = run_cli(
        &webapp::FAMILY,
        "webapp",
        &[
            "package",
            "--format",
            "sysext",
            "--out",
            out,
            "--name",
            "web",
            "--id",
            "debian",
            "--version-id",
            "12",
            "--sysext-level",
            "2",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let release = std::fs::read_to_string(
        tmp.path()
            .join("web/usr/lib/extension-release.d/extension-release.web"),
    )
    .unwrap();
    assert_eq!(
        release,
        "ID=debian\nVERSION_ID=12\nSYSEXT_LEVEL=2\nEXTENSION_RELOAD_MANAGER=1\n"
    );
    for (args, message) in [
        (&["--version-id", "12"][..], "add `--id`"),
        (&["--id", "Debian"], "invalid `--id`"),
        (
            &["--unitdir", "/lib/systemd/system"],
            "outside `/usr` and `/opt`",
        ),
        (&["--name", "../x"], "cannot name a system extension"),
    ] {
        let mut all = vec!["package", "--format", "sysext", "--out", out];
        all.extend(args);
        let r = run_cli(&webapp::FAMILY, "webapp", &all);
        assert_ne!(r.code, 0, "{args:?}");
        assert!(r.err.contains(message), "{args:?}: {r:?}");
    }
    let r = run_cli(&webapp::FAMILY, "webapp", &["package", "--out", out]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.err.contains("`--format sysext` or `--format deb`"),
        "{r:?}"
    );
}

fn build_deb(out: &Path) -> std::path::PathBuf {
    let r = run_cli(
        &webapp::FAMILY,
        "webapp",
        &[
            "package",
            "--format",
            "deb",
            "--out",
            out.to_str().unwrap(),
            "--version",
            "1.2-1",
            "--maintainer",
            "Web Team <web@example.org>",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let deb = out.join("webapp_1.2-1_all.deb");
    assert_eq!(r.out.trim_end(), deb.display().to_string());
    deb
}

#[test]
fn deb_holds_the_files_and_its_fields() {
    require!("dpkg-deb");
    require!("systemctl");
    let tmp = TempDir::new("deb");
    let deb = build_deb(tmp.path());
    let deb = deb.to_str().unwrap();
    let info = run("dpkg-deb", &["--info", deb]);
    for line in [
        " Package: webapp\n",
        " Version: 1.2-1\n",
        " Architecture: all\n",
        " Maintainer: Web Team <web@example.org>\n",
    ] {
        assert!(info.contains(line), "{line}: {info}");
    }
    for script in ["postinst", "prerm", "postrm"] {
        assert!(info.contains(&format!("*  {script} ")), "{script}: {info}");
    }
    let contents: BTreeSet<String> = run("dpkg-deb", &["--contents", deb])
        .lines()
        .filter(|l| l.starts_with('-'))
        .filter_map(|l| l.rsplit(' ').next())
        .map(|p| p.trim_start_matches('.').to_owned())
        .collect();
    let expected: BTreeSet<String> = [
        "/usr/lib/systemd/system/webapp-api.socket",
        "/usr/lib/systemd/system/webapp-api.service",
        "/usr/lib/systemd/system/webapp-worker@.service",
        "/usr/lib/systemd/system/webapp-cleanup.service",
        "/usr/lib/systemd/system/webapp-cleanup.timer",
        "/usr/lib/systemd/system/postgresql.service.d/50-webapp.conf",
        "/usr/lib/systemd/system/webapp-cleanup.service.d/10-hardening.conf",
        "/usr/lib/systemd/system-preset/80-webapp.preset",
    ]
    .map(String::from)
    .into();
    assert_eq!(contents, expected);
    let unpacked = tmp.path().join("unpacked");
    run("dpkg-deb", &["-x", deb, unpacked.to_str().unwrap()]);
    let loaded = states(&unpacked);
    assert_eq!(loaded.len(), webapp::FAMILY.units.len(), "{loaded:?}");
    assert!(loaded.iter().all(|(_, s)| s != "bad"), "{loaded:?}");
}

/// Installs, removes and purges the package with `dpkg --root`, its maintainer scripts run
/// outside a chroot with `DPKG_ROOT` (as `dpkg` does for a foreign root).
fn dpkg(root: &Path, args: &[&str]) {
    let root_s = root.to_str().unwrap();
    let output = Command::new("dpkg")
        .env("DPKG_ROOT", root_s)
        .args([
            &format!("--root={root_s}"),
            "--force-script-chrootless",
            "--force-depends",
            "--log=/dev/null",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "dpkg {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn files_under(dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                found.insert(e.path().strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    found
}

#[test]
fn deb_maintainer_scripts_enable_per_preset_and_clean_up_on_purge() {
    require!("dpkg");
    require!("systemctl");
    require!("deb-systemd-helper");
    let tmp = TempDir::new("deb-install");
    let deb = build_deb(tmp.path());
    let root = tmp.path().join("root");
    std::fs::create_dir_all(root.join("var/lib/dpkg/updates")).unwrap();
    std::fs::create_dir_all(root.join("var/lib/dpkg/info")).unwrap();
    std::fs::write(root.join("var/lib/dpkg/status"), "").unwrap();
    dpkg(&root, &["--install", deb.to_str().unwrap()]);
    assert_eq!(enabled(&root), preset_enabled());
    // The administrator disables one; an upgrade (the same package again) keeps that:
    // `was-enabled` finds the links it made gone.
    run(
        "systemctl",
        &[&root_arg(&root), "disable", "webapp-cleanup.timer"],
    );
    dpkg(&root, &["--install", deb.to_str().unwrap()]);
    let mut expected = preset_enabled();
    expected.remove("webapp-cleanup.timer");
    assert_eq!(enabled(&root), expected);
    dpkg(&root, &["--remove", "webapp"]);
    assert!(!root
        .join("usr/lib/systemd/system/webapp-api.socket")
        .exists());
    assert!(files_under(&root.join("etc/systemd/system"))
        .iter()
        .all(|f| !f.contains("webapp-worker@")));
    dpkg(&root, &["--purge", "webapp"]);
    let left: BTreeSet<String> = files_under(&root.join("etc"))
        .into_iter()
        .chain(files_under(&root.join("var/lib/systemd")))
        .filter(|f| f.contains("webapp"))
        .collect();
    assert!(left.is_empty(), "left after purge: {left:?}");
}
