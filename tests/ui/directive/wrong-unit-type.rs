use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Unit]
        Description = "Demo";
        [Service]
        ExecStart = "/usr/bin/demo";
        ListenStream = "/run/demo.sock";
    }
}

fn main() {
    let _ = &FAMILY;
}
