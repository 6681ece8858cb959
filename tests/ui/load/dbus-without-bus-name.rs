use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        Type = dbus;
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
