//! Rule tests of the import: reading, settling, writing and factoring.

use super::*;

fn one(text: &str) -> Imported {
    import_texts(&[("a.service", text)], &[]).unwrap()
}

#[test]
fn literals_are_bare_where_the_dsl_allows() {
    assert_eq!(literal("yes"), "yes");
    assert_eq!(literal("32768"), "32768");
    assert_eq!(literal("-900"), "-900");
    assert_eq!(literal("0666"), "\"0666\"");
    assert_eq!(literal("64M"), "\"64M\"");
    assert_eq!(literal("on-failure"), "\"on-failure\"");
    assert_eq!(literal("a\\b"), "\"a\\\\b\"");
    assert_eq!(literal("${X}"), "\"${{X}}\"");
}

#[test]
fn resets_apply_as_systemd_applies_them() {
    let i = one("[Unit]\nAfter=x.service\nAfter=\nConditionPathExists=/a\nConditionHost=h\nConditionPathExists=\n[Service]\nEnvironment=A=1\nEnvironment=\nEnvironment=B=2\nExecStart=/bin/a\n");
    let u = &i.units[0];
    assert_eq!(u.values("Unit", "After"), ["x.service"]);
    assert!(u.values("Unit", "ConditionHost").is_empty());
    assert_eq!(u.values("Service", "Environment"), ["B=2"]);
    let kinds: Vec<&str> = i.gaps.iter().map(|g| g.kind).collect();
    assert_eq!(kinds, ["reset", "reset", "reset"]);
    assert!(i.gaps.iter().all(|g| !g.loses_meaning()));
}

#[test]
fn the_last_single_value_wins_but_exec_lines_stay() {
    let i = one("[Service]\nType=simple\nExecStart=/bin/a\nExecStart=/bin/b\nType=oneshot\n");
    let u = &i.units[0];
    assert_eq!(u.values("Service", "Type"), ["oneshot"]);
    assert_eq!(u.values("Service", "ExecStart"), ["/bin/a", "/bin/b"]);
    assert_eq!(i.gaps[0].kind, "last-wins");
    assert_eq!(i.gaps[0].line, 2);
}

#[test]
fn standard_input_data_appends_as_in_systemd() {
    let i = one("[Service]\nExecStart=/bin/a\nStandardInput=data\nStandardInputText=a\nStandardInputData=Yg==\nStandardInputText=c\n");
    let u = &i.units[0];
    assert_eq!(u.values("Service", "StandardInputText"), ["a", "c"]);
    assert_eq!(u.values("Service", "StandardInputData"), ["Yg=="]);
    assert!(i.gaps.is_empty(), "{:?}", i.gaps);
}

#[test]
fn extension_keys_and_sections_are_kept() {
    let i =
        one("[Unit]\nX-Note=1\nDescription=a\n[X-Vendor]\nKey=v\n[Service]\nExecStart=/bin/a\n");
    let u = &i.units[0];
    let names: Vec<&str> = u.sections.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Unit", "X-Vendor", "Service"]);
    assert_eq!(u.values("Unit", "X-Note"), ["1"]);
    assert!(i.gaps.is_empty(), "{:?}", i.gaps.len());
}

#[test]
fn dropins_stay_files_of_their_own_and_apply_in_name_order() {
    let i = import_texts(
        &[("a.service", "[Service]\nExecStart=/bin/a\nNice=1\n")],
        &[
            ("a.service", "20-b.conf", "[Service]\nNice=3\n"),
            (
                "a.service",
                "10-a.conf",
                "# Why.\n\n[Service]\nNice=2\nExecStart=/bin/x\nExecStart=\nExecStart=/bin/b\n",
            ),
        ],
    )
    .unwrap();
    assert_eq!(i.units[0].values("Service", "Nice"), ["1"]);
    let files: Vec<&str> = i.dropins.iter().map(|d| d.file.as_str()).collect();
    assert_eq!(files, ["10-a.conf", "20-b.conf"]);
    let merged = i.merged("a.service").unwrap();
    assert_eq!(merged.values("Service", "Nice"), ["3"]);
    // The reset stays in the merged unit, clearing what precedes it.
    assert_eq!(
        merged.values("Service", "ExecStart"),
        ["/bin/a", "", "/bin/b"]
    );
    // The reset is carried over as `reset`, not applied: nothing to report.
    assert!(i.gaps.is_empty(), "{:?}", i.gaps);
    let src = write_family(&i, &Layout::default());
    assert!(
        src.contains("/// Why.\n    dropin \"a.service.d/10-a.conf\" {\n        [Service]\n        Nice = 2;\n        reset ExecStart;\n        ExecStart = \"/bin/b\";\n    }"),
        "{src}"
    );
    assert!(!src.contains("/bin/x"), "{src}");
}

#[test]
fn errors_name_file_and_line() {
    let e = import_texts(&[("a.service", "[Unit]\nDescription\n")], &[]).unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "a.service:2: `Description` is not a `Key=value` assignment"
    );
    let e = import_texts(&[], &[("b.service", "x.conf", "Nice=1\n")]).unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "b.service.d/x.conf:1: `Nice=1` stands before any `[Section]` header"
    );
}

#[test]
fn a_dropin_for_a_unit_of_another_package_extends_an_extern_unit() {
    let i = import_texts(&[], &[("b.service", "x.conf", "[Service]\nNice=1\n")]).unwrap();
    let src = write_family(&i, &Layout::default());
    assert!(src.contains("\"b.service\" = \"TODO"), "{src}");
    assert!(src.contains("dropin \"b.service.d/x.conf\" {"), "{src}");
}

