use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.socket" {
        [Unit]
        After = "sockets.target";
        [Socket]
        ListenStream = "/run/demo.sock";
    }
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
