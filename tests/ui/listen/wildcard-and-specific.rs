use unit_macros::systemd_unit;

systemd_unit! {
    unit "a.socket" {
        [Socket]
        ListenStream = "0.0.0.0:8080";
        Service = "demo.service";
    }
    unit "b.socket" {
        [Socket]
        ListenStream = "127.0.0.1:8080";
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
