use unit_macros::systemd_unit;

systemd_unit! {
    snippet limits {
        TasksMax = 32768;
        [Service]
        LimitNOFILE = "1024:524288";
    }
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        use limits;
    }
}

fn main() {
    let _ = &FAMILY;
}
