// Within one body a single-valued directive is set once: systemd would take the last value
// (and so does `parse` for unit files read at run time), but twice in one definition is a
// mistake. `override Type = ...` on the later line says "the last wins" and is accepted.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "app.service" {
        [Service]
        ExecStart = "/usr/bin/app";
    }

    dropin "app.service.d/10-type.conf" {
        [Service]
        Type = "notify";
        Type = "exec";
    }
}

fn main() {
    let _ = &FAMILY;
}
