use unit_macros::systemd_unit;

systemd_unit! {
    extern { "nginx.service" = "the web server, from nginx"; }

    dropin "nginx.service.d/10-reload.conf" {
        [Service]
        Type = "notify-reload";
    }
}

fn main() {
    let _ = &FAMILY;
}
