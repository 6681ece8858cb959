use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        Description = "Demo";
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
