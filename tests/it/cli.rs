//! The command line, run in-process.

use tests::{cli, TempDir};

#[test]
fn render_writes_exactly_the_67_units() {
    let tmp = TempDir::new("render");
    let out = tmp.path().join("out");
    let msg = cli(&["render", "--out", out.to_str().unwrap()]).unwrap();
    assert!(msg.starts_with("67 written, 0 unchanged in"), "{msg}");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let mut expected: Vec<String> = tests::rendered()
        .iter()
        .map(|u| u.name.to_owned())
        .collect();
    expected.sort();
    assert_eq!(names, expected);
    let again = cli(&["render", "--out", out.to_str().unwrap()]).unwrap();
    assert!(again.starts_with("0 written, 67 unchanged"), "{again}");
}

#[test]
fn path_options_reach_the_files() {
    let text = cli(&[
        "show",
        "virtqemud.socket",
        "--runstatedir",
        "/var/run",
        "--sockmode",
        "0600",
    ])
    .unwrap();
    assert!(
        text.contains("ListenStream=/var/run/libvirt/virtqemud-sock\n"),
        "{text}"
    );
    assert!(text.contains("SocketMode=0600\n"), "{text}");
}

#[test]
fn install_goes_under_unitdir_and_reports_changes() {
    let tmp = TempDir::new("install");
    let dest = tmp.path().to_str().unwrap();
    let first = cli(&[
        "install",
        "--destdir",
        dest,
        "--unitdir",
        "/lib/systemd/system",
    ])
    .unwrap();
    assert!(first.contains("installed "), "{first}");
    assert!(tmp
        .path()
        .join("lib/systemd/system/virtqemud.service")
        .exists());
    let second = cli(&[
        "install",
        "--destdir",
        dest,
        "--unitdir",
        "/lib/systemd/system",
    ])
    .unwrap();
    assert_eq!(second.lines().count(), 1, "{second}");
    assert!(
        second.starts_with("0 written, 67 unchanged, 0 removed"),
        "{second}"
    );
}

#[test]
fn list_names_every_unit_with_daemon_and_kind() {
    let out = cli(&["list"]).unwrap();
    assert_eq!(out.lines().count(), 67);
    assert!(out.contains("virtproxyd-tls.socket\tvirtproxyd\tsocket\n"));
    assert!(out.contains("virt-guest-shutdown.target\t-\ttarget\n"));
}

#[test]
fn mistakes_get_one_clear_line() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["show", "virtqemud.sockt"],
            "did you mean `virtqemud.socket`?",
        ),
        (&["render"], "needs `--out DIR`"),
        (
            &["render", "--out", "/tmp/x", "--runstatedir", "run"],
            "not an absolute path",
        ),
        (&["render", "--ouput", "/tmp/x"], "--ouput"),
        (&["frobnicate"], "unknown command `frobnicate`"),
        (
            &["show", "a.service", "--sockmode", "0888"],
            "not an octal mode",
        ),
        (&[], "no command given"),
    ];
    for (args, needle) in cases {
        let e = cli(args).unwrap_err();
        assert!(e.contains(needle), "{args:?}: {e}");
    }
}

