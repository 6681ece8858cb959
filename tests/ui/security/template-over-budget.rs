use unit_macros::systemd_unit;

systemd_unit! {
    template sandboxed() -> "{daemon}.service" {
        exposure <= 8.0;

        [Service]
        ExecStart = "/usr/bin/{daemon}";
        PrivateNetwork = yes;
        PrivateTmp = yes;
    }

    daemon alpha { sandboxed; }

    // Its own budget is looser than the template's, and holds.
    daemon beta { sandboxed { exposure <= 9.0; } }

    daemon gamma { sandboxed; }
}

fn main() {
    let _ = &FAMILY;
}
