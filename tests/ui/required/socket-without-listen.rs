use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.socket" {
        [Socket]
        SocketMode = "0600";
    }
}

fn main() {
    let _ = &FAMILY;
}
