use unit_macros::systemd_unit;

systemd_unit! {
    template demo_service(nice: text = "5") -> "{daemon}.service" {
        [Service]
        ExecStart = "/usr/bin/{daemon}";
        Nice = "{nice}";
    }
    daemon alpha {
        demo_service;
    }
    daemon beta(nice = "50") {
        demo_service;
    }
    daemon gamma {
        demo_service;
    }
}

fn main() {
    let _ = &FAMILY;
}
