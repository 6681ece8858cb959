use unit_macros::systemd_unit;

systemd_unit! {
    template main_socket() -> "{daemon}.socket" {
        [Socket]
        ListenStream = "/run/shared-sock";
    }
    template main_service() -> "{daemon}.service" {
        [Service]
        ExecStart = "/usr/bin/{daemon}";
    }
    daemon alpha {
        main_socket;
        main_service;
    }
    daemon beta {
        main_socket;
        main_service;
    }
}

fn main() {
    let _ = &FAMILY;
}
