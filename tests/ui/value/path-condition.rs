use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Unit]
        ConditionPathExists = "!proc/xen/capabilities";
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
