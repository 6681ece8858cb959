//! The directive catalog: every section and directive systemd knows.
//!
//! The data is the output of systemd's own `--dump-configuration-items`, checked in unchanged as
//! `data/systemd-252.directives`. Regenerate it with:
//!
//! ```text
//! /lib/systemd/systemd --dump-configuration-items > unit-core/data/systemd-252.directives
//! ```
//!
//! systemd's type names are coarse (`OTHER`, `MODE` for both file modes and job modes), so
//! [`classify`] refines them by directive name into a [`ValueKind`] and a multiplicity.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::value::{self, ValueKind};

/// The dump of systemd 252 that the catalog is built from.
pub const SYSTEMD_DUMP: &str = include_str!("../data/systemd-252.directives");

/// What the catalog knows of one directive in one section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The section, without brackets.
    pub section: &'static str,
    /// The directive name.
    pub name: &'static str,
    /// systemd's own type name from the dump, e.g. `UNIT [...]`.
    pub syntax: &'static str,
    /// What its value must look like.
    pub kind: ValueKind,
    /// Whether repeated assignments accumulate into a list.
    pub list: bool,
}

impl Directive {
    /// Whether systemd expands `%` specifiers in this directive's value. Numbers, sizes,
    /// percentages and fixed words are read as they are.
    pub fn expands_specifiers(&self) -> bool {
        !matches!(
            self.kind,
            ValueKind::Bool
                | ValueKind::Timespan
                | ValueKind::Mode
                | ValueKind::Unsigned
                | ValueKind::Integer(..)
                | ValueKind::Size
                | ValueKind::Limit
                | ValueKind::Memory
                | ValueKind::TasksMax
                | ValueKind::Enum(_)
                | ValueKind::Signal
        ) && !NO_SPECIFIERS.contains(&self.name)
    }
}

/// Text directives whose values systemd reads without expanding specifiers (percentages).
const NO_SPECIFIERS: &[&str] = &[
    "CPUQuota",
    "CPUQuotaPeriodSec",
    "ManagedOOMMemoryPressureLimit",
    "IOWeight",
    "StartupIOWeight",
    "CPUWeight",
    "StartupCPUWeight",
];

/// FNV-1a: directive names are short and trusted, so a simple fast hash serves better than
/// SipHash in the lookups every value check makes.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Directives by name; each name is used by a few sections at most.
type Index = HashMap<&'static str, Vec<Directive>, BuildHasherDefault<Fnv>>;

/// Every section and directive of one systemd version.
#[derive(Debug)]
pub struct Catalog {
    sections: Vec<&'static str>,
    directives: BTreeMap<&'static str, BTreeMap<&'static str, Directive>>,
    index: Index,
}

impl Catalog {
    /// Builds a catalog from the text of `--dump-configuration-items`.
    pub fn from_dump(dump: &'static str) -> Catalog {
        let mut sections = Vec::new();
        let mut directives = BTreeMap::new();
        let mut section = "";
        for line in dump.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                if !sections.contains(&name) {
                    sections.push(name);
                }
            } else if let Some((name, syntax)) = line.split_once('=') {
                let (kind, list) = classify(section, name, syntax);
                directives
                    .entry(section)
                    .or_insert_with(BTreeMap::new)
                    .insert(
                        name,
                        Directive {
                            section,
                            name,
                            syntax,
                            kind,
                            list,
                        },
                    );
            }
        }
        let mut index = Index::default();
        for d in directives.values().flat_map(|d| d.values()) {
            index.entry(d.name).or_default().push(*d);
        }
        Catalog {
            sections,
            directives,
            index,
        }
    }

    /// Every section name, in the dump's order.
    pub fn sections(&self) -> &[&'static str] {
        &self.sections
    }

    /// The directive `name` in `section`.
    pub fn get(&self, section: &str, name: &str) -> Option<&Directive> {
        self.index.get(name)?.iter().find(|d| d.section == section)
    }

    /// The directives of `section`, sorted by name.
    pub fn directives_in<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Directive> {
        self.directives
            .get(section)
            .into_iter()
            .flat_map(|d| d.values())
    }

    /// Every section that has a directive called `name`.
    pub fn sections_of(&self, name: &str) -> Vec<&'static str> {
        self.index
            .get(name)
            .map_or_else(Vec::new, |all| all.iter().map(|d| d.section).collect())
    }

    /// The number of (section, directive) pairs.
    pub fn len(&self) -> usize {
        self.directives.values().map(BTreeMap::len).sum()
    }

    /// Whether the catalog is empty.
    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }
}

