use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.target" {
        [Unit]
        Before = "prepare.service";
    }
    unit "prepare.service" {
        [Unit]
        Before = "demo.service";
        [Service]
        ExecStart = "/usr/bin/prepare";
    }
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        [Install]
        WantedBy = "demo.target";
    }
}

fn main() {
    let _ = &FAMILY;
}
