use unit_macros::systemd_unit;

systemd_unit! {
    template demo_socket(backlog: text = "many") -> "{daemon}.socket" {
        [Socket]
        ListenStream = "/run/{daemon}.sock";
        Backlog = "{backlog}";
    }
}

fn main() {
    let _ = &FAMILY;
}
