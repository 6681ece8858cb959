use unit_macros::systemd_unit;

systemd_unit! {
    unit "a.service" {
        [Unit]
        After = "b.service";
        [Service]
        ExecStart = "/usr/bin/demo";
    }
    unit "b.service" {
        [Unit]
        After = "c.service";
        [Service]
        ExecStart = "/usr/bin/demo";
    }
    unit "c.service" {
        [Unit]
        After = "a.service";
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