#[test]
fn an_unwritable_directory_is_an_error_and_leaves_nothing() {
    let tmp = TempDir::new("unwritable");
    let file = tmp.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let e = cli(&["render", "--out", file.join("sub").to_str().unwrap()]).unwrap_err();
    assert!(e.starts_with("cannot write into"), "{e}");
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn conventions_of_a_well_kept_command_line() {
    use tests::run_cli;
    let family = &daemons::FAMILY;
    let run = |args: &[&str]| run_cli(family, "daemons", args);
    let v = run(&["--version"]);
    assert_eq!((v.code, v.out.as_str()), (0, "daemons 0.1.0\n"));
    let general = run(&["--help"]);
    assert_eq!(general.code, 0);
    assert!(
        general.out.contains("usage: daemons <command>"),
        "{}",
        general.out
    );
    assert_eq!(run(&["help"]).out, general.out);
    let render = run(&["render", "--help"]);
    assert!(
        render.out.contains("usage: daemons render --out DIR"),
        "{}",
        render.out
    );
    assert_ne!(
        render.out, general.out,
        "`render --help` printed the global usage"
    );
    assert_eq!(run(&["help", "render"]).out, render.out);
    for (args, needle) in [
        (&["frobnicate"][..], "unknown command `frobnicate`"),
        (&["shwo"], "did you mean `show`?"),
        (&["render"], "`render` needs `--out DIR`"),
        (
            &["render", "--out", ""],
            "`--out` needs a directory, not an empty string",
        ),
        (&["render", "--out"], "`--out` needs a value"),
        (
            &["render", "--out", "x", "--ouput", "y"],
            "unknown option `--ouput` for `render`",
        ),
        (
            &["list", "--sbindir", "/x"],
            "unknown option `--sbindir` for `list`",
        ),
        (
            &["show", "a.service", "--sockmode", "0888"],
            "not an octal mode",
        ),
        (&["help", "rendr"], "no help on `rendr`"),
        (&[], "no command given"),
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(r.out.is_empty(), "{args:?}");
        assert_eq!(r.err.lines().count(), 1, "{args:?}: {}", r.err);
        assert!(r.err.starts_with("daemons: "), "{args:?}: {}", r.err);
        assert!(r.err.contains(needle), "{args:?}: {}", r.err);
        assert!(!r.err.contains('\''), "another quoting style: {}", r.err);
    }
    let failed = run(&["show", "virtqemud.sockt"]);
    assert_eq!(failed.code, 1);
    assert_eq!(
        failed.err,
        "daemons: unknown unit `virtqemud.sockt`; did you mean `virtqemud.socket`?\n"
    );
}

#[test]
fn build_options_get_the_checks_of_the_definitions() {
    for (value, needle) in [
        ("/usr/s bin", "white space"),
        ("/usr/%n", "specifier"),
        ("usr/sbin", "not an absolute path"),
    ] {
        let e = cli(&["show", "virtqemud.service", "--sbindir", value]).unwrap_err();
        assert!(
            e.starts_with("invalid build option `sbindir`"),
            "{value}: {e}"
        );
        assert!(e.contains(needle), "{value}: {e}");
    }
    let text = cli(&["show", "virtqemud.service", "--sbindir", "/usr/sbin/"]).unwrap();
    assert!(
        text.contains("ExecStart=/usr/sbin/virtqemud $VIRTQEMUD_ARGS\n"),
        "{text}"
    );
    let text = cli(&["show", "virtqemud.service", "--sbindir", "/"]).unwrap();
    assert!(
        text.contains("ExecStart=/virtqemud $VIRTQEMUD_ARGS\n"),
        "{text}"
    );
}

#[test]
fn help_import_is_import_help() {
    use tests::run_cli;
    let run = |args: &[&str]| run_cli(&daemons::FAMILY, "daemons", args);
    let by_flag = run(&["import", "--help"]);
    assert_eq!(by_flag.code, 0, "{by_flag:?}");
    assert!(
        by_flag.out.contains("usage: daemons import"),
        "{}",
        by_flag.out
    );
    let by_help = run(&["help", "import"]);
    assert_eq!(
        (by_help.code, &by_help.out),
        (0, &by_flag.out),
        "{by_help:?}"
    );
    assert!(by_help.err.is_empty(), "{}", by_help.err);
}

/// Every file under `root`, with a hash of its content (of a manifest, the files it lists,
/// not the directories it made, which depend on what was there before), sorted.
fn tree(root: &std::path::Path) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for name in tests::files(root) {
        let mut text = std::fs::read(root.join(&name)).unwrap_or_default();
        if name.ends_with("/installed-files") {
            let lines = String::from_utf8(text).unwrap();
            text = lines
                .lines()
                .filter(|l| !l.starts_with("dir "))
                .collect::<Vec<_>>()
                .join("\n")
                .into_bytes();
        }
        out.push((name, unit_run::install::fingerprint(&text)));
    }
    out
}

