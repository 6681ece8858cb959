use unit_macros::systemd_unit;

systemd_unit! {
    template demo_socket(dir: text) -> "{daemon}.socket" {
        [Socket]
        ListenStream = "{dir}/{daemon}.sock";
    }
    template demo_service() -> "{daemon}.service" {
        [Service]
        ExecStart = "/usr/bin/{daemon}";
    }
    daemon alpha(dir = "on") {
        demo_socket;
        demo_service;
    }
    daemon beta(dir = "no") {
        demo_socket;
        demo_service;
    }
}

fn main() {
    let _ = &FAMILY;
}
