use unit_macros::systemd_unit;

systemd_unit! {
    family "demo";

    unit "app.service" {
        [Service]
        ExecStart = "/usr/bin/app";
        [Install]
        WantedBy = "multi-user.target";
    }

    dropin "app.service.d/10-debug.conf" {
        [Service]
        reset ExecStart;
        ExecStart = "/usr/bin/app --debug";
    }

    preset 90 { enable "app.service"; }
}

fn main() {
    let d = FAMILY.render_dropins(&FAMILY.default_options()).unwrap();
    assert_eq!(d[0].path(), "app.service.d/10-debug.conf");
    assert_eq!(d[0].text, "[Service]\nExecStart=\nExecStart=/usr/bin/app --debug\n");
    let (name, text) = FAMILY.preset_file().unwrap();
    assert_eq!(name, "90-demo.preset");
    assert!(text.ends_with("\nenable app.service\n"));
}
