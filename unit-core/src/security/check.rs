//! The form of one check of `systemd-analyze security` (`struct security_assessor`).

/// One check: what it looks at, how much it weighs, and what it says.
#[derive(Debug)]
pub struct Check {
    /// The name systemd prints, e.g. `PrivateNetwork=` or `CapabilityBoundingSet=~CAP_SYS_ADMIN`.
    pub id: &'static str,
    /// Its key in `--security-policy` files and JSON output (empty where the release had none).
    pub json_field: &'static str,
    /// The description when the check passes, if it has a fixed one.
    pub good: Option<&'static str>,
    /// The description when the check fails in full, if it has a fixed one.
    pub bad: Option<&'static str>,
    /// The description when the check does not apply, if it has a fixed one.
    pub na: Option<&'static str>,
    /// The documentation of the directive.
    pub url: &'static str,
    /// Its weight in the overall exposure.
    pub weight: u64,
    /// The highest badness it gives.
    pub range: u64,
    /// How it is judged.
    pub assess: Assess,
    /// Whether it is skipped for units with `DefaultDependencies=no`.
    pub default_dependencies_only: bool,
    /// The releases that have it in this form, a mask over [`crate::catalog::VERSIONS`].
    pub releases: u8,
}

/// How a check judges a unit: the `assess_*` function of systemd and its parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assess {
    /// A boolean setting, bad when off (or, inverted, when on).
    Bool(Field, bool),
    /// `User=`/`DynamicUser=`.
    User,
    /// `SupplementaryGroups=`.
    SupplementaryGroups,
    /// `ProtectHome=`.
    ProtectHome,
    /// `ProtectSystem=`.
    ProtectSystem,
    /// `RootDirectory=`/`RootImage=`.
    RootDirectory,
    /// Bad when the bounding set keeps any of these capabilities.
    Capabilities(&'static [&'static str]),
    /// `UMask=`.
    Umask,
    /// `KeyringMode=`.
    KeyringMode,
    /// `ProtectProc=`.
    ProtectProc,
    /// `ProcSubset=`.
    ProcSubset,
    /// `NotifyAccess=`.
    NotifyAccess,
    /// `RemoveIPC=`.
    RemoveIpc,
    /// Bad when the namespace type may be created.
    Namespace(&'static str),
    /// `SystemCallArchitectures=`.
    SystemCallArchitectures,
    /// Bad when the system call group is not filtered.
    SystemCallFilter(&'static str),
    /// `IPAddressDeny=`/`IPAddressAllow=`.
    IpAddressAllow,
    /// `DevicePolicy=`/`DeviceAllow=`.
    DeviceAllow,
    /// `AmbientCapabilities=`.
    AmbientCapabilities,
}

/// The boolean settings a check can look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[allow(missing_docs, reason = "each is the directive of the same name")]
pub enum Field {
    PrivateDevices,
    PrivateMounts,
    PrivateNetwork,
    PrivateTmp,
    PrivateUsers,
    ProtectControlGroups,
    ProtectKernelModules,
    ProtectKernelTunables,
    ProtectKernelLogs,
    ProtectClock,
    ProtectHostname,
    LockPersonality,
    MemoryDenyWriteExecute,
    NoNewPrivileges,
    RestrictRealtime,
    RestrictSuidSgid,
    Delegate,
    AfInet,
    AfUnix,
    AfNetlink,
    AfPacket,
    AfOther,
}

/// A system call group of `SystemCallFilter=` (`@clock`, ...) in some releases.
#[derive(Debug)]
pub struct SyscallSet {
    /// Its name, with the `@`.
    pub name: &'static str,
    /// The releases with these contents, a mask over [`crate::catalog::VERSIONS`].
    pub releases: u8,
    /// System calls and nested groups.
    pub calls: &'static [&'static str],
}
