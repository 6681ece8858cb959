use unit_macros::systemd_unit;

systemd_unit! {
    extern { "nginx.service" = "the web server, from nginx"; }

    dropin "nginx.service.d/10-app.conf" {
        [Socket]
        ListenStream = "/run/app.sock";
    }
}

fn main() {
    let _ = &FAMILY;
}
