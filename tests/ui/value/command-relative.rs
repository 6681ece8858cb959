use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "bin/demo --flag";
    }
}

fn main() {
    let _ = &FAMILY;
}
