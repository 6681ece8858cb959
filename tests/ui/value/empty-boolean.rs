use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Unit]
        StopWhenUnneeded = "";
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
