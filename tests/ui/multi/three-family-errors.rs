use unit_macros::systemd_unit;

systemd_unit! {
    unit "a.socket" {
        [Socket]
        ListenStream = "/run/demo.sock";
    }
    unit "b.socket" {
        [Socket]
        ListenStream = "/run/demo.sock";
        Service = "b.service";
    }
    unit "b.service" {
        [Unit]
        After = "b.socket";
        Before = "b.socket";
        Wants = "c.service";
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
