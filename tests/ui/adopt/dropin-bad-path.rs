use unit_macros::systemd_unit;

systemd_unit! {
    unit "app.service" {
        [Service]
        ExecStart = "/usr/bin/app";
    }

    dropin "app.service/10-debug.conf" {
        [Service]
        Environment = "DEBUG=1";
    }
}

fn main() {
    let _ = &FAMILY;
}
