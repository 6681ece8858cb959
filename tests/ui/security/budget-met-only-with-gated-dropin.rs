use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        // 9.6 for the bare unit under systemd 252; the drop-in brings it under 9.0, but only
        // in builds with `unix`.
        exposure <= 9.0;
    }

    #[cfg(unix)]
    dropin "demo.service.d/10-harden.conf" {
        [Service]
        PrivateNetwork = yes;
        DynamicUser = yes;
        CapabilityBoundingSet = "~CAP_SYS_ADMIN";
    }
}

fn main() {
    let _ = &FAMILY;
}
