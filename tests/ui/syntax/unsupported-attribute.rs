use unit_macros::systemd_unit;

systemd_unit! {
    #[allow(unused)]
    unit "demo.target" {
        [Unit]
        Description = "Demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
