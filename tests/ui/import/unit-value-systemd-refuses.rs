// `unit_run::import` output (without its module doc line) for a unit file whose line 7 is `Restart=sometimes`,
// which systemd 252 logs as "Failed to parse service restart specifier, ignoring": the macro
// refuses it at the imported token.

use unit_macros::systemd_unit;

systemd_unit! {
    /// Restarts when it feels like it.
    unit "demo.service" {
        [Unit]
        Description = "Demo";

        [Service]
        ExecStart = "/usr/bin/demo --serve";
        Restart = sometimes;
    }
}

fn main() {}
