use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Unit]
        Wants = "helperd.service";
        [Service]
        ExecStart = "/usr/bin/demo";
    }
    unit "helper.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
