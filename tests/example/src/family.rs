use unit_macros::systemd_unit;

systemd_unit! {
    family "notesd";

    options {
        /// Installation prefix.
        prefix: path = "/usr",
        /// Where the programs are installed.
        bindir: path = "/usr/bin",
        /// Where unit files are installed.
        unitdir: path = "/usr/lib/systemd/system",
        /// Where the notes are kept.
        statedir: path = "/var/lib/notesd",
    }

    unit "notesd.socket" {
        [Unit]
        Description = "notesd listening socket";
        [Socket]
        ListenStream = 7070;
        [Install]
        WantedBy = "sockets.target";
    }

    unit "notesd.service" {
        [Unit]
        Description = "notesd note server";
        Requires = "notesd.socket";
        After = "notesd.socket";
        [Service]
        Type = notify;
        ExecStart = "{bindir}/notesd --data {statedir}";
        DynamicUser = yes;
        StateDirectory = notesd;
        [Install]
        Also = "notesd.socket";
    }

    /// One sync job per remote, `notesd-sync@REMOTE.service`.
    unit "notesd-sync@.service" {
        [Unit]
        Description = "notesd sync with %i";
        After = "notesd.service";
        [Service]
        Type = oneshot;
        ExecStart = "{bindir}/notesd-sync --remote %i";
    }

    unit "notesd-compact.service" {
        [Unit]
        Description = "notesd weekly compaction";
        [Service]
        Type = oneshot;
        ExecStart = "{bindir}/notesd --compact --data {statedir}";
    }

    unit "notesd-compact.timer" {
        [Unit]
        Description = "notesd weekly compaction";
        [Timer]
        OnCalendar = weekly;
        Persistent = yes;
        [Install]
        WantedBy = "timers.target";
    }

    preset 50 {
        enable "notesd.socket";
        enable "notesd-compact.timer";
    }
}
