use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.socket" {
        [Socket]
        ListenStream = "/run/demo.sock";
    }
    unit "demo.service" {
        [Unit]
        Before = "demo.socket";
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
