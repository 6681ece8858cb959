use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        Type = oneshot;
        ExecStart = "/usr/bin/demo";
        Restart = always;
    }
}

fn main() {
    let _ = &FAMILY;
}
