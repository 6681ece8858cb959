use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        LimitNOFILE = 1024:524288;
    }
}

fn main() {
    let _ = &FAMILY;
}
