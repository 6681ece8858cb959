use unit_macros::systemd_unit;

systemd_unit! {
    template demo_service() -> "{daemon}.servce" {
        [Service]
        ExecStart = "/usr/bin/{daemon}";
    }
    daemon alpha {
        demo_service;
    }
    daemon beta {
        demo_service;
    }
}

fn main() {
    let _ = &FAMILY;
}
