use unit_macros::systemd_unit;

systemd_unit! {
    unit "srv-data.automount" {
        [Automount]
        Where = "/srv/data/";
    }
    unit "srv-data.mount" {
        [Mount]
        What = "/dev/disk/by-label/data";
        Where = "/srv/data";
    }
    unit "srv-cache.automount" {
        [Automount]
        Where = "/srv/data";
    }
}

fn main() {
    let _ = &FAMILY;
}
