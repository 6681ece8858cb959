use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        ExecStartPre = "%i --check";
    }
}

fn main() {
    let _ = &FAMILY;
}
