use unit_macros::systemd_unit;

systemd_unit! {
    options {
        runstatedir: path = "run",
    }
    unit "demo.socket" {
        [Socket]
        ListenStream = "{runstatedir}/demo.sock";
    }
}

fn main() {
    let _ = &FAMILY;
}
