use unit_macros::systemd_unit;

systemd_unit! {
    #[doc = "A demo\u{7} unit."]
    unit "demo.target" {
        [Unit]
        Description = "Demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
