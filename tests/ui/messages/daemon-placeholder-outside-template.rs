use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/{daemon}";
    }
}

fn main() {
    let _ = &FAMILY;
}
