use unit_macros::systemd_unit;

systemd_unit! {
    systemd 230..;

    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
