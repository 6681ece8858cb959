use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Unit]
        Description = "Demo";
        [Service]
        ExecStart = "/usr/bin/demo";
        [Servce]
        Type = "simple";
    }
}

fn main() {
    let _ = &FAMILY;
}
