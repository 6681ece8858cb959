// With the feature, `Type=` is set twice in one body: a mistake of the definition (systemd
// would take the last), whose remedy is `override Type = ...;` on the later line.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "demo.service" {
        [Service]
        Type = "notify";
        #[cfg(feature = "newer")]
        Type = "exec";
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let _ = &FAMILY;
}
