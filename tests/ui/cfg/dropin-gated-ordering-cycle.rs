// Two versions of one drop-in, chosen by `#[cfg]`: the one for `unix` adds
// `After=b.service` to `a.service`, which `b.service` is already ordered after. systemd 252
// finds the ordering cycle when the units start ("Found ordering cycle").

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

    #[cfg(not(unix))]
    dropin "a.service.d/10-order.conf" {
        [Unit]
        Description = "a, on its own";
    }

    #[cfg(unix)]
    dropin "a.service.d/10-order.conf" {
        [Unit]
        After = "b.service";
    }
}

fn main() {
    let _ = &FAMILY;
}
