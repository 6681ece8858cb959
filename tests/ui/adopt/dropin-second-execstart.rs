use unit_macros::systemd_unit;

systemd_unit! {
    unit "app.service" {
        [Service]
        ExecStart = "/usr/bin/app";
    }

    // Without `reset ExecStart;` first, systemd would refuse a second command line.
    dropin "app.service.d/10-debug.conf" {
        [Service]
        ExecStart = "/usr/bin/app --debug";
    }
}

fn main() {
    let _ = &FAMILY;
}
