use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        Slice = "system.service";
    }
}

fn main() {
    let _ = &FAMILY;
}
