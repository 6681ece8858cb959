// systemd 252 refuses to load `app.service` where the drop-in is left out: "Service has no
// ExecStart=, ExecStop=, or SuccessAction=. Refusing." The drop-in that supplies it exists
// only with `#[cfg(windows)]`, so the unit lacks it in every other build.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "app.service" {
        [Service]
        Type = oneshot;
    }

    #[cfg(windows)]
    dropin "app.service.d/10-exec.conf" {
        [Service]
        ExecStart = "/usr/bin/app";
    }
}

fn main() {
    let _ = &FAMILY;
}
