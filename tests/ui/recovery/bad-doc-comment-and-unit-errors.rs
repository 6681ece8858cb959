use unit_macros::systemd_unit;

systemd_unit! {
    #[doc = "A demo\u{7} unit."]
    unit "demo.service" {
        [Unit]
        Descripton = "Demo";
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
