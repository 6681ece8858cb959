// systemd 252 refuses to load it ("Failed to load unit file ...foo@bar.slice: Invalid
// argument"): only services, sockets, targets, timers and paths can be templates.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "foo@bar.slice" {
        [Unit]
        Description = "an instance of a slice";
    }
}

fn main() {
    let _ = &FAMILY;
}
