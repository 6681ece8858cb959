use unit_macros::systemd_unit;

systemd_unit! {
    #[cfg(feature = "extra")]
    template demo_service() -> "{daemon}.service" {
        [Service]
        ExecStart = "/usr/bin/{daemon}";
    }
    daemon demo {
        demo_service;
    }
}

fn main() {
    let _ = &FAMILY;
}
