use unit_macros::systemd_unit;

systemd_unit! {
    snippet ordering {
        After = "network.target";
    }
    template demo_service() -> "{daemon}.service" {
        [Unit]
        After = "network.target";
        [Service]
        ExecStart = "/usr/bin/{daemon}";
    }
    daemon alpha {
        demo_service {
            [Unit]
            use ordering;
        }
    }
}

fn main() {
    let _ = &FAMILY;
}
