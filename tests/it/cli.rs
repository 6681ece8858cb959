//! The command line, run in-process.

use tests::{cli, TempDir};

#[test]
fn render_writes_exactly_the_67_units() {
    let tmp = TempDir::new("render");
    let out = tmp.path().join("out");
    let msg = cli(&["render", "--out", out.to_str().unwrap()]).unwrap();
    assert!(
        msg.starts_with("67 written, 0 unchanged, 0 removed"),
        "{msg}"
    );
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
