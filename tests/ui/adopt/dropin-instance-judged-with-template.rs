// A drop-in for an instance is judged against the template with that instance: systemd 252
// refuses `Restart=always` in a `Type=oneshot` service ("Service has Restart= set to either
// always or on-success, which isn't allowed for Type=oneshot services. Refusing.").

use unit_macros::systemd_unit;

systemd_unit! {
    unit "job@.service" {
        [Service]
        Type = oneshot;
        ExecStart = "/usr/bin/job %i";
    }

    dropin "job@nightly.service.d/10-again.conf" {
        [Service]
        Restart = always;
    }
}

fn main() {
    let _ = &FAMILY;
}
