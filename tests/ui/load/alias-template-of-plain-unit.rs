// `systemctl enable` (systemd 252) refuses it: "cannot alias a.service as x@.service".

use unit_macros::systemd_unit;

systemd_unit! {
    unit "app.service" {
        [Service]
        ExecStart = "/usr/bin/app";
        [Install]
        Alias = "app@.service";
    }
}

fn main() {
    let _ = &FAMILY;
}
