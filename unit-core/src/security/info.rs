//! What `systemd-analyze security` looks at (its `SecurityInfo`), worked out from a unit's
//! directives as systemd's parsers and `unit_patch_contexts()` leave its exec and cgroup
//! contexts, release by release.

use super::syscalls;
use super::values::{
    address_families, capabilities, capability_bit, device_allow_add, namespaces, Bits, AF_INET,
    AF_INET6, AF_NETLINK, AF_PACKET, AF_UNIX, NAMESPACES_INITIAL,
};
use crate::model::UnitKind;
use crate::parsers::c::parse_boolean;

/// The settings one unit ends up with, as the checks read them.
#[derive(Debug, Clone)]
pub struct Info {
    pub(crate) default_dependencies: bool,
    pub(crate) has_exec: bool,
    pub(crate) ambient: u64,
    pub(crate) bounding: u64,
    pub(crate) user: Option<String>,
    pub(crate) supplementary_groups: Vec<String>,
    pub(crate) dynamic_user: bool,
    pub(crate) keyring_mode: Option<&'static str>,
    pub(crate) protect_proc: Option<String>,
    pub(crate) proc_subset: Option<String>,
    pub(crate) notify_access: Option<String>,
    /// The [`super::Field`]s that are on, by number.
    pub(crate) bools: Bits,
    pub(crate) protect_home: Option<String>,
    pub(crate) protect_system: Option<String>,
    pub(crate) remove_ipc: bool,
    pub(crate) namespaces: u64,
    pub(crate) root_directory: Option<String>,
    pub(crate) root_image: Option<String>,
    pub(crate) umask: u32,
    /// As written, repeats included: the checks only ask for any and for `native`.
    pub(crate) archs: Vec<String>,
    pub(crate) syscall_allow_list: bool,
    /// Sorted, each once.
    pub(crate) syscalls: Vec<&'static str>,
    pub(crate) device_policy: Option<String>,
    pub(crate) device_allow: Vec<String>,
    pub(crate) ip_deny_all: bool,
    ip_deny: (bool, bool),
    pub(crate) ip_allow_localhost: bool,
    pub(crate) ip_allow_other: bool,
    pub(crate) ip_custom_filters: bool,
}

/// The state after `DynamicUser=` and the other implications systemd applies when it loads a
/// unit: the `SecurityInfo` of a unit of kind `kind` whose directives are `entries`, in the
/// order systemd reads them (the unit file, then its drop-ins).
pub fn gather<'a>(
    kind: Option<UnitKind>,
    entries: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
    release: u16,
) -> Info {
    let exec_section = match kind {
        Some(UnitKind::Service) => Some("Service"),
        Some(UnitKind::Socket) => Some("Socket"),
        Some(UnitKind::Mount) => Some("Mount"),
        Some(UnitKind::Swap) => Some("Swap"),
        _ => None,
    };
    let mut p = Parsed::new(kind, release);
    for (section, key, value) in entries {
        if section == "Unit" && key == "DefaultDependencies" {
            if let Some(b) = parse_boolean(value) {
                p.info.default_dependencies = b;
            }
        } else if Some(section) == exec_section {
            p.apply(key, value.trim());
        }
    }
    p.finish()
}

struct Parsed {
    info: Info,
    kind: Option<UnitKind>,
    release: u16,
    /// Whether `PrivateMounts=` was set (from 257 on it is a tristate, unset counting as on).
    private_mounts: Option<bool>,
    has_syscall_filter: bool,
    address_families: Option<(bool, Bits)>,
    service_type: String,
    notify_access: Option<String>,
    watchdog: bool,
    fd_store: bool,
    encrypted_credentials: bool,
}

