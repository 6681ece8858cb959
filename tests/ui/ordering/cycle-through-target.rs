use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.target" {
        [Unit]
        Before = "demo.service";
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
