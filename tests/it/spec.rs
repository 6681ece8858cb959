//! The libvirt family's facts, written out independently of the definitions, against what the
//! family renders (comments aside). These are the directives, values and order of libvirt 9.9.0
//! with the default paths.

use std::collections::BTreeMap;

struct Modular {
    svc: &'static str,
    name: &'static str,
    unit: &'static [&'static str],
    service: &'static [&'static str],
    install: &'static [&'static str],
    socket_unit: &'static [&'static str],
}

const MACHINED: [&str; 3] = [
    "Wants=systemd-machined.service",
    "After=systemd-machined.service",
    "After=remote-fs.target",
];
const SNIPPETS3: [&str; 3] = [
    "LimitNOFILE=1024:524288",
    "TasksMax=32768",
    "LimitMEMLOCK=64M",
];
const XEN: &str = "ConditionPathExists=/proc/xen/capabilities";

fn modular() -> Vec<Modular> {
    let hypervisor_service: &'static [&'static str] =
        &["KillMode=process", SNIPPETS3[0], SNIPPETS3[1], SNIPPETS3[2]];
    vec![
        Modular {
            svc: "virtqemud",
            name: "QEMU",
            unit: &[
                "Requires=virtlogd.socket",
                "Wants=virtlockd.socket",
                "After=virtlogd.socket",
                "After=virtlockd.socket",
                "Wants=systemd-machined.service",
                "After=systemd-machined.service",
                "After=remote-fs.target",
            ],
            service: hypervisor_service,
            install: &["Also=virtlogd.socket", "Also=virtlockd.socket"],
            socket_unit: &[],
        },
        Modular {
            svc: "virtlxcd",
            name: "LXC",
            unit: &MACHINED,
            service: hypervisor_service,
            install: &[],
            socket_unit: &[],
        },
        Modular {
            svc: "virtchd",
            name: "Cloud Hypervisor",
            unit: &MACHINED,
            service: hypervisor_service,
            install: &[],
            socket_unit: &[],
        },
        Modular {
            svc: "virtxend",
            name: "Xen",
            unit: &[
                "Wants=virtlockd.socket",
                "After=virtlockd.socket",
                "After=remote-fs.target",
                "After=xencommons.service",
                "Conflicts=xendomains.service",
                XEN,
            ],
            service: &["KillMode=process"],
            install: &["Also=virtlockd.socket"],
            socket_unit: &[XEN],
        },
        Modular {
            svc: "virtvboxd",
            name: "VirtualBox",
            unit: &["After=remote-fs.target"],
            service: &[],
            install: &[],
            socket_unit: &[],
        },
        Modular {
            svc: "virtvzd",
            name: "vz",
            unit: &["After=remote-fs.target"],
            service: &[],
            install: &[],
            socket_unit: &[],
        },
        Modular {
            svc: "virtnetworkd",
            name: "network",
            unit: &[],
            service: &["KillMode=process"],
            install: &[],
            socket_unit: &[],
        },
        Modular {
            svc: "virtstoraged",
            name: "storage",
            unit: &["After=iscsid.service", "After=remote-fs.target"],
            service: &[],
            install: &[],
            socket_unit: &[],
        },
        Modular {
            svc: "virtnodedevd",
            name: "nodedev",
            unit: &[],
            service: &[],
            install: &[],
            socket_unit: &[],
        },
        Modular {
            svc: "virtnwfilterd",
            name: "nwfilter",
            unit: &[],
            service: &[],
            install: &[],
            socket_unit: &[],
        },
        Modular {
            svc: "virtsecretd",
            name: "secret",
            unit: &[],
            service: &[],
            install: &[],
            socket_unit: &[],
        },
        Modular {
            svc: "virtinterfaced",
            name: "interface",
            unit: &[],
            service: &[],
            install: &[],
            socket_unit: &[],
        },
        Modular {
            svc: "virtproxyd",
            name: "proxy",
            unit: &[],
            service: &[],
            install: &[],
            socket_unit: &[],
        },
    ]
}

