use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        /// Restart it when it fails.
    }
}

fn main() {
    let _ = &FAMILY;
}
