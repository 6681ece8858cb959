use unit_macros::systemd_unit;

systemd_unit! {
    template demo_socket() -> "{daemon}.socket" {
        [Socket]
        ListenStream = "run/{daemon}.sock";
    }
    template demo_service() -> "{daemon}.service" {
        [Service]
        ExecStart = "/usr/bin/{daemon}";
    }
    daemon a {
        demo_socket;
        demo_service;
    }
    daemon b {
        demo_socket;
        demo_service;
    }
}

fn main() {
    let _ = &FAMILY;
}
