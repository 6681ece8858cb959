//! The second family, a small web application: goldens, drop-ins and the preset with the real
//! systemd, and installing it beside libvirt.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use tests::{require, run_cli, TempDir};
use unit_core::Family;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("webapp/golden")
}

/// Every file the family renders (units and drop-ins, by their path in the unit directory),
/// and its preset file.
fn rendered() -> Vec<(String, String)> {
    let f = &webapp::FAMILY;
    let options = f.default_options();
    let mut files: Vec<(String, String)> = f
        .render(&options)
        .unwrap()
        .into_iter()
        .map(|u| (u.name.to_owned(), u.text))
        .collect();
    files.extend(
        f.render_dropins(&options)
            .unwrap()
            .into_iter()
            .map(|d| (d.path(), d.text)),
    );
    files.extend(f.preset_file());
    files.sort();
    files
}

/// Every file under `dir`, as paths relative to it (symbolic links with their target).
fn tree(dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let ty = e.file_type().unwrap();
            if ty.is_dir() {
                stack.push(e.path());
            } else if ty.is_symlink() {
                found.insert(format!(
                    "{rel} -> {}",
                    std::fs::read_link(e.path()).unwrap().display()
                ));
            } else {
                found.insert(rel);
            }
        }
    }
    found
}

#[test]
fn every_file_matches_its_golden() {
    let files = rendered();
    let dir = golden_dir();
    if std::env::var_os("UPDATE_GOLDENS").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in &files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }
    let names: BTreeSet<String> = files.iter().map(|(p, _)| p.clone()).collect();
    assert_eq!(
        names,
        tree(&dir),
        "the set of files differs from webapp/golden/"
    );
    for (path, text) in &files {
        assert_eq!(
            &std::fs::read_to_string(dir.join(path)).unwrap(),
            text,
            "{path}"
        );
    }
}

fn dest_cli(family: &Family, program: &str, dest: &Path, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--destdir", dest.to_str().unwrap()]);
    let run = run_cli(family, program, &all);
    assert_eq!(run.code, 0, "{program} {all:?}: {}", run.err);
    run.out
}

#[test]
fn two_families_in_one_destdir_in_either_order_and_repeatedly() {
    let libvirt = |dest: &Path| dest_cli(&daemons::FAMILY, "daemons", dest, &["install"]);
    let web = |dest: &Path| dest_cli(&webapp::FAMILY, "webapp", dest, &["install"]);
    let alone = |install: &dyn Fn(&Path) -> String| {
        let tmp = TempDir::new("alone");
        install(tmp.path());
        tree(tmp.path())
    };
    let (l, w) = (alone(&libvirt), alone(&web));
    assert_eq!(l.len(), 67 + 1, "{l:?}");
    assert_eq!(w.len(), 5 + 2 + 1 + 1, "{w:?}");
    assert!(
        w.contains("usr/lib/systemd/system-preset/80-webapp.preset"),
        "{w:?}"
    );
    assert!(
        w.contains("var/lib/unit-core/webapp/installed-files"),
        "{w:?}"
    );
    assert!(l.is_disjoint(&w));
    let both: BTreeSet<String> = l.union(&w).cloned().collect();
    for order in [[0, 1], [1, 0]] {
        let tmp = TempDir::new("both");
        for round in 0..3 {
            for &i in &order {
                let out = if i == 0 {
                    libvirt(tmp.path())
                } else {
                    web(tmp.path())
                };
                assert!(!out.contains("removed /"), "{out}");
            }
            assert_eq!(tree(tmp.path()), both, "order {order:?}, round {round}");
        }
        let again = web(tmp.path());
        assert_eq!(again, "0 written, 8 unchanged, 0 removed\n");
    }
}

#[test]
fn dry_run_lists_what_would_change_and_changes_nothing() {
    let tmp = TempDir::new("dry");
    let out = dest_cli(
        &webapp::FAMILY,
        "webapp",
        tmp.path(),
        &["install", "--dry-run"],
    );
    assert!(out.contains("would install "), "{out}");
    assert!(
        out.ends_with("8 to write, 0 unchanged, 0 to remove\n"),
        "{out}"
    );
    assert!(tree(tmp.path()).is_empty());
}

