use unit_macros::systemd_unit;

systemd_unit! {
    template demo_service() -> "{daemon}.service" {
        [Unit]
        After = "network.target";
        [Service]
        Type = "notify";
        ExecStart = "/usr/bin/{daemon}";
    }
    daemon demo {
        demo_service {
            [Unit]
            remove After = "dbus.service";
        }
    }
}

fn main() {
    let _ = &FAMILY;
}
