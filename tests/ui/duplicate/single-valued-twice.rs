// A single-valued directive set twice in one body: systemd (252 and later) would take the last
// value, and unit files read at run time (`parse`, drop-ins, import) are read so; in a
// definition it is a mistake, and `override Type = ...;` on the later line is the remedy that
// makes the last one win (see `pass/repeats-as-systemd-reads-them.rs`). An identical list
// value given twice is appended by systemd and accepted.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Unit]
        Description = "Demo";
        [Service]
        ExecStart = "/usr/bin/demo";
        Type = "notify";
        Type = "simple";
    }
}

fn main() {
    let _ = &FAMILY;
}