fn systemctl(root: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new("systemctl")
        .arg(format!("--root={}", root.display()))
        .args(args)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn uninstall_takes_one_family_out_and_leaves_the_other_working() {
    use tests::run_cli;
    tests::require!("systemctl");
    let libvirt = (&daemons::FAMILY, "daemons", "virtqemud.socket");
    let webapp = (&webapp::FAMILY, "webapp", "webapp-api.socket");
    for (keep, drop, keep_first) in [
        (libvirt, webapp, true),
        (libvirt, webapp, false),
        (webapp, libvirt, true),
        (webapp, libvirt, false),
    ] {
        let case = format!("keeping {}, installed first: {keep_first}", keep.1);
        let tmp = TempDir::new("uninstall");
        let root = tmp.path();
        let dest = root.to_str().unwrap();
        let run = |f: (&unit_core::Family, &str, &str), args: &[&str]| {
            let r = run_cli(f.0, f.1, args);
            assert_eq!(r.code, 0, "{case}: {args:?}: {}", r.err);
            r.out
        };
        let order = if keep_first {
            [keep, drop]
        } else {
            [drop, keep]
        };
        for f in order {
            run(f, &["install", "--destdir", dest]);
        }
        let unitdir = root.join("usr/lib/systemd/system");
        std::fs::write(
            unitdir.join("local.service"),
            "[Service]\nExecStart=/bin/true\n",
        )
        .unwrap();
        let alone = TempDir::new("uninstall-alone");
        run(
            keep,
            &["install", "--destdir", alone.path().to_str().unwrap()],
        );
        let dry = run(drop, &["uninstall", "--destdir", dest, "--dry-run"]);
        assert!(
            dry.lines()
                .all(|l| l.starts_with("would remove ") || l.ends_with("to remove")),
            "{case}: {dry}"
        );
        let report = run(drop, &["uninstall", "--destdir", dest]);
        assert!(
            report.ends_with(" removed\n") && !report.contains("kept"),
            "{case}: {report}"
        );
        std::fs::remove_file(unitdir.join("local.service")).unwrap();
        assert_eq!(
            tree(root),
            tree(alone.path()),
            "{case}: not the tree of {} alone",
            keep.1
        );
        let (found, said) = systemctl(root, &["is-enabled", drop.2]);
        assert!(!found, "{case}: {said}");
        let (ok, said) = systemctl(root, &["enable", keep.2]);
        assert!(ok, "{case}: {said}");
        let (ok, said) = systemctl(root, &["is-enabled", keep.2]);
        assert!(ok && said.starts_with("enabled"), "{case}: {said}");
        let (ok, said) = systemctl(root, &["disable", keep.2]);
        assert!(ok, "{case}: {said}");
        let (_, said) = systemctl(root, &["is-enabled", keep.2]);
        assert!(said.starts_with("disabled"), "{case}: {said}");
        let again = run(drop, &["uninstall", "--destdir", dest]);
        assert!(again.starts_with("nothing of "), "{case}: {again}");
    }
}

#[test]
fn install_after_a_prefix_change_knows_its_own_files() {
    let tmp = TempDir::new("prefix");
    let dest = tmp.path().to_str().unwrap();
    cli(&["install", "--destdir", dest]).unwrap();
    let manifest = tmp.path().join("var/lib/unit-core/libvirt/installed-files");
    assert!(manifest.exists());
    let moved = cli(&["install", "--destdir", dest, "--prefix", "/usr/local"]).unwrap();
    assert!(moved.ends_with("0 removed\n"), "{moved}");
    // An earlier version kept the manifest under the prefix, without `dir` lines.
    let legacy = tmp.path().join("usr/share/libvirt/installed-files");
    std::fs::create_dir_all(legacy.parent().unwrap()).unwrap();
    let old: String = std::fs::read_to_string(&manifest)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("dir "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&legacy, old).unwrap();
    std::fs::remove_file(&manifest).unwrap();
    let again = cli(&["install", "--destdir", dest, "--prefix", "/opt/libvirt"]).unwrap();
    assert!(again.ends_with("0 removed\n"), "{again}");
    assert!(manifest.exists() && !legacy.exists() && !legacy.parent().unwrap().exists());
    let gone = cli(&["uninstall", "--destdir", dest, "--prefix", "/srv"]).unwrap();
    assert!(gone.ends_with("67 removed\n"), "{gone}");
    assert_eq!(tree(tmp.path()), vec![], "files left");
}

#[test]
fn a_legacy_unit_manifest_goes_once_nothing_it_lists_is_there() {
    let tmp = TempDir::new("legacy-list");
    let dest = tmp.path().to_str().unwrap();
    let unitdir = tmp.path().join("usr/lib/systemd/system");
    std::fs::create_dir_all(&unitdir).unwrap();
    let list = unitdir.join(".unit-manifest");
    std::fs::write(&list, "gone.service\nuser.service\n").unwrap();
    std::fs::write(
        unitdir.join("user.service"),
        "[Service]\nExecStart=/bin/true\n",
    )
    .unwrap();
    cli(&["install", "--destdir", dest]).unwrap();
    assert_eq!(std::fs::read_to_string(&list).unwrap(), "user.service\n");
    assert!(unitdir.join("user.service").exists());
    std::fs::remove_file(unitdir.join("user.service")).unwrap();
    cli(&["install", "--destdir", dest]).unwrap();
    assert!(!list.exists(), "the list of nothing stayed");
}
