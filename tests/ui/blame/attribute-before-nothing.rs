use unit_macros::systemd_unit;

systemd_unit! {
    daemon demo {
        unit "demo.service" {
            [Service]
            ExecStart = "/usr/bin/demo";
        }
        #[cfg(feature = "extra")]
    }
}

fn main() {
    let _ = &FAMILY;
}
