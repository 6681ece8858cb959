// systemd 252 ignores the line with a warning ("Failed to assign slice a.slice to unit
// b.slice, ignoring: Invalid argument"): a slice's parent follows from its name. As for every
// line systemd ignores, the definition is refused.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "a.slice" {
        [Unit]
        Description = "parent";
    }

    unit "b.slice" {
        [Slice]
        Slice = "a.slice";
    }
}

fn main() {
    let _ = &FAMILY;
}
