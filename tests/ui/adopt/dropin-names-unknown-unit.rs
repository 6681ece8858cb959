// `systemd-analyze verify` (systemd 252) fails on a dependency that exists nowhere ("Unit
// nowhere.service not found"); a drop-in's references are checked as the unit's are, here on
// a unit another package provides.

use unit_macros::systemd_unit;

systemd_unit! {
    extern { "postgresql.service" = "the database server, from postgresql"; }

    dropin "postgresql.service.d/50-app.conf" {
        [Unit]
        Wants = "nowhere.service";
    }
}

fn main() {
    let _ = &FAMILY;
}
