use unit_macros::systemd_unit;

systemd_unit! {
    template demo_service() -> "{daemon}.service" {
        [Service]
        Type = "notfy";
        ExecStart = "/usr/bin/{daemon}";
    }
    daemon alpha {
        demo_service;
    }
    daemon beta {
        demo_service;
    }
    daemon gamma {
        demo_service;
    }
}

fn main() {
    let _ = &FAMILY;
}
