use unit_macros::systemd_unit;

systemd_unit! {
    extern {
        "iscsid.service" = "";
    }
    unit "demo.service" {
        [Unit]
        After = "iscsid.service";
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
