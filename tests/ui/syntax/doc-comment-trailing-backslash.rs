use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        /// Runs the demo; see C:\
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
