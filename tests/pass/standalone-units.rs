use unit_macros::systemd_unit;

systemd_unit! {
    options {
        runstatedir: path = "/run",
    }

    /// A demo service.
    unit "demo.service" {
        [Unit]
        Description = "Demo daemon";
        Documentation = "man:demo(8) https://example.org/";
        After = "network.target";
        [Service]
        Type = notify;
        ExecStart = "-/usr/bin/demo --pid %t/demo.pid";
        ExecReload = "/bin/kill -HUP $MAINPID";
        Environment = "DEMO_ARGS=\"--verbose --timeout 120\"";
        /// Generous, on purpose.
        LimitNOFILE = "1024:524288";
        TasksMax = 4096;
        OOMScoreAdjust = -900;
        RestartSec = "5min 20s";
        KillSignal = "SIGTERM";
        MemoryMax = "50%";
        [Install]
        WantedBy = "multi-user.target";
    }

    unit "demo.socket" {
        [Socket]
        ListenStream = "{runstatedir}/demo.sock";
        ListenStream = "[::1]:8080";
        SocketMode = "0660";
        RemoveOnStop = yes;
        [Install]
        WantedBy = "sockets.target";
    }

    unit "demo@.service" {
        [Service]
        ExecStart = "/usr/bin/demo --instance %i";
    }

    /** A block doc comment: {braces} and 100% kept.
    Second line. */
    unit "demo.target" {
        [Unit]
        Description = "Demo target";
    }
}

fn main() {
    let units = FAMILY.render(&FAMILY.default_options()).unwrap();
    assert_eq!(units.len(), 4);
    assert!(units[0].text.starts_with("# A demo service.\n\n[Unit]\n"));
    assert!(units[0].text.contains("# Generous, on purpose.\nLimitNOFILE=1024:524288\n"));
    assert!(units[1].text.contains("ListenStream=/run/demo.sock\n"));
    assert!(units[3].text.starts_with("# A block doc comment: {braces} and 100% kept.\n#    Second line.\n\n[Unit]\n"), "{}", units[3].text);
}
