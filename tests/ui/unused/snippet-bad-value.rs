use unit_macros::systemd_unit;

systemd_unit! {
    snippet limits {
        TasksMax = "lots";
    }
}

fn main() {
    let _ = &FAMILY;
}
