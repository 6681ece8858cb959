use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        CPUQuota = 50%;
    }
}

fn main() {
    let _ = &FAMILY;
}
