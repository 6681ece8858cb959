// A unit is ordered after its slice; systemd 252 finds the cycle when the service starts
// ("Found ordering cycle on app.slice/start", "Transaction order is cyclic").

use unit_macros::systemd_unit;

systemd_unit! {
    unit "app.slice" {
        [Unit]
        After = "app.service";
    }

    unit "app.service" {
        [Service]
        ExecStart = "/usr/bin/app";
        Slice = "app.slice";
    }
}

fn main() {
    let _ = &FAMILY;
}
