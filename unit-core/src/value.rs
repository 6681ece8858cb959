//! Value kinds and their parsers.
//!
//! Each parser answers `Ok(())` or one message in the house grammar saying what is wrong with the
//! value and what would be right. Parsers see values after template parameters and build options
//! are substituted, and never see systemd's empty (reset) assignment.

mod address;
mod command;
mod number;

pub use address::{socket_address, ListenAddress};
pub use command::{command_line, environment, split_words};
pub use number::{integer, limit, memory, mode, size, tasks_max, timespan, unsigned};

/// What a directive's value must look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// Any single-line text.
    Text,
    /// `yes`/`no` and systemd's other spellings.
    Bool,
    /// A time span such as `90s`, `5min 20s` or `infinity`; a bare number is seconds.
    Timespan,
    /// An octal file mode, at most `07777`.
    Mode,
    /// A non-negative integer.
    Unsigned,
    /// An integer within the bounds, inclusive.
    Integer(i64, i64),
    /// A byte size with an optional `K`, `M`, `G`, `T`, `P` or `E` suffix (base 1024).
    Size,
    /// A resource limit: a value or `soft:hard`, each part a number or `infinity`.
    Limit,
    /// A memory limit: a size, a percentage or `infinity`.
    Memory,
    /// `TasksMax=`: a count, a percentage or `infinity`.
    TasksMax,
    /// One of a fixed set of words.
    Enum(&'static [&'static str]),
    /// One unit name.
    Unit,
    /// Unit names separated by spaces.
    Units,
    /// One absolute path.
    Path,
    /// Absolute paths separated by spaces, each optionally prefixed with `-` or `+`.
    Paths,
    /// A command line with optional `-@:+!` prefixes.
    Command,
    /// `NAME=value` assignments separated by spaces, with systemd's quoting.
    Environment,
    /// An absolute path, optionally prefixed with `-`.
    EnvironmentFile,
    /// A signal name or number.
    Signal,
    /// A stream, datagram or sequential-packet socket address.
    SocketAddress,
    /// Documentation URIs separated by spaces.
    Uris,
    /// A path condition: an absolute path, optionally prefixed with `|` and `!`.
    PathCondition,
}

impl ValueKind {
    /// A short description for messages, e.g. `a time span`.
    pub fn describe(self) -> &'static str {
        match self {
            ValueKind::Text => "text",
            ValueKind::Bool => "a boolean",
            ValueKind::Timespan => "a time span",
            ValueKind::Mode => "an octal mode",
            ValueKind::Unsigned => "a non-negative integer",
            ValueKind::Integer(..) => "an integer",
            ValueKind::Size => "a size",
            ValueKind::Limit => "a resource limit",
            ValueKind::Memory => "a memory limit",
            ValueKind::TasksMax => "a task limit",
            ValueKind::Enum(_) => "one of a fixed set of words",
            ValueKind::Unit => "a unit name",
            ValueKind::Units => "unit names",
            ValueKind::Path => "an absolute path",
            ValueKind::Paths => "absolute paths",
            ValueKind::Command => "a command line",
            ValueKind::Environment => "environment assignments",
            ValueKind::EnvironmentFile => "an environment file",
            ValueKind::Signal => "a signal",
            ValueKind::SocketAddress => "a socket address",
            ValueKind::Uris => "documentation URIs",
            ValueKind::PathCondition => "a path condition",
        }
    }

    /// Checks `value` against this kind. `key` names the directive in messages.
    pub fn check(self, key: &str, value: &str) -> Result<(), String> {
        match self {
            ValueKind::Text => Ok(()),
            ValueKind::Bool => boolean(value).map(drop),
            ValueKind::Timespan => timespan(value).map(drop),
            ValueKind::Mode => mode(value).map(drop),
            ValueKind::Unsigned => unsigned(value).map(drop),
            ValueKind::Integer(min, max) => integer(value, min, max).map(drop),
            ValueKind::Size => size(value).map(drop),
            ValueKind::Limit => limit(key, value),
            ValueKind::Memory => memory(value),
            ValueKind::TasksMax => tasks_max(value),
            ValueKind::Enum(words) => one_of(key, value, words),
            ValueKind::Unit => unit_name(value),
            ValueKind::Units if !value.contains(['"', '\'', '\\']) => {
                value.split_whitespace().try_for_each(unit_name)
            }
            ValueKind::Units => split_words(value)?
                .iter()
                .try_for_each(|name| unit_name(name)),
            ValueKind::Path => absolute_path(value),
            ValueKind::Paths => split_words(value)?.iter().try_for_each(|p| {
                absolute_path(p.strip_prefix(['-', '+']).unwrap_or(p))
                    .map_err(|e| format!("{e} (in `{value}`)"))
            }),
            ValueKind::Command => command_line(value),
            ValueKind::Environment => environment(value),
            ValueKind::EnvironmentFile => absolute_path(value.strip_prefix('-').unwrap_or(value)),
            ValueKind::Signal => signal(value),
            ValueKind::SocketAddress => socket_address(value).map(drop),
            ValueKind::Uris => uris(value),
            ValueKind::PathCondition => {
                let rest = value.strip_prefix('|').unwrap_or(value);
                absolute_path(rest.strip_prefix('!').unwrap_or(rest))
            }
        }
    }
}

