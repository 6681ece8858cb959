use unit_macros::systemd_unit;

systemd_unit! {
    template demo_socket(name: text, mode: mode = "0600") -> "{daemon}.socket" {
        [Unit]
        Description = "{name} socket";
        [Socket]
        ListenStream = "/run/{daemon}.sock";
        SocketMode = "{mode}";
    }
    daemon demo(name = "Demo") {
        demo_sockets;
    }
}

fn main() {
    let _ = &FAMILY;
}
