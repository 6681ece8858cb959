//! Exposure budgets at every level, each met: the family's for every service, a template's
//! for the units it makes, an instance's over its template's, a unit's own, and one under
//! `#[cfg]` for the version of a unit it applies to.

use unit_core::security::{score, Policy};
use unit_macros::systemd_unit;

systemd_unit! {
    exposure <= 9.6;

    template sandboxed() -> "{daemon}.service" {
        exposure <= 9.0;

        [Service]
        ExecStart = "/usr/bin/{daemon}";
        PrivateNetwork = yes;
        PrivateTmp = yes;
    }

    daemon alpha { sandboxed; }

    daemon beta {
        sandboxed {
            exposure <= 7.9;
            [Service]
            DynamicUser = yes;
        }
    }

    daemon gamma {
        sandboxed {
            #[cfg(unix)]
            exposure <= 7.9;
            [Service]
            #[cfg(unix)]
            DynamicUser = yes;
        }
    }

    unit "plain.service" {
        [Service]
        ExecStart = "/usr/bin/plain";
    }

    unit "locked.service" {
        exposure <= 2.0;

        [Service]
        ExecStart = "/usr/bin/locked";
        DynamicUser = yes;
        PrivateNetwork = yes;
        PrivateDevices = yes;
        ProtectKernelTunables = yes;
        ProtectKernelModules = yes;
        ProtectKernelLogs = yes;
        ProtectControlGroups = yes;
        ProtectClock = yes;
        ProtectHostname = yes;
        ProtectHome = yes;
        ProtectProc = invisible;
        ProcSubset = pid;
        CapabilityBoundingSet = "";
        RestrictAddressFamilies = "AF_UNIX";
        RestrictNamespaces = yes;
        LockPersonality = yes;
        MemoryDenyWriteExecute = yes;
        RestrictRealtime = yes;
        SystemCallArchitectures = native;
        SystemCallFilter = "@system-service";
        SystemCallFilter = "~@privileged @resources";
        IPAddressDeny = any;
        UMask = "0077";
        PrivateUsers = yes;
        DevicePolicy = closed;
    }

    unit "demo.socket" {
        [Socket]
        ListenStream = "/run/demo.sock";
        Service = "plain.service";
    }
}

fn main() {
    let units = FAMILY.render(&FAMILY.default_options()).unwrap();
    let exposure = |name: &str| {
        let rendered = units.iter().find(|u| u.name == name).unwrap();
        let unit = unit_core::parse(name, &rendered.text).unwrap();
        score(&[&unit], 252, &Policy::default()).exposure
    };
    assert_eq!(exposure("alpha.service"), 90);
    assert_eq!(exposure("beta.service"), 79);
    assert_eq!(exposure("plain.service"), 96);
    assert_eq!(exposure("locked.service"), 4);
}
