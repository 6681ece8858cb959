use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Unit]
        Description "Demo";
        Descripton = "Demo";
        After = "network.target"
        Wants = "netwrk.target";
        [Service]
        Type = ;
        ExecStart = "/usr/bin/demo";
        RestartSec = "ten";
        KillMode = proces;
    }
}

fn main() {
    let _ = &FAMILY;
}
