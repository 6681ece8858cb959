use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        RootDirectory = "%n";
    }
}

fn main() {
    let _ = &FAMILY;
}
