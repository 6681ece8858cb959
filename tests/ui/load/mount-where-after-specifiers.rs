// systemd 252 expands `%t` to `/run` before it compares `Where=` with the name, and refuses
// `x.mount` ("Where= setting doesn't match unit name. Refusing."); `run-x.mount` loads.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "x.mount" {
        [Mount]
        What = "tmpfs";
        Where = "%t/x";
    }
}

fn main() {
    let _ = &FAMILY;
}
