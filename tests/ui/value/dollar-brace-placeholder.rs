use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        Environment = "ARGS=-v";
        ExecStart = "/usr/bin/demo ${ARGS}";
    }
}

fn main() {
    let _ = &FAMILY;
}
