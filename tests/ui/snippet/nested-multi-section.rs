use unit_macros::systemd_unit;

systemd_unit! {
    snippet ordering {
        [Unit]
        After = "remote-fs.target";
    }
    snippet hypervisor {
        [Service]
        KillMode = process;
        use ordering;
    }
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        use hypervisor;
    }
}

fn main() {
    let _ = &FAMILY;
}
