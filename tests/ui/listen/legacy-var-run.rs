use unit_macros::systemd_unit;

systemd_unit! {
    unit "a.socket" {
        [Socket]
        ListenStream = "/run/x.sock";
        Service = "demo.service";
    }
    unit "b.socket" {
        [Socket]
        ListenStream = "/var/run/x.sock";
        Service = "demo.service";
    }
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
