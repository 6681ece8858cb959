use unit_macros::systemd_unit;

systemd_unit! {
    template demo_service(nice: text = "5") -> "{daemon}.service" {
        [Service]
        ExecStart = "/usr/bin/{daemon}";
        Nice = "{nice}";
    }
    daemon a(nice = "50") {
        demo_service;
    }
    daemon b(nice = "60") {
        demo_service;
    }
    daemon c(nice = "high") {
        demo_service;
    }
    daemon d {
        demo_service;
    }
}

fn main() {
    let _ = &FAMILY;
}
