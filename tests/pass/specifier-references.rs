use unit_macros::systemd_unit;

// References through specifiers resolve to what they expand to: `%n` of `demo.service` makes
// `notify@demo.service.service`, an instance of the `notify@.service` template; `%i` of a
// template stays unknown, so only the template it instantiates must exist.
systemd_unit! {
    unit "demo.service" {
        [Unit]
        OnFailure = "notify@%n.service";
        Wants = "%N-helper.service";
        [Service]
        ExecStart = "/usr/bin/demo";
    }
    unit "demo-helper.service" {
        [Service]
        ExecStart = "/usr/bin/demo-helper";
    }
    unit "notify@.service" {
        [Service]
        Type = oneshot;
        ExecStart = "/usr/bin/notify %i";
    }
    unit "worker@.service" {
        [Unit]
        BindsTo = "notify@%i.service";
        [Service]
        ExecStart = "/usr/bin/worker %i";
    }
}

fn main() {
    let units = FAMILY.render(&FAMILY.default_options()).unwrap();
    assert_eq!(units.len(), 4);
}
