use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.socket" {
        [Socket]
        ListenStream = 65536;
    }
}

fn main() {
    let _ = &FAMILY;
}
