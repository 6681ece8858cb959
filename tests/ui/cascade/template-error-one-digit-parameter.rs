use unit_macros::systemd_unit;

systemd_unit! {
    template demo_service(level: text) -> "{daemon}.service" {
        [Service]
        ExecStart = "/usr/bin/{daemon}";
        Nice = "{level}00";
    }
    daemon alpha(level = "1") {
        demo_service;
    }
    daemon beta(level = "2") {
        demo_service;
    }
}

fn main() {
    let _ = &FAMILY;
}
