use unit_macros::systemd_unit;

systemd_unit! {
    service "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
