use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.timer" {
        [Timer]
        OnCalendar = "daily";
    }
}

fn main() {
    let _ = &FAMILY;
}
