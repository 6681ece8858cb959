//! libvirt 12.8.0's changes to the family, as `LIBVIRT-12.md` states them: diffs against
//! 9.9.0's units, and one new unit. Applied to the 9.9.0 oracle of `spec.rs`.

use std::collections::BTreeMap;

/// The modular daemons and libvirtd: their services switch to `Type=notify-reload`.
const NOTIFY_RELOAD: [&str; 14] = [
    "libvirtd",
    "virtchd",
    "virtinterfaced",
    "virtlxcd",
    "virtnetworkd",
    "virtnodedevd",
    "virtnwfilterd",
    "virtproxyd",
    "virtqemud",
    "virtsecretd",
    "virtstoraged",
    "virtvboxd",
    "virtvzd",
    "virtxend",
];

const CAPABILITIES: [&str; 36] = [
    "AUDIT_CONTROL",
    "AUDIT_READ",
    "AUDIT_WRITE",
    "BLOCK_SUSPEND",
    "CHOWN",
    "FOWNER",
    "FSETID",
    "IPC_LOCK",
    "IPC_OWNER",
    "KILL",
    "LEASE",
    "LINUX_IMMUTABLE",
    "MAC_ADMIN",
    "MAC_OVERRIDE",
    "MKNOD",
    "NET_ADMIN",
    "NET_BIND_SERVICE",
    "NET_BROADCAST",
    "NET_RAW",
    "SETFCAP",
    "SETPCAP",
    "SETGID",
    "SETUID",
    "SYSLOG",
    "SYS_ADMIN",
    "SYS_BOOT",
    "SYS_CHROOT",
    "SYS_MODULE",
    "SYS_NICE",
    "SYS_PACCT",
    "SYS_PTRACE",
    "SYS_RAWIO",
    "SYS_RESOURCE",
    "SYS_TIME",
    "SYS_TTY_CONFIG",
    "WAKE_ALARM",
];

fn virtlogd_sandbox() -> Vec<String> {
    let mut lines: Vec<String> = CAPABILITIES
        .iter()
        .map(|c| format!("CapabilityBoundingSet=~CAP_{c}"))
        .collect();
    lines.extend(
        [
            "LockPersonality=true",
            "MemoryDenyWriteExecute=true",
            "PrivateDevices=true",
            "PrivateMounts=true",
            "PrivateNetwork=true",
            "ProtectControlGroups=true",
            "ProtectKernelModules=true",
            "ProtectKernelTunables=true",
            "ProtectSystem=full",
            "RestrictAddressFamilies=AF_UNIX",
        ]
        .map(str::to_owned),
    );
    for ns in ["cgroup", "ipc", "mnt", "net", "pid", "user", "uts"] {
        lines.push(format!("RestrictNamespaces=~{ns}"));
    }
    lines.extend(
        [
            "RestrictRealtime=true",
            "RestrictSUIDSGID=true",
            "SystemCallArchitectures=native",
        ]
        .map(str::to_owned),
    );
    for set in [
        "clock",
        "debug",
        "module",
        "mount",
        "raw-io",
        "reboot",
        "swap",
        "privileged",
        "cpu-emulation",
        "obsolete",
    ] {
        lines.push(format!("SystemCallFilter=~@{set}"));
    }
    lines.push("UMask=077".to_owned());
    lines
}

/// `text` with `lines` inserted after its line `anchor`, which must exist.
fn insert_after(text: &str, anchor: &str, lines: &[String]) -> String {
    let mut out = String::new();
    let mut found = false;
    for l in text.lines() {
        out.push_str(l);
        out.push('\n');
        if l == anchor && !found {
            found = true;
            for n in lines {
                out.push_str(n);
                out.push('\n');
            }
        }
    }
    assert!(found, "no line `{anchor}` in {text}");
    out
}

fn owned(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|l| (*l).to_owned()).collect()
}

