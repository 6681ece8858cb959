//! Statements under `#[cfg]`, a snippet that spans sections, and a target that depends on
//! `#[cfg]`: `unix` holds here and `not(unix)` does not, so each unit is its `unix` version.
use unit_macros::systemd_unit;

systemd_unit! {
    #[cfg(unix)]
    systemd 253..;
    #[cfg(not(unix))]
    systemd 252..;

    snippet limits {
        LimitNOFILE = "1024:524288";
    }

    snippet tasks {
        TasksMax = 32768;
    }

    snippet hypervisor {
        [Unit]
        After = "remote-fs.target";
        [Service]
        KillMode = process;
        use limits;
    }

    unit "a.service" {
        [Unit]
        Description = "a";
        [Service]
        #[cfg(unix)]
        Type = "notify-reload";
        #[cfg(not(unix))]
        Type = "notify";
        ExecStart = "/usr/bin/a";
        use hypervisor;
        #[cfg(windows)]
        use tasks;
    }

    unit "b.service" {
        [Service]
        ExecStart = "/usr/bin/b";
    }
}

fn main() {
    assert_eq!(FAMILY.target.min, 253);
    assert_eq!(FAMILY.units.len(), 2);
    let units = FAMILY.render(&FAMILY.default_options()).unwrap();
    assert_eq!(
        units[0].text,
        "[Unit]\nDescription=a\nAfter=remote-fs.target\n\n[Service]\nType=notify-reload\nExecStart=/usr/bin/a\nKillMode=process\nLimitNOFILE=1024:524288\n"
    );
}
