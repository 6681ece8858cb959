// Drop-ins judged in the unit systemd assembles (the unit's lines, then its drop-ins in file
// name order), as systemd 252 loads them (`systemd-analyze verify` accepts each):
// - `Restart=always` in a drop-in for a `Type=notify` service; alone it would be a oneshot
//   service without `ExecStart=`, but it is never alone;
// - a drop-in for an instance (`worker@1.service.d/`) is judged against `worker@.service`
//   with that instance, together with the template's own drop-ins;
// - a later drop-in may reset what an earlier one set (`20-` after `10-`);
// - a unit whose `ExecStart=` comes from its drop-in loads: the unit file alone would not.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "app.service" {
        [Service]
        Type = notify;
        ExecStart = "/usr/bin/app";
    }

    dropin "app.service.d/10-restart.conf" {
        [Service]
        Restart = always;
    }

    unit "bare.service" {
        [Service]
        Type = notify;
    }

    dropin "bare.service.d/10-start.conf" {
        [Service]
        ExecStart = "/usr/bin/bare";
    }

    unit "worker@.service" {
        [Service]
        ExecStart = "/usr/bin/worker %i";
    }

    dropin "worker@.service.d/10-limits.conf" {
        [Service]
        LimitNOFILE = 4096;
    }

    dropin "worker@1.service.d/20-debug.conf" {
        [Service]
        reset ExecStart;
        ExecStart = "/usr/bin/worker --debug %i";
        Environment = "WORKER=%i";
    }

    dropin "worker@1.service.d/10-limits.conf" {
        [Service]
        LimitNOFILE = 8192;
    }
}

fn main() {
    let units = FAMILY.render(&FAMILY.default_options()).unwrap();
    assert_eq!(units.len(), 3);
    let d = FAMILY.render_dropins(&FAMILY.default_options()).unwrap();
    let paths: Vec<String> = d.iter().map(|d| d.path()).collect();
    assert_eq!(
        paths,
        [
            "app.service.d/10-restart.conf",
            "bare.service.d/10-start.conf",
            "worker@.service.d/10-limits.conf",
            "worker@1.service.d/20-debug.conf",
            "worker@1.service.d/10-limits.conf"
        ]
    );
}
