// systemd 252 drops a dependency of a unit on itself with a warning ("Dependency
// After=demo.service is dropped"); as for every line systemd ignores, it is refused.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Unit]
        After = "demo.service";
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
