use unit_macros::systemd_unit;

systemd_unit! {
    snippet limits {
        LimitNOFILE = "1024:524288";
    }
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        use limits;
        use limits;
    }
}

fn main() {
    let _ = &FAMILY;
}
