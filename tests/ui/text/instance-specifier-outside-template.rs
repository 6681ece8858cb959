use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo --instance %i";
    }
}

fn main() {
    let _ = &FAMILY;
}
