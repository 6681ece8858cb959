use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.servce" {
        [Unit]
        Description = "Demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
