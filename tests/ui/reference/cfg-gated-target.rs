use unit_macros::systemd_unit;

systemd_unit! {
    #[cfg(feature = "helper")]
    unit "helper.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        [Install]
        WantedBy = "multi-user.target";
    }
    unit "demo.service" {
        [Unit]
        Wants = "helper.service";
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
