use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.socket" {
        [Socket]
        ListenStream = "/run/demo.sock";
        RemoveOnStop = "yess";
    }
}

fn main() {
    let _ = &FAMILY;
}
