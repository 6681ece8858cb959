use unit_macros::systemd_unit;

systemd_unit! {
    unit "app.service" {
        [Service]
        ExecStart = "/usr/bin/app";
    }

    dropin "nginx.service.d/10-app.conf" {
        [Service]
        LimitNOFILE = 65536;
    }
}

fn main() {
    let _ = &FAMILY;
}
