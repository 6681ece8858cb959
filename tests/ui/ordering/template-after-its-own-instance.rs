// In every instance `worker@%i.service` is the instance itself: systemd 252 drops the line
// with a warning ("Dependency After=worker@1.service is dropped").

use unit_macros::systemd_unit;

systemd_unit! {
    unit "worker@.service" {
        [Unit]
        After = "worker@%i.service";
        [Service]
        ExecStart = "/usr/bin/worker %i";
    }
}

fn main() {
    let _ = &FAMILY;
}
