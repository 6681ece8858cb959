use unit_macros::systemd_unit;

systemd_unit! {
    template demo_service(name: text) -> "{daemon}.service" {
        [Unit]
        Description = "demo {name}";
        [Service]
        ExecStart = "/usr/bin/{daemon}";
    }
    daemon alpha(name = "first\\") {
        demo_service;
    }
}

fn main() {
    let _ = &FAMILY;
}
