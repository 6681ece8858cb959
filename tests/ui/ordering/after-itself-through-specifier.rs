// systemd 252 drops the line with a warning ("Dependency After=app.service is dropped"); as
// for every line systemd ignores, the definition is refused.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "app.service" {
        [Unit]
        After = "%n";
        [Service]
        ExecStart = "/usr/bin/app";
    }
}

fn main() {
    let _ = &FAMILY;
}
