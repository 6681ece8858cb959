// What systemd 252 accepts and the definitions accept too (each checked with
// `systemd-analyze verify`):
// - a list value given twice in one body is appended twice: two identical `ExecStart=` in a
//   oneshot service run twice, `SystemCallFilter=ioperm` twice is the same filter;
// - `StandardInputText=` over several lines appends one line each;
// - the order of writing does not matter: `Type=oneshot` after the `ExecStart=` lines;
// - a single-valued directive given twice needs `override` on the later line, which then wins
//   as systemd's last assignment does, in a unit, a template, an extra and a drop-in;
// - `override ExecStart` in an extra replaces every command line of the template.
// An extra that repeats its template's list value exactly is still refused (the SPEC's rule,
// `ui/merge/duplicate-list-value.rs`).

use unit_macros::systemd_unit;

systemd_unit! {
    unit "twice.service" {
        [Service]
        ExecStart = "/usr/bin/step";
        ExecStart = "/usr/bin/step";
        Type = oneshot;
        SystemCallFilter = "ioperm";
        SystemCallFilter = "ioperm";
        StandardInput = "data";
        StandardInputText = "first line";
        StandardInputText = "second line";
        KillMode = "process";
        override KillMode = "mixed";
    }

    template job() -> "{daemon}.service" {
        [Service]
        Type = oneshot;
        ExecStart = "/usr/bin/{daemon} --prepare";
        ExecStart = "/usr/bin/{daemon}";
        Nice = 5;
        override Nice = 10;
    }

    daemon nightly {
        job {
            [Service]
            override ExecStart = "/usr/bin/nightly --all";
            override Nice = 15;
        }
    }

    unit "app.service" {
        [Service]
        ExecStart = "/usr/bin/app";
    }

    dropin "app.service.d/10-type.conf" {
        [Service]
        Type = "notify";
        override Type = "exec";
    }
}

fn main() {
    let options = FAMILY.default_options();
    let text = |name: &str| FAMILY.unit(name).unwrap().render(&options).unwrap().text;
    let twice = text("twice.service");
    assert_eq!(twice.matches("ExecStart=/usr/bin/step\n").count(), 2);
    assert_eq!(twice.matches("SystemCallFilter=ioperm\n").count(), 2);
    assert!(twice.contains("KillMode=mixed\n") && !twice.contains("KillMode=process"));
    let nightly = text("nightly.service");
    assert_eq!(nightly.matches("ExecStart=").count(), 1, "{nightly}");
    assert!(nightly.contains("ExecStart=/usr/bin/nightly --all\n"));
    assert!(nightly.contains("Nice=15\n"));
    let d = FAMILY.render_dropins(&options).unwrap();
    assert_eq!(d[0].text, "[Service]\nType=exec\n");
}
