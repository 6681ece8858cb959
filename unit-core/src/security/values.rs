//! The values of the sandboxing directives as systemd's parsers read them: capability sets,
//! namespace flags, address families, device access lists.

use crate::parsers::c::parse_boolean;

pub(crate) const NAMESPACES: [(&str, u64); 8] = [
    ("cgroup", 1),
    ("ipc", 2),
    ("net", 4),
    ("mnt", 8),
    ("pid", 16),
    ("user", 32),
    ("uts", 64),
    ("time", 128),
];
pub(crate) const NAMESPACES_ALL: u64 = 255;
pub(crate) const NAMESPACES_INITIAL: u64 = u64::MAX;

/// Linux's capabilities, by number.
pub const CAPABILITIES: [&str; 41] = [
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
    "CAP_PERFMON",
    "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
];

/// The bit of capability `name` (`CAP_SYS_ADMIN`, `cap_sys_admin` or a number).
pub fn capability_bit(name: &str) -> Option<u64> {
    // The table is in upper case, as names are mostly written: compared as written first, a
    // name is found without folding case.
    let mut i = 0;
    while i < CAPABILITIES.len() {
        if CAPABILITIES[i] == name {
            return Some(1u64 << i);
        }
        i += 1;
    }
    if let Ok(n) = name.parse::<u32>() {
        return (n < 63).then(|| 1u64 << n);
    }
    let upper = name.to_ascii_uppercase();
    if upper == name {
        return None;
    }
    capability_bit(&upper)
}

pub(crate) fn capability_set(value: &str) -> u64 {
    value
        .split_ascii_whitespace()
        .filter_map(capability_bit)
        .fold(0, |a, b| a | b)
}

pub(crate) fn device_allow_add(list: &mut Vec<String>, path: &str, perms: &str) {
    // systemd prepends each entry to its list and merges repeated paths.
    if let Some(existing) = list
        .iter_mut()
        .find(|e| e.rsplit_once(':').map(|x| x.0) == Some(path))
    {
        let old = existing
            .rsplit_once(':')
            .map(|x| x.1)
            .unwrap_or_default()
            .to_owned();
        let merged: String = ['r', 'w', 'm']
            .into_iter()
            .filter(|c| old.contains(*c) || perms.contains(*c))
            .collect();
        *existing = format!("{path}:{merged}");
    } else {
        list.insert(0, format!("{path}:{perms}"));
    }
}

pub(crate) fn capabilities(set: &mut u64, value: &str, initial: u64) {
    let (invert, rest) = match value.strip_prefix('~') {
        Some(r) => (true, r),
        None => (false, value),
    };
    let sum = capability_set(rest);
    if sum == 0 || *set == initial {
        *set = if invert { !sum } else { sum };
    } else if invert {
        *set &= !sum;
    } else {
        *set |= sum;
    }
}

pub(crate) fn namespaces(set: &mut u64, value: &str) {
    if value.is_empty() {
        *set = NAMESPACES_INITIAL;
        return;
    }
    match parse_boolean(value) {
        Some(true) => return *set = 0,
        Some(false) => return *set = NAMESPACES_ALL,
        None => {}
    }
    let (invert, rest) = match value.strip_prefix('~') {
        Some(r) => (true, r),
        None => (false, value),
    };
    let mut flags = 0;
    for word in rest.split_ascii_whitespace() {
        match NAMESPACES.iter().find(|(n, _)| *n == word) {
            Some((_, bit)) => flags |= bit,
            None => return,
        }
    }
    if *set == NAMESPACES_INITIAL {
        *set = if invert {
            !flags & NAMESPACES_ALL
        } else {
            flags
        };
    } else if invert {
        *set &= !flags;
    } else {
        *set |= flags;
    }
}

pub(crate) const AF_UNIX: u8 = 1;
pub(crate) const AF_INET: u8 = 2;
pub(crate) const AF_INET6: u8 = 10;
pub(crate) const AF_NETLINK: u8 = 16;
pub(crate) const AF_PACKET: u8 = 17;

