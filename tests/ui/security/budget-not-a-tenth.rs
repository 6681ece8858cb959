use unit_macros::systemd_unit;

systemd_unit! {
    exposure <= 4.55;

    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
