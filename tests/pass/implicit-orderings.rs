use unit_macros::systemd_unit;

// Orderings that look like cycles but are none for systemd: a service without default
// dependencies may run before `basic.target`, and a target written to be before a unit it
// wants is not also ordered after it.
systemd_unit! {
    unit "early.service" {
        [Unit]
        DefaultDependencies = no;
        Before = "basic.target";
        [Service]
        Type = oneshot;
        ExecStart = "/usr/bin/early";
    }
    unit "demo.target" {
        [Unit]
        Before = "demo.service";
    }
    unit "demo.service" {
        [Service]
        ExecStart = "/usr/bin/demo";
        [Install]
        WantedBy = "demo.target";
    }
}

fn main() {
    let units = FAMILY.render(&FAMILY.default_options()).unwrap();
    assert_eq!(units.len(), 3);
}
