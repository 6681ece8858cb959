use unit_macros::systemd_unit;

systemd_unit! {
    unit "srv.mount" {
        [Unit]
        After = "srv-data.mount";
        [Mount]
        What = "/dev/disk/by-label/srv";
        Where = "/srv";
    }
    unit "srv-data.mount" {
        [Mount]
        What = "/dev/disk/by-label/data";
        Where = "/srv/data";
    }
}

fn main() {
    let _ = &FAMILY;
}