/// The service types of systemd 252.
pub const SERVICE_TYPES: &[&str] = &[
    "simple", "exec", "forking", "oneshot", "dbus", "notify", "idle",
];
/// The values of `Restart=`.
pub const RESTART: &[&str] = &[
    "no",
    "on-success",
    "on-failure",
    "on-abnormal",
    "on-watchdog",
    "on-abort",
    "always",
];
/// The values of `KillMode=`.
pub const KILL_MODES: &[&str] = &["control-group", "mixed", "process", "none"];
/// The values of `ExitType=`.
pub const EXIT_TYPES: &[&str] = &["main", "cgroup"];
/// The emergency actions (`FailureAction=` and friends).
pub const ACTIONS: &[&str] = &[
    "none",
    "reboot",
    "reboot-force",
    "reboot-immediate",
    "poweroff",
    "poweroff-force",
    "poweroff-immediate",
    "exit",
    "exit-force",
];
/// The job modes (`OnFailureJobMode=` and friends).
pub const JOB_MODES: &[&str] = &[
    "fail",
    "replace",
    "replace-irreversibly",
    "isolate",
    "flush",
    "ignore-dependencies",
    "ignore-requirements",
];
/// The values of `TimeoutStartFailureMode=` and `TimeoutStopFailureMode=`.
pub const TIMEOUT_MODES: &[&str] = &["terminate", "abort", "kill"];

/// Parses systemd's boolean spellings.
pub fn boolean(value: &str) -> Result<bool, String> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "yes" | "y" | "true" | "t" | "on" => Ok(true),
        "0" | "no" | "n" | "false" | "f" | "off" => Ok(false),
        _ => Err(format!("`{value}` is not a boolean; use `yes` or `no`")),
    }
}

fn one_of(key: &str, value: &str, words: &[&str]) -> Result<(), String> {
    if words.contains(&value) {
        return Ok(());
    }
    let list = words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = crate::suggest::closest(value, words.iter().copied())
        .map(|s| format!("did you mean `{s}`? "))
        .unwrap_or_default();
    Err(format!(
        "`{value}` is not a valid `{key}=`; {hint}expected one of {list}"
    ))
}

const UNIT_NAME_MAX: usize = 255;

