use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        Type = oneshot;
        ExecStop = "/usr/bin/demo --stop";
    }
}

fn main() {
    let _ = &FAMILY;
}
