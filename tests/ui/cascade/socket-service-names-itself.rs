use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.socket" {
        [Socket]
        ListenStream = "/run/demo.sock";
        Service = "demo.socket";
    }
}

fn main() {
    let _ = &FAMILY;
}
