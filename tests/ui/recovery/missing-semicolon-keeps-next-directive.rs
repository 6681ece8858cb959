use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Unit]
        After = "network.target"
        Wants = "netwrk.target";
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
