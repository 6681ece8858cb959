use unit_macros::systemd_unit;

// The nearest correct definitions to the family-wide checks' failures: every reference
// resolves, sockets activate services that exist, `Accept=yes` has a template service, shared
// listen addresses conflict, orderings form no cycle, every `Also=` is installable.
systemd_unit! {
    extern {
        "iscsid.service" = "the iSCSI initiator daemon, from open-iscsi";
    }

    unit "legacyd.socket" {
        [Socket]
        ListenStream = "/run/shared-sock";
        ListenStream = 16509;
        [Install]
        WantedBy = "sockets.target";
    }

    unit "legacyd.service" {
        [Unit]
        After = "iscsid.service";
        After = "network.target";
        BindsTo = "legacyd.socket";
        [Service]
        ExecStart = "/usr/bin/legacyd";
        [Install]
        WantedBy = "multi-user.target";
        Also = "legacyd.socket";
    }

    unit "proxyd.socket" {
        [Unit]
        Conflicts = "legacyd.socket";
        After = "legacyd.socket";
        [Socket]
        ListenStream = "/run/shared-sock";
        ListenStream = "0.0.0.0:16509";
        [Install]
        WantedBy = "sockets.target";
    }

    unit "proxyd.service" {
        [Unit]
        Conflicts = "legacyd.service";
        After = "legacyd.service";
        [Service]
        Sockets = "proxyd.socket";
        ExecStart = "/usr/bin/proxyd";
    }

    unit "echo.socket" {
        [Socket]
        ListenStream = 7;
        Accept = yes;
    }

    unit "echo@.service" {
        [Service]
        ExecStart = "/usr/bin/echo-once %i";
        StandardInput = "socket";
    }

    unit "demo.target" {
        [Unit]
        After = "legacyd.service";
    }
}

fn main() {
    let units = FAMILY.render(&FAMILY.default_options()).unwrap();
    assert_eq!(units.len(), 7);
}