impl Parsed {
    fn new(kind: Option<UnitKind>, release: u16) -> Parsed {
        let has_exec = matches!(
            kind,
            Some(UnitKind::Service | UnitKind::Socket | UnitKind::Mount | UnitKind::Swap)
        );
        let keyring_mode = match kind {
            Some(UnitKind::Service) => Some("private"),
            _ if has_exec => Some("shared"),
            _ => None,
        };
        Parsed {
            info: Info {
                default_dependencies: true,
                has_exec,
                ambient: 0,
                bounding: u64::MAX,
                user: None,
                supplementary_groups: Vec::new(),
                dynamic_user: false,
                keyring_mode,
                protect_proc: has_exec.then(|| "default".to_owned()),
                proc_subset: has_exec.then(|| "all".to_owned()),
                notify_access: None,
                bools: Bits::default(),
                protect_home: has_exec.then(|| "no".to_owned()),
                protect_system: has_exec.then(|| "no".to_owned()),
                remove_ipc: false,
                namespaces: NAMESPACES_INITIAL,
                root_directory: None,
                root_image: None,
                umask: if has_exec { 0o022 } else { 0o002 },
                archs: Vec::new(),
                syscall_allow_list: false,
                syscalls: Vec::new(),
                device_policy: has_exec.then(|| "auto".to_owned()),
                device_allow: Vec::new(),
                ip_deny_all: false,
                ip_deny: (false, false),
                ip_allow_localhost: false,
                ip_allow_other: false,
                ip_custom_filters: false,
            },
            kind,
            release,
            private_mounts: None,
            has_syscall_filter: false,
            address_families: None,
            service_type: "simple".to_owned(),
            notify_access: None,
            watchdog: false,
            fd_store: false,
            encrypted_credentials: false,
        }
    }

    fn set_bool(&mut self, field: super::Field, value: &str) {
        // Tristate settings of later releases (`PrivateTmp=disconnected`, `PrivateUsers=self`,
        // `ProtectControlGroups=strict`, ...) are on unless they say `no`.
        let on = match parse_boolean(value) {
            Some(b) => b,
            None if value.is_empty() => false,
            None => true,
        };
        if on {
            self.info.bools.insert(field as u8);
        } else {
            self.info.bools.remove(field as u8);
        }
    }

