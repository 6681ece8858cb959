// systemd 252 reads a lone `;` as the start of a second command and refuses the service
// ("Service has more than one ExecStart= setting, which is only allowed for Type=oneshot
// services. Refusing."); `\\;` is a literal semicolon.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "app.service" {
        [Service]
        ExecStart = "/usr/bin/app --prepare ; /usr/bin/app";
    }
}

fn main() {
    let _ = &FAMILY;
}
