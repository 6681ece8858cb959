//! systemd's parsers of the execution environment: command lines, environment, users and
//! groups, sandboxing paths, resource limits, capabilities, standard input and output, state
//! directories, system call filters, credentials, logging and scheduling.

use super::c::{self, flags};
use super::spec::{self, Table};
use super::{basic, Cx};

type Verdict = Option<Result<(), String>>;

/// The verdict of the execution-environment parser `parser` on `value`, or `None` if `parser`
/// is not one.
pub fn check(parser: &str, cx: &Cx<'_>, value: &str) -> Verdict {
    Some(match parser {
        "exec" => exec(cx, value),
        "environ" => environ(cx, value),
        "unit_env_file" => env_file(cx, value),
        "pass_environ" => pass_environ(cx, value),
        "unset_environ" => unset_environ(cx, value),
        "working_directory" => working_directory(cx, value),
        "user_group_compat" => user_group(cx, value),
        "user_group_strv_compat" => user_groups(cx, value),
        "namespace_path_strv" => namespace_paths(cx, value),
        // Unknown names and numbers out of range are skipped with a debug message only, and
        // quotes are relaxed: every value is taken.
        "capability_set" => Ok(()),
        "rlimit" => rlimit(cx, value),
        "exec_output" => output(cx, value),
        "exec_input" => input(cx, value),
        "exec_input_text" => input_text(cx, value),
        "exec_input_data" => input_data(value),
        "exec_directories" => directories(cx, value),
        "syscall_filter" => syscall_filter(cx, value),
        "syscall_log" => syscall_log(cx, value),
        "syscall_archs" => syscall_archs(cx, value),
        "syscall_errno" => syscall_errno(cx, value),
        "address_families" => address_families(cx, value),
        "restrict_namespaces" => restrict_namespaces(cx, value),
        "personality" => personality(cx, value),
        "exec_nice" => ranged(cx, value, -20, 19),
        "exec_oom_score_adjust" => ranged(cx, value, -1000, 1000),
        "exec_cpu_sched_prio" => ranged(cx, value, 0, 99),
        "exec_io_priority" if value.is_empty() => Ok(()),
        "exec_io_priority" => ranged(cx, value, 0, 7),
        "exec_io_class" => {
            named_or_number(cx, value, &["none", "realtime", "best-effort", "idle"], 8)
        }
        "exec_cpu_sched_policy" => named_or_number(
            cx,
            value,
            &["other", "batch", "idle", "fifo", "rr"],
            u64::from(i32::MAX as u32),
        ),
        "exec_mount_apivfs" if value.is_empty() => Ok(()),
        "exec_mount_apivfs" => basic::boolean(value),
        "exit_status" if value.is_empty() => Ok(()),
        "exit_status" => exit_status(cx, value),
        "tty_size" if value.is_empty() => Ok(()),
        "tty_size" => c::unsigned(value, 0, u64::from(u32::MAX))
            .map(drop)
            .map_err(|_| {
                format!(
                    "`{value}` is not a valid `{}=`; use a whole number of rows or columns",
                    cx.key
                )
            }),
        "protect_system" => with_bool(cx, value, &["full", "strict"]),
        "protect_home" => with_bool(cx, value, &["read-only", "tmpfs"]),
        "protect_proc" => basic::one_of(
            cx,
            value,
            &["default", "noaccess", "invisible", "ptraceable"],
        ),
        "proc_subset" => basic::one_of(cx, value, &["all", "pid"]),
        "protect_control_groups" => with_bool(cx, value, &["private", "strict"]),
        "private_tmp" => with_bool(cx, value, &["connected", "disconnected"]),
        "private_users" if cx.version >= 258 => {
            with_bool(cx, value, &["self", "identity", "full", "managed"])
        }
        "private_users" => with_bool(cx, value, &["self", "identity"]),
        "private_pids" => with_bool(cx, value, &[]),
        "runtime_preserve_mode" | "exec_preserve_mode" if cx.version >= 258 => {
            with_bool(cx, value, &["restart", "on-success"])
        }
        "runtime_preserve_mode" | "exec_preserve_mode" => with_bool(cx, value, &["restart"]),
        "exec_keyring_mode" => basic::one_of(cx, value, &["inherit", "private", "shared"]),
        "exec_utmp_mode" => basic::one_of(cx, value, &["init", "login", "user"]),
        "exec_mount_flags" | "exec_mount_propagation_flag" if value.is_empty() => Ok(()),
        "exec_mount_flags" | "exec_mount_propagation_flag" => {
            basic::one_of(cx, value, &["shared", "slave", "private"])
        }
        "numa_policy" if value.is_empty() => Ok(()),
        "numa_policy" if cx.version >= 258 => basic::one_of(
            cx,
            value,
            &[
                "default",
                "preferred",
                "bind",
                "interleave",
                "local",
                "preferred-many",
                "weighted-interleave",
            ],
        ),
        "numa_policy" => basic::one_of(
            cx,
            value,
            &["default", "preferred", "bind", "interleave", "local"],
        ),
        // Unknown words are skipped without a message.
        "exec_secure_bits" => Ok(()),
        "exec_coredump_filter" => coredump_filter(cx, value),
        "log_level" => named_or_number(
            cx,
            value,
            &[
                "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug",
            ],
            7,
        )
        .and_then(|()| nonempty(cx, value)),
        "log_facility" => named_or_number(
            cx,
            value,
            &[
                "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron",
                "authpriv", "ftp", "local0", "local1", "local2", "local3", "local4", "local5",
                "local6", "local7",
            ],
            127,
        )
        .and_then(|()| nonempty(cx, value)),
        "log_namespace" => log_namespace(cx, value),
        "log_extra_fields" => log_extra_fields(cx, value),
        "exec_selinux_context" | "exec_apparmor_profile" | "exec_smack_process_label" => {
            let rest = value.strip_prefix('-').unwrap_or(value);
            if value.is_empty() {
                Ok(())
            } else {
                spec::expand(cx, rest, Table::Full).map(drop)
            }
        }
        "bus_name" => bus_name(cx, value),
        "pid_file" => pid_file(cx, value),
        "colon_separated_paths" => colon_paths(cx, value),
        "set_status" => set_status(value),
        "bind_paths" => bind_paths(cx, value),
        "temporary_filesystems" => temporary_filesystems(cx, value),
        _ => return None,
    })
}

/// `DEFINE_STRING_TABLE_LOOKUP_WITH_BOOLEAN`: a boolean or one of `words`.
fn with_bool(cx: &Cx<'_>, value: &str, words: &[&str]) -> Result<(), String> {
    if c::parse_boolean(value).is_some() {
        return Ok(());
    }
    basic::one_of(cx, value, words).map_err(|e| {
        if words.is_empty() {
            format!("`{value}` is not a boolean; use `yes` or `no`")
        } else {
            format!("{e}, or a boolean")
        }
    })
}

fn nonempty(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        Err(format!(
            "an empty value is not a valid `{}=`; name one",
            cx.key
        ))
    } else {
        Ok(())
    }
}

const COREDUMP_FILTERS: &[&str] = &[
    "private-anonymous",
    "shared-anonymous",
    "private-file-backed",
    "shared-file-backed",
    "elf-headers",
    "private-huge",
    "shared-huge",
    "private-dax",
    "shared-dax",
    "default",
    "all",
];

/// `coredump_filter_mask_from_string`: names, `default`, `all` or hexadecimal masks.
fn coredump_filter(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, 0)? {
        if !COREDUMP_FILTERS.contains(&w.as_str()) && c::unsigned(&w, 16, u64::MAX).is_err() {
            basic::one_of(cx, &w, COREDUMP_FILTERS)
                .map_err(|e| format!("{e}, or a hexadecimal mask"))?;
        }
    }
    Ok(())
}

/// `string_is_glob`.
fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

fn log_namespace(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let k = spec::expand(cx, value, Table::Full)?;
    let instance_ok = k
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b":-_.\\@".contains(&b));
    if !filename_is_valid(&k)
        || k.len() > 1024
        || !instance_ok
        || !string_is_safe(&k)
        || is_glob(&k)
    {
        return Err(format!(
            "`{k}` is not a valid log namespace; use letters, digits and `:-_.`"
        ));
    }
    Ok(())
}

/// `journal_field_valid` without protected fields: upper-case letters, digits and `_`, not
/// starting with a digit or `_`, at most 64 characters.
fn journal_field(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 64
        && !n.starts_with(|c: char| c.is_ascii_digit() || c == '_')
        && n.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

fn log_extra_fields(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, flags::CUNESCAPE | flags::UNQUOTE)? {
        let k = spec::expand(cx, &w, Table::Full)?;
        let Some((name, _)) = k.split_once('=') else {
            return Err(format!("log field `{k}` has no `=`; write `FIELD=value`"));
        };
        if !journal_field(name) {
            return Err(format!(
                "`{name}` is not a journal field name; use upper-case letters, digits and `_`, not starting with `_` or a digit"
            ));
        }
    }
    Ok(())
}

