use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.target" {
        [Unit]
        Descripton = "Demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
