use unit_macros::systemd_unit;

systemd_unit! {
    template demo_socket(mode: mode = "0600") -> "{daemon}.socket" {
        [Socket]
        ListenStream = "/run/{daemon}.sock";
        SocketMode = "{mode}";
    }
    daemon demo {
        demo_socket(mode = );
        unit "demo.service" {
            [Service]
            ExecStart = "/usr/bin/demo";
            Restart = "sometimes";
        }
    }
}

fn main() {
    let _ = &FAMILY;
}
