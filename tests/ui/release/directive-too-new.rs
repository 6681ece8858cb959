use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        OpenFile = "/etc/demo.conf";
    }
}

fn main() {
    let _ = &FAMILY;
}
