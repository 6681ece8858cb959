use unit_macros::systemd_unit;

systemd_unit! {
    options {
        sbindir: path = "/usr/sbin",
        sockmode: mode = "0666",
    }

    snippet limits {
        LimitNOFILE = "1024:524288";
        TasksMax = 32768;
    }

    template demo_service(name: text) -> "{daemon}.service" {
        [Unit]
        Description = "{name} daemon";
        After = "network.target";
        After = "dbus.service";
        [Service]
        Type = notify;
        Environment = "{daemon:upper}_ARGS=";
        ExecStart = "{sbindir}/{daemon} ${daemon:upper}_ARGS";
        Restart = "on-failure";
        [Install]
        WantedBy = "multi-user.target";
    }

    template demo_socket(name: text, sockprefix: name = "{daemon}") -> "{daemon}.socket" {
        [Unit]
        Description = "{name} daemon socket";
        [Socket]
        ListenStream = "/run/{sockprefix}-sock";
        SocketMode = "{sockmode}";
        [Install]
        WantedBy = "sockets.target";
    }

    daemon alpha(name = "Alpha") {
        demo_service {
            [Unit]
            remove After = "dbus.service";
            After = "remote-fs.target";
            [Service]
            override Type = "simple";
            reset Restart;
            KillMode = process;
            use limits;
        }
        demo_socket;
    }

    daemon beta(name = "Beta", sockprefix = "shared") {
        demo_service;
        demo_socket;
    }

    #[cfg(any())]
    daemon gamma(name = "Gamma") {
        demo_service;
        demo_socket;
    }
}

fn main() {
    let units = FAMILY.render(&FAMILY.default_options()).unwrap();
    let names: Vec<_> = units.iter().map(|u| u.name).collect();
    assert_eq!(names, ["alpha.service", "alpha.socket", "beta.service", "beta.socket"]);
    assert_eq!(
        units[0].text,
        "[Unit]\nDescription=Alpha daemon\nAfter=network.target\nAfter=remote-fs.target\n\n\
         [Service]\nType=simple\nEnvironment=ALPHA_ARGS=\nExecStart=/usr/sbin/alpha $ALPHA_ARGS\n\
         KillMode=process\nLimitNOFILE=1024:524288\nTasksMax=32768\n\n\
         [Install]\nWantedBy=multi-user.target\n"
    );
    assert!(units[3].text.contains("ListenStream=/run/shared-sock\n"));
    let options = FAMILY.options([("sockmode", "0600")]).unwrap();
    let units = FAMILY.render(&options).unwrap();
    assert!(units[1].text.contains("SocketMode=0600\n"));
}
