// systemd 252 refuses a service with two command lines unless `Type=oneshot` ("Service has more
// than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing."),
// whatever the order the lines are written in; `override ExecStart = ...;` replaces the first.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo --prepare";
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
