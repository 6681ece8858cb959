// An extra that repeats its template's list value exactly stays an error (the SPEC's rule),
// although systemd (252 and later) would append it again; the same value twice within one
// body is accepted, as systemd appends it.

use unit_macros::systemd_unit;

systemd_unit! {
    template demo_service() -> "{daemon}.service" {
        [Unit]
        After = "network.target";
        [Service]
        Type = "notify";
        ExecStart = "/usr/bin/{daemon}";
    }
    daemon demo {
        demo_service {
            [Unit]
            After = "network.target";
        }
    }
}

fn main() {
    let _ = &FAMILY;
}
