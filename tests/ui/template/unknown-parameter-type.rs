use unit_macros::systemd_unit;

systemd_unit! {
    template demo_socket(mode: octal) -> "{daemon}.socket" {
        [Socket]
        ListenStream = "/run/{daemon}.sock";
        SocketMode = "{mode}";
    }
    daemon demo(mode = "0600") {
        demo_socket;
    }
}

fn main() {
    let _ = &FAMILY;
}
