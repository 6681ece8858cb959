use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        [Install]
        Alias = "demo-alias.socket";
    }
}

fn main() {
    let _ = &FAMILY;
}