/// The catalog of systemd 252, built once from [`SYSTEMD_DUMP`].
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::from_dump(SYSTEMD_DUMP))
}

/// Directives whose repeated assignments accumulate although the dump does not mark them `[...]`.
const LISTS: &[&str] = &[
    "Documentation",
    "Also",
    "WantedBy",
    "RequiredBy",
    "Alias",
    "ExecStartPre",
    "ExecStartPost",
    "ExecCondition",
    "ExecReload",
    "ExecStop",
    "ExecStopPre",
    "ExecStopPost",
    "PassEnvironment",
    "UnsetEnvironment",
    "SupplementaryGroups",
    "DeviceAllow",
    "IPAddressAllow",
    "IPAddressDeny",
    "SystemCallFilter",
    "SystemCallArchitectures",
    "RestrictAddressFamilies",
    "CapabilityBoundingSet",
    "AmbientCapabilities",
    "Symlinks",
    "LoadCredential",
    "LoadCredentialEncrypted",
    "SetCredential",
    "SetCredentialEncrypted",
    "TemporaryFileSystem",
    "RuntimeDirectory",
    "StateDirectory",
    "CacheDirectory",
    "LogsDirectory",
    "ConfigurationDirectory",
    "Sockets",
    "SocketBindAllow",
    "SocketBindDeny",
    "LogExtraFields",
    "RestartPreventExitStatus",
    "RestartForceExitStatus",
    "SuccessExitStatus",
    "OnCalendar",
    "OnActiveSec",
    "OnBootSec",
    "OnStartupSec",
    "OnUnitActiveSec",
    "OnUnitInactiveSec",
    "PathExists",
    "PathExistsGlob",
    "PathChanged",
    "PathModified",
    "DirectoryNotEmpty",
];

const PATH_CONDITIONS: &[&str] = &[
    "PathExists",
    "PathIsDirectory",
    "PathIsSymbolicLink",
    "PathIsMountPoint",
    "PathIsReadWrite",
    "PathIsEncrypted",
    "DirectoryNotEmpty",
    "FileNotEmpty",
    "FileIsExecutable",
];