/// Checks a unit name: `prefix[@instance].suffix` with a known suffix and systemd's characters.
pub fn unit_name(name: &str) -> Result<(), String> {
    let Some((stem, suffix)) = name.rsplit_once('.') else {
        return Err(format!(
            "`{name}` is not a unit name; add a suffix such as `.service`"
        ));
    };
    if crate::UnitKind::from_suffix(suffix).is_none() {
        let hint = crate::suggest::closest(suffix, crate::UnitKind::ALL.map(|k| k.suffix()))
            .map(|s| format!("; did you mean `.{s}`?"))
            .unwrap_or_else(|| "; use a suffix such as `.service`".into());
        return Err(format!(
            "`{name}` has an unknown unit suffix `.{suffix}`{hint}"
        ));
    }
    if name.len() > UNIT_NAME_MAX {
        return Err(format!(
            "unit name `{name}` is longer than {UNIT_NAME_MAX} characters"
        ));
    }
    let (prefix, instance) = match stem.split_once('@') {
        Some((p, i)) => (p, Some(i)),
        None => (stem, None),
    };
    if prefix.is_empty() {
        return Err(format!("unit name `{name}` has an empty prefix"));
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || ":-_.\\%".contains(c);
    // systemd allows `@` in the instance (`heartbeat-failed@frr@.service`), not the prefix.
    if let Some(c) = prefix
        .chars()
        .chain(instance.unwrap_or("").chars().filter(|&c| c != '@'))
        .find(|&c| !allowed(c))
    {
        return Err(format!(
            "unit name `{name}` contains `{}`; use letters, digits and `:-_.\\` only",
            c.escape_default()
        ));
    }
    Ok(())
}

/// Checks an absolute, normalized path (a leading specifier such as `%t` also counts).
pub fn absolute_path(path: &str) -> Result<(), String> {
    if !(path.starts_with('/') || path.starts_with('%')) {
        return Err(format!(
            "`{path}` is not an absolute path; start it with `/`"
        ));
    }
    if path.split('/').any(|c| c == "..") {
        return Err(format!(
            "path `{path}` contains `..`; write it without `..`"
        ));
    }
    if path.contains("//") {
        return Err(format!("path `{path}` contains `//`; use a single `/`"));
    }
    Ok(())
}

const SIGNALS: &[&str] = &[
    "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "IOT", "BUS", "FPE", "KILL", "USR1", "SEGV",
    "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU",
    "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "POLL", "PWR", "SYS",
];

/// Checks a signal: a name with or without `SIG`, `RTMIN+n`/`RTMAX-n`, or a number 1 to 64.
pub fn signal(value: &str) -> Result<(), String> {
    if let Ok(n) = value.parse::<u32>() {
        return if (1..=64).contains(&n) {
            Ok(())
        } else {
            Err(format!("signal number {n} is out of range; use 1 to 64"))
        };
    }
    let name = value.strip_prefix("SIG").unwrap_or(value);
    if SIGNALS.contains(&name) || name == "RTMIN" || name == "RTMAX" {
        return Ok(());
    }
    let offset = name
        .strip_prefix("RTMIN+")
        .or_else(|| name.strip_prefix("RTMAX-"));
    if let Some(n) = offset.and_then(|n| n.parse::<u32>().ok()) {
        if n <= 30 {
            return Ok(());
        }
    }
    let hint = crate::suggest::closest(name, SIGNALS.iter().copied())
        .map(|s| format!("did you mean `SIG{s}`?"))
        .unwrap_or_else(|| "use a name such as `SIGTERM`".into());
    Err(format!("`{value}` is not a signal; {hint}"))
}

const URI_SCHEMES: &[&str] = &["http://", "https://", "file:", "info:", "man:"];

/// Checks documentation URIs: `http://`, `https://`, `file:`, `info:` or `man:`.
pub fn uris(value: &str) -> Result<(), String> {
    for uri in value.split_whitespace() {
        let rest = URI_SCHEMES.iter().find_map(|s| uri.strip_prefix(s));
        match rest {
            Some(r) if !r.is_empty() => {}
            _ => {
                return Err(format!(
                "`{uri}` is not a documentation URI; use `http://`, `https://`, `file:`, `info:` or `man:`"
            ))
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans() {
        for ok in ["yes", "no", "1", "0", "true", "False", "on", "off"] {
            assert!(boolean(ok).is_ok(), "{ok}");
        }
        for bad in ["yess", "2", "", "enabled"] {
            let e = boolean(bad).unwrap_err();
            assert!(e.contains("not a boolean"), "{e}");
        }
    }

    #[test]
    fn enums_suggest() {
        let e = ValueKind::Enum(SERVICE_TYPES)
            .check("Type", "notfy")
            .unwrap_err();
        assert!(e.contains("did you mean `notify`?"), "{e}");
        assert!(ValueKind::Enum(RESTART)
            .check("Restart", "on-failure")
            .is_ok());
        assert!(ValueKind::Enum(KILL_MODES)
            .check("KillMode", "proces")
            .is_err());
    }

    #[test]
    fn unit_names() {
        for ok in [
            "a.service",
            "foo@.service",
            "foo@bar.socket",
            "systemd-machined.service",
            "dev-sda1.device",
            "foo@%i.service",
        ] {
            assert!(unit_name(ok).is_ok(), "{ok}");
        }
        let e = unit_name("virtlogd.sockt").unwrap_err();
        assert!(e.contains("did you mean `.socket`?"), "{e}");
        assert!(unit_name("virtlogd").is_err());
        assert!(unit_name(".service").is_err());
        assert!(unit_name("a b.service").is_err());
        assert!(unit_name("a/b.service").is_err());
        assert!(unit_name(&format!("{}.service", "a".repeat(250))).is_err());
        assert!(ValueKind::Units
            .check("After", "a.service b.target")
            .is_ok());
        assert!(ValueKind::Units.check("After", "a.service b").is_err());
    }

    #[test]
    fn paths() {
        assert!(absolute_path("/run/libvirt").is_ok());
        assert!(absolute_path("%t/libvirt").is_ok());
        assert!(absolute_path("run/libvirt").is_err());
        assert!(absolute_path("/run/../etc").is_err());
        assert!(absolute_path("/run//x").is_err());
        assert!(ValueKind::Paths
            .check("ReadWritePaths", "/a -/b +/c")
            .is_ok());
        assert!(ValueKind::Paths.check("ReadWritePaths", "/a b").is_err());
        assert!(ValueKind::EnvironmentFile
            .check("EnvironmentFile", "-/etc/sysconfig/x")
            .is_ok());
        assert!(ValueKind::EnvironmentFile
            .check("EnvironmentFile", "etc/x")
            .is_err());
        assert!(ValueKind::PathCondition
            .check("ConditionPathExists", "|!/proc/xen")
            .is_ok());
        assert!(ValueKind::PathCondition
            .check("ConditionPathExists", "!proc")
            .is_err());
    }

    #[test]
    fn signals() {
        for ok in ["SIGTERM", "TERM", "9", "SIGRTMIN+3", "RTMAX-1", "SIGUSR1"] {
            assert!(signal(ok).is_ok(), "{ok}");
        }
        let e = signal("SIGTREM").unwrap_err();
        assert!(e.contains("did you mean `SIGTERM`?"), "{e}");
        assert!(signal("0").is_err());
        assert!(signal("65").is_err());
        assert!(signal("SIGRTMIN+40").is_err());
    }

    #[test]
    fn documentation_uris() {
        assert!(uris("man:virtqemud(8)").is_ok());
        assert!(uris("https://libvirt.org/ man:x(1)").is_ok());
        assert!(uris("libvirt.org").is_err());
        assert!(uris("man:").is_err());
        assert!(uris("ftp://x").is_err());
    }
}
