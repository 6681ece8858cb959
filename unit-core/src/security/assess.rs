//! Each check's verdict on a unit: the `assess_*` functions of systemd's
//! `analyze-security.c`, as badness from 0 to the check's range, or `None` where the check
//! does not apply.

use super::check::{Assess, Check};
use super::info::Info;
use super::syscalls;
use super::values::capability_bit;

/// The badness (`None`: not applicable) and the description the check gives, if it has its own.
pub fn assess(check: &Check, info: &Info, release: u16) -> (Option<u64>, Option<String>) {
    let text = |s: &str| Some(s.to_owned());
    match check.assess {
        Assess::Bool(field, invert) => {
            let on = info.bools.contains(field as u8);
            (Some(u64::from(if invert { on } else { !on })), None)
        }
        Assess::User => user(info),
        Assess::SupplementaryGroups => {
            if runs_privileged(info) {
                (None, None)
            } else {
                (Some(u64::from(!info.supplementary_groups.is_empty())), None)
            }
        }
        Assess::RemoveIpc => {
            if runs_privileged(info) {
                (None, None)
            } else {
                (Some(u64::from(!info.remove_ipc)), None)
            }
        }
        Assess::ProtectHome => {
            let (b, d) = match info.protect_home.as_deref() {
                Some("yes") => (0, "Service has no access to home directories"),
                Some("read-only") => (5, "Service has read-only access to home directories"),
                Some("tmpfs") => (1, "Service has access to fake empty home directories"),
                _ => (10, "Service has full access to home directories"),
            };
            (Some(b), text(d))
        }
        Assess::ProtectSystem => {
            let (b, d) = match info.protect_system.as_deref() {
                Some("yes") => (
                    5,
                    "Service has limited write access to the OS file hierarchy",
                ),
                Some("full") => (
                    3,
                    "Service has very limited write access to the OS file hierarchy",
                ),
                Some("strict") => (
                    0,
                    "Service has strict read-only access to the OS file hierarchy",
                ),
                _ => (10, "Service has full access to the OS file hierarchy"),
            };
            (Some(b), text(d))
        }
        Assess::RootDirectory => {
            let empty_or_root = |p: &Option<String>| {
                p.as_deref()
                    .is_none_or(|p| p.is_empty() || p.chars().all(|c| c == '/'))
            };
            let b = empty_or_root(&info.root_directory) && empty_or_root(&info.root_image);
            (Some(u64::from(b)), None)
        }
        Assess::Capabilities(caps) => {
            let mask = caps
                .iter()
                .filter_map(|c| capability_bit(c))
                .fold(0, |a, b| a | b);
            (Some(u64::from(info.bounding & mask != 0)), None)
        }
        Assess::Umask => {
            let m = info.umask;
            let (b, d) = if m & 0o002 == 0 {
                (10, "Files created by service are world-writable by default")
            } else if m & 0o004 == 0 {
                (5, "Files created by service are world-readable by default")
            } else if m & 0o020 == 0 {
                (2, "Files created by service are group-writable by default")
            } else if m & 0o040 == 0 {
                (1, "Files created by service are group-readable by default")
            } else {
                (
                    0,
                    "Files created by service are accessible only by service's own user by default",
                )
            };
            (Some(b), text(d))
        }
        Assess::KeyringMode => (Some(u64::from(info.keyring_mode != Some("private"))), None),
        Assess::ProtectProc => {
            let b = match info.protect_proc.as_deref() {
                Some("noaccess") => 1,
                Some("invisible" | "ptraceable") => 0,
                _ => 3,
            };
            (Some(b), None)
        }
        Assess::ProcSubset => (
            Some(u64::from(info.proc_subset.as_deref() != Some("pid"))),
            None,
        ),
        Assess::NotifyAccess => (
            Some(u64::from(info.notify_access.as_deref() == Some("all"))),
            None,
        ),
        Assess::Namespace(name) => {
            let bit = match name {
                "cgroup" => 1,
                "ipc" => 2,
                "net" => 4,
                "mnt" => 8,
                "pid" => 16,
                "user" => 32,
                _ => 64,
            };
            (Some(u64::from(info.namespaces & bit != 0)), None)
        }
        Assess::SystemCallArchitectures => {
            let (b, d) = if info.archs.is_empty() {
                (10, "Service may execute system calls with all ABIs")
            } else if info.archs.iter().any(|a| a == "native") {
                (0, "Service may execute system calls only with native ABI")
            } else {
                (8, "Service may execute system calls with multiple ABIs")
            };
            (Some(b), text(d))
        }
        Assess::SystemCallFilter(group) => system_call_filter(info, group, release),
        Assess::IpAddressAllow => {
            let (b, d) = if info.ip_custom_filters {
                (
                    0,
                    "Service defines custom ingress/egress IP filters with BPF programs",
                )
            } else if !info.ip_deny_all {
                (10, "Service does not define an IP address allow list")
            } else if info.ip_allow_other {
                (
                    5,
                    "Service defines IP address allow list with non-localhost entries",
                )
            } else if info.ip_allow_localhost {
                (
                    2,
                    "Service defines IP address allow list with only localhost entries",
                )
            } else {
                (0, "Service blocks all IP address ranges")
            };
            (Some(b), text(d))
        }
        Assess::DeviceAllow => {
            let closed = matches!(info.device_policy.as_deref(), Some("strict" | "closed"));
            if !closed {
                (Some(10), text("Service has no device ACL"))
            } else if info.device_allow.is_empty() {
                (Some(0), text("Service has a minimal device ACL"))
            } else {
                let list = info.device_allow.join(" ");
                (
                    Some(5),
                    Some(format!(
                        "Service has a device ACL with some special devices: {list}"
                    )),
                )
            }
        }
        Assess::AmbientCapabilities => (Some(u64::from(info.ambient != 0)), None),
    }
}

fn runs_privileged(info: &Info) -> bool {
    match info.user.as_deref() {
        Some("0" | "root") => true,
        _ if info.dynamic_user => false,
        user => user.is_none_or(str::is_empty),
    }
}

fn user(info: &Info) -> (Option<u64>, Option<String>) {
    let user = info.user.as_deref();
    let (b, d) = if user == Some("nobody") {
        (
            9,
            "Service runs under as 'nobody' user, which should not be used for services",
        )
    } else if info.dynamic_user && !matches!(user, Some("0" | "root")) {
        (0, "Service runs under a transient non-root user identity")
    } else if user.is_some_and(|u| !matches!(u, "0" | "root" | "")) {
        (0, "Service runs under a static non-root user identity")
    } else {
        return (Some(10), None);
    };
    (Some(b), Some(d.to_owned()))
}

fn system_call_filter(info: &Info, group: &str, release: u16) -> (Option<u64>, Option<String>) {
    if !info.syscall_allow_list && info.syscalls.is_empty() {
        return (
            Some(10),
            Some("Service does not filter system calls".to_owned()),
        );
    }
    let offender = syscalls::offender(&info.syscalls, info.syscall_allow_list, group, release);
    let (b, d) = match (info.syscall_allow_list, offender) {
        (true, Some(call)) => (9, format!("System call allow list defined for service, and {group} is included (e.g. {call} is allowed)")),
        (true, None) => (0, format!("System call allow list defined for service, and {group} is not included")),
        (false, Some(call)) => (10, format!("System call deny list defined for service, and {group} is not included (e.g. {call} is allowed)")),
        (false, None) => (0, format!("System call deny list defined for service, and {group} is included")),
    };
    (Some(b), Some(d))
}
