use unit_macros::systemd_unit;

systemd_unit! {
    template demo_service() -> "{daemon}.service" {
        [Service]
        ExecStart = "/usr/bin/{deamon}";
    }
    daemon demo {
        demo_service;
    }
}

fn main() {
    let _ = &FAMILY;
}
