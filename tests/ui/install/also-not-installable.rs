use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        [Install]
        WantedBy = "multi-user.target";
        Also = "helper.service";
    }
    unit "helper.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
