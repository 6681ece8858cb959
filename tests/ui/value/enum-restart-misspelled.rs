use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        Restart = "on-falure";
    }
}

fn main() {
    let _ = &FAMILY;
}
