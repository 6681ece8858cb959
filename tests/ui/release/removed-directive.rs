use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        CPUShares = 512;
    }
}

fn main() {
    let _ = &FAMILY;
}
