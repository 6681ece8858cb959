use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Unit]
        StartLimitBurst = 4294967296;
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
