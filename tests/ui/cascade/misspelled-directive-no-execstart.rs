use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStrat = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
