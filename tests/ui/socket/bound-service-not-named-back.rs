use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.socket" {
        [Socket]
        ListenStream = "/run/demo.sock";
        Service = "other.service";
    }
    unit "demo.service" {
        [Unit]
        BindsTo = "demo.socket";
        [Service]
        ExecStart = "/usr/bin/demo";
    }
    unit "other.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