#[test]
fn a_dropin_of_an_extern_socket_does_not_declare_its_service() {
    let i = import_texts(&[], &[("b.socket", "x.conf", "[Socket]\nBacklog=8\n")]).unwrap();
    let src = write_family(&i, &Layout::default());
    assert!(src.contains("\"b.socket\" = \"TODO"), "{src}");
    assert!(!src.contains("\"b.service\""), "{src}");
}

#[test]
fn a_preset_of_imported_units_names_the_family() {
    let units = [
        (
            "a.socket",
            "[Socket]\nListenStream=/run/a\n[Install]\nWantedBy=sockets.target\n",
        ),
        ("a.service", "[Service]\nExecStart=/bin/a\n"),
    ];
    let i = import_texts(&units, &[]).unwrap();
    assert!(i.preset.is_none());
    let dir = std::env::temp_dir().join(format!("import-preset-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in units {
        std::fs::write(dir.join(name), text).unwrap();
    }
    std::fs::write(
        dir.join("80-fam.preset"),
        "# c\nenable a.socket\ndisable a.service\n",
    )
    .unwrap();
    let i = read_paths(std::slice::from_ref(&dir)).unwrap();
    let src = write_family(&i, &Layout::default());
    assert!(src.contains("    family \"fam\";\n"), "{src}");
    assert!(
        src.contains(
            "    preset 80 {\n        enable \"a.socket\";\n        disable \"a.service\";\n    }"
        ),
        "{src}"
    );
    std::fs::write(dir.join("80-fam.preset"), "enable other.service\n").unwrap();
    let i = read_paths(std::slice::from_ref(&dir)).unwrap();
    assert!(i.preset.is_none());
    assert_eq!(i.gaps[0].kind, "preset");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_unit_that_needs_a_later_release_says_so() {
    let i = one("[Service]\nType=notify-reload\nExecStart=/bin/a\n");
    let src = write_family(&i, &Layout::default());
    assert!(src.contains("    systemd 253..;\n"), "{src}");
    let layout = Layout {
        target: Some(257),
        ..Layout::default()
    };
    assert!(write_family(&one("[Service]\nExecStart=/bin/a\n"), &layout).contains("systemd 257..;"));
    let removed = one("[Service]\nCPUAccounting=yes\nExecStart=/bin/a\n");
    assert!(write_family(&removed, &layout).contains("    systemd 257..=261;\n"));
    assert!(
        !write_family(&one("[Service]\nExecStart=/bin/a\n"), &Layout::default())
            .contains("    systemd ")
    );
}

#[test]
fn externs_list_what_is_named_but_not_defined() {
    let i = import_texts(
        &[
            ("a.socket", "[Socket]\nListenStream=/run/a\n[Install]\nWantedBy=sockets.target\n"),
            ("b.service", "[Unit]\nAfter=a.socket network.target other.service c@x.service\n[Service]\nExecStart=/bin/b\n"),
        ],
        &[],
    )
    .unwrap();
    let src = write_family(&i, &Layout::default());
    assert!(src.contains("\"a.service\" = \"TODO"), "{src}");
    assert!(src.contains("\"other.service\" = \"TODO"), "{src}");
    assert!(src.contains("\"c@x.service\" = \"TODO"), "{src}");
    assert!(!src.contains("\"network.target\" ="), "{src}");
    assert!(!src.contains("\"a.socket\" ="), "{src}");
}

#[test]
fn near_copies_become_one_template() {
    let unit = |d: &str, name: &str| {
        format!("# {d} runs here.\n[Unit]\nDescription=The {name} daemon\n[Service]\nExecStart=/usr/sbin/{d} --conf /etc/{d}.conf\nRestart=on-failure\n")
    };
    let (a, b, c) = (
        unit("alphad", "Alpha"),
        unit("betad", "Beta"),
        unit("gammad", "Gamma Ray"),
    );
    let i = import_texts(
        &[
            ("alphad.service", &a),
            ("betad.service", &b),
            ("gammad.service", &c),
        ],
        &[],
    )
    .unwrap();
    let f = factor(&i);
    let src = write_factored(&f, &Layout::default());
    assert!(
        src.contains("template t_service(name: text) -> \"{daemon}.service\" {"),
        "{src}"
    );
    assert!(
        src.contains("Description = \"The {name} daemon\";"),
        "{src}"
    );
    assert!(
        src.contains("ExecStart = \"/usr/sbin/{daemon} --conf /etc/{daemon}.conf\";"),
        "{src}"
    );
    let gamma = "daemon gammad(name = \"Gamma Ray\") {\n        /// gammad runs here.\n        t_service;\n    }";
    assert!(src.contains(gamma), "{src}");
    assert_eq!(src.matches("unit \"").count(), 0, "{src}");
}

#[test]
fn a_member_that_differs_gets_removals_and_extras() {
    let base =
        "[Unit]\nDescription=d\nAfter=x.target\nAfter=y.target\n[Service]\nExecStart=/bin/true\n";
    let odd =
        "[Unit]\nDescription=d\nAfter=y.target\nAfter=z.target\n[Service]\nExecStart=/bin/true\n";
    let i = import_texts(
        &[
            ("ad.service", base),
            ("bd.service", base),
            ("cd.service", odd),
        ],
        &[],
    )
    .unwrap();
    let src = write_factored(&factor(&i), &Layout::default());
    let extras = "t_service {\n            [Unit]\n            remove After = \"x.target\";\n            After = \"z.target\";\n        }";
    assert!(src.contains(extras), "{src}");
}
