use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Unit]
        Description = "Demo";
        [Service]
        Type = "notify";
    }
}

fn main() {
    let _ = &FAMILY;
}
