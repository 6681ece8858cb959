use unit_macros::systemd_unit;

systemd_unit! {
    template demo_service(nice: text = "5") -> "{daemon}.service" {
        [Service]
        ExecStart = "/usr/bin/{daemon}";
        Nice = "{nice}";
    }
    daemon alpha(nice = "50") {
        demo_service;
    }
    daemon beta(nice = "-40") {
        demo_service;
    }
    daemon gamma(nice = "high") {
        demo_service;
    }
    daemon delta {
        demo_service;
    }
}

fn main() {
    let _ = &FAMILY;
}
