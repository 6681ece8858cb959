use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.timer" {
        [Unit]
        After = "demo.service";
        [Timer]
        OnCalendar = "daily";
    }
    unit "demo.service" {
        [Service]
        Type = oneshot;
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
