use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Unit]
        Descripton = "Demo";
        [Service]
        Type = "notfy";
        ExecStart = "/usr/bin/demo";
        RestartSec = "ten";
        ListenStream = "/run/demo.sock";
    }
}

fn main() {
    let _ = &FAMILY;
}
