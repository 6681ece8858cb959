//! Directives that are not in systemd 252's catalog but exist in another release, so that a
//! mistake like `RestartSteps=` says "not in this version" instead of suggesting an unrelated
//! name. Taken from `src/core/load-fragment-gperf.gperf*` of systemd 247.3, 252.39 and 257.13:
//! names of 257 that 252 lacks, names of 247 that 252 dropped, and names 252 still parses only
//! to warn that they are no longer supported.

/// In systemd 257, not in 252.
const LATER: &[&str] = &[
    "BindLogSockets",
    "CoredumpReceive",
    "DefaultStartupMemoryLow",
    "DeferReactivation",
    "DelegateSubgroup",
    "ExtensionImagePolicy",
    "FileDescriptorStorePreserve",
    "ImportCredential",
    "LogFilterPatterns",
    "ManagedOOMMemoryPressureDurationSec",
    "MemoryKSM",
    "MemoryPressureThresholdSec",
    "MemoryPressureWatch",
    "MemoryZSwapMax",
    "MemoryZSwapWriteback",
    "MountImagePolicy",
    "NFTSet",
    "OpenFile",
    "PassFileDescriptorsToExec",
    "PollLimitBurst",
    "PollLimitIntervalSec",
    "PrivatePIDs",
    "ReloadSignal",
    "RestartMaxDelaySec",
    "RestartMode",
    "RestartSteps",
    "RootEphemeral",
    "RootImagePolicy",
    "SetLoginEnvironment",
    "StartupMemoryHigh",
    "StartupMemoryLow",
    "StartupMemoryMax",
    "StartupMemorySwapMax",
    "StartupMemoryZSwapMax",
    "SurviveFinalKillSignal",
    "UpheldBy",
    "WantsMountsFor",
];

/// In systemd 247, gone by 252, with what replaced it.
const EARLIER: &[(&str, &str)] = &[(
    "ManagedOOMMemoryPressureLimitPercent",
    "ManagedOOMMemoryPressureLimit",
)];

/// Parsed by systemd 252 only to warn that they are no longer supported.
const OBSOLETE: &[&str] = &[
    "BusPolicy",
    "Capabilities",
    "IgnoreOnSnapshot",
    "NetClass",
    "SysVStartPriority",
];

/// What to say about a directive systemd 252 does not know, if another release knows it.
pub fn other_version(key: &str, section: &str) -> Option<String> {
    if LATER.contains(&key) {
        return Some(format!(
            "`{key}` is not a directive of systemd 252, which this catalog follows: it comes with a later systemd (257 has it), and 252 would ignore it; remove it"
        ));
    }
    if let Some((_, now)) = EARLIER.iter().find(|(old, _)| *old == key) {
        return Some(format!(
            "`{key}` was dropped before systemd 252; write `{now}=` in `[{section}]` instead"
        ));
    }
    OBSOLETE.contains(&key).then(|| {
        format!("`{key}` is no longer supported: systemd 252 ignores it with a warning; remove it")
    })
}
