// systemd 252 refuses to load the socket ("Failed to load configuration: Operation not
// permitted"): its path must be normalized once `.` and `//` are dropped, and `..` stays.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "app.socket" {
        [Socket]
        ListenStream = "/run/../app.sock";
    }

    unit "app.service" {
        [Service]
        ExecStart = "/usr/bin/app";
    }
}

fn main() {
    let _ = &FAMILY;
}
