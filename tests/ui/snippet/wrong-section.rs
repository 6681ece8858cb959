use unit_macros::systemd_unit;

systemd_unit! {
    snippet limits {
        LimitNOFILE = "1024:524288";
    }
    unit "demo.service" {
        [Unit]
        use limits;
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
