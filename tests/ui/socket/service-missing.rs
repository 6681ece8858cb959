use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.socket" {
        [Socket]
        ListenStream = "/run/demo.sock";
    }
}

fn main() {
    let _ = &FAMILY;
}