/// `sd_bus_service_name_is_valid`: a unique name (`:1.5`) or a well-known name of at least two
/// dot-separated elements of letters, digits, `_` and `-`, not starting with a digit, at most
/// 255 characters.
fn bus_name_ok(n: &str) -> bool {
    if n.is_empty() || n.len() > 255 {
        return false;
    }
    let unique = n.starts_with(':');
    let body = n.strip_prefix(':').unwrap_or(n);
    let parts: Vec<&str> = body.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && (unique || !p.starts_with(|c: char| c.is_ascii_digit()))
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        })
}

fn bus_name(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let k = spec::expand(cx, value, Table::Full)?;
    if bus_name_ok(&k) {
        Ok(())
    } else {
        Err(format!(
            "`{k}` is not a D-Bus name; write one such as `org.example.Daemon`"
        ))
    }
}

fn pid_file(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let k = spec::expand(cx, value, Table::Full)?;
    let n = if c::path_is_absolute(&k) {
        k
    } else {
        format!("/run/{k}")
    };
    c::path_check(&n, true)
}

fn colon_paths(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let mut p = Some(value.as_bytes());
    while let Some(w) = c::extract_first_word(&mut p, b":", flags::DONT_COALESCE_SEPARATORS)
        .map_err(|_| syntax(value))?
    {
        abs_path(cx, &String::from_utf8_lossy(&w))?;
    }
    Ok(())
}

/// `exit_status_from_string` or `signal_from_string` for each word.
fn set_status(value: &str) -> Result<(), String> {
    const CLASSES: &[&str] = &[
        "CHDIR",
        "NICE",
        "FDS",
        "EXEC",
        "MEMORY",
        "LIMITS",
        "OOM_ADJUST",
        "SIGNAL_MASK",
        "STDIN",
        "STDOUT",
        "CHROOT",
        "IOPRIO",
        "TIMERSLACK",
        "SECUREBITS",
        "SETSCHEDULER",
        "CPUAFFINITY",
        "GROUP",
        "USER",
        "CAPABILITIES",
        "CGROUP",
        "SETSID",
        "CONFIRM",
        "STDERR",
        "PAM",
        "NETWORK",
        "NAMESPACE",
        "NO_NEW_PRIVILEGES",
        "SECCOMP",
        "SELINUX_CONTEXT",
        "PERSONALITY",
        "APPARMOR",
        "ADDRESS_FAMILIES",
        "RUNTIME_DIRECTORY",
        "CHOWN",
        "SMACK_PROCESS_LABEL",
        "KEYRING",
        "STATE_DIRECTORY",
        "CACHE_DIRECTORY",
        "LOGS_DIRECTORY",
        "CONFIGURATION_DIRECTORY",
        "NUMA_POLICY",
        "CREDENTIALS",
        "BPF",
        "KSM",
        "INVALIDARGUMENT",
        "NOTINSTALLED",
        "NOPERMISSION",
        "NOTIMPLEMENTED",
        "NOTRUNNING",
        "NOTCONFIGURED",
    ];
    for w in split(value, 0)? {
        let number = c::unsigned(&w, 0, 255).is_ok();
        if number || CLASSES.contains(&w.as_str()) || basic::signal(&w).is_ok() {
            continue;
        }
        return Err(format!(
            "`{w}` is neither an exit status (0 to 255 or a name such as `INVALIDARGUMENT`) nor a signal such as `SIGTERM`"
        ));
    }
    Ok(())
}

fn bind_paths(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let key = cx.key;
    let seps = b": \t\n\r";
    let fl = flags::UNQUOTE | flags::DONT_COALESCE_SEPARATORS;
    if value.is_empty() {
        return Ok(());
    }
    let mut p = Some(value.as_bytes());
    let text = |w: Vec<u8>| String::from_utf8_lossy(&w).into_owned();
    loop {
        let before = p;
        let Some(source) = c::extract_first_word(&mut p, seps, fl).map_err(|_| syntax(value))?
        else {
            return Ok(());
        };
        let colon = |before: Option<&[u8]>, after: Option<&[u8]>| -> bool {
            // Whether the separator just consumed was `:` (`p[-1] == ':'` in C).
            match (before, after) {
                (Some(b), Some(a)) => b.len() > a.len() && b[b.len() - a.len() - 1] == b':',
                _ => false,
            }
        };
        let s = spec::expand(cx, &text(source), Table::Full)?;
        let s = s.strip_prefix('-').unwrap_or(&s);
        c::path_check(s, true).map_err(|e| format!("{e} in `{key}=`"))?;
        if colon(before, p) {
            let before = p;
            let Some(dest) = c::extract_first_word(&mut p, seps, fl).map_err(|_| syntax(value))?
            else {
                return Err(format!(
                    "`{key}=` has nothing after `:`; write `SOURCE:DEST`"
                ));
            };
            abs_path(cx, &text(dest))?;
            if colon(before, p) {
                let opt = c::extract_first_word(&mut p, b"", flags::UNQUOTE)
                    .map_err(|_| syntax(value))?
                    .map(text)
                    .unwrap_or_default();
                if !opt.is_empty() && opt != "rbind" && opt != "norbind" {
                    return Err(format!(
                        "`{opt}` is not a bind mount option; use `rbind` or `norbind`"
                    ));
                }
            }
        }
    }
}

fn temporary_filesystems(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, flags::UNQUOTE)? {
        let path = w.split_once(':').map_or(w.as_str(), |(p, _)| p);
        abs_path(cx, path)?;
    }
    Ok(())
}

/// A `Cx`-free description of what went wrong while splitting words.
fn syntax(value: &str) -> String {
    format!("`{value}` has an unbalanced quote or an invalid `\\` escape; close the quote or write `\\\\` for a backslash")
}

/// Every word of `value`, as a loop over `extract_first_word` that refuses bad syntax.
fn split(value: &str, fl: u16) -> Result<Vec<String>, String> {
    c::words(value, b"", fl).map_err(|_| syntax(value))
}

/// `extract_first_word_and_warn`. It keeps an invalid escape sequence verbatim with a warning
/// ("Ignoring unknown escape sequences"); that warning names the line, so such a word is
/// refused here as well as an unbalanced quote.
fn next_word_warn(p: &mut Option<&[u8]>, fl: u16, key: &str) -> Result<Option<String>, String> {
    let save = *p;
    match c::extract_first_word(p, b"", fl) {
        Ok(w) => Ok(w.map(|w| String::from_utf8_lossy(&w).into_owned())),
        Err(_) => {
            *p = save;
            Err(match c::extract_first_word(p, b"", fl | flags::UNESCAPE_RELAX) {
                Ok(w) => format!(
                    "`{}` in `{key}=` has an unknown `\\` escape; write `\\\\` for a literal backslash",
                    String::from_utf8_lossy(&w.unwrap_or_default())
                ),
                Err(_) => format!("`{key}=` has an unbalanced quote; close it"),
            })
        }
    }
}

/// A path after `unit_path_printf`, judged as `path_simplify_and_warn(PATH_CHECK_ABSOLUTE)`.
fn abs_path(cx: &Cx<'_>, raw: &str) -> Result<(), String> {
    let p = spec::expand(cx, raw, Table::Full)?;
    c::path_check(&p, true).map_err(|e| {
        if e.contains("not an absolute path") && raw.starts_with('%') {
            format!("{e} once its specifiers are expanded; start it with `/` or a directory specifier such as `%t`")
        } else if e.contains("not an absolute path") {
            format!("{e}; start it with `/`")
        } else {
            e
        }
    })
}

/// `path_simplify_and_warn(PATH_CHECK_RELATIVE)`: relative, valid and normalised.
fn rel_path(p: &str) -> Result<(), String> {
    if c::path_is_absolute(p) {
        return Err(format!(
            "`{p}` is an absolute path; write it relative to the directory systemd chooses"
        ));
    }
    let simple = c::simplify(p);
    if simple.is_empty() || simple.len() >= 4096 || simple.split('/').any(|c| c.len() > 255) {
        return Err(format!("path `{p}` has an invalid length"));
    }
    if simple == "." || simple.split('/').any(|c| c == "..") {
        return Err(format!(
            "path `{p}` is not normalised; write it without `.` and `..`"
        ));
    }
    Ok(())
}

/// `path_is_valid`: not empty, every component at most 255 bytes, shorter than `PATH_MAX`.
fn path_is_valid(p: &str) -> bool {
    !p.is_empty() && p.len() < 4096 && p.split('/').all(|c| c.len() <= 255)
}

/// `filename_is_valid`: one component, not `.` or `..`.
fn filename_is_valid(p: &str) -> bool {
    !p.is_empty() && p != "." && p != ".." && !p.contains('/') && p.len() <= 255
}

/// `string_is_safe`: no control characters, quotes or backslashes.
fn string_is_safe(p: &str) -> bool {
    !p.bytes()
        .any(|b| b < b' ' || b == 0x7f || b == b'"' || b == b'\'' || b == b'\\')
}

