use unit_macros::systemd_unit;

systemd_unit! {
    unit "worker@.service" {
        [Unit]
        BindsTo = "helper@%i.service";
        [Service]
        ExecStart = "/usr/bin/worker %i";
    }
}

fn main() {
    let _ = &FAMILY;
}
