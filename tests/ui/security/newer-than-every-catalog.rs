//! A family for releases newer than every catalog is scored with the newest one's checks.

use unit_macros::systemd_unit;

systemd_unit! {
    systemd 263..;
    exposure <= 9.0;

    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
