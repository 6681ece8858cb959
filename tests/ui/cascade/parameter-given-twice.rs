use unit_macros::systemd_unit;

systemd_unit! {
    template demo_service(name: text) -> "{daemon}.service" {
        [Unit]
        Description = "{name}";
        [Service]
        ExecStart = "/usr/bin/{daemon}";
    }
    daemon demo(name = "one", name = "two") {
        demo_service;
    }
}

fn main() {
    let _ = &FAMILY;
}
