use unit_macros::systemd_unit;

systemd_unit! {
    options {
        systemdsystemunitdir: path = "/lib/systemd/system",
        datadir: path = "/usr/share",
    }

    dirs {
        unit = systemdsystemunitdir;
        prefix = datadir;
    }

    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    assert_eq!(FAMILY.dirs.unit, "systemdsystemunitdir");
    assert_eq!(FAMILY.dirs.preset, "presetdir");
    assert_eq!(FAMILY.dirs.prefix, "datadir");
}
