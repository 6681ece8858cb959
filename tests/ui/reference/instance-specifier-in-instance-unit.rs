// In a unit named as an instance, `%i` is its instance, as systemd 252 expands it:
// `dev-sdx12.device` and `blockdev@dev-mapper-dev-sdx12.target` must be known.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "makefs@dev-sdx12.service" {
        [Unit]
        BindsTo = "%i.device";
        After = "blockdev@dev-mapper-%i.target";
        [Service]
        Type = oneshot;
        ExecStart = "/usr/bin/mkfs /%I";
    }
}

fn main() {
    let _ = &FAMILY;
}
