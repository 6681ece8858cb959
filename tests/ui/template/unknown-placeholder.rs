use unit_macros::systemd_unit;

systemd_unit! {
    template demo_socket(name: text) -> "{daemon}.socket" {
        [Socket]
        ListenStream = "/run/{sockprefix}.sock";
    }
    daemon demo(name = "Demo") {
        demo_socket;
    }
}

fn main() {
    let _ = &FAMILY;
}
