use unit_macros::systemd_unit;

systemd_unit! {
    snippet limits {
        LimitNOFILE = "1024:524288";
        After = "network.target";
    }
}

fn main() {
    let _ = &FAMILY;
}