fn file(sections: &[(&str, Vec<String>)]) -> String {
    sections
        .iter()
        .map(|(name, lines)| {
            format!(
                "[{name}]\n{}",
                lines.iter().map(|l| format!("{l}\n")).collect::<String>()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn owned(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|l| (*l).to_owned()).collect()
}

struct Socket {
    suffix: &'static str,
    what: &'static str,
    path: Option<&'static str>,
    port: Option<u16>,
    mode: Option<&'static str>,
    also: &'static [&'static str],
}

const SOCKETS: [Socket; 5] = [
    Socket {
        suffix: "",
        what: "socket",
        path: Some("-sock"),
        port: None,
        mode: Some("0666"),
        also: &["-ro", "-admin"],
    },
    Socket {
        suffix: "-ro",
        what: "read-only socket",
        path: Some("-sock-ro"),
        port: None,
        mode: Some("0666"),
        also: &["", "-admin"],
    },
    Socket {
        suffix: "-admin",
        what: "admin socket",
        path: Some("-admin-sock"),
        port: None,
        mode: Some("0600"),
        also: &["", "-ro"],
    },
    Socket {
        suffix: "-tcp",
        what: "non-TLS IP socket",
        path: None,
        port: Some(16509),
        mode: None,
        also: &[],
    },
    Socket {
        suffix: "-tls",
        what: "TLS IP socket",
        path: None,
        port: Some(16514),
        mode: None,
        also: &[],
    },
];

fn socket(
    svc: &str,
    name: &str,
    sockprefix: &str,
    s: &Socket,
    modular: bool,
    extra_unit: &[&str],
) -> String {
    let mut unit = vec![format!("Description=libvirt {name} daemon {}", s.what)];
    if !s.suffix.is_empty() {
        unit.push(format!("BindsTo={svc}.socket"));
        unit.push(format!("After={svc}.socket"));
    }
    if modular {
        unit.push(format!("Conflicts=libvirtd{}.socket", s.suffix));
        unit.push(format!("After=libvirtd{}.socket", s.suffix));
    }
    unit.extend(owned(extra_unit));
    let mut socket = Vec::new();
    match (s.path, s.port) {
        (Some(p), _) => socket.push(format!("ListenStream=/run/libvirt/{sockprefix}{p}")),
        (None, Some(port)) => socket.push(format!("ListenStream={port}")),
        (None, None) => {}
    }
    socket.push(format!("Service={svc}.service"));
    if let Some(mode) = s.mode {
        socket.push(format!("SocketMode={mode}"));
        socket.push("RemoveOnStop=yes".to_owned());
    }
    let mut install = vec!["WantedBy=sockets.target".to_owned()];
    install.extend(s.also.iter().map(|a| format!("Also={svc}{a}.socket")));
    file(&[("Unit", unit), ("Socket", socket), ("Install", install)])
}

fn expected() -> BTreeMap<String, String> {
    let mut all = BTreeMap::new();
    for m in modular() {
        let svc = m.svc;
        let upper = svc.to_uppercase();
        let mut unit = vec![
            format!("Description=libvirt {} daemon", m.name),
            format!("Documentation=man:{svc}(8)"),
            "Documentation=https://libvirt.org/".to_owned(),
            format!("BindsTo={svc}.socket"),
            format!("Wants={svc}-ro.socket"),
            format!("Wants={svc}-admin.socket"),
            format!("After={svc}.socket"),
            format!("After={svc}-ro.socket"),
            format!("After={svc}-admin.socket"),
            "Conflicts=libvirtd.service".to_owned(),
            "After=libvirtd.service".to_owned(),
            "After=network.target".to_owned(),
            "After=dbus.service".to_owned(),
            "After=apparmor.service".to_owned(),
        ];
        unit.extend(owned(m.unit));
        let mut service = vec![
            "Type=notify".to_owned(),
            format!("Environment={upper}_ARGS=\"--timeout 120\""),
            format!("EnvironmentFile=-/etc/sysconfig/{svc}"),
            format!("ExecStart=/usr/sbin/{svc} ${upper}_ARGS"),
            "ExecReload=/bin/kill -HUP $MAINPID".to_owned(),
            "Restart=on-failure".to_owned(),
        ];
        service.extend(owned(m.service));
        let mut install = vec![
            "WantedBy=multi-user.target".to_owned(),
            format!("Also={svc}.socket"),
            format!("Also={svc}-ro.socket"),
            format!("Also={svc}-admin.socket"),
        ];
        install.extend(owned(m.install));
        all.insert(
            format!("{svc}.service"),
            file(&[("Unit", unit), ("Service", service), ("Install", install)]),
        );
        let (sockprefix, count) = if svc == "virtproxyd" {
            ("libvirt", 5)
        } else {
            (svc, 3)
        };
        for s in &SOCKETS[..count] {
            all.insert(
                format!("{svc}{}.socket", s.suffix),
                socket(svc, m.name, sockprefix, s, true, m.socket_unit),
            );
        }
    }
    for s in &SOCKETS {
        all.insert(
            format!("libvirtd{}.socket", s.suffix),
            socket("libvirtd", "legacy monolithic", "libvirt", s, false, &[]),
        );
    }
    let libvirtd_unit = [
        "Description=libvirt legacy monolithic daemon",
        "Documentation=man:libvirtd(8)",
        "Documentation=https://libvirt.org/",
        "Wants=libvirtd.socket",
        "Wants=libvirtd-ro.socket",
        "Wants=libvirtd-admin.socket",
        "After=libvirtd.socket",
        "After=libvirtd-ro.socket",
        "After=libvirtd-admin.socket",
        "Requires=virtlogd.socket",
        "Wants=virtlockd.socket",
        "After=virtlogd.socket",
        "After=virtlockd.socket",
        "Wants=systemd-machined.service",
        "After=network.target",
        "After=dbus.service",
        "After=iscsid.service",
        "After=apparmor.service",
        "After=remote-fs.target",
        "After=systemd-machined.service",
        "After=xencommons.service",
        "Conflicts=xendomains.service",
    ];
    let mut libvirtd_service = owned(&[
        "Type=notify",
        "Environment=LIBVIRTD_ARGS=\"--timeout 120\"",
        "EnvironmentFile=-/etc/sysconfig/libvirtd",
        "ExecStart=/usr/sbin/libvirtd $LIBVIRTD_ARGS",
        "ExecReload=/bin/kill -HUP $MAINPID",
        "KillMode=process",
        "Restart=on-failure",
    ]);
    libvirtd_service.extend(owned(&SNIPPETS3));
    let libvirtd_install = [
        "WantedBy=multi-user.target",
        "Also=virtlockd.socket",
        "Also=virtlogd.socket",
        "Also=libvirtd.socket",
        "Also=libvirtd-ro.socket",
        "Also=libvirtd-admin.socket",
    ];
    all.insert(
        "libvirtd.service".to_owned(),
        file(&[
            ("Unit", owned(&libvirtd_unit)),
            ("Service", libvirtd_service),
            ("Install", owned(&libvirtd_install)),
        ]),
    );
    for (svc, name) in [("virtlogd", "logging"), ("virtlockd", "locking")] {
        let upper = svc.to_uppercase();
        let unit = vec![
            format!("Description=libvirt {name} daemon"),
            format!("Documentation=man:{svc}(8)"),
            "Documentation=https://libvirt.org/".to_owned(),
            format!("BindsTo={svc}.socket"),
            format!("Wants={svc}-admin.socket"),
            format!("After={svc}.socket"),
            format!("After={svc}-admin.socket"),
        ];
        let service = vec![
            "Type=notify".to_owned(),
            format!("Environment={upper}_ARGS="),
            format!("EnvironmentFile=-/etc/sysconfig/{svc}"),
            format!("ExecStart=/usr/sbin/{svc} ${upper}_ARGS"),
            "ExecReload=/bin/kill -USR1 $MAINPID".to_owned(),
            "OOMScoreAdjust=-900".to_owned(),
            "LimitNOFILE=1024:524288".to_owned(),
        ];
        let install = vec![
            "WantedBy=multi-user.target".to_owned(),
            format!("Also={svc}.socket"),
            format!("Also={svc}-admin.socket"),
        ];
        all.insert(
            format!("{svc}.service"),
            file(&[("Unit", unit), ("Service", service), ("Install", install)]),
        );
        let main = Socket {
            suffix: "",
            what: "socket",
            path: Some("-sock"),
            port: None,
            mode: Some("0600"),
            also: &["-admin"],
        };
        let admin = Socket {
            suffix: "-admin",
            what: "admin socket",
            path: Some("-admin-sock"),
            port: None,
            mode: Some("0600"),
            also: &[""],
        };
        for s in [main, admin] {
            all.insert(
                format!("{svc}{}.socket", s.suffix),
                socket(svc, name, svc, &s, false, &[]),
            );
        }
    }
    all.insert(
        "virt-guest-shutdown.target".to_owned(),
        file(&[(
            "Unit",
            owned(&[
                "Description=libvirt guests shutdown target",
                "Documentation=https://libvirt.org/",
            ]),
        )]),
    );
    all
}

/// libvirt 9.9.0's units, or with `--features libvirt-12` 12.8.0's: 9.9.0's with the changes
/// `LIBVIRT-12.md` lists, written out here as that document writes them, as diffs.
fn expected_for_release() -> BTreeMap<String, String> {
    let all = expected();
    if cfg!(feature = "libvirt-12") {
        super::spec12::changes(all)
    } else {
        all
    }
}

#[test]
fn the_family_renders_exactly_the_specified_units() {
    let expected = expected_for_release();
    assert_eq!(expected.len(), tests::UNITS);
    let rendered: BTreeMap<String, String> = tests::rendered()
        .into_iter()
        .map(|u| (u.name.to_owned(), tests::directives(&u.text)))
        .collect();
    assert_eq!(
        rendered.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (name, text) in &expected {
        assert_eq!(&rendered[name], text, "{name}");
    }
}

#[test]
fn every_local_socket_removes_its_file_on_stop() {
    for u in tests::rendered()
        .iter()
        .filter(|u| u.name.ends_with(".socket"))
    {
        let local = u.text.contains("ListenStream=/");
        assert_eq!(u.text.contains("RemoveOnStop=yes\n"), local, "{}", u.name);
    }
}

#[test]
fn no_also_names_an_ip_socket() {
    for u in tests::rendered() {
        for line in u.text.lines().filter(|l| l.starts_with("Also=")) {
            assert!(
                !line.ends_with("-tcp.socket") && !line.ends_with("-tls.socket"),
                "{}: {line}",
                u.name
            );
        }
    }
}
