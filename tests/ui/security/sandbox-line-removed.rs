//! libvirt 12.8's virtlogd with `PrivateNetwork=` taken out of its sandbox: over the budget
//! the daemon meets with it.

use unit_macros::systemd_unit;

systemd_unit! {
    systemd 253..;

    unit "virtlogd.service" {
        exposure <= 2.2;

        [Unit]
        Description = "libvirt logging daemon";

        [Service]
        Type = notify;
        ExecStart = "/usr/sbin/virtlogd";
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
        LockPersonality = "true";
        MemoryDenyWriteExecute = "true";
        PrivateDevices = "true";
        PrivateMounts = "true";
        ProtectControlGroups = "true";
        ProtectKernelModules = "true";
        ProtectKernelTunables = "true";
        ProtectSystem = "full";
        RestrictAddressFamilies = "AF_UNIX";
        RestrictNamespaces = "~cgroup";
        RestrictNamespaces = "~ipc";
        RestrictNamespaces = "~mnt";
        RestrictNamespaces = "~net";
        RestrictNamespaces = "~pid";
        RestrictNamespaces = "~user";
        RestrictNamespaces = "~uts";
        RestrictRealtime = "true";
        RestrictSUIDSGID = "true";
        SystemCallArchitectures = "native";
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
}

fn main() {
    let _ = &FAMILY;
}