/// Linux's address families by the names systemd's `af_from_name()` takes (those of
/// `<sys/socket.h>`, aliases included), with their numbers.
pub(crate) const ADDRESS_FAMILIES: [(&str, u8); 49] = [
    ("AF_UNSPEC", 0),
    ("AF_UNIX", 1),
    ("AF_LOCAL", 1),
    ("AF_FILE", 1),
    ("AF_INET", 2),
    ("AF_AX25", 3),
    ("AF_IPX", 4),
    ("AF_APPLETALK", 5),
    ("AF_NETROM", 6),
    ("AF_BRIDGE", 7),
    ("AF_ATMPVC", 8),
    ("AF_X25", 9),
    ("AF_INET6", 10),
    ("AF_ROSE", 11),
    ("AF_DECnet", 12),
    ("AF_NETBEUI", 13),
    ("AF_SECURITY", 14),
    ("AF_KEY", 15),
    ("AF_NETLINK", 16),
    ("AF_ROUTE", 16),
    ("AF_PACKET", 17),
    ("AF_ASH", 18),
    ("AF_ECONET", 19),
    ("AF_ATMSVC", 20),
    ("AF_RDS", 21),
    ("AF_SNA", 22),
    ("AF_IRDA", 23),
    ("AF_PPPOX", 24),
    ("AF_WANPIPE", 25),
    ("AF_LLC", 26),
    ("AF_IB", 27),
    ("AF_MPLS", 28),
    ("AF_CAN", 29),
    ("AF_TIPC", 30),
    ("AF_BLUETOOTH", 31),
    ("AF_IUCV", 32),
    ("AF_RXRPC", 33),
    ("AF_ISDN", 34),
    ("AF_PHONET", 35),
    ("AF_IEEE802154", 36),
    ("AF_CAIF", 37),
    ("AF_ALG", 38),
    ("AF_NFC", 39),
    ("AF_VSOCK", 40),
    ("AF_KCM", 41),
    ("AF_QIPCRTR", 42),
    ("AF_SMC", 43),
    ("AF_XDP", 44),
    ("AF_MCTP", 45),
];

/// A set of small numbers (address families, [`super::Field`]s below 64), one bit each.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Bits(u64);

impl Bits {
    pub(crate) fn insert(&mut self, n: u8) {
        self.0 |= 1 << n;
    }

    pub(crate) fn remove(&mut self, n: u8) {
        self.0 &= !(1 << n);
    }

    pub(crate) fn contains(self, n: u8) -> bool {
        self.0 & (1 << n) != 0
    }

    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }
}

pub(crate) fn address_families(state: &mut Option<(bool, Bits)>, value: &str) {
    if value.is_empty() {
        *state = None;
        return;
    }
    if value == "none" {
        *state = Some((true, Bits::default()));
        return;
    }
    let (invert, rest) = match value.strip_prefix('~') {
        Some(r) => (true, r),
        None => (false, value),
    };
    let (allow, set) = match state {
        Some(state) => state,
        None => state.insert((!invert, Bits::default())),
    };
    for word in rest.split_ascii_whitespace() {
        for &(name, family) in ADDRESS_FAMILIES.iter() {
            if name != word {
                continue;
            }
            if invert != *allow {
                set.insert(family);
            } else {
                set.remove(family);
            }
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{capability_bit, CAPABILITIES};

    #[test]
    fn a_capability_is_found_in_any_case_and_by_number() {
        // The lookup compares with the table as written, so the table must be in upper case.
        for (i, c) in CAPABILITIES.iter().enumerate() {
            assert_eq!(*c, c.to_ascii_uppercase());
            let bit = Some(1u64 << i);
            assert_eq!(capability_bit(c), bit, "{c}");
            assert_eq!(capability_bit(&c.to_ascii_lowercase()), bit, "{c}");
            assert_eq!(capability_bit(&i.to_string()), bit, "{c}");
        }
        assert_eq!(
            capability_bit("Cap_Sys_Admin"),
            capability_bit("CAP_SYS_ADMIN")
        );
        assert_eq!(capability_bit("CAP_NONE"), None);
        assert_eq!(capability_bit("CAP_SYS_ADMIN "), None);
        assert_eq!(capability_bit("63"), None);
    }
}
