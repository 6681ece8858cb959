//! The web application's units. `build.rs` includes this file too.

use unit_macros::systemd_unit;

systemd_unit! {
    family "webapp";

    // The most `systemd-analyze security` may score a service of the application.
    exposure <= 6.5;

    options {
        /// Installation prefix.
        prefix: path = "/usr",
        /// Where the programs are installed.
        bindir: path = "/usr/bin",
        /// Runtime state directory; the API socket lives in its `webapp/` subdirectory.
        runstatedir: path = "/run",
        /// Where unit files are installed.
        unitdir: path = "/usr/lib/systemd/system",
    }

    extern {
        "postgresql.service" = "the database server, from postgresql";
    }

    snippet hardening {
        /// Grant only binding to low ports.
        CapabilityBoundingSet = "CAP_NET_BIND_SERVICE";
        NoNewPrivileges = yes;
        PrivateTmp = yes;
        ProtectSystem = strict;
        ProtectHome = yes;
    }

    unit "webapp-api.socket" {
        [Unit]
        Description = "webapp API socket";
        [Socket]
        ListenStream = "{runstatedir}/webapp/api.sock";
        SocketMode = "0660";
        RemoveOnStop = yes;
        [Install]
        WantedBy = "sockets.target";
    }

    unit "webapp-api.service" {
        [Unit]
        Description = "webapp API";
        Requires = "webapp-api.socket";
        After = "webapp-api.socket";
        Wants = "postgresql.service";
        After = "postgresql.service";
        [Service]
        Type = notify;
        ExecStart = "{bindir}/webapp-api --listen-fd 3";
        Restart = "on-failure";
        use hardening;
        [Install]
        Also = "webapp-api.socket";
    }

    unit "webapp-worker@.service" {
        [Unit]
        Description = "webapp worker %i";
        After = "webapp-api.service";
        After = "postgresql.service";
        [Service]
        ExecStart = "{bindir}/webapp-worker --queue %i";
        Restart = "on-failure";
        use hardening;
        [Install]
        WantedBy = "multi-user.target";
    }

    unit "webapp-cleanup.service" {
        [Unit]
        Description = "webapp cleanup of expired sessions";
        After = "postgresql.service";
        [Service]
        Type = oneshot;
        ExecStart = "{bindir}/webapp-cleanup --expired";
    }

    unit "webapp-cleanup.timer" {
        [Unit]
        Description = "webapp nightly cleanup";
        [Timer]
        OnCalendar = daily;
        Persistent = yes;
        [Install]
        WantedBy = "timers.target";
    }

    /// The API opens many connections: raise the database's connection limit of open files.
    dropin "postgresql.service.d/50-webapp.conf" {
        [Service]
        LimitNOFILE = 65536;
    }

    /// The cleanup job, hardened after the fact as an administrator would: clear the
    /// capabilities, then apply the hardening.
    dropin "webapp-cleanup.service.d/10-hardening.conf" {
        [Service]
        reset CapabilityBoundingSet;
        use hardening;
    }

    preset 80 {
        enable "webapp-api.socket";
        enable "webapp-worker@.service"("1", "2", "3", "4");
        enable "webapp-cleanup.timer";
    }
}