    fn apply(&mut self, key: &str, value: &str) {
        use super::Field as F;
        let field = match key {
            "PrivateDevices" => Some(F::PrivateDevices),
            "PrivateNetwork" => Some(F::PrivateNetwork),
            "PrivateTmp" => Some(F::PrivateTmp),
            "PrivateUsers" => Some(F::PrivateUsers),
            "ProtectControlGroups" => Some(F::ProtectControlGroups),
            "ProtectKernelModules" => Some(F::ProtectKernelModules),
            "ProtectKernelTunables" => Some(F::ProtectKernelTunables),
            "ProtectKernelLogs" => Some(F::ProtectKernelLogs),
            "ProtectClock" => Some(F::ProtectClock),
            "ProtectHostname" => Some(F::ProtectHostname),
            "LockPersonality" => Some(F::LockPersonality),
            "MemoryDenyWriteExecute" => Some(F::MemoryDenyWriteExecute),
            "NoNewPrivileges" => Some(F::NoNewPrivileges),
            "RestrictRealtime" => Some(F::RestrictRealtime),
            "RestrictSUIDSGID" => Some(F::RestrictSuidSgid),
            "Delegate" => Some(F::Delegate),
            _ => None,
        };
        if let Some(field) = field {
            // `Delegate=` also takes a list of controllers, which turns it on.
            return self.set_bool(field, value);
        }
        let i = &mut self.info;
        match key {
            "PrivateMounts" => self.private_mounts = parse_boolean(value),
            "User" => i.user = (!value.is_empty()).then(|| value.to_owned()),
            "DynamicUser" => i.dynamic_user = parse_boolean(value).unwrap_or(i.dynamic_user),
            "SupplementaryGroups" if value.is_empty() => i.supplementary_groups.clear(),
            "SupplementaryGroups" => i
                .supplementary_groups
                .extend(value.split_ascii_whitespace().map(str::to_owned)),
            "RemoveIPC" => i.remove_ipc = parse_boolean(value).unwrap_or(i.remove_ipc),
            "AmbientCapabilities" => capabilities(&mut i.ambient, value, 0),
            "CapabilityBoundingSet" => capabilities(&mut i.bounding, value, u64::MAX),
            "KeyringMode" => {
                i.keyring_mode = ["inherit", "private", "shared"]
                    .into_iter()
                    .find(|m| *m == value)
                    .or(i.keyring_mode)
            }
            "ProtectProc" | "ProcSubset" | "ProtectHome" | "ProtectSystem" => {
                let v = match (key, parse_boolean(value)) {
                    ("ProtectHome" | "ProtectSystem", Some(true)) => "yes".to_owned(),
                    ("ProtectHome" | "ProtectSystem", Some(false)) => "no".to_owned(),
                    _ => value.to_owned(),
                };
                let slot = match key {
                    "ProtectProc" => &mut i.protect_proc,
                    "ProcSubset" => &mut i.proc_subset,
                    "ProtectHome" => &mut i.protect_home,
                    _ => &mut i.protect_system,
                };
                *slot = Some(v);
            }
            "RestrictNamespaces" => namespaces(&mut i.namespaces, value),
            "RootDirectory" => i.root_directory = Some(value.to_owned()),
            "RootImage" => i.root_image = Some(value.to_owned()),
            "UMask" => {
                if let Ok(m) = u32::from_str_radix(value, 8) {
                    i.umask = m & 0o777;
                }
            }
            "SystemCallArchitectures" if value.is_empty() => i.archs.clear(),
            "SystemCallArchitectures" => {
                for arch in value.split_ascii_whitespace() {
                    i.archs.push(arch.to_owned());
                }
            }
            "SystemCallFilter" => {
                syscalls::apply(
                    &mut i.syscalls,
                    &mut i.syscall_allow_list,
                    &mut self.has_syscall_filter,
                    value,
                    self.release,
                );
            }
            "RestrictAddressFamilies" => address_families(&mut self.address_families, value),
            "DevicePolicy" => i.device_policy = Some(value.to_owned()),
            "DeviceAllow" if value.is_empty() => i.device_allow.clear(),
            "DeviceAllow" => {
                let mut words = value.split_ascii_whitespace();
                let path = words.next().unwrap_or_default();
                let perms = words.next().unwrap_or("rwm");
                let perms: String = ['r', 'w', 'm']
                    .into_iter()
                    .filter(|c| perms.contains(*c))
                    .collect();
                device_allow_add(&mut i.device_allow, path, &perms);
            }
            "IPAddressDeny" | "IPAddressAllow" => ip_addresses(i, key == "IPAddressDeny", value),
            "IPIngressFilterPath" | "IPEgressFilterPath" => i.ip_custom_filters = !value.is_empty(),
            "Type" if self.kind == Some(UnitKind::Service) => self.service_type = value.to_owned(),
            "NotifyAccess" => self.notify_access = Some(value.to_owned()),
            "WatchdogSec" => self.watchdog = !matches!(value, "" | "0" | "infinity"),
            "FileDescriptorStoreMax" => self.fd_store = value.parse::<u32>().is_ok_and(|n| n > 0),
            "LoadCredentialEncrypted" | "SetCredentialEncrypted" => {
                self.encrypted_credentials = !value.is_empty()
            }
            _ => {}
        }
    }