/// Refines systemd's type name for `name` in `section` into a value kind and a multiplicity.
pub fn classify(section: &str, name: &str, syntax: &str) -> (ValueKind, bool) {
    let list = name != "ExecStart"
        && (syntax.ends_with("[...]")
            || syntax.ends_with("[...]]")
            || matches!(syntax, "CONDITION" | "ENVIRON" | "FILE")
            || LISTS.contains(&name));
    let kind = match (name, syntax) {
        ("Also" | "WantedBy" | "RequiredBy" | "Alias", _) if section == "Install" => {
            ValueKind::Units
        }
        ("ExecStart", _) => ValueKind::Command,
        ("TasksMax", _) => ValueKind::TasksMax,
        ("ListenStream" | "ListenDatagram" | "ListenSequentialPacket", _) => {
            ValueKind::SocketAddress
        }
        ("ListenFIFO" | "ListenSpecial" | "ListenMessageQueue" | "ListenUSBFunction", _) => {
            ValueKind::Path
        }
        ("OnSuccessJobMode" | "OnFailureJobMode", _) => ValueKind::Enum(value::JOB_MODES),
        ("What" | "ExecSearchPath", _) => ValueKind::Text,
        (n, "LIMIT") if n.starts_with("Limit") => ValueKind::Limit,
        (n, "LIMIT") if n.starts_with("Memory") || n.starts_with("DefaultMemory") => {
            ValueKind::Memory
        }
        (n, "CONDITION")
            if PATH_CONDITIONS
                .iter()
                .any(|c| n.strip_prefix("Condition").or(n.strip_prefix("Assert")) == Some(c)) =>
        {
            ValueKind::PathCondition
        }
        (_, "BOOLEAN") => ValueKind::Bool,
        (_, "SECONDS") => ValueKind::Timespan,
        (_, "MODE") => ValueKind::Mode,
        (_, "UNSIGNED") => ValueKind::Unsigned,
        (_, "INTEGER" | "LONG") => ValueKind::Integer(i64::MIN, i64::MAX),
        (_, "NICE") => ValueKind::Integer(-20, 19),
        (_, "OOMSCOREADJUST") => ValueKind::Integer(-1000, 1000),
        (_, "SIZE") => ValueKind::Size,
        (_, "SIGNAL") => ValueKind::Signal,
        (_, "UNIT [...]") => ValueKind::Units,
        (_, "UNIT" | "SERVICE" | "SLICE") => ValueKind::Unit,
        (_, "PATH") => ValueKind::Path,
        (_, "PATH [...]") => ValueKind::Paths,
        (_, "PATH [ARGUMENT [...]]") => ValueKind::Command,
        (_, "ENVIRON") => ValueKind::Environment,
        (_, "FILE") => ValueKind::EnvironmentFile,
        (_, "URL") => ValueKind::Uris,
        (_, "SERVICETYPE") => ValueKind::Enum(value::SERVICE_TYPES),
        (_, "SERVICERESTART") => ValueKind::Enum(value::RESTART),
        (_, "KILLMODE") => ValueKind::Enum(value::KILL_MODES),
        (_, "SERVICEEXITTYPE") => ValueKind::Enum(value::EXIT_TYPES),
        (_, "ACTION") => ValueKind::Enum(value::ACTIONS),
        (_, "TIMEOUTMODE") => ValueKind::Enum(value::TIMEOUT_MODES),
        _ => ValueKind::Text,
    };
    (kind, list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_of_the_dump_is_known() {
        let c = catalog();
        for s in [
            "Unit",
            "Service",
            "Socket",
            "Mount",
            "Automount",
            "Swap",
            "Timer",
            "Path",
            "Slice",
            "Scope",
            "Install",
        ] {
            assert!(c.sections().contains(&s), "{s}");
        }
        assert!(c.len() > 1000);
    }

    #[test]
    fn kinds_are_refined() {
        let c = catalog();
        let get = |s, n| c.get(s, n).copied().unwrap();
        assert_eq!(
            get("Service", "Type").kind,
            ValueKind::Enum(value::SERVICE_TYPES)
        );
        assert!(!get("Service", "Type").list);
        assert_eq!(get("Socket", "ListenStream").kind, ValueKind::SocketAddress);
        assert!(get("Socket", "ListenStream").list);
        assert_eq!(get("Install", "Also").kind, ValueKind::Units);
        assert!(get("Install", "Also").list);
        assert!(get("Unit", "After").list);
        assert!(get("Service", "Environment").list);
        assert!(!get("Service", "ExecStart").list);
        assert!(get("Service", "ExecReload").list);
        assert_eq!(get("Service", "LimitNOFILE").kind, ValueKind::Limit);
        assert_eq!(get("Service", "MemoryMax").kind, ValueKind::Memory);
        assert_eq!(
            get("Unit", "ConditionPathExists").kind,
            ValueKind::PathCondition
        );
        assert_eq!(
            get("Unit", "OnFailureJobMode").kind,
            ValueKind::Enum(value::JOB_MODES)
        );
        assert_eq!(get("Socket", "SocketMode").kind, ValueKind::Mode);
        assert!(c.get("Service", "ListenStream").is_none());
        assert_eq!(c.sections_of("ListenStream"), ["Socket"]);
    }
}
