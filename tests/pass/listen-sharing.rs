use unit_macros::systemd_unit;

// Sockets that share a port in ways the kernel allows: they conflict with each other, both set
// `ReusePort=yes`, one is IPv6-only, or they are bound to different devices.
systemd_unit! {
    unit "a.socket" {
        [Socket]
        ListenStream = "0.0.0.0:8080";
        Service = "demo.service";
    }
    unit "b.socket" {
        [Unit]
        Conflicts = "a.socket";
        [Socket]
        ListenStream = "127.0.0.1:8080";
        Service = "demo.service";
    }
    unit "c.socket" {
        [Socket]
        ListenStream = "[::]:9090";
        BindIPv6Only = "ipv6-only";
        Service = "demo.service";
    }
    unit "d.socket" {
        [Socket]
        ListenStream = "0.0.0.0:9090";
        Service = "demo.service";
    }
    unit "e.socket" {
        [Socket]
        ListenStream = 7070;
        ReusePort = yes;
        Service = "demo.service";
    }
    unit "f.socket" {
        [Socket]
        ListenStream = 7070;
        ReusePort = yes;
        Service = "demo.service";
    }
    unit "g.socket" {
        [Socket]
        ListenDatagram = 7070;
        Service = "demo.service";
    }
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
    }
}

fn main() {
    let units = FAMILY.render(&FAMILY.default_options()).unwrap();
    assert_eq!(units.len(), 8);
}
