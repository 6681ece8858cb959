use unit_macros::systemd_unit;

systemd_unit! {
    template demo_service(name: text) -> "{daemon}.service" {
        [Unit]
        Description = "{name}";
        [Service]
        ExecStrat = "/usr/bin/{daemon}";
    }
}

fn main() {
    let _ = &FAMILY;
}
