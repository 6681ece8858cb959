// systemd takes the last of two values; an extra replacing its template's value says so with
// `override Type = ...;`, which is accepted.

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
            [Service]
            Type = "simple";
        }
    }
}

fn main() {
    let _ = &FAMILY;
}
