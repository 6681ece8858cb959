use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
    }

    dropin "demo.service.d/10-sandbox.conf" {
        exposure <= 8.0;
        [Service]
        PrivateNetwork = yes;
    }
}

fn main() {
    let _ = &FAMILY;
}
