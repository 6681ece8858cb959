//! Drop-ins under `#[cfg]` take part only in the configurations they exist in: each one here
//! would be wrong with the other version of the unit it extends.
use unit_macros::systemd_unit;

systemd_unit! {
    unit "a.service" {
        [Service]
        ExecStart = "/usr/bin/a";
    }

    // Ordered after `a.service` only without `unix`, where the drop-in ordering `a.service`
    // after it does not exist: no ordering cycle in either configuration.
    unit "b.service" {
        [Unit]
        #[cfg(not(unix))]
        After = "a.service";
        [Service]
        ExecStart = "/usr/bin/b";
    }

    #[cfg(unix)]
    dropin "a.service.d/10-order.conf" {
        [Unit]
        After = "b.service";
    }

    // A second `ExecStart=` needs `Type=oneshot`, which `job.service` has with `unix`, where
    // the drop-in adding one exists.
    unit "job.service" {
        [Service]
        #[cfg(unix)]
        Type = oneshot;
        #[cfg(not(unix))]
        Type = simple;
        ExecStart = "/usr/bin/job";
    }

    #[cfg(unix)]
    dropin "job.service.d/10-more.conf" {
        [Service]
        ExecStart = "/usr/bin/job --again";
    }

    // A unit and the drop-in that gives it its command exist in the same builds.
    #[cfg(unix)]
    unit "tool.service" {
        [Service]
        Type = oneshot;
    }

    #[cfg(unix)]
    dropin "tool.service.d/10-exec.conf" {
        [Service]
        ExecStart = "/usr/bin/tool";
    }

    // Two versions of one drop-in, never both in one build.
    #[cfg(unix)]
    dropin "b.service.d/10-env.conf" {
        [Service]
        Environment = "MODE=unix";
    }

    #[cfg(not(unix))]
    dropin "b.service.d/10-env.conf" {
        [Service]
        Environment = "MODE=other";
    }
}

fn main() {
    let options = FAMILY.default_options();
    assert_eq!(FAMILY.render(&options).unwrap().len(), 4);
    // The `unix` version of each: the others are left out of this build.
    let dropins = FAMILY.render_dropins(&options).unwrap();
    let paths: Vec<String> = dropins.iter().map(|d| d.path()).collect();
    assert_eq!(
        paths,
        [
            "a.service.d/10-order.conf",
            "job.service.d/10-more.conf",
            "tool.service.d/10-exec.conf",
            "b.service.d/10-env.conf",
        ]
    );
    assert!(dropins[3].text.contains("Environment=MODE=unix"));
}
