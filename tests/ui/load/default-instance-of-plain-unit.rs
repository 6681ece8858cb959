// `systemctl enable` (systemd 252) ignores the line with a warning ("DefaultInstance= only
// makes sense for template units, ignoring."). As for every line systemd ignores, the
// definition is refused.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "app.service" {
        [Service]
        ExecStart = "/usr/bin/app";
        [Install]
        DefaultInstance = "main";
        WantedBy = "multi-user.target";
    }
}

fn main() {
    let _ = &FAMILY;
}
