use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.scope" {
        [Scope]
        Slice = "system.slice";
    }
}

fn main() {
    let _ = &FAMILY;
}
