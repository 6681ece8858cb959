// systemd 252 refuses to load the assembled unit: "Service has no ExecStart=, ExecStop=,
// or SuccessAction=. Refusing." The drop-in is judged merged into the unit it extends.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "app.service" {
        [Service]
        ExecStart = "/usr/bin/app";
    }

    dropin "app.service.d/10-quiet.conf" {
        [Service]
        reset ExecStart;
    }
}

fn main() {
    let _ = &FAMILY;
}
