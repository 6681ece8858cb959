use unit_macros::systemd_unit;

systemd_unit! {
    options {
        systemdsystemunitdir: path = "/lib/systemd/system",
        presetdir: path = "/lib/systemd/system-preset",
        sockmode: mode = "0600",
        flavour = "plain",
    }

    dirs { unit = systemdunitdir; }

    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