fn exec(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let key = cx.key;
    let mut p = Some(value.as_bytes());
    loop {
        let Some(first) = next_word_warn(&mut p, flags::UNQUOTE | flags::CUNESCAPE, key)? else {
            return Ok(());
        };
        if first == ";" {
            continue;
        }
        let (prefix_len, argv0, shell) = exec_prefixes(cx, &first);
        let f = &first[prefix_len..];
        let mut args = 0usize;
        if shell {
            args += 1;
        } else {
            let path = spec::expand(cx, f, Table::Full)?;
            let prefix = &first[..prefix_len];
            if path.is_empty() {
                return Err(format!(
                    "`{key}=` has no command after `{prefix}`; write an absolute path or an executable name after the prefix"
                ));
            }
            if !string_is_safe(&path) {
                return Err(format!(
                    "executable `{path}` contains quotes, a backslash or control characters; name the executable plainly and put arguments after it"
                ));
            }
            let directory = if cx.version >= 255 {
                path == "."
                    || path == ".."
                    || [("/"), ("/."), ("/..")].iter().any(|s| path.ends_with(s))
            } else {
                path.ends_with('/')
            };
            if directory {
                return Err(format!(
                    "executable `{path}` names a directory; name a program such as `/usr/bin/foo`"
                ));
            }
            let valid = if c::path_is_absolute(&path) {
                cx.version < 250 || path_is_valid(&path)
            } else {
                filename_is_valid(&path)
            };
            if !valid {
                let hint = if prefix_len > 0 || !path.starts_with(['-', '@', ':', '+', '!']) {
                    "write an absolute path such as `/usr/bin/foo` or a plain executable name"
                } else {
                    "the prefixes `-@:+!` may each be given once, and `+` does not combine with `!`"
                };
                return Err(format!(
                    "`{path}` is neither a valid executable name nor an absolute path; {hint}"
                ));
            }
            if !argv0 {
                args += 1;
            }
        }
        let mut semicolon = false;
        while let Some(rest) = p.filter(|r| !r.is_empty()) {
            let sep = |i: usize| rest.get(i).is_none_or(|b| c::WHITESPACE.contains(b));
            if rest[0] == b';' && sep(1) {
                let skip = rest[1..]
                    .iter()
                    .take_while(|b| c::WHITESPACE.contains(b))
                    .count();
                p = Some(&rest[(1 + skip).min(rest.len())..]);
                semicolon = true;
                break;
            }
            if rest.starts_with(b"\\;") && sep(2) {
                let skip = rest[2..]
                    .iter()
                    .take_while(|b| c::WHITESPACE.contains(b))
                    .count();
                p = Some(&rest[(2 + skip).min(rest.len())..]);
                args += 1;
                continue;
            }
            let Some(word) = next_word_warn(&mut p, flags::UNQUOTE | flags::CUNESCAPE, key)? else {
                break;
            };
            spec::expand(cx, &word, Table::Full)?;
            args += 1;
        }
        if args == 0 {
            return Err(format!(
                "`{key}=` with `@` needs the program's `argv[0]` after the path; write `@/usr/bin/foo foo`"
            ));
        }
        if !semicolon {
            return Ok(());
        }
    }
}

/// The command prefixes of `first` as this release reads them: how many bytes they take,
/// whether `@` was given, and whether `|` was (262 and later: run through the user's shell).
fn exec_prefixes(cx: &Cx<'_>, first: &str) -> (usize, bool, bool) {
    let (mut ignore, mut argv0, mut noenv, mut shell) = (false, false, false, false);
    let (mut privileged, mut nosetuid, mut ambient) = (false, false, false);
    let mut n = 0;
    for b in first.bytes() {
        let modern = cx.version >= 258;
        match b {
            b'-' if !ignore => ignore = true,
            b'@' if !argv0 => argv0 = true,
            b':' if !noenv => noenv = true,
            b'|' if modern && !shell => shell = true,
            b'+' if !(privileged || nosetuid || ambient) => privileged = true,
            b'!' if !(privileged || nosetuid || ambient) => nosetuid = true,
            b'!' if !(privileged || ambient) => {
                nosetuid = false;
                ambient = true;
            }
            _ => break,
        }
        n += 1;
    }
    (n, argv0, shell)
}

/// `env_name_is_valid`.
fn env_name(n: &str) -> bool {
    !n.is_empty()
        && !n.starts_with(|c: char| c.is_ascii_digit())
        && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `env_assignment_is_valid`.
fn env_assignment(a: &str) -> bool {
    a.split_once('=').is_some_and(|(n, _)| env_name(n))
}

fn environ(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, flags::CUNESCAPE | flags::UNQUOTE)? {
        let a = spec::expand(cx, &w, Table::Full)?;
        if !env_assignment(&a) {
            return Err(format!(
                "`{a}` is not an environment assignment; write `NAME=value` with a name of letters, digits and `_`, and quote assignments that contain spaces"
            ));
        }
    }
    Ok(())
}

fn env_file(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let n = spec::expand(cx, value, Table::Full)?;
    let path = n.strip_prefix('-').unwrap_or(&n);
    c::path_check(path, true)
        .map_err(|e| format!("{e}; name an absolute file, with `-` before it if it may be missing"))
}

fn pass_environ(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, flags::UNQUOTE)? {
        let k = spec::expand(cx, &w, Table::Full)?;
        if !env_name(&k) {
            return Err(format!(
                "`{k}` is not an environment variable name; use letters, digits and `_`, not starting with a digit"
            ));
        }
    }
    Ok(())
}

fn unset_environ(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, flags::CUNESCAPE | flags::UNQUOTE)? {
        let k = spec::expand(cx, &w, Table::Full)?;
        if !env_name(&k) && !env_assignment(&k) {
            return Err(format!(
                "`{k}` is neither an environment variable name nor an assignment; write `NAME` or `NAME=value`"
            ));
        }
    }
    Ok(())
}

fn working_directory(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let rest = value.strip_prefix('-').unwrap_or(value);
    if value.is_empty() || rest == "~" {
        return Ok(());
    }
    abs_path(cx, rest).map_err(|e| format!("{e}, or write `~` for the user's home directory"))
}

/// `parse_uid`: a decimal number without sign, leading zero or white space, that is a valid
/// user ID (not 65535 or 4294967295).
fn parse_uid(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_digit())
        && (s == "0" || !s.starts_with('0'))
        && s.parse::<u32>().is_ok_and(|u| u != 0xFFFF && u != u32::MAX)
}

/// `valid_user_group_name` with `VALID_USER_ALLOW_NUMERIC|VALID_USER_RELAX`, the same in every
/// release.
fn user_name_ok(u: &str) -> bool {
    if u.is_empty() {
        return false;
    }
    if parse_uid(u) {
        return true;
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !(u.starts_with(' ')
        || u.ends_with(' ')
        || u.bytes().any(|b| b < b' ' || b == 0x7f)
        || u.contains([':', '/'])
        || digits(u)
        || u.strip_prefix('-').is_some_and(digits)
        || u == "."
        || u == "..")
}

fn user_error(k: &str) -> String {
    format!(
        "`{k}` is not a valid user or group name or numeric ID; names may not contain `:`, `/`, control characters or surrounding spaces, and IDs must be decimal below 4294967295 other than 65535"
    )
}

fn user_group(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let k = spec::expand(cx, value, Table::Full)?;
    if user_name_ok(&k) {
        Ok(())
    } else {
        Err(user_error(&k))
    }
}

fn user_groups(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, 0)? {
        let k = spec::expand(cx, &w, Table::Full)?;
        if !user_name_ok(&k) {
            return Err(user_error(&k));
        }
    }
    Ok(())
}

fn namespace_paths(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, flags::UNQUOTE)? {
        let rest = w.strip_prefix('-').unwrap_or(&w);
        let rest = rest.strip_prefix('+').unwrap_or(rest);
        abs_path(cx, rest)?;
    }
    Ok(())
}

/// How a resource limit's values are read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Limit {
    Number,
    Size,
    Sec,
    Usec,
    Nice,
}

fn limit_kind(key: &str) -> Limit {
    match key {
        "LimitCPU" => Limit::Sec,
        "LimitRTTIME" => Limit::Usec,
        "LimitNICE" => Limit::Nice,
        "LimitFSIZE" | "LimitDATA" | "LimitSTACK" | "LimitCORE" | "LimitRSS" | "LimitAS"
        | "LimitMEMLOCK" | "LimitMSGQUEUE" => Limit::Size,
        _ => Limit::Number,
    }
}

/// One side of a limit as `rlimit_parse_one` reads it, `u64::MAX` being infinity.
fn limit_one(kind: Limit, v: &str) -> Option<u64> {
    const INF: u64 = u64::MAX;
    if v == "infinity" && kind != Limit::Nice {
        return Some(INF);
    }
    match kind {
        Limit::Number => c::unsigned(v, 0, INF - 1).ok(),
        Limit::Size => c::parse_size(v, 1024).ok().filter(|&u| u < INF),
        Limit::Sec => match c::parse_sec(v).ok()? {
            INF => Some(INF),
            t => Some(t.div_ceil(c::USEC_PER_SEC)),
        },
        Limit::Usec => c::parse_time(v, 1).ok(),
        Limit::Nice => {
            if let Some(r) = v.strip_prefix('+') {
                c::unsigned(r, 0, INF)
                    .ok()
                    .filter(|&n| n < 20)
                    .map(|n| 20 - n)
            } else if let Some(r) = v.strip_prefix('-') {
                c::unsigned(r, 0, INF)
                    .ok()
                    .filter(|&n| n <= 20)
                    .map(|n| 20 + n)
            } else {
                c::unsigned(v, 0, INF).ok().filter(|&n| n <= 40)
            }
        }
    }
}

