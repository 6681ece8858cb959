use unit_macros::systemd_unit;

systemd_unit! {
    unit "srv-data.mount" {
        [Mount]
        What = "/dev/disk/by-label/data";
        Where = "/srv/other";
    }
}

fn main() {
    let _ = &FAMILY;
}
