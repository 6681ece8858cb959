// A keyword one letter off an item's: the error names the item meant.
use unit_macros::systemd_unit;

systemd_unit! {
    options {
        unitdir: path = "/usr/lib/systemd/system",
    }

    dir { unit = unitdir; }

    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