    fn finish(mut self) -> Info {
        let i = &mut self.info;
        if !i.has_exec {
            return self.info;
        }
        // From 257 on `PrivateMounts=` is a tristate whose unset state reads as on.
        let mounts = self.private_mounts.unwrap_or(self.release >= 257);
        if mounts {
            i.bools.insert(super::Field::PrivateMounts as u8);
        }
        if let Some((allow, families)) = &self.address_families {
            let inet = families.contains(AF_INET) || families.contains(AF_INET6);
            let unix = families.contains(AF_UNIX);
            let netlink = families.contains(AF_NETLINK);
            let packet = families.contains(AF_PACKET);
            let mut others = *families;
            for f in [0, AF_INET, AF_INET6, AF_UNIX, AF_NETLINK, AF_PACKET] {
                others.remove(f);
            }
            let other = !others.is_empty();
            let allow = *allow;
            for (field, named) in [
                (super::Field::AfInet, inet),
                (super::Field::AfUnix, unix),
                (super::Field::AfNetlink, netlink),
                (super::Field::AfPacket, packet),
                (super::Field::AfOther, other),
            ] {
                let on = if named { !allow } else { allow };
                if on {
                    i.bools.insert(field as u8);
                }
            }
        }
        let has = |i: &Info, f: super::Field| i.bools.contains(f as u8);
        if has(i, super::Field::PrivateDevices) {
            i.bounding &= !(capability_bit("CAP_MKNOD").unwrap_or(0)
                | capability_bit("CAP_SYS_RAWIO").unwrap_or(0));
        }
        if has(i, super::Field::ProtectKernelModules) {
            i.bounding &= !capability_bit("CAP_SYS_MODULE").unwrap_or(0);
        }
        if has(i, super::Field::ProtectKernelLogs) {
            i.bounding &= !capability_bit("CAP_SYSLOG").unwrap_or(0);
        }
        if has(i, super::Field::ProtectClock) {
            i.bounding &= !(capability_bit("CAP_SYS_TIME").unwrap_or(0)
                | capability_bit("CAP_WAKE_ALARM").unwrap_or(0));
        }
        if i.dynamic_user {
            if i.user.is_none() {
                i.user = Some("dynamic".to_owned());
            }
            i.bools.insert(super::Field::PrivateTmp as u8);
            i.remove_ipc = true;
            i.protect_system = Some("strict".to_owned());
            if i.protect_home.as_deref() == Some("no") {
                i.protect_home = Some("read-only".to_owned());
            }
            i.bools.insert(super::Field::NoNewPrivileges as u8);
            i.bools.insert(super::Field::RestrictSuidSgid as u8);
        }
        if has(i, super::Field::PrivateDevices) && i.device_policy.as_deref() == Some("auto") {
            i.device_policy = Some("closed".to_owned());
        }
        if i.device_policy.as_deref() != Some("auto") || !i.device_allow.is_empty() {
            if i.root_image.as_deref().is_some_and(|r| !r.is_empty()) {
                for p in ["/dev/loop-control", "/dev/mapper/control"] {
                    device_allow_add(&mut i.device_allow, p, "rw");
                }
                for p in ["block-loop", "block-blkext", "block-device-mapper"] {
                    device_allow_add(&mut i.device_allow, p, "rwm");
                }
            }
            if has(i, super::Field::ProtectClock) {
                device_allow_add(&mut i.device_allow, "char-rtc", "r");
            }
            if self.encrypted_credentials && self.release < 262 {
                let tpm = if self.release >= 257 {
                    "char-tpm"
                } else {
                    "/dev/tpmrm0"
                };
                device_allow_add(&mut i.device_allow, tpm, "rw");
            }
        }
        if self.kind == Some(UnitKind::Service) {
            let notify_type = self.service_type == "notify"
                || (self.release >= 253 && self.service_type == "notify-reload");
            let access = match self.notify_access.as_deref() {
                Some(a) if a != "none" => a.to_owned(),
                _ if notify_type || self.watchdog || self.fd_store => "main".to_owned(),
                _ => "none".to_owned(),
            };
            i.notify_access = Some(access);
        }
        self.info
    }
}

fn ip_addresses(i: &mut Info, deny: bool, value: &str) {
    if value.is_empty() {
        if deny {
            i.ip_deny = (false, false);
            i.ip_deny_all = false;
        } else {
            i.ip_allow_localhost = false;
            i.ip_allow_other = false;
        }
        return;
    }
    for word in value.split_ascii_whitespace() {
        let (addr, prefix) = match word.split_once('/') {
            Some((a, p)) => (a, p.parse::<u8>().ok()),
            None => (word, None),
        };
        if deny {
            match (word, addr.parse::<std::net::IpAddr>(), prefix) {
                ("any", _, _) => i.ip_deny = (true, true),
                (_, Ok(std::net::IpAddr::V4(_)), Some(0)) => i.ip_deny.0 = true,
                (_, Ok(std::net::IpAddr::V6(_)), Some(0)) => i.ip_deny.1 = true,
                _ => {}
            }
            i.ip_deny_all = i.ip_deny.0 && i.ip_deny.1;
            continue;
        }
        let localhost = match word {
            "localhost" => true,
            "any" | "link-local" | "multicast" => false,
            _ => match addr.parse::<std::net::IpAddr>() {
                Ok(std::net::IpAddr::V4(a)) => a.octets()[0] == 127,
                Ok(std::net::IpAddr::V6(a)) => a.is_loopback(),
                Err(_) => continue,
            },
        };
        if localhost {
            i.ip_allow_localhost = true;
        } else {
            i.ip_allow_other = true;
        }
    }
}
