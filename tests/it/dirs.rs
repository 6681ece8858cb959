//! A family that names its own directory options (`dirs { ... }`) installs where they say.

use std::process::Command;

use tests::{run_cli, TempDir};

mod family {
    use unit_macros::systemd_unit;

    systemd_unit! {
        family "dirs-demo";

        options {
            /// Where unit files go, as meson projects often call it.
            systemdsystemunitdir: path = "/lib/systemd/system",
            /// An option with the usual name that is not the unit directory here.
            unitdir: path = "/srv/elsewhere",
        }

        dirs { unit = systemdsystemunitdir; }

        unit "dirs-demo.service" {
            [Service]
            ExecStart = "/usr/bin/dirs-demo";
            [Install]
            WantedBy = "multi-user.target";
        }

        preset { enable "dirs-demo.service"; }
    }
}

fn run(args: &[&str]) -> String {
    let r = run_cli(&family::FAMILY, "dirs-demo", args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.err);
    r.out
}

#[test]
fn units_go_where_the_declared_unit_directory_option_says() {
    let tmp = TempDir::new("dirs");
    let dest = tmp.path().to_str().unwrap();
    run(&["install", "--destdir", dest]);
    assert_eq!(
        tests::files(tmp.path()),
        [
            "lib/systemd/system-preset/80-dirs-demo.preset",
            "lib/systemd/system/dirs-demo.service",
            "var/lib/unit-core/dirs-demo/installed-files",
        ]
    );
    // systemd finds the unit and the preset where the family put them.
    let systemctl = tests::have("systemctl");
    assert!(
        systemctl || std::env::var_os("CI").is_none(),
        "systemctl is required in CI"
    );
    if systemctl {
        let root = format!("--root={dest}");
        let preset = Command::new("systemctl")
            .args([root.as_str(), "preset", "dirs-demo.service"])
            .output()
            .unwrap();
        assert!(
            preset.status.success(),
            "{}",
            String::from_utf8_lossy(&preset.stderr)
        );
        let enabled = Command::new("systemctl")
            .args([root.as_str(), "is-enabled", "dirs-demo.service"])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&enabled.stdout), "enabled\n");
        std::fs::remove_dir_all(tmp.path().join("etc")).unwrap();
    }
    // The option moves them, and the install takes the old ones away.
    let moved = run(&[
        "install",
        "--destdir",
        dest,
        "--systemdsystemunitdir",
        "/opt/dirs-demo/system",
    ]);
    assert!(
        moved.ends_with("2 written, 0 unchanged, 2 removed\n"),
        "{moved}"
    );
    assert_eq!(
        tests::files(tmp.path()),
        [
            "opt/dirs-demo/system-preset/80-dirs-demo.preset",
            "opt/dirs-demo/system/dirs-demo.service",
            "var/lib/unit-core/dirs-demo/installed-files",
        ]
    );
    let gone = run(&["uninstall", "--destdir", dest]);
    assert!(gone.ends_with("2 removed\n"), "{gone}");
    assert_eq!(tests::files(tmp.path()), Vec::<String>::new());
}