fn rlimit(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let kind = limit_kind(cx.key);
    let key = cx.key;
    let form = match kind {
        Limit::Number => "a whole number or `infinity`",
        Limit::Size => "a size such as `64M` or `infinity`",
        Limit::Sec => "a time span such as `30s` or `infinity`",
        Limit::Usec => "a time span such as `500ms` (a bare number is microseconds) or `infinity`",
        Limit::Nice => "a nice level from `-20` to `+19` or a raw limit from 0 to 40",
    };
    let bad = || {
        format!("`{value}` is not a valid `{key}=`; use {form}, or `soft:hard` with two of those")
    };
    let mut p = Some(value.as_bytes());
    let word = |p: &mut Option<&[u8]>| {
        c::extract_first_word(p, b":", flags::DONT_COALESCE_SEPARATORS)
            .ok()
            .map(|w| w.map(|w| String::from_utf8_lossy(&w).into_owned()))
    };
    let soft = word(&mut p).flatten().ok_or_else(bad)?;
    let sl = limit_one(kind, &soft).ok_or_else(bad)?;
    let hard = word(&mut p).ok_or_else(bad)?;
    if p.is_some_and(|r| !r.is_empty()) {
        return Err(bad());
    }
    if let Some(hard) = hard {
        let hl = limit_one(kind, &hard).ok_or_else(bad)?;
        if sl > hl {
            return Err(format!(
                "soft limit `{soft}` is above hard limit `{hard}` in `{key}=`; write the smaller value first"
            ));
        }
    }
    Ok(())
}

/// `fdname_is_valid`: printable ASCII but `:`, at most 255 characters (empty allowed).
fn fdname_ok(s: &str) -> bool {
    s.len() <= 255 && s.bytes().all(|b| (b' '..0x7f).contains(&b) && b != b':')
}

const OUTPUTS: &[&str] = &[
    "inherit",
    "null",
    "tty",
    "kmsg",
    "kmsg+console",
    "journal",
    "journal+console",
    "socket",
    "fd",
    "file",
    "append",
    "truncate",
    "syslog",
    "syslog+console",
];

const INPUTS: &[&str] = &[
    "null",
    "tty",
    "tty-force",
    "tty-fail",
    "socket",
    "fd",
    "data",
    "file",
];

/// The `fd:NAME` and `file:PATH` forms shared by input and output.
fn stdio_form(cx: &Cx<'_>, value: &str, files: &[&str]) -> Option<Result<(), String>> {
    if let Some(n) = value.strip_prefix("fd:") {
        return Some(spec::expand(cx, n, Table::Full).and_then(|r| {
            if fdname_ok(&r) {
                Ok(())
            } else {
                Err(format!(
                    "`{r}` is not a file descriptor name; use at most 255 printable ASCII characters without `:`"
                ))
            }
        }));
    }
    for f in files {
        if let Some(n) = value.strip_prefix(f).and_then(|n| n.strip_prefix(':')) {
            return Some(abs_path(cx, n));
        }
    }
    None
}

fn output(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let files: &[&str] = if cx.version >= 248 {
        &["file", "append", "truncate"]
    } else {
        &["file", "append"]
    };
    if let Some(v) = stdio_form(cx, value, files) {
        return v;
    }
    let known: Vec<&str> = OUTPUTS
        .iter()
        .copied()
        .filter(|o| cx.version >= 248 || *o != "truncate")
        .collect();
    basic::one_of(cx, value, &known).map_err(|e| {
        format!(
            "{e}, or `fd:NAME`, `file:PATH`, `append:PATH`{}",
            if cx.version >= 248 {
                ", `truncate:PATH`"
            } else {
                ""
            }
        )
    })
}

fn input(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if let Some(v) = stdio_form(cx, value, &["file"]) {
        return v;
    }
    basic::one_of(cx, value, INPUTS).map_err(|e| format!("{e}, or `fd:NAME`, `file:PATH`"))
}

