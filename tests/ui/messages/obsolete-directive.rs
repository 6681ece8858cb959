use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        SysVStartPriority = 20;
    }
}

fn main() {
    let _ = &FAMILY;
}
