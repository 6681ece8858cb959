// systemd 252 refuses to load `systemd-journald@NAME.socket` when `/run/systemd/journal.NAME/
// io.systemd.journal` does not fit a socket address ("File name too long", "Unit has no Listen
// setting"), so the service cannot start: 67 characters load, 68 do not.

use unit_macros::systemd_unit;

systemd_unit! {
    unit "app.service" {
        [Service]
        ExecStart = "/usr/bin/app";
        LogNamespace = "a-namespace-name-that-is-far-too-long-for-the-journal-socket-paths-x";
    }
}

fn main() {
    let _ = &FAMILY;
}
