// The drop-in is judged merged into its unit: systemd 252 appends the drop-in's command line
// to the unit's and refuses the service ("more than one ExecStart= setting"); a drop-in
// resets it first with `reset ExecStart;`.

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