/// `cunescape` of a whole string without relaxation: every `\` starts a valid escape.
fn cunescape(value: &str) -> Result<String, String> {
    let b = value.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let Some((u, len, eight_bit)) = c::cunescape_one(&b[i + 1..]) else {
            return Err(format!(
                "`{value}` has an invalid `\\` escape; write `\\\\` for a backslash"
            ));
        };
        if eight_bit {
            out.push(u as u8);
        } else if let Some(ch) = char::from_u32(u) {
            let mut buf = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        }
        i += 1 + len;
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn input_text(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    spec::expand(cx, &cunescape(value)?, Table::Full).map(drop)
}

/// `unbase64char`.
fn unbase64(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// `unbase64mem`: groups of four characters with white space anywhere, `=` padding only in
/// the last group, and no stray bits before the padding.
fn input_data(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let bad = || format!("`{value}` is not valid base64; encode the data with `base64`");
    let s: Vec<u8> = value
        .bytes()
        .filter(|b| !c::WHITESPACE.contains(b))
        .collect();
    let groups: Vec<&[u8]> = s.chunks(4).collect();
    for (i, g) in groups.iter().enumerate() {
        let last = i + 1 == groups.len();
        let [a, b, cc, d] = **g else {
            return Err(bad());
        };
        let (Some(_), Some(b)) = (unbase64(a), unbase64(b)) else {
            return Err(bad());
        };
        let ok = match (cc, d) {
            (b'=', b'=') => last && b & 15 == 0,
            (cc, b'=') => last && unbase64(cc).is_some_and(|cc| cc & 3 == 0),
            (cc, d) => unbase64(cc).is_some() && unbase64(d).is_some(),
        };
        if !ok {
            return Err(bad());
        }
    }
    Ok(())
}

fn directories(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let key = cx.key;
    let (outer, inner) = if cx.version >= 250 {
        (
            flags::UNQUOTE | flags::RETAIN_ESCAPE,
            flags::CUNESCAPE | flags::UNESCAPE_SEPARATORS,
        )
    } else {
        (flags::UNQUOTE, 0)
    };
    for tuple in split(value, outer)? {
        let (src, dest, fl) = if cx.version >= 250 {
            let inner = if cx.version >= 256 {
                inner | flags::DONT_COALESCE_SEPARATORS
            } else {
                inner
            };
            let mut q = Some(tuple.as_bytes());
            let mut parts = Vec::new();
            for _ in 0..if cx.version >= 256 { 3 } else { 2 } {
                match c::extract_first_word(&mut q, b":", inner) {
                    Ok(Some(w)) => parts.push(String::from_utf8_lossy(&w).into_owned()),
                    Ok(None) => break,
                    Err(_) => return Err(syntax(&tuple)),
                }
            }
            let mut it = parts.into_iter();
            let Some(src) = it.next() else {
                return Err(format!("`{key}=` has an empty entry; name a directory"));
            };
            (src, it.next(), it.next())
        } else {
            (tuple.clone(), None, None)
        };
        let s = spec::expand(cx, &src, Table::Full)?;
        rel_path(&s)?;
        let s = c::simplify(&s);
        if s == "private" || s.starts_with("private/") {
            return Err(format!(
                "`{key}=` cannot name `private`; choose another directory name"
            ));
        }
        let has = |o: &Option<String>| o.as_deref().is_some_and(|d| !d.is_empty());
        if key == "ConfigurationDirectory" && (has(&dest) || cx.version >= 256 && has(&fl)) {
            return Err(
                "`ConfigurationDirectory=` takes no `:` parameters; write the directory name alone"
                    .into(),
            );
        }
        if let Some(d) = dest.filter(|d| !d.is_empty()) {
            let d = spec::expand(cx, &d, Table::Full)?;
            rel_path(&d)?;
        }
        if let Some(f) = fl.filter(|f| !f.is_empty()) {
            if f != "ro" {
                return Err(format!(
                    "`{f}` is not a flag of `{key}=`; the only flag is `ro`"
                ));
            }
        }
    }
    Ok(())
}

/// The system call names libseccomp resolves (the kernel's list of every architecture, as
/// systemd ships it in `src/basic/syscall-list.txt`, 252 and 257 together).
const SYSCALLS: &str = "
    _llseek _newselect accept accept4 access acct add_key adjtimex alarm arc_gettls arc_settls 
    arc_usr_cmpxchg arch_prctl arm_fadvise64_64 atomic_barrier atomic_cmpxchg_32 bind bpf 
    breakpoint brk cachectl cacheflush cachestat capget capset chdir chmod chown chown32 chroot 
    clock_adjtime clock_adjtime64 clock_getres clock_getres_time64 clock_gettime 
    clock_gettime64 clock_nanosleep clock_nanosleep_time64 clock_settime clock_settime64 clone 
    clone3 close close_range connect copy_file_range creat delete_module dipc dup dup2 dup3 
    epoll_create epoll_create1 epoll_ctl epoll_ctl_old epoll_pwait epoll_pwait2 epoll_wait 
    epoll_wait_old eventfd eventfd2 exec_with_loader execv execve execveat exit exit_group 
    faccessat faccessat2 fadvise64 fadvise64_64 fallocate fanotify_init fanotify_mark fchdir 
    fchmod fchmodat fchmodat2 fchown fchown32 fchownat fcntl fcntl64 fdatasync fgetxattr 
    file_getattr file_setattr finit_module flistxattr flock fork fremovexattr fsconfig 
    fsetxattr fsmount fsopen fspick fstat fstat64 fstatat64 fstatfs fstatfs64 fsync ftruncate 
    ftruncate64 futex futex_requeue futex_time64 futex_wait futex_waitv futex_wake futimesat 
    get_mempolicy get_robust_list get_thread_area get_tls getcpu getcwd getdents getdents64 
    getdomainname getdtablesize getegid getegid32 geteuid geteuid32 getgid getgid32 getgroups 
    getgroups32 gethostname getitimer getpagesize getpeername getpgid getpgrp getpid getppid 
    getpriority getrandom getresgid getresgid32 getresuid getresuid32 getrlimit getrusage 
    getsid getsockname getsockopt gettid gettimeofday getuid getuid32 getxattr getxattrat 
    getxgid getxpid getxuid init_module inotify_add_watch inotify_init inotify_init1 
    inotify_rm_watch io_cancel io_destroy io_getevents io_pgetevents io_pgetevents_time64 
    io_setup io_submit io_uring_enter io_uring_register io_uring_setup ioctl ioperm iopl 
    ioprio_get ioprio_set ipc kcmp kern_features kexec_file_load kexec_load keyctl kill 
    landlock_add_rule landlock_create_ruleset landlock_restrict_self lchown lchown32 lgetxattr 
    link linkat listen listmount listxattr listxattrat llistxattr llseek lookup_dcookie 
    lremovexattr lseek lsetxattr lsm_get_self_attr lsm_list_modules lsm_set_self_attr lstat 
    lstat64 madvise map_shadow_stack mbind membarrier memfd_create memfd_secret memory_ordering 
    migrate_pages mincore mkdir mkdirat mknod mknodat mlock mlock2 mlockall mmap mmap2 
    modify_ldt mount mount_setattr move_mount move_pages mprotect mq_getsetattr mq_notify 
    mq_open mq_timedreceive mq_timedreceive_time64 mq_timedsend mq_timedsend_time64 mq_unlink 
    mremap mseal msgctl msgget msgrcv msgsnd msync multiplexer munlock munlockall munmap 
    name_to_handle_at nanosleep newfstatat nice old_adjtimex oldfstat oldlstat oldolduname 
    oldstat oldumount olduname open open_by_handle_at open_tree openat openat2 or1k_atomic 
    osf_fstat osf_fstatfs osf_fstatfs64 osf_getdirentries osf_getdomainname osf_getitimer 
    osf_getrusage osf_getsysinfo osf_gettimeofday osf_lstat osf_mount osf_proplist_syscall 
    osf_select osf_set_program_attributes osf_setitimer osf_setsysinfo osf_settimeofday 
    osf_shmat osf_sigprocmask osf_sigstack osf_stat osf_statfs osf_statfs64 osf_swapon 
    osf_syscall osf_sysinfo osf_usleep_thread osf_utimes osf_utsname osf_wait4 pause 
    pciconfig_iobase pciconfig_read pciconfig_write perf_event_open perfctr personality 
    pidfd_getfd pidfd_open pidfd_send_signal pipe pipe2 pivot_root pkey_alloc pkey_free 
    pkey_mprotect poll ppoll ppoll_time64 prctl pread64 preadv preadv2 prlimit64 
    process_madvise process_mrelease process_vm_readv process_vm_writev pselect6 
    pselect6_time64 ptrace pwrite64 pwritev pwritev2 quotactl quotactl_fd read readahead 
    readdir readlink readlinkat readv reboot recv recvfrom recvmmsg recvmmsg_time64 recvmsg 
    remap_file_pages removexattr removexattrat rename renameat renameat2 request_key 
    restart_syscall riscv_flush_icache riscv_hwprobe rmdir rseq rt_sigaction rt_sigpending 
    rt_sigprocmask rt_sigqueueinfo rt_sigreturn rt_sigsuspend rt_sigtimedwait 
    rt_sigtimedwait_time64 rt_tgsigqueueinfo rtas s390_guarded_storage s390_pci_mmio_read 
    s390_pci_mmio_write s390_runtime_instr s390_sthyi sched_get_affinity sched_get_priority_max 
    sched_get_priority_min sched_getaffinity sched_getattr sched_getparam sched_getscheduler 
    sched_rr_get_interval sched_rr_get_interval_time64 sched_set_affinity sched_setaffinity 
    sched_setattr sched_setparam sched_setscheduler sched_yield seccomp select semctl semget 
    semop semtimedop semtimedop_time64 send sendfile sendfile64 sendmmsg sendmsg sendto 
    set_mempolicy set_mempolicy_home_node set_robust_list set_thread_area set_tid_address 
    set_tls setdomainname setfsgid setfsgid32 setfsuid setfsuid32 setgid setgid32 setgroups 
    setgroups32 sethae sethostname setitimer setns setpgid setpgrp setpriority setregid 
    setregid32 setresgid setresgid32 setresuid setresuid32 setreuid setreuid32 setrlimit setsid 
    setsockopt settimeofday setuid setuid32 setxattr setxattrat sgetmask shmat shmctl shmdt 
    shmget shutdown sigaction sigaltstack signal signalfd signalfd4 sigpending sigprocmask 
    sigreturn sigsuspend socket socketcall socketpair splice spu_create spu_run ssetmask stat 
    stat64 statfs statfs64 statmount statx stime subpage_prot swapcontext swapoff swapon 
    switch_endian symlink symlinkat sync sync_file_range sync_file_range2 syncfs 
    sys_debug_setcontext syscall sysfs sysinfo syslog sysmips tee tgkill time timer_create 
    timer_delete timer_getoverrun timer_gettime timer_gettime64 timer_settime timer_settime64 
    timerfd timerfd_create timerfd_gettime timerfd_gettime64 timerfd_settime timerfd_settime64 
    times tkill truncate truncate64 ugetrlimit umask umount umount2 uname unlink unlinkat 
    unshare uretprobe userfaultfd usr26 usr32 ustat utime utimensat utimensat_time64 utimes 
    utrap_install vfork vhangup vm86 vm86old vmsplice wait4 waitid waitpid write writev
";

/// Error names of `errno_from_name` (every `E*` macro of `errno.h`; looked up ignoring case).
const ERRNOS: &str = "
    E2BIG EACCES EADDRINUSE EADDRNOTAVAIL EADV EAFNOSUPPORT EAGAIN EALREADY EBADE EBADF EBADFD 
    EBADMSG EBADR EBADRQC EBADSLT EBFONT EBUSY ECANCELED ECHILD ECHRNG ECOMM ECONNABORTED 
    ECONNREFUSED ECONNRESET EDEADLK EDEADLOCK EDESTADDRREQ EDOM EDOTDOT EDQUOT EEXIST EFAULT 
    EFBIG EHOSTDOWN EHOSTUNREACH EHWPOISON EIDRM EILSEQ EINPROGRESS EINTR EINVAL EIO EISCONN 
    EISDIR EISNAM EKEYEXPIRED EKEYREJECTED EKEYREVOKED EL2HLT EL2NSYNC EL3HLT EL3RST ELIBACC 
    ELIBBAD ELIBEXEC ELIBMAX ELIBSCN ELNRNG ELOOP EMEDIUMTYPE EMFILE EMLINK EMSGSIZE EMULTIHOP 
    ENAMETOOLONG ENAVAIL ENETDOWN ENETRESET ENETUNREACH ENFILE ENOANO ENOBUFS ENOCSI ENODATA 
    ENODEV ENOENT ENOEXEC ENOKEY ENOLCK ENOLINK ENOMEDIUM ENOMEM ENOMSG ENONET ENOPKG 
    ENOPROTOOPT ENOSPC ENOSR ENOSTR ENOSYS ENOTBLK ENOTCONN ENOTDIR ENOTEMPTY ENOTNAM 
    ENOTRECOVERABLE ENOTSOCK ENOTSUP ENOTTY ENOTUNIQ ENXIO EOPNOTSUPP EOVERFLOW EOWNERDEAD 
    EPERM EPFNOSUPPORT EPIPE EPROTO EPROTONOSUPPORT EPROTOTYPE ERANGE EREMCHG EREMOTE EREMOTEIO 
    ERESTART ERFKILL EROFS ESHUTDOWN ESOCKTNOSUPPORT ESPIPE ESRCH ESRMNT ESTALE ESTRPIPE ETIME 
    ETIMEDOUT ETOOMANYREFS ETXTBSY EUCLEAN EUNATCH EUSERS EWOULDBLOCK EXDEV EXFULL
";

/// The system call groups of `syscall_filter_sets`, with the release that added each.
const SYSCALL_GROUPS: &[(&str, u16)] = &[
    ("@default", 0),
    ("@aio", 0),
    ("@basic-io", 0),
    ("@chown", 0),
    ("@clock", 0),
    ("@cpu-emulation", 0),
    ("@debug", 0),
    ("@file-system", 0),
    ("@io-event", 0),
    ("@ipc", 0),
    ("@keyring", 0),
    ("@memlock", 0),
    ("@module", 0),
    ("@mount", 0),
    ("@network-io", 0),
    ("@obsolete", 0),
    ("@pkey", 0),
    ("@privileged", 0),
    ("@process", 0),
    ("@raw-io", 0),
    ("@reboot", 0),
    ("@resources", 0),
    ("@sandbox", 253),
    ("@setuid", 0),
    ("@signal", 0),
    ("@swap", 0),
    ("@sync", 0),
    ("@system-service", 0),
    ("@timer", 0),
    ("@known", 0),
];

/// `seccomp_parse_syscall_filter` with `SECCOMP_PARSE_LOG|SECCOMP_PARSE_PERMISSIVE`: an
/// unknown group or system call is logged and ignored.
fn syscall_name(cx: &Cx<'_>, name: &str) -> Result<(), String> {
    if name.starts_with('@') {
        return match SYSCALL_GROUPS.iter().find(|(g, _)| *g == name) {
            Some((_, since)) if *since <= cx.version => Ok(()),
            Some((_, since)) => Err(format!(
                "system call group `{name}` needs systemd {since}; name its system calls instead"
            )),
            None => {
                let hint = crate::suggest::closest(name, SYSCALL_GROUPS.iter().map(|g| g.0))
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| "see `systemd-analyze syscall-filter`".into());
                Err(format!("`{name}` is not a system call group; {hint}"))
            }
        };
    }
    if SYSCALLS.split_ascii_whitespace().any(|s| s == name) {
        return Ok(());
    }
    let hint = crate::suggest::closest(name, SYSCALLS.split_ascii_whitespace())
        .map(|s| format!("did you mean `{s}`?"))
        .unwrap_or_else(|| {
            "name a system call such as `read` or a group such as `@system-service`".into()
        });
    Err(format!("`{name}` is not a system call; {hint}"))
}

/// `parse_errno`: an error name, or a number from 0 to 4095.
fn errno_ok(v: &str) -> bool {
    ERRNOS
        .split_ascii_whitespace()
        .any(|e| e.eq_ignore_ascii_case(v))
        || c::signed(v, 0, i64::from(i32::MIN), i64::from(i32::MAX))
            .is_ok_and(|e| (0..=4095).contains(&e))
}

fn syscall_filter(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let (invert, rest) = match value.strip_prefix('~') {
        Some(r) => (true, r),
        None => (false, value),
    };
    for word in split(rest, 0)? {
        let (name, errno) = match word.split_once(':') {
            Some((n, e)) => (n, Some(e)),
            None => (word.as_str(), None),
        };
        if let Some(e) = errno {
            if e != "kill" && !errno_ok(e) {
                return Err(format!(
                    "`{e}` is not an error number in `{word}`; use a name such as `EPERM`, a number from 0 to 4095, or `kill`"
                ));
            }
        }
        if name.is_empty() {
            return Err(format!("`{word}` names no system call; write `name:error`"));
        }
        if !invert && errno.is_some() {
            return Err(format!(
                "`{word}` gives an error number in an allow list; error numbers go with `~`, as in `~{word}`"
            ));
        }
        syscall_name(cx, name)?;
    }
    Ok(())
}

fn syscall_log(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let rest = value.strip_prefix('~').unwrap_or(value);
    for word in split(rest, 0)? {
        syscall_name(cx, &word)?;
    }
    Ok(())
}

fn syscall_archs(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let mut archs = vec![
        "native",
        "x86",
        "x86-64",
        "x32",
        "arm",
        "arm64",
        "mips",
        "mips64",
        "mips64-n32",
        "mips-le",
        "mips64-le",
        "mips64-le-n32",
        "parisc",
        "parisc64",
        "ppc",
        "ppc64",
        "ppc64-le",
        "riscv64",
        "s390",
        "s390x",
    ];
    if cx.version >= 254 {
        archs.push("loongarch64");
    }
    for w in split(value, flags::UNQUOTE)? {
        basic::one_of(cx, &w, &archs)?;
    }
    Ok(())
}

fn syscall_errno(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() || value == "kill" || (errno_ok(value) && value != "0") {
        return Ok(());
    }
    Err(format!(
        "`{value}` is not a valid `{}=`; use an error name such as `EPERM`, a number from 1 to 4095, or `kill`",
        cx.key
    ))
}

/// `af_from_name`: the `AF_*` names of `sys/socket.h`, looked up ignoring case.
const ADDRESS_FAMILIES: &[&str] = &[
    "AF_ALG",
    "AF_APPLETALK",
    "AF_ASH",
    "AF_ATMPVC",
    "AF_ATMSVC",
    "AF_AX25",
    "AF_BLUETOOTH",
    "AF_BRIDGE",
    "AF_CAIF",
    "AF_CAN",
    "AF_DECnet",
    "AF_ECONET",
    "AF_FILE",
    "AF_IB",
    "AF_IEEE802154",
    "AF_INET",
    "AF_INET6",
    "AF_IPX",
    "AF_IRDA",
    "AF_ISDN",
    "AF_IUCV",
    "AF_KCM",
    "AF_KEY",
    "AF_LLC",
    "AF_LOCAL",
    "AF_MCTP",
    "AF_MPLS",
    "AF_NETBEUI",
    "AF_NETLINK",
    "AF_NETROM",
    "AF_NFC",
    "AF_PACKET",
    "AF_PHONET",
    "AF_PPPOX",
    "AF_QIPCRTR",
    "AF_RDS",
    "AF_ROSE",
    "AF_ROUTE",
    "AF_RXRPC",
    "AF_SECURITY",
    "AF_SMC",
    "AF_SNA",
    "AF_TIPC",
    "AF_UNIX",
    "AF_VSOCK",
    "AF_WANPIPE",
    "AF_X25",
    "AF_XDP",
];

fn address_families(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value == "none" && cx.version >= 249 {
        return Ok(());
    }
    let rest = value.strip_prefix('~').unwrap_or(value);
    for w in split(rest, flags::UNQUOTE)? {
        if !ADDRESS_FAMILIES.iter().any(|a| a.eq_ignore_ascii_case(&w)) {
            let hint = crate::suggest::closest(&w, ADDRESS_FAMILIES.iter().copied())
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| "use names such as `AF_UNIX AF_INET AF_INET6`".into());
            return Err(format!(
                "`{w}` is not an address family in `{}=`; {hint}",
                cx.key
            ));
        }
    }
    Ok(())
}