/// 9.9.0's units with 12.8.0's changes.
pub fn changes(mut all: BTreeMap<String, String>) -> BTreeMap<String, String> {
    for d in NOTIFY_RELOAD {
        let text = all.get_mut(&format!("{d}.service")).unwrap();
        assert!(text.contains("\nType=notify\n"), "{d}");
        *text = text.replace("\nType=notify\n", "\nType=notify-reload\n");
    }
    for d in ["libvirtd", "virtqemud"] {
        let name = format!("{d}.service");
        all.insert(
            name.clone(),
            insert_after(
                &all[&name],
                "After=virtlockd.socket",
                &owned(&["After=virtlogd.service", "After=virtlockd.service"]),
            ),
        );
    }
    let virtlogd = insert_after(
        &all["virtlogd.service"],
        "ExecReload=/bin/kill -USR1 $MAINPID",
        &virtlogd_sandbox(),
    );
    all.insert("virtlogd.service".to_owned(), virtlogd);
    let key = "/var/lib/libvirt/secrets/secrets-encryption-key";
    let secretd = insert_after(
        &all["virtsecretd.service"],
        "Restart=on-failure",
        &[
            format!("LoadCredentialEncrypted=secrets-encryption-key:{key}"),
            "Environment=SECRETS_ENCRYPTION_KEY=%d/secrets-encryption-key".to_owned(),
        ],
    );
    let secretd = insert_after(
        &secretd,
        "After=apparmor.service",
        &owned(&[
            "Requires=virt-secret-init-encryption.service",
            "After=virt-secret-init-encryption.service",
        ]),
    );
    all.insert("virtsecretd.service".to_owned(), secretd);
    all.insert(
        "virt-secret-init-encryption.service".to_owned(),
        format!(
            "[Unit]\nBefore=virtsecretd.service\nBefore=libvirtd.service\nConditionPathExists=!{key}\n\n[Service]\nType=oneshot\nUMask=0077\nExecStart=/usr/bin/sh -c 'dd if=/dev/random status=none bs=32 count=1 | systemd-creds encrypt --name=secrets-encryption-key - {key}'\n"
        ),
    );
    all
}

#[test]
fn the_sandbox_has_the_documented_size() {
    // LIBVIRT-12.md's block: 67 directives added to virtlogd.service.
    assert_eq!(virtlogd_sandbox().len(), 67);
}

/// The drop-in libvirt 12.8 adds, as `LIBVIRT-12.md` gives it.
#[cfg(feature = "libvirt-12")]
#[test]
fn the_secrets_drop_in_is_as_documented() {
    let family = &daemons::FAMILY;
    let dropins = family
        .render_dropins(&family.default_options())
        .expect("the drop-ins render");
    let found: Vec<(String, String)> = dropins
        .iter()
        .map(|d| {
            (
                format!("{}.d/{}", d.unit, d.file),
                tests::directives(&d.text),
            )
        })
        .collect();
    let key = "/var/lib/libvirt/secrets/secrets-encryption-key";
    assert_eq!(
        found,
        [(
            "libvirtd.service.d/10-secret.conf".to_owned(),
            format!(
                "[Unit]\nRequires=virt-secret-init-encryption.service\nAfter=virt-secret-init-encryption.service\n\n[Service]\nEnvironment=SECRETS_ENCRYPTION_KEY=%d/secrets-encryption-key\nLoadCredentialEncrypted=secrets-encryption-key:{key}\n"
            )
        )]
    );
}

#[cfg(not(feature = "libvirt-12"))]
#[test]
fn libvirt_9_9_has_no_drop_in() {
    let family = &daemons::FAMILY;
    assert!(family
        .render_dropins(&family.default_options())
        .unwrap()
        .is_empty());
}

/// `show` prints each unit as `render` writes it, in either release of libvirt: it judges the
/// unit for the systemd releases the family targets (12.8's `Type=notify-reload` needs 253).
#[test]
fn show_prints_every_unit_as_rendered() {
    let family = &daemons::FAMILY;
    let units = family
        .render(&family.default_options())
        .expect("the family renders");
    for unit in &units {
        assert_eq!(
            tests::cli(&["show", unit.name]).as_deref(),
            Ok(unit.text.as_str()),
            "{}",
            unit.name
        );
    }
}