#[test]
fn another_familys_file_is_never_replaced() {
    let tmp = TempDir::new("foreign");
    let unitdir = tmp.path().join("usr/lib/systemd/system");
    std::fs::create_dir_all(&unitdir).unwrap();
    std::fs::write(
        unitdir.join("webapp-api.service"),
        "[Unit]\nDescription=not ours\n",
    )
    .unwrap();
    let run = run_cli(
        &webapp::FAMILY,
        "webapp",
        &["install", "--destdir", tmp.path().to_str().unwrap()],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.err.contains(
            "`/usr/lib/systemd/system/webapp-api.service` exists and was not installed by `webapp`"
        ),
        "{}",
        run.err
    );
    assert_eq!(tree(tmp.path()).len(), 1, "something was written");
}

fn systemctl(root: &Path, args: &[&str]) {
    let out = Command::new("systemctl")
        .arg(format!("--root={}", root.display()))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "systemctl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn links(root: &Path) -> BTreeSet<String> {
    let etc = root.join("etc/systemd/system");
    if !etc.exists() {
        return BTreeSet::new();
    }
    tree(&etc)
        .into_iter()
        .map(|l| l.split(" -> ").next().unwrap().to_owned())
        .collect()
}

#[test]
fn the_preset_enables_the_socket_four_workers_and_the_timer() {
    require!("systemctl");
    let tmp = TempDir::new("preset");
    dest_cli(&webapp::FAMILY, "webapp", tmp.path(), &["install"]);
    // As distributions ship it: whatever no earlier preset file names stays disabled.
    let presets = tmp.path().join("usr/lib/systemd/system-preset");
    std::fs::write(presets.join("99-default.preset"), "disable *\n").unwrap();
    systemctl(tmp.path(), &["preset-all"]);
    let expected: BTreeSet<String> = [
        "sockets.target.wants/webapp-api.socket",
        "multi-user.target.wants/webapp-worker@1.service",
        "multi-user.target.wants/webapp-worker@2.service",
        "multi-user.target.wants/webapp-worker@3.service",
        "multi-user.target.wants/webapp-worker@4.service",
        "timers.target.wants/webapp-cleanup.timer",
    ]
    .map(str::to_owned)
    .into();
    assert_eq!(links(tmp.path()), expected);
    systemctl(
        tmp.path(),
        &[
            "disable",
            "webapp-api.socket",
            "webapp-cleanup.timer",
            "webapp-worker@1.service",
            "webapp-worker@2.service",
            "webapp-worker@3.service",
            "webapp-worker@4.service",
        ],
    );
    assert!(links(tmp.path()).is_empty(), "{:?}", links(tmp.path()));
    systemctl(tmp.path(), &["preset", "webapp-cleanup.timer"]);
    assert_eq!(links(tmp.path()).len(), 1);
    systemctl(tmp.path(), &["enable", "webapp-api.service"]);
    assert!(links(tmp.path()).contains("sockets.target.wants/webapp-api.socket"));
}

fn stage(root: &Path) -> Vec<PathBuf> {
    let f = &webapp::FAMILY;
    let cli = unit_run::cli::Cli::new(f);
    unit_run::cli::stage(&cli, &f.default_options(), root).unwrap()
}

fn verify(root: &Path, units: &[&str]) -> String {
    let out = Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(format!("--root={}", root.display()))
        .args(
            units
                .iter()
                .map(|u| root.join("usr/lib/systemd/system").join(u)),
        )
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout)
}