const NAMESPACES: &[&str] = &["cgroup", "ipc", "net", "mnt", "pid", "user", "uts", "time"];

fn restrict_namespaces(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() || c::parse_boolean(value).is_some() {
        return Ok(());
    }
    let rest = value.strip_prefix('~').unwrap_or(value);
    for w in split(rest, 0)? {
        basic::one_of(cx, &w, NAMESPACES).map_err(|e| format!("{e}, or a boolean"))?;
    }
    Ok(())
}

/// `personality_from_string` on an x86-64 host: the native and the secondary architecture.
fn personality(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    basic::one_of(cx, value, &["x86-64", "x86"])
}

/// `safe_atoi` within `min..=max` (`parse_nice`, `parse_oom_score_adjust`, ...); empty resets.
fn ranged(cx: &Cx<'_>, value: &str, min: i64, max: i64) -> Result<(), String> {
    if value.is_empty() && cx.key != "CPUSchedulingPriority" {
        return Ok(());
    }
    match c::signed(value, 0, i64::from(i32::MIN), i64::from(i32::MAX)) {
        Ok(n) if (min..=max).contains(&n) => Ok(()),
        Ok(_) | Err("out of range") => Err(format!(
            "`{value}` is out of range for `{}=`; use {min} to {max}",
            cx.key
        )),
        Err(_) => Err(format!(
            "`{value}` is not a whole number; `{}=` takes {min} to {max}",
            cx.key
        )),
    }
}

/// A `DEFINE_STRING_TABLE_LOOKUP_WITH_FALLBACK` lookup: a name of the table, or a number up to
/// `max`; empty resets.
fn named_or_number(cx: &Cx<'_>, value: &str, names: &[&str], max: u64) -> Result<(), String> {
    if value.is_empty() || c::unsigned(value, 0, u64::from(u32::MAX)).is_ok_and(|n| n <= max) {
        return Ok(());
    }
    basic::one_of(cx, value, names)
}

