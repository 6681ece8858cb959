//! Logging settings, bus names, PID files, exit statuses, bind mounts and temporary file
//! systems.

use super::*;

pub(super) fn nonempty(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        Err(format!(
            "an empty value is not a valid `{}=`; name one",
            cx.key
        ))
    } else {
        Ok(())
    }
}

pub(super) const COREDUMP_FILTERS: &[&str] = &[
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
pub(crate) fn coredump_filter(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, 0)? {
        if !COREDUMP_FILTERS.contains(&w.as_str()) && c::unsigned(&w, 16, u64::MAX).is_err() {
            basic::one_of(cx, &w, COREDUMP_FILTERS)
                .map_err(|e| format!("{e}, or a hexadecimal mask"))?;
        }
    }
    Ok(())
}

/// `string_is_glob`.
pub(super) fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

pub(crate) fn log_namespace(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let k = spec::expand(cx, value, Table::Full)?;
    let instance_ok = k
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b":-_.\\@".contains(&b));
    if !filename_is_valid(&k) || k.len() > 222 || !instance_ok || !string_is_safe(&k) || is_glob(&k)
    {
        return Err(format!(
            "`{k}` is not a valid log namespace; use letters, digits and `:-_.`"
        ));
    }
    Ok(())
}

/// `journal_field_valid` without protected fields: upper-case letters, digits and `_`, not
/// starting with a digit or `_`, at most 64 characters.
pub(super) fn journal_field(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 64
        && !n.starts_with(|c: char| c.is_ascii_digit() || c == '_')
        && n.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

pub(crate) fn log_extra_fields(cx: &Cx<'_>, value: &str) -> Result<(), String> {
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
pub(super) fn bus_name_ok(n: &str) -> bool {
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

pub(crate) fn bus_name(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let k = spec::expand(cx, value, Table::Full)?;
    if bus_name_ok(&k) {
        Ok(())
    } else {
        Err(format!(
            "`{k}` is not a D-Bus name; write one such as `org.example.Daemon`"
        ))
    }
}

pub(crate) fn pid_file(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let k = spec::expand(cx, value, Table::Full)?;
    let n = if c::path_is_absolute(&k) {
        k
    } else {
        format!("/run/{k}")
    };
    c::path_check(&n, true)?;
    if cx.version >= 256 && below_api_vfs(&c::simplify(&n)) {
        return Err(format!(
            "`{n}` is below `/dev`, `/sys` or `/proc`; put the PID file under `/run`"
        ));
    }
    Ok(())
}

/// `path_below_api_vfs`: `/dev`, `/sys`, `/proc` or below.
pub(super) fn below_api_vfs(p: &str) -> bool {
    ["/dev", "/sys", "/proc"]
        .iter()
        .any(|d| p == *d || p.strip_prefix(d).is_some_and(|r| r.starts_with('/')))
}

pub(crate) fn colon_paths(cx: &Cx<'_>, value: &str) -> Result<(), String> {
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
pub(crate) fn set_status(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    const CLASSES: &[&str] = &[
        "SUCCESS",
        "FAILURE",
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
        "EXCEPTION",
        "INVALIDARGUMENT",
        "NOTIMPLEMENTED",
        "NOPERMISSION",
        "NOTINSTALLED",
        "NOTCONFIGURED",
        "NOTRUNNING",
        "USAGE",
        "DATAERR",
        "NOINPUT",
        "NOUSER",
        "NOHOST",
        "UNAVAILABLE",
        "SOFTWARE",
        "OSERR",
        "OSFILE",
        "CANTCREAT",
        "IOERR",
        "TEMPFAIL",
        "PROTOCOL",
        "NOPERM",
        "CONFIG",
    ];
    // Added later: the release that first has each, among the catalogued ones.
    const LATER: &[(&str, u16)] = &[("BPF", 252), ("KSM", 257), ("MEMORY_THP", 260)];
    for w in split(value, 0)? {
        let number = c::unsigned(&w, 0, 255).is_ok();
        let later = LATER.iter().any(|(n, v)| *n == w && *v <= cx.version);
        if number || later || CLASSES.contains(&w.as_str()) || basic::signal(&w).is_ok() {
            continue;
        }
        return Err(format!(
            "`{w}` is neither an exit status (0 to 255 or a name such as `INVALIDARGUMENT`) nor a signal such as `SIGTERM`"
        ));
    }
    Ok(())
}

/// `extract_many_words`: up to `n` words of `tuple` split at `:`.
pub(super) fn many_words(tuple: &str, fl: u16, n: usize) -> Result<Vec<String>, String> {
    let mut q = Some(tuple.as_bytes());
    let mut out = Vec::new();
    while out.len() < n {
        match c::extract_first_word(&mut q, b":", fl) {
            Ok(Some(w)) => out.push(String::from_utf8_lossy(&w).into_owned()),
            Ok(None) => break,
            Err(_) => return Err(syntax(tuple)),
        }
    }
    Ok(out)
}

/// `SOURCE[:DEST[:OPTIONS]]` as 258 and later read it: words first, then `:` fields with
/// escapes.
fn bind_paths_tuples(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let key = cx.key;
    for tuple in split(value, flags::UNQUOTE | flags::RETAIN_ESCAPE)? {
        let fl = flags::CUNESCAPE | flags::UNESCAPE_SEPARATORS | flags::DONT_COALESCE_SEPARATORS;
        let f = many_words(&tuple, fl, 4)?;
        if f.len() > 3 {
            return Err(format!(
                "`{tuple}` has too many `:` fields for `{key}=`; write `SOURCE:DEST:OPTIONS`"
            ));
        }
        let Some(source) = f.first() else {
            return Err(format!("`{key}=` has an empty entry; name a path"));
        };
        let s = spec::expand(cx, source, Table::Full)?;
        c::path_check(s.strip_prefix('-').unwrap_or(&s), true)
            .map_err(|e| format!("{e} in `{key}=`"))?;
        if let Some(d) = f.get(1) {
            abs_path(cx, d)?;
        }
        if let Some(o) = f
            .get(2)
            .filter(|o| !o.is_empty() && *o != "rbind" && *o != "norbind")
        {
            return Err(format!(
                "`{o}` is not a bind mount option; use `rbind` or `norbind`"
            ));
        }
    }
    Ok(())
}

pub(crate) fn bind_paths(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if cx.version >= 258 {
        return bind_paths_tuples(cx, value);
    }
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

pub(crate) fn temporary_filesystems(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for w in split(value, flags::UNQUOTE)? {
        let path = w.split_once(':').map_or(w.as_str(), |(p, _)| p);
        abs_path(cx, path)?;
    }
    Ok(())
}

/// `credential_name_valid`: a valid file name that is also a valid file descriptor name.
fn credential_name(s: &str) -> bool {
    filename_is_valid(s) && fdname_ok(s)
}

fn credential_error(k: &str) -> String {
    format!(
        "`{k}` is not a valid credential name; use printable ASCII without `/` or `:`, at most 255 characters"
    )
}

/// The credential name before the first `:` (read as `extract_first_word` with `:` and
/// backslash escapes) after specifier expansion, and what follows the `:` (`None` without one).
fn credential_id<'v>(cx: &Cx<'_>, value: &'v str) -> Result<(String, Option<&'v str>), String> {
    let mut p = Some(value.as_bytes());
    let word = c::extract_first_word(&mut p, b":", flags::DONT_COALESCE_SEPARATORS)
        .map_err(|_| syntax(value))?
        .unwrap_or_default();
    let rest = p.map(|r| &value[value.len() - r.len()..]);
    let id = spec::expand(cx, &String::from_utf8_lossy(&word), Table::Full)?;
    Ok((id, rest))
}

pub(crate) fn set_credential(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let key = cx.key;
    let (id, data) = credential_id(cx, value)?;
    let data = match data {
        Some(d) if !d.is_empty() || cx.version < 250 => d,
        _ => {
            return Err(format!(
                "`{key}=` needs `NAME:DATA`; write the data after a `:`"
            ))
        }
    };
    if !credential_name(&id) {
        return Err(credential_error(&id));
    }
    if key.contains("Encrypted") {
        input_data(data).map_err(|_| {
            format!("the data of `{key}=` is not valid base64; paste the output of `systemd-creds encrypt`")
        })
    } else {
        cunescape_full(data, true).map(drop)
    }
}

pub(crate) fn load_credential(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let (id, path) = credential_id(cx, value)?;
    if !credential_name(&id) {
        return Err(credential_error(&id));
    }
    let path = match path {
        Some(p) if !p.is_empty() => p,
        _ if cx.version >= 250 => return Ok(()),
        _ => {
            return Err(format!(
                "`{}=` needs `NAME:PATH` in this release; add the source after a `:`",
                cx.key
            ))
        }
    };
    let q = spec::expand(cx, path, Table::Full)?;
    let ok = if c::path_is_absolute(&q) {
        path_is_normalized(&q)
    } else {
        credential_name(&q)
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{q}` is not a valid credential source; use a normalised absolute path or a credential name"
        ))
    }
}

/// `credential_glob_valid`: a credential name, optionally ending in `*`, or `*` alone.
fn credential_glob(s: &str) -> bool {
    match s.find(['*', '?', '[', ']']) {
        None => credential_name(s),
        Some(n) => &s[n..] == "*" && (n == 0 || credential_name(&s[..n])),
    }
}

pub(crate) fn import_credential(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let (glob, rename) = credential_id(cx, value)?;
    if !credential_glob(&glob) {
        return Err(format!(
            "`{glob}` is not a credential name or glob; use a name, optionally ending in `*`"
        ));
    }
    match rename.filter(|r| !r.is_empty()) {
        Some(r) if !credential_name(r) => Err(credential_error(r)),
        _ => Ok(()),
    }
}

/// Only `~` alone is refused; the regular expression itself is compiled by PCRE2 when the unit
/// loads, which is not repeated here.
pub(crate) fn log_filter_patterns(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value == "~" {
        return Err(format!(
            "`{}=~` has no pattern; write a regular expression after `~`",
            cx.key
        ));
    }
    Ok(())
}

/// `parse_permyriad`: `N%` with up to two decimals, `N‰` with one, or `N‱`, at most 100%.
fn permyriad(v: &str) -> Option<u32> {
    let (body, places) = if let Some(b) = v.strip_suffix('\u{2031}') {
        (b, 0)
    } else if let Some(b) = v.strip_suffix('\u{2030}') {
        (b, 1)
    } else {
        (v.strip_suffix('%')?, 2)
    };
    let (whole, frac) = match body.split_once('.') {
        Some((w, f)) if places > 0 && (1..=places).contains(&f.len()) => (w, f),
        Some(_) => return None,
        None => (body, ""),
    };
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let w = c::signed(whole, 0, 0, i64::from(i32::MAX)).ok()?;
    let f: i64 = format!("{frac:0<width$}", width = places)
        .parse()
        .unwrap_or(0);
    let v = w * 10i64.pow(places as u32) + f;
    u32::try_from(v).ok().filter(|s| *s <= 10_000)
}

/// `StateDirectoryQuota=` and co.: `off`, a percentage, or a size.
pub(crate) fn quota(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() || value == "off" || permyriad(value).is_some() {
        return Ok(());
    }
    c::parse_size(value, 1024).map(drop).map_err(|_| {
        format!(
            "`{value}` is not a valid `{}=`; use `off`, a percentage such as `10%`, or a size such as `1G`",
            cx.key
        )
    })
}

/// `config_parse_exec_mount_flags` and `config_parse_exec_mount_propagation_flag`: `shared`,
/// `slave` or `private`; empty resets.
pub(crate) fn mount_propagation(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    basic::one_of(cx, value, &["shared", "slave", "private"])
}
