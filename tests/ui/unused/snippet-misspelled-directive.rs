use unit_macros::systemd_unit;

systemd_unit! {
    snippet limits {
        LimitNOFLE = "1024:524288";
    }
}

fn main() {
    let _ = &FAMILY;
}
