use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        #[cfg(feature = "extra")]
        Nice = 5;
    }
}

fn main() {
    let _ = &FAMILY;
}
