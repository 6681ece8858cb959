use unit_macros::systemd_unit;

systemd_unit! {
    unit "a.service" {
        [Service]
        ExecStart "/usr/bin/a";
    }
    unit "b.service" {
        [Service]
        ExecStart = "/usr/bin/b";
        Type = ;
    }
}

fn main() {
    let _ = &FAMILY;
}
