// systemd 252 reads `PrivateTmp=` as a boolean; `disconnected` is systemd 257's.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "app.service" {
        [Service]
        ExecStart = "/usr/bin/app";
        PrivateTmp = disconnected;
    }
}

fn main() {
    let _ = &FAMILY;
}