/// `safe_atou8`: an exit status from 0 to 255.
fn exit_status(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    c::unsigned(value, 0, 255).map(drop).map_err(|_| {
        format!(
            "`{value}` is not a valid `{}=`; use an exit status from 0 to 255",
            cx.key
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(key: &'static str, version: u16) -> Cx<'static> {
        Cx {
            unit: "a.service",
            section: "Service",
            key,
            ltype: "0",
            version,
        }
    }

    fn verdict(parser: &str, key: &'static str, version: u16, value: &str) -> Result<(), String> {
        check(parser, &cx(key, version), value).expect("parser of this group")
    }

    /// Checks each `(value, accepted)` pair for `parser` and `key` in `version`.
    fn cases(parser: &str, key: &'static str, version: u16, cases: &[(&str, bool)]) {
        for (v, want) in cases {
            let got = verdict(parser, key, version, v);
            assert_eq!(
                got.is_ok(),
                *want,
                "{parser} {key}={v:?} in {version}: {got:?}"
            );
        }
    }

    #[test]
    fn exec_as_systemd_252() {
        cases(
            "exec",
            "ExecStartPre",
            252,
            &[
                ("", true),
                ("/bin/true", true),
                ("-/bin/true", true),
                ("@/bin/true true", true),
                ("@/bin/true", false),
                ("-@:+/bin/true", false),
                ("-@:+/bin/true x", true),
                ("!!/bin/true", true),
                ("!/bin/true", true),
                ("+!/bin/true", false),
                ("!+/bin/true", false),
                ("--/bin/true", false),
                ("- /bin/true", false),
                ("true", true),
                ("/bin/true ; /bin/false", true),
                ("/bin/true ;", true),
                ("/bin/true \\; x", true),
                ("/bin/true \"unbalanced", false),
                ("/bin/true \\q", false),
                ("/bin/true $FOO ${BAR}", true),
                ("/bin/true %n", true),
                ("/bin/true %z", false),
                ("%t/x", true),
                ("bin/true", false),
                ("/bin/", false),
                ("\"/bin/true\" a", true),
                ("/bin/tr'ue", false),
                ("/bin/true\\\\", false),
                ("!!!/bin/true", false),
                ("-", false),
                ("@", false),
                (":/bin/true", true),
                ("|/bin/true", false),
                ("/bin/true %%", true),
            ],
        );
    }

    #[test]
    fn exec_per_release() {
        // `|` runs the command through the user's shell from 258 on, even with no command.
        cases(
            "exec",
            "ExecStart",
            262,
            &[("|echo hi", true), ("|", true), ("@|x", true)],
        );
        cases(
            "exec",
            "ExecStart",
            257,
            &[("|/bin/true", false), ("|echo hi", true)],
        );
        // A trailing `/.` names a directory from 256 on; before, only a trailing `/` did.
        cases(
            "exec",
            "ExecStart",
            257,
            &[("/bin/.", false), ("..", false)],
        );
        cases("exec", "ExecStart", 252, &[("/bin/.", true)]);
        // 247 did not check the length of absolute paths.
        let long = format!("/{}", "a".repeat(300));
        cases(
            "exec",
            "ExecStart",
            247,
            &[(&long, true), ("bin/true", false)],
        );
        cases("exec", "ExecStart", 252, &[(&long, false)]);
    }

    #[test]
    fn environment_as_systemd_252() {
        cases(
            "environ",
            "Environment",
            252,
            &[
                ("", true),
                ("A=1", true),
                ("A=1 B=2", true),
                ("\"A=1 2\"", true),
                ("A", false),
                ("1A=x", false),
                ("A-B=1", false),
                ("A=%n", true),
                ("A=%z", false),
                ("\"A=1", false),
                ("A=\\q", false),
                ("A=\\n", true),
                ("=x", false),
                ("A_b9=", true),
            ],
        );
        cases(
            "unit_env_file",
            "EnvironmentFile",
            252,
            &[
                ("", true),
                ("/etc/default/x", true),
                ("-/etc/x", true),
                ("rel", false),
                ("-rel", false),
                ("%t/x", true),
                ("/a/../b", false),
                ("/a b", true),
            ],
        );
        cases(
            "pass_environ",
            "PassEnvironment",
            252,
            &[
                ("", true),
                ("A B", true),
                ("1A", false),
                ("A=1", false),
                ("\"A", false),
                ("A%n", false),
            ],
        );
        cases(
            "unset_environ",
            "UnsetEnvironment",
            252,
            &[
                ("", true),
                ("A", true),
                ("A=1", true),
                ("1A", false),
                ("\"A=1 2\"", true),
                ("\\q", false),
            ],
        );
    }

    #[test]
    fn directories_and_users_as_systemd_252() {
        cases(
            "working_directory",
            "WorkingDirectory",
            252,
            &[
                ("", true),
                ("~", true),
                ("-~", true),
                ("/tmp", true),
                ("-/nonexist", true),
                ("rel", false),
                ("-rel", false),
                ("%h", true),
                ("/a/../b", false),
                ("%z", false),
            ],
        );
        cases(
            "user_group_compat",
            "User",
            252,
            &[
                ("", true),
                ("root", true),
                ("0", true),
                ("65535", false),
                ("4294967294", true),
                ("4294967295", false),
                ("01", false),
                ("-1", false),
                ("+1", true),
                ("a:b", false),
                ("a b", true),
                ("a/b", false),
                (".", false),
                ("\u{dc}n\u{ef}", true),
                ("%u", true),
                // A notice that the user is unsafe, but the setting is kept.
                ("nobody", true),
            ],
        );
        cases(
            "user_group_strv_compat",
            "SupplementaryGroups",
            252,
            &[
                ("", true),
                ("a b", true),
                ("a:b c", false),
                ("\"a b\"", true),
                ("a\\ b", true),
            ],
        );
    }

    #[test]
    fn sandbox_paths_as_systemd_252() {
        cases(
            "namespace_path_strv",
            "ReadOnlyPaths",
            252,
            &[
                ("", true),
                ("/a -/b +/c -+/d", true),
                ("+-/d", false),
                ("rel", false),
                ("\"/a b\"", true),
                ("\"/a", false),
                ("%t", true),
                ("/a/../b", false),
                ("-", false),
            ],
        );
        cases(
            "capability_set",
            "CapabilityBoundingSet",
            252,
            &[
                ("CAP_FOO", true),
                ("~", true),
                ("", true),
                ("\"CAP_NET", true),
                ("64", true),
            ],
        );
    }

    #[test]
    fn limits_as_systemd_252() {
        cases(
            "rlimit",
            "LimitNOFILE",
            252,
            &[
                ("", false),
                ("1024:512", false),
                ("infinity", true),
                ("1024:infinity", true),
                ("0x10", true),
                ("1K", false),
                ("-1", false),
                (":5", false),
                ("5:", false),
                ("1:2:3", false),
            ],
        );
        cases(
            "rlimit",
            "LimitNICE",
            252,
            &[
                ("+19", true),
                ("+20", false),
                ("-20", true),
                ("-21", false),
                ("40", true),
                ("41", false),
                ("0", true),
            ],
        );
        cases(
            "rlimit",
            "LimitCPU",
            252,
            &[
                ("10s", true),
                ("infinity", true),
                ("1.5", true),
                ("5min:1h", true),
                ("1h:5min", false),
            ],
        );
        cases(
            "rlimit",
            "LimitRTTIME",
            252,
            &[("10", true), ("10ms:1s", true), ("1s:10", false)],
        );
        cases(
            "rlimit",
            "LimitMEMLOCK",
            252,
            &[("64M", true), ("1G:512M", false), ("1Q", false)],
        );
    }

    #[test]
    fn standard_io_as_systemd_252() {
        cases(
            "exec_output",
            "StandardOutput",
            252,
            &[
                ("", false),
                ("journal", true),
                ("jounal", false),
                ("file:/x", true),
                ("file:rel", false),
                ("append:/x", true),
                ("truncate:/x", true),
                ("fd:foo", true),
                ("fd:", true),
                ("fd:a:b", false),
                ("file", true),
                ("fd", true),
                ("journal+console", true),
                ("file:", false),
                ("file:%t/x", true),
                ("socket", true),
            ],
        );
        cases(
            "exec_output",
            "StandardOutput",
            247,
            &[("truncate:/x", false), ("append:/x", true)],
        );
        cases(
            "exec_input",
            "StandardInput",
            252,
            &[
                ("", false),
                ("null", true),
                ("data", true),
                ("file:/x", true),
                ("fd:x", true),
                ("append:/x", false),
                ("tty-force", true),
            ],
        );
        cases(
            "exec_input_text",
            "StandardInputText",
            252,
            &[
                ("", true),
                ("abc", true),
                ("a\\qb", false),
                ("%n", true),
                ("\\x41", true),
            ],
        );
        cases(
            "exec_input_data",
            "StandardInputData",
            252,
            &[
                ("", true),
                ("aGVsbG8=", true),
                ("aGVsbG8", false),
                ("aGVsb G8=", true),
                ("!!", false),
                ("a", false),
                ("aGVsbG8==", false),
                ("====", false),
            ],
        );
    }

    #[test]
    fn state_directories_per_release() {
        cases(
            "exec_directories",
            "RuntimeDirectory",
            252,
            &[
                ("", true),
                ("foo", true),
                ("foo bar/baz", true),
                ("/foo", false),
                ("private", false),
                ("private/x", false),
                ("privatex", true),
                ("../x", false),
                ("a/../b", false),
                (".", false),
                ("foo:bar", true),
                ("foo:/bar", false),
                ("foo:bar:ro", true),
                ("%n", true),
                ("\"a b\"", true),
                ("a\\:b", true),
                ("a\\q", false),
                (":", false),
                ("foo:", true),
                ("a::b", true),
            ],
        );
        cases(
            "exec_directories",
            "ConfigurationDirectory",
            252,
            &[("foo:bar", false), ("foo", true)],
        );
        // 257 reads `src:dest:flags` without coalescing `:`; the only flag is `ro`.
        cases(
            "exec_directories",
            "StateDirectory",
            257,
            &[
                ("a::ro", true),
                ("a:b:rw", false),
                ("a:b:ro", true),
                (":", false),
            ],
        );
        cases(
            "exec_directories",
            "ConfigurationDirectory",
            257,
            &[("a::ro", false)],
        );
    }

    #[test]
    fn system_calls_as_systemd_252() {
        cases(
            "syscall_filter",
            "SystemCallFilter",
            252,
            &[
                ("", true),
                ("cachestat", true),
                ("arm_fadvise64_64", true),
                ("foo", false),
                ("@foo", false),
                ("~read:EPERM", true),
                ("read:EPERM", false),
                ("~read:kill", true),
                ("~read:0", true),
                ("~read:4096", false),
                ("~read:ENOTSUP", true),
                ("@system-service", true),
                ("~@mount", true),
                (":EPERM", false),
                ("~read:EFOO", false),
                ("read write", true),
                ("\"read", false),
                ("@sandbox", false),
            ],
        );
        cases(
            "syscall_filter",
            "SystemCallFilter",
            257,
            &[("@sandbox", true)],
        );
        cases(
            "syscall_errno",
            "SystemCallErrorNumber",
            252,
            &[
                ("", true),
                ("kill", true),
                ("EPERM", true),
                ("eperm", true),
                ("0", false),
                ("4095", true),
                ("4096", false),
                ("EFOO", false),
                ("log", false),
                ("1", true),
            ],
        );
        cases(
            "syscall_archs",
            "SystemCallArchitectures",
            252,
            &[
                ("", true),
                ("native", true),
                ("x86 x86-64", true),
                ("foo", false),
                ("loongarch64", false),
            ],
        );
        cases(
            "syscall_archs",
            "SystemCallArchitectures",
            257,
            &[("loongarch64", true)],
        );
        cases(
            "syscall_log",
            "SystemCallLog",
            252,
            &[
                ("", true),
                ("read", true),
                ("~@mount", true),
                ("foo", false),
                ("read:EPERM", false),
            ],
        );
    }

    #[test]
    fn families_namespaces_personality_as_systemd_252() {
        cases(
            "address_families",
            "RestrictAddressFamilies",
            252,
            &[
                ("", true),
                ("none", true),
                ("AF_UNIX AF_INET", true),
                ("~AF_PACKET", true),
                ("AF_FOO", false),
                ("af_unix", true),
                ("~none", false),
            ],
        );
        cases(
            "address_families",
            "RestrictAddressFamilies",
            247,
            &[("none", false)],
        );
        cases(
            "restrict_namespaces",
            "RestrictNamespaces",
            252,
            &[
                ("", true),
                ("yes", true),
                ("no", true),
                ("net ipc", true),
                ("~user", true),
                ("foo", false),
                ("time", true),
            ],
        );
        cases(
            "personality",
            "Personality",
            252,
            &[
                ("", true),
                ("x86", true),
                ("x86-64", true),
                ("arm64", false),
                ("foo", false),
            ],
        );
    }

    #[test]
    fn scheduling_as_systemd_252() {
        cases(
            "exec_nice",
            "Nice",
            252,
            &[
                ("", true),
                ("-20", true),
                ("19", true),
                ("20", false),
                ("-21", false),
                ("x", false),
                ("0x5", true),
            ],
        );
        cases(
            "exec_oom_score_adjust",
            "OOMScoreAdjust",
            252,
            &[("", true), ("-1000", true), ("1001", false)],
        );
        cases(
            "exec_cpu_sched_prio",
            "CPUSchedulingPriority",
            252,
            &[
                ("", false),
                ("0", true),
                ("99", true),
                ("100", false),
                ("-1", false),
            ],
        );
        cases(
            "exec_io_priority",
            "IOSchedulingPriority",
            252,
            &[("", true), ("0", true), ("7", true), ("8", false)],
        );
        cases(
            "exec_io_class",
            "IOSchedulingClass",
            252,
            &[
                ("", true),
                ("idle", true),
                ("4", true),
                ("5", true),
                ("9", false),
                ("best-effort", true),
                ("be", false),
            ],
        );
        cases(
            "exec_cpu_sched_policy",
            "CPUSchedulingPolicy",
            252,
            &[
                ("", true),
                ("rr", true),
                ("fifo", true),
                ("7", true),
                ("foo", false),
            ],
        );
        cases(
            "exec_mount_apivfs",
            "MountAPIVFS",
            252,
            &[("", true), ("yes", true), ("foo", false)],
        );
        cases(
            "tty_size",
            "TTYRows",
            252,
            &[("", true), ("24", true), ("-1", false), ("x", false)],
        );
    }

    #[test]
    fn sandbox_words_as_systemd_252() {
        cases(
            "protect_system",
            "ProtectSystem",
            252,
            &[
                ("", false),
                ("yes", true),
                ("full", true),
                ("strict", true),
                ("on", true),
                ("foo", false),
            ],
        );
        cases(
            "protect_home",
            "ProtectHome",
            252,
            &[("tmpfs", true), ("read-only", true), ("foo", false)],
        );
        cases(
            "protect_proc",
            "ProtectProc",
            252,
            &[("", false), ("invisible", true)],
        );
        cases(
            "exec_keyring_mode",
            "KeyringMode",
            252,
            &[("shared", true), ("foo", false)],
        );
        cases(
            "runtime_preserve_mode",
            "RuntimeDirectoryPreserve",
            252,
            &[("restart", true), ("yes", true), ("foo", false)],
        );
        cases(
            "numa_policy",
            "NUMAPolicy",
            252,
            &[("", true), ("bind", true), ("foo", false)],
        );
        cases(
            "exec_mount_flags",
            "MountFlags",
            252,
            &[("", true), ("shared", true), ("foo", false)],
        );
        cases(
            "exec_secure_bits",
            "SecureBits",
            252,
            &[("foo", true), ("keep-caps", true)],
        );
        cases(
            "exec_coredump_filter",
            "CoredumpFilter",
            252,
            &[
                ("default", true),
                ("foo", false),
                ("0x3", true),
                ("ff", true),
                ("all elf-headers", true),
            ],
        );
        // Newer releases: PrivateTmp=disconnected, PrivateUsers=identity, ProtectControlGroups=private.
        cases(
            "private_tmp",
            "PrivateTmp",
            257,
            &[("disconnected", true), ("yes", true), ("foo", false)],
        );
        cases(
            "private_users",
            "PrivateUsers",
            257,
            &[("identity", true), ("full", false)],
        );
        cases(
            "private_users",
            "PrivateUsers",
            262,
            &[("full", true), ("managed", true)],
        );
        cases(
            "protect_control_groups",
            "ProtectControlGroups",
            257,
            &[
                ("private", true),
                ("strict", true),
                ("no", true),
                ("x", false),
            ],
        );
        cases(
            "private_pids",
            "PrivatePIDs",
            257,
            &[("yes", true), ("x", false)],
        );
    }

    #[test]
    fn logging_and_names_as_systemd_252() {
        cases(
            "log_level",
            "LogLevelMax",
            252,
            &[
                ("", false),
                ("debug", true),
                ("7", true),
                ("8", false),
                ("foo", false),
            ],
        );
        cases(
            "log_facility",
            "SyslogFacility",
            252,
            &[
                ("", false),
                ("daemon", true),
                ("127", true),
                ("128", false),
                ("local7", true),
            ],
        );
        cases(
            "log_namespace",
            "LogNamespace",
            252,
            &[
                ("", true),
                ("foo", true),
                ("a*", false),
                ("a/b", false),
                ("a b", false),
            ],
        );
        cases(
            "log_extra_fields",
            "LogExtraFields",
            252,
            &[
                ("", true),
                ("FOO=1", true),
                ("foo=1", false),
                ("FOO", false),
                ("_FOO=1", false),
                ("\"A=B C\"", true),
            ],
        );
        cases(
            "bus_name",
            "BusName",
            252,
            &[
                ("org.foo.Bar", true),
                ("foo", false),
                (":1.5", true),
                ("1a.b", false),
            ],
        );
        cases(
            "pid_file",
            "PIDFile",
            252,
            &[
                ("", true),
                ("foo.pid", true),
                ("/run/foo.pid", true),
                ("/a/../b", false),
                ("/var/run/x.pid", true),
            ],
        );
        cases(
            "set_status",
            "SuccessExitStatus",
            252,
            &[
                ("", true),
                ("1 2 SIGKILL", true),
                ("INVALIDARGUMENT", true),
                ("foo", false),
                ("256", false),
                ("KILL", true),
                ("CHDIR", true),
            ],
        );
    }

    #[test]
    fn mounts_as_systemd_252() {
        cases(
            "bind_paths",
            "BindPaths",
            252,
            &[
                ("", true),
                ("/a", true),
                ("/a:/b", true),
                ("/a:/b:norbind", true),
                ("/a:/b:foo", false),
                ("-/a", true),
                ("rel", false),
                ("/a:", false),
                ("/a:rel", false),
                ("\"/a b\":/c", true),
                ("/a /b:/c:rbind /d", true),
            ],
        );
        cases(
            "temporary_filesystems",
            "TemporaryFileSystem",
            252,
            &[
                ("", true),
                ("/a", true),
                ("/a:ro", true),
                ("rel", false),
                ("/a:size=10M /b", true),
            ],
        );
        cases(
            "colon_separated_paths",
            "ExecSearchPath",
            252,
            &[
                ("", true),
                ("/a:/b", true),
                ("/a:b", false),
                ("/a::/b", false),
            ],
        );
    }
}
