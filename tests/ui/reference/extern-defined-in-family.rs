use unit_macros::systemd_unit;

systemd_unit! {
    extern {
        "helper.service" = "the helper package";
    }
    unit "helper.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
