//! Forms systemd takes that an earlier version of these checks refused.
use unit_macros::systemd_unit;

systemd_unit! {
    systemd 253..;

    snippet hardening {
        CapabilityBoundingSet = "";
        CapabilityBoundingSet = "CAP_NET_BIND_SERVICE";
    }

    unit "forms.service" {
        [Unit]
        Description = "100% of %q";
        ConditionMemoryPressure = "20%/5min";
        [X-Vendor]
        Anything = "goes";
        [Service]
        Type = "oneshot";
        Environment = "ARGS=-v";
        ExecStart = "/usr/bin/forms ${{ARGS}} $ARGS";
        ExecStart = "/usr/bin/forms --again";
        use hardening;
        X-Custom = "kept";
    }

    unit "reload.service" {
        [Service]
        Type = "notify-reload";
        ExecStart = "/usr/bin/reload";
        OpenFile = "/etc/reload.conf:config:read-only";
    }
}

fn main() {
    assert_eq!(FAMILY.target.min, 253);
    let units = FAMILY.render(&FAMILY.default_options()).unwrap();
    let forms = &units[0].text;
    assert!(forms.contains("Description=100% of %q\n"), "{forms}");
    assert!(forms.contains("[X-Vendor]\nAnything=goes\n"), "{forms}");
    assert!(forms.contains("ExecStart=/usr/bin/forms ${ARGS} $ARGS\nExecStart=/usr/bin/forms --again\n"), "{forms}");
    assert!(forms.contains("CapabilityBoundingSet=\nCapabilityBoundingSet=CAP_NET_BIND_SERVICE\n"), "{forms}");
    assert!(forms.contains("X-Custom=kept\n"), "{forms}");
    assert!(units[1].text.contains("Type=notify-reload\n"));
    assert!(units[1].text.contains("OpenFile=/etc/reload.conf:config:read-only\n"));
}
