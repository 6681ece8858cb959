use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        Type = "oneshot";
        RemainAfterExit = yes;
    }
}

fn main() {
    let _ = &FAMILY;
}
