use unit_macros::systemd_unit;

systemd_unit! {
    // Every service: 9.6 for a bare one under systemd 252.
    exposure <= 9.0;

    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
    }

    // Sockets have no family budget; this one states none of its own.
    unit "demo.socket" {
        [Socket]
        ListenStream = "/run/demo.sock";
    }
}

fn main() {
    let _ = &FAMILY;
}
