use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service extra]
        ExecStart = "/usr/bin/demo";
        Type = "notify";
    }
}

fn main() {
    let _ = &FAMILY;
}
