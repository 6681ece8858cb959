use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        /// The service itself.
        [Service]
        ExecStart = "/usr/bin/demo";
        Restart = "sometimes";
    }
}

fn main() {
    let _ = &FAMILY;
}
