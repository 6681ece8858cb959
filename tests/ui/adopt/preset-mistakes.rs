use unit_macros::systemd_unit;

systemd_unit! {
    unit "app.socket" {
        [Socket]
        ListenStream = "/run/app.sock";
        [Install]
        WantedBy = "sockets.target";
    }

    unit "app.service" {
        [Service]
        ExecStart = "/usr/bin/app";
    }

    unit "worker@.service" {
        [Service]
        ExecStart = "/usr/bin/worker %i";
        [Install]
        WantedBy = "multi-user.target";
    }

    preset {
        enable "app.sockt";
        enable "app.service";
        enable "worker@.service";
    }
}

fn main() {
    let _ = &FAMILY;
}
