use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        Type = "notify";
        #[cfg(feature = "newer")]
        Type = "exec";
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
