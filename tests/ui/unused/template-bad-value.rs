use unit_macros::systemd_unit;

systemd_unit! {
    template demo_service() -> "{daemon}.service" {
        [Service]
        Type = "notfy";
        ExecStart = "/usr/bin/{daemon}";
    }
}

fn main() {
    let _ = &FAMILY;
}