#[test]
fn the_verify_command_checks_units_and_drop_ins() {
    require!("systemd-analyze");
    let run = run_cli(&webapp::FAMILY, "webapp", &["verify"]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(run.out.starts_with("5 units and "), "{}", run.out);
}

#[test]
fn systemd_reads_the_drop_in_it_verifies() {
    require!("systemd-analyze");
    let tmp = TempDir::new("dropin");
    let files = stage(tmp.path());
    assert!(files
        .iter()
        .any(|f| f.ends_with("webapp-cleanup.service.d/10-hardening.conf")));
    assert_eq!(verify(tmp.path(), &["webapp-cleanup.service"]), "");
    let conf = tmp
        .path()
        .join("usr/lib/systemd/system/webapp-cleanup.service.d/10-hardening.conf");
    let text = std::fs::read_to_string(&conf).unwrap();
    std::fs::write(
        &conf,
        text.replace("ProtectSystem=strict", "ProtectSystem=sideways"),
    )
    .unwrap();
    let complaints = verify(tmp.path(), &["webapp-cleanup.service"]);
    assert!(
        complaints.contains("10-hardening.conf") && complaints.contains("sideways"),
        "{complaints}"
    );
}

#[test]
fn the_graph_shows_dependencies_activation_and_conflicts() {
    let run = run_cli(&webapp::FAMILY, "webapp", &["graph"]);
    assert_eq!(run.code, 0, "{}", run.err);
    let dot = run.out;
    assert!(dot.starts_with("digraph \"webapp\" {"), "{dot}");
    assert!(
        dot.contains(
            "\"webapp-api.service\" -> \"webapp-api.socket\" [label=Requires, style=bold];"
        ),
        "{dot}"
    );
    assert!(dot.contains("\"webapp-api.socket\" -> \"webapp-api.service\" [style=dotted, color=blue, label=activates];"), "{dot}");
    assert!(
        dot.contains("\"webapp-cleanup.timer\" -> \"webapp-cleanup.service\""),
        "{dot}"
    );
    let libvirt = run_cli(&daemons::FAMILY, "daemons", &["graph"]).out;
    assert!(libvirt.contains("\"virtqemud.service\" -> \"libvirtd.service\" [label=Conflicts, color=red, dir=none, constraint=false];"), "{libvirt}");
}

#[test]
fn the_graph_as_svg_when_graphviz_is_installed() {
    require!("dot");
    let run = run_cli(&webapp::FAMILY, "webapp", &["graph", "--format", "svg"]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(run.out.contains("<svg"), "{}", run.out);
    assert!(run.out.contains("webapp&#45;api.socket") || run.out.contains("webapp-api.socket"));
}

#[test]
fn help_and_errors_never_mention_libvirt() {
    let mut said = String::new();
    let f = &webapp::FAMILY;
    let mut cases: Vec<Vec<&str>> = vec![
        vec!["--help"],
        vec!["help"],
        vec!["--version"],
        vec![],
        vec!["frobnicate"],
        vec!["show"],
        vec!["show", "nosuch.service"],
        vec!["show", "webapp-api.servce"],
        vec!["render"],
        vec!["render", "--sbindir", "/x"],
        vec!["install", "--bindir", "/usr/s bin"],
        vec!["list"],
    ];
    for c in unit_run::cli::Command::ALL {
        cases.push(vec![c.name(), "--help"]);
        cases.push(vec!["help", c.name()]);
    }
    for args in &cases {
        let run = run_cli(f, "webapp", args);
        said.push_str(&run.out);
        said.push_str(&run.err);
    }
    assert!(said.contains("webapp show webapp-api.service"), "{said}");
    assert!(
        said.contains("did you mean `webapp-api.service`?"),
        "{said}"
    );
    for word in ["libvirt", "virtqemud", "daemons"] {
        let at = said
            .find(word)
            .map(|i| &said[i.saturating_sub(200)..(i + 100).min(said.len())]);
        assert!(at.is_none(), "`{word}` in the webapp command line: {at:?}");
    }
}

/// A unit the compile-time checks accept but systemd refuses: its slice's name is well formed
/// but names no slice systemd can make (`a--b.slice`), which only loading it shows.
mod lonely {
    unit_macros::systemd_unit! {
        family "lonely";

        extern { "a--b.slice" = "a slice systemd cannot load, for this test"; }

        unit "lonely.service" {
            [Service]
            ExecStart = "/usr/bin/lonely";
            Slice = "a--b.slice";
        }
    }
}

#[test]
fn the_verify_command_fails_on_what_systemd_analyze_reports() {
    require!("systemd-analyze");
    let run = run_cli(&lonely::FAMILY, "lonely", &["verify"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.out.is_empty(), "{}", run.out);
    assert!(
        run.err.starts_with("lonely: `systemd-analyze verify` reported problems:\nlonely.service: Failed to create lonely.service/start: Unit a--b.slice failed to load properly"),
        "{}",
        run.err
    );
}
