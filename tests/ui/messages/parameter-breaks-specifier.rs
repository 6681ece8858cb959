use unit_macros::systemd_unit;

systemd_unit! {
    template demo_service(args: text) -> "{daemon}.service" {
        [Service]
        ExecStart = "/usr/bin/{daemon} {args}";
    }
    daemon alpha(args = "--home %z") {
        demo_service;
    }
}

fn main() {
    let _ = &FAMILY;
}
