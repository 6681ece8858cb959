use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.socket" {
        [Socket]
        ListenStream = "/run/demo.sock";
        SocketMode = "0668";
    }
}

fn main() {
    let _ = &FAMILY;
}
