use unit_macros::systemd_unit;

systemd_unit! {
    snippet limits {
        LimitNOFILE = "1024:524288";
    }
    template demo_service() -> "{daemon}.service" {
        [Service]
        ExecStart = "/usr/bin/{daemon}";
        LimitNOFILE = 4096;
    }
    daemon alpha {
        demo_service {
            [Service]
            use limits;
        }
    }
    daemon beta {
        demo_service;
    }
}

fn main() {
    let _ = &FAMILY;
}
