use unit_macros::systemd_unit;

// Templates and snippets that nothing uses are checked on their own; what depends on a
// parameter without a default, or on `{daemon}`, is left to the instances.
systemd_unit! {
    options { runstatedir: path = "/run" }

    snippet limits {
        LimitNOFILE = "1024:524288";
        TasksMax = 32768;
    }

    snippet ordering {
        After = "{daemon}-helper.service";
    }

    template demo_socket(mode: mode, name: text, dir: path = "{runstatedir}/demo") -> "{daemon}.socket" {
        [Unit]
        Description = "{name} socket";
        [Socket]
        ListenStream = "{dir}/{daemon}.sock";
        SocketMode = "{mode}";
    }

    template demo_service(user: name) -> "{daemon}.service" {
        [Service]
        User = "{user}";
        use limits;
    }

    unit "demo.target" {
        [Unit]
        Description = "Demo";
    }
}

fn main() {
    let units = FAMILY.render(&FAMILY.default_options()).unwrap();
    assert_eq!(units.len(), 1);
}
