use unit_macros::systemd_unit;

systemd_unit! {
    #[cfg(feature = "newer")]
    systemd 253..;
    #[cfg(not(feature = "newer"))]
    systemd 252..;

    unit "demo.service" {
        [Service]
        #[cfg(feature = "newer")]
        Type = "notify-reload";
        #[cfg(not(feature = "newer"))]
        Type = "notify-reload";
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
