//! The libvirt family of daemons: shared templates and snippets, then each daemon's parameters
//! and extras. `build.rs` includes this file too, so the units it renders are these.

use unit_macros::systemd_unit;

systemd_unit! {
    /// libvirt 12.8 uses `Type=notify-reload`, which systemd 253 introduced.
    #[cfg(feature = "libvirt-12")]
    systemd 253..;
    #[cfg(not(feature = "libvirt-12"))]
    systemd 252..;
    family "libvirt";

    // What `systemd-analyze security` scores every service today, at most, under every
    // targeted release: a change that weakens a daemon's sandbox fails the build.
    exposure <= 9.6;

    options {
        /// Installation prefix.
        prefix: path = "/usr",
        /// Where the daemons' binaries are installed.
        sbindir: path = "/usr/sbin",
        /// System configuration directory.
        sysconfdir: path = "/etc",
        /// Runtime state directory; the sockets live in its `libvirt/` subdirectory.
        runstatedir: path = "/run",
        /// Local state directory; libvirt 12.8 keeps its secrets key in `lib/libvirt/secrets/`.
        localstatedir: path = "/var",
        /// Directory of the daemons' environment files.
        initconfdir: path = "/etc/sysconfig",
        /// Where unit files are installed.
        unitdir: path = "/usr/lib/systemd/system",
        /// Mode of each daemon's main socket: `0666` when polkit guards access, `0600` without.
        sockmode: mode = "0666",
    }

    extern {
        "xencommons.service" = "Xen's toolstack, from the xen-utils packages";
        "xendomains.service" = "Xen's domain autostart, from the xen-utils packages";
        "iscsid.service" = "the iSCSI initiator daemon, from open-iscsi";
        "apparmor.service" = "AppArmor profile loading, from apparmor";
    }

    snippet limit_nofile {
        /// Hard limit as systemd >= 240 sets it; the daemon raises its soft limit to match.
        LimitNOFILE = "1024:524288";
    }

    snippet tasks_max {
        /// Room for 4096 guests at a conservative 8 tasks each.
        TasksMax = 32768;
    }

    snippet limit_memlock {
        /// Room for the eBPF device maps of 4096 guests under cgroups v2.
        LimitMEMLOCK = "64M";
    }

    snippet oom_score_adjust {
        /// Keep this daemon alive under memory pressure: losing it loses information.
        OOMScoreAdjust = -900;
    }

    /// What the hypervisor daemons add to their service: machined, remote file systems, and the
    /// limits of a daemon that runs many guests.
    snippet hypervisor {
        [Unit]
        Wants = "systemd-machined.service";
        After = "systemd-machined.service";
        After = "remote-fs.target";

        [Service]
        KillMode = process;
        use limit_nofile;
        use tasks_max;
        use limit_memlock;
    }

    /// libvirt 12.8's sandbox of virtlogd.
    snippet virtlogd_sandbox {
        [Service]
        CapabilityBoundingSet = "~CAP_AUDIT_CONTROL";
        CapabilityBoundingSet = "~CAP_AUDIT_READ";
        CapabilityBoundingSet = "~CAP_AUDIT_WRITE";
        CapabilityBoundingSet = "~CAP_BLOCK_SUSPEND";
        CapabilityBoundingSet = "~CAP_CHOWN";
        CapabilityBoundingSet = "~CAP_FOWNER";
        CapabilityBoundingSet = "~CAP_FSETID";
        CapabilityBoundingSet = "~CAP_IPC_LOCK";
        CapabilityBoundingSet = "~CAP_IPC_OWNER";
        CapabilityBoundingSet = "~CAP_KILL";
        CapabilityBoundingSet = "~CAP_LEASE";
        CapabilityBoundingSet = "~CAP_LINUX_IMMUTABLE";
        CapabilityBoundingSet = "~CAP_MAC_ADMIN";
        CapabilityBoundingSet = "~CAP_MAC_OVERRIDE";
        CapabilityBoundingSet = "~CAP_MKNOD";
        CapabilityBoundingSet = "~CAP_NET_ADMIN";
        CapabilityBoundingSet = "~CAP_NET_BIND_SERVICE";
        CapabilityBoundingSet = "~CAP_NET_BROADCAST";
        CapabilityBoundingSet = "~CAP_NET_RAW";
        CapabilityBoundingSet = "~CAP_SETFCAP";
        CapabilityBoundingSet = "~CAP_SETPCAP";
        CapabilityBoundingSet = "~CAP_SETGID";
        CapabilityBoundingSet = "~CAP_SETUID";
        CapabilityBoundingSet = "~CAP_SYSLOG";
        CapabilityBoundingSet = "~CAP_SYS_ADMIN";
        CapabilityBoundingSet = "~CAP_SYS_BOOT";
        CapabilityBoundingSet = "~CAP_SYS_CHROOT";
        CapabilityBoundingSet = "~CAP_SYS_MODULE";
        CapabilityBoundingSet = "~CAP_SYS_NICE";
        CapabilityBoundingSet = "~CAP_SYS_PACCT";
        CapabilityBoundingSet = "~CAP_SYS_PTRACE";
        CapabilityBoundingSet = "~CAP_SYS_RAWIO";
        CapabilityBoundingSet = "~CAP_SYS_RESOURCE";
        CapabilityBoundingSet = "~CAP_SYS_TIME";
        CapabilityBoundingSet = "~CAP_SYS_TTY_CONFIG";
        CapabilityBoundingSet = "~CAP_WAKE_ALARM";
        LockPersonality = true;
        MemoryDenyWriteExecute = true;
        PrivateDevices = true;
        PrivateMounts = true;
        PrivateNetwork = true;
        ProtectControlGroups = true;
        ProtectKernelModules = true;
        ProtectKernelTunables = true;
        ProtectSystem = full;
        RestrictAddressFamilies = "AF_UNIX";
        RestrictNamespaces = "~cgroup";
        RestrictNamespaces = "~ipc";
        RestrictNamespaces = "~mnt";
        RestrictNamespaces = "~net";
        RestrictNamespaces = "~pid";
        RestrictNamespaces = "~user";
        RestrictNamespaces = "~uts";
        RestrictRealtime = true;
        RestrictSUIDSGID = true;
        SystemCallArchitectures = native;
        SystemCallFilter = "~@clock";
        SystemCallFilter = "~@debug";
        SystemCallFilter = "~@module";
        SystemCallFilter = "~@mount";
        SystemCallFilter = "~@raw-io";
        SystemCallFilter = "~@reboot";
        SystemCallFilter = "~@swap";
        SystemCallFilter = "~@privileged";
        SystemCallFilter = "~@cpu-emulation";
        SystemCallFilter = "~@obsolete";
        UMask = "077";
    }

    template virtd_service(name: text) -> "{daemon}.service" {
        [Unit]
        Description = "libvirt {name} daemon";
        Documentation = "man:{daemon}(8)";
        Documentation = "https://libvirt.org/";
        BindsTo = "{daemon}.socket";
        Wants = "{daemon}-ro.socket";
        Wants = "{daemon}-admin.socket";
        After = "{daemon}.socket";
        After = "{daemon}-ro.socket";
        After = "{daemon}-admin.socket";
        Conflicts = "libvirtd.service";
        After = "libvirtd.service";
        After = "network.target";
        After = "dbus.service";
        After = "apparmor.service";

        [Service]
        #[cfg(feature = "libvirt-12")]
        Type = "notify-reload";
        #[cfg(not(feature = "libvirt-12"))]
        Type = notify;
        Environment = "{daemon:upper}_ARGS=\"--timeout 120\"";
        EnvironmentFile = "-{initconfdir}/{daemon}";
        ExecStart = "{sbindir}/{daemon} ${daemon:upper}_ARGS";
        ExecReload = "/bin/kill -HUP $MAINPID";
        Restart = "on-failure";

        [Install]
        WantedBy = "multi-user.target";
        Also = "{daemon}.socket";
        Also = "{daemon}-ro.socket";
        Also = "{daemon}-admin.socket";
    }

    template virtd_socket(name: text, sockprefix: name = "{daemon}") -> "{daemon}.socket" {
        [Unit]
        Description = "libvirt {name} daemon socket";
        Conflicts = "libvirtd.socket";
        After = "libvirtd.socket";

        [Socket]
        ListenStream = "{runstatedir}/libvirt/{sockprefix}-sock";
        Service = "{daemon}.service";
        SocketMode = "{sockmode}";
        RemoveOnStop = yes;

        [Install]
        WantedBy = "sockets.target";
        Also = "{daemon}-ro.socket";
        Also = "{daemon}-admin.socket";
    }

    template virtd_socket_ro(name: text, sockprefix: name = "{daemon}") -> "{daemon}-ro.socket" {
        [Unit]
        Description = "libvirt {name} daemon read-only socket";
        BindsTo = "{daemon}.socket";
        After = "{daemon}.socket";
        Conflicts = "libvirtd-ro.socket";
        After = "libvirtd-ro.socket";

        [Socket]
        ListenStream = "{runstatedir}/libvirt/{sockprefix}-sock-ro";
        Service = "{daemon}.service";
        SocketMode = "0666";
        RemoveOnStop = yes;

        [Install]
        WantedBy = "sockets.target";
        Also = "{daemon}.socket";
        Also = "{daemon}-admin.socket";
    }

    template virtd_socket_admin(name: text, sockprefix: name = "{daemon}") -> "{daemon}-admin.socket" {
        [Unit]
        Description = "libvirt {name} daemon admin socket";
        BindsTo = "{daemon}.socket";
        After = "{daemon}.socket";
        Conflicts = "libvirtd-admin.socket";
        After = "libvirtd-admin.socket";

        [Socket]
        ListenStream = "{runstatedir}/libvirt/{sockprefix}-admin-sock";
        Service = "{daemon}.service";
        SocketMode = "0600";
        RemoveOnStop = yes;

        [Install]
        WantedBy = "sockets.target";
        Also = "{daemon}.socket";
        Also = "{daemon}-ro.socket";
    }

    /// Enabling this socket is an explicit administrator act: no `Also=` pulls it in.
    template virtd_socket_tcp(name: text) -> "{daemon}-tcp.socket" {
        [Unit]
        Description = "libvirt {name} daemon non-TLS IP socket";
        BindsTo = "{daemon}.socket";
        After = "{daemon}.socket";
        Conflicts = "libvirtd-tcp.socket";
        After = "libvirtd-tcp.socket";

        [Socket]
        ListenStream = 16509;
        Service = "{daemon}.service";

        [Install]
        WantedBy = "sockets.target";
    }

    /// Enabling this socket is an explicit administrator act: no `Also=` pulls it in.
    template virtd_socket_tls(name: text) -> "{daemon}-tls.socket" {
        [Unit]
        Description = "libvirt {name} daemon TLS IP socket";
        BindsTo = "{daemon}.socket";
        After = "{daemon}.socket";
        Conflicts = "libvirtd-tls.socket";
        After = "libvirtd-tls.socket";

        [Socket]
        ListenStream = 16514;
        Service = "{daemon}.service";

        [Install]
        WantedBy = "sockets.target";
    }

    template helper_service(name: text) -> "{daemon}.service" {
        [Unit]
        Description = "libvirt {name} daemon";
        Documentation = "man:{daemon}(8)";
        Documentation = "https://libvirt.org/";
        BindsTo = "{daemon}.socket";
        Wants = "{daemon}-admin.socket";
        After = "{daemon}.socket";
        After = "{daemon}-admin.socket";

        [Service]
        Type = notify;
        Environment = "{daemon:upper}_ARGS=";
        EnvironmentFile = "-{initconfdir}/{daemon}";
        ExecStart = "{sbindir}/{daemon} ${daemon:upper}_ARGS";
        ExecReload = "/bin/kill -USR1 $MAINPID";
        use oom_score_adjust;
        use limit_nofile;

        [Install]
        WantedBy = "multi-user.target";
        Also = "{daemon}.socket";
        Also = "{daemon}-admin.socket";
    }

    template helper_socket(name: text) -> "{daemon}.socket" {
        [Unit]
        Description = "libvirt {name} daemon socket";

        [Socket]
        ListenStream = "{runstatedir}/libvirt/{daemon}-sock";
        Service = "{daemon}.service";
        SocketMode = "0600";
        RemoveOnStop = yes;

        [Install]
        WantedBy = "sockets.target";
        Also = "{daemon}-admin.socket";
    }

    template helper_socket_admin(name: text) -> "{daemon}-admin.socket" {
        [Unit]
        Description = "libvirt {name} daemon admin socket";
        BindsTo = "{daemon}.socket";
        After = "{daemon}.socket";

        [Socket]
        ListenStream = "{runstatedir}/libvirt/{daemon}-admin-sock";
        Service = "{daemon}.service";
        SocketMode = "0600";
        RemoveOnStop = yes;

        [Install]
        WantedBy = "sockets.target";
        Also = "{daemon}.socket";
    }

    #[cfg(feature = "qemu")]
    daemon virtqemud(name = "QEMU") {
        virtd_service {
            [Unit]
            Requires = "virtlogd.socket";
            Wants = "virtlockd.socket";
            After = "virtlogd.socket";
            After = "virtlockd.socket";
            #[cfg(feature = "libvirt-12")]
            After = "virtlogd.service";
            #[cfg(feature = "libvirt-12")]
            After = "virtlockd.service";
            use hypervisor;

            [Install]
            Also = "virtlogd.socket";
            Also = "virtlockd.socket";
        }
        virtd_socket;
        virtd_socket_ro;
        virtd_socket_admin;
    }

    #[cfg(feature = "lxc")]
    daemon virtlxcd(name = "LXC") {
        virtd_service {
            use hypervisor;
        }
        virtd_socket;
        virtd_socket_ro;
        virtd_socket_admin;
    }

    #[cfg(feature = "ch")]
    daemon virtchd(name = "Cloud Hypervisor") {
        virtd_service {
            use hypervisor;
        }
        virtd_socket;
        virtd_socket_ro;
        virtd_socket_admin;
    }

    #[cfg(feature = "xen")]
    daemon virtxend(name = "Xen") {
        virtd_service {
            [Unit]
            Wants = "virtlockd.socket";
            After = "virtlockd.socket";
            After = "remote-fs.target";
            After = "xencommons.service";
            Conflicts = "xendomains.service";
            ConditionPathExists = "/proc/xen/capabilities";

            [Service]
            KillMode = process;

            [Install]
            Also = "virtlockd.socket";
        }
        virtd_socket {
            [Unit]
            ConditionPathExists = "/proc/xen/capabilities";
        }
        virtd_socket_ro {
            [Unit]
            ConditionPathExists = "/proc/xen/capabilities";
        }
        virtd_socket_admin {
            [Unit]
            ConditionPathExists = "/proc/xen/capabilities";
        }
    }

    #[cfg(feature = "vbox")]
    daemon virtvboxd(name = "VirtualBox") {
        virtd_service {
            [Unit]
            After = "remote-fs.target";
        }
        virtd_socket;
        virtd_socket_ro;
        virtd_socket_admin;
    }

    #[cfg(feature = "vz")]
    daemon virtvzd(name = "vz") {
        virtd_service {
            [Unit]
            After = "remote-fs.target";
        }
        virtd_socket;
        virtd_socket_ro;
        virtd_socket_admin;
    }

    daemon virtnetworkd(name = "network") {
        virtd_service {
            [Service]
            KillMode = process;
        }
        virtd_socket;
        virtd_socket_ro;
        virtd_socket_admin;
    }

    daemon virtstoraged(name = "storage") {
        virtd_service {
            [Unit]
            After = "iscsid.service";
            After = "remote-fs.target";
        }
        virtd_socket;
        virtd_socket_ro;
        virtd_socket_admin;
    }

    daemon virtnodedevd(name = "nodedev") {
        virtd_service;
        virtd_socket;
        virtd_socket_ro;
        virtd_socket_admin;
    }

    daemon virtnwfilterd(name = "nwfilter") {
        virtd_service;
        virtd_socket;
        virtd_socket_ro;
        virtd_socket_admin;
    }

    daemon virtsecretd(name = "secret") {
        virtd_service {
            [Unit]
            #[cfg(all(feature = "libvirt-12", feature = "secrets"))]
            Requires = "virt-secret-init-encryption.service";
            #[cfg(all(feature = "libvirt-12", feature = "secrets"))]
            After = "virt-secret-init-encryption.service";

            [Service]
            #[cfg(all(feature = "libvirt-12", feature = "secrets"))]
            LoadCredentialEncrypted = "secrets-encryption-key:{localstatedir}/lib/libvirt/secrets/secrets-encryption-key";
            #[cfg(all(feature = "libvirt-12", feature = "secrets"))]
            Environment = "SECRETS_ENCRYPTION_KEY=%d/secrets-encryption-key";
        }
        virtd_socket;
        virtd_socket_ro;
        virtd_socket_admin;

        /// Creates the key that encrypts secrets at rest, once.
        #[cfg(all(feature = "libvirt-12", feature = "secrets"))]
        unit "virt-secret-init-encryption.service" {
            [Unit]
            Before = "virtsecretd.service";
            Before = "libvirtd.service";
            ConditionPathExists = "!{localstatedir}/lib/libvirt/secrets/secrets-encryption-key";

            [Service]
            Type = oneshot;
            UMask = "0077";
            ExecStart = "/usr/bin/sh -c 'dd if=/dev/random status=none bs=32 count=1 | systemd-creds encrypt --name=secrets-encryption-key - {localstatedir}/lib/libvirt/secrets/secrets-encryption-key'";
        }
    }

    daemon virtinterfaced(name = "interface") {
        virtd_service;
        virtd_socket;
        virtd_socket_ro;
        virtd_socket_admin;
    }

    /// Listens where libvirtd does, on purpose: the two conflict, so only one runs.
    daemon virtproxyd(name = "proxy", sockprefix = "libvirt") {
        virtd_service;
        virtd_socket;
        virtd_socket_ro;
        virtd_socket_admin;
        virtd_socket_tcp;
        virtd_socket_tls;
    }

    /// The legacy monolithic daemon. Its sockets come from the modular templates without the
    /// conflict with themselves; its service is its own.
    daemon libvirtd(name = "legacy monolithic", sockprefix = "libvirt") {
        unit "libvirtd.service" {
            [Unit]
            Description = "libvirt legacy monolithic daemon";
            Documentation = "man:libvirtd(8)";
            Documentation = "https://libvirt.org/";
            Wants = "libvirtd.socket";
            Wants = "libvirtd-ro.socket";
            Wants = "libvirtd-admin.socket";
            After = "libvirtd.socket";
            After = "libvirtd-ro.socket";
            After = "libvirtd-admin.socket";
            Requires = "virtlogd.socket";
            Wants = "virtlockd.socket";
            After = "virtlogd.socket";
            After = "virtlockd.socket";
            #[cfg(feature = "libvirt-12")]
            After = "virtlogd.service";
            #[cfg(feature = "libvirt-12")]
            After = "virtlockd.service";
            Wants = "systemd-machined.service";
            After = "network.target";
            After = "dbus.service";
            After = "iscsid.service";
            After = "apparmor.service";
            After = "remote-fs.target";
            After = "systemd-machined.service";
            After = "xencommons.service";
            Conflicts = "xendomains.service";

            [Service]
            #[cfg(feature = "libvirt-12")]
            Type = "notify-reload";
            #[cfg(not(feature = "libvirt-12"))]
            Type = notify;
            Environment = "LIBVIRTD_ARGS=\"--timeout 120\"";
            EnvironmentFile = "-{initconfdir}/libvirtd";
            ExecStart = "{sbindir}/libvirtd $LIBVIRTD_ARGS";
            ExecReload = "/bin/kill -HUP $MAINPID";
            KillMode = process;
            Restart = "on-failure";
            use limit_nofile;
            use tasks_max;
            use limit_memlock;

            [Install]
            WantedBy = "multi-user.target";
            Also = "virtlockd.socket";
            Also = "virtlogd.socket";
            Also = "libvirtd.socket";
            Also = "libvirtd-ro.socket";
            Also = "libvirtd-admin.socket";
        }
        virtd_socket {
            [Unit]
            remove Conflicts = "libvirtd.socket";
            remove After = "libvirtd.socket";
        }
        virtd_socket_ro {
            [Unit]
            remove Conflicts = "libvirtd-ro.socket";
            remove After = "libvirtd-ro.socket";
        }
        virtd_socket_admin {
            [Unit]
            remove Conflicts = "libvirtd-admin.socket";
            remove After = "libvirtd-admin.socket";
        }
        virtd_socket_tcp {
            [Unit]
            remove Conflicts = "libvirtd-tcp.socket";
            remove After = "libvirtd-tcp.socket";
        }
        virtd_socket_tls {
            [Unit]
            remove Conflicts = "libvirtd-tls.socket";
            remove After = "libvirtd-tls.socket";
        }
    }

    daemon virtlogd(name = "logging") {
        helper_service {
            [Service]
            // libvirt 12.8 sandboxes virtlogd; its limits follow the sandbox.
            #[cfg(feature = "libvirt-12")]
            reset OOMScoreAdjust;
            #[cfg(feature = "libvirt-12")]
            reset LimitNOFILE;
            #[cfg(feature = "libvirt-12")]
            use virtlogd_sandbox;
            #[cfg(feature = "libvirt-12")]
            use oom_score_adjust;
            #[cfg(feature = "libvirt-12")]
            use limit_nofile;
            #[cfg(feature = "libvirt-12")]
            exposure <= 2.2;
        }
        helper_socket;
        helper_socket_admin;
    }

    daemon virtlockd(name = "locking") {
        helper_service;
        helper_socket;
        helper_socket_admin;
    }

    /// libvirt 12.8: the legacy daemon gets the secrets key as the secret daemon does.
    #[cfg(all(feature = "libvirt-12", feature = "secrets"))]
    dropin "libvirtd.service.d/10-secret.conf" {
        [Unit]
        Requires = "virt-secret-init-encryption.service";
        After = "virt-secret-init-encryption.service";

        [Service]
        Environment = "SECRETS_ENCRYPTION_KEY=%d/secrets-encryption-key";
        LoadCredentialEncrypted = "secrets-encryption-key:{localstatedir}/lib/libvirt/secrets/secrets-encryption-key";
    }

    unit "virt-guest-shutdown.target" {
        [Unit]
        Description = "libvirt guests shutdown target";
        Documentation = "https://libvirt.org/";
    }
}
