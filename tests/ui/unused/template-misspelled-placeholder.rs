use unit_macros::systemd_unit;

systemd_unit! {
    template demo_socket(name: text, mode: mode = "0600") -> "{daemon}.socket" {
        [Unit]
        Description = "{nmae} socket";
        [Socket]
        ListenStream = "/run/{daemon}.sock";
        SocketMode = "{mode}";
    }
}

fn main() {
    let _ = &FAMILY;
}
