//! A drop-in is checked against the family's systemd target, as its units are: `Type=notify-reload`
//! (systemd 253) is fine in a family that targets 253 and later.
use unit_macros::systemd_unit;

systemd_unit! {
    systemd 253..;

    extern { "nginx.service" = "the web server, from nginx"; }

    unit "app.service" {
        [Service]
        ExecStart = "/usr/bin/app";
    }

    dropin "nginx.service.d/10-reload.conf" {
        [Service]
        Type = "notify-reload";
    }

    dropin "app.service.d/10-reload.conf" {
        [Service]
        Type = "notify-reload";
    }
}

fn main() {
    let units = FAMILY.render_dropins(&FAMILY.default_options()).unwrap();
    assert_eq!(units.len(), 2);
}
