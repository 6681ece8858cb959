use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        Environment = "DEMO_HOME=%z";
    }
}

fn main() {
    let _ = &FAMILY;
}
