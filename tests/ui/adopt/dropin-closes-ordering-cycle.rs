// systemd 252 finds the ordering cycle when the units start ("Found ordering cycle"): the
// drop-in adds `After=b.service` to `a.service`, which `b.service` is already ordered after.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "a.service" {
        [Service]
        ExecStart = "/usr/bin/a";
    }

    unit "b.service" {
        [Unit]
        After = "a.service";
        [Service]
        ExecStart = "/usr/bin/b";
    }

    dropin "a.service.d/10-order.conf" {
        [Unit]
        After = "b.service";
    }
}

fn main() {
    let _ = &FAMILY;
}
