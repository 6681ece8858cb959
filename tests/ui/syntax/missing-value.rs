use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = ;
    }
}

fn main() {
    let _ = &FAMILY;
}
