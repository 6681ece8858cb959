use unit_macros::systemd_unit;

systemd_unit! {
    snippet sandbox {
        exposure <= 5.0;
        PrivateNetwork = yes;
    }

    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        use sandbox;
    }
}

fn main() {
    let _ = &FAMILY;
}
