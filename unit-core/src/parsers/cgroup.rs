//! systemd's resource-control parsers: weights, quotas and limits, CPU sets, delegation, device
//! access, per-device IO settings, BPF programs, socket-bind and address filters, out-of-memory
//! management, and the socket and swap numbers read near them (`IPTOS=`, `BindIPv6Only=`,
//! `Priority=`, `What=`).

use super::basic::{one_of, table_words};
use super::c::{self, flags};
use super::spec::{self, Table};
use super::Cx;

/// `config_parse_cg_weight`: `CPUWeight=` before 251, `IOWeight=` and the startup ones.
pub(crate) fn cg_weight(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    weight(cx, value, 1, 10_000, false)
}

/// `config_parse_cg_cpu_weight`: a weight, or `idle`.
pub(crate) fn cpu_weight(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    weight(cx, value, 1, 10_000, true)
}

/// `config_parse_cpu_shares`: the cgroup v1 CPU shares.
pub(crate) fn cpu_shares(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    weight(cx, value, 2, 262_144, false)
}

/// `config_parse_blockio_weight`: the cgroup v1 block IO weight.
pub(crate) fn blockio_weight(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    weight(cx, value, 10, 1000, false)
}

/// `config_parse_allowed_cpuset` and `config_parse_unit_cpu_set`: a CPU set once specifiers
/// expand.
pub(crate) fn cpu_set_printf(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    spec::expand(cx, value, Table::Full).and_then(|v| cpu_set(cx, &v))
}

/// `config_parse_managed_oom_mode`: a word of its table, where the unit type takes it.
pub(crate) fn managed_oom_mode(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    managed_oom(cx)?;
    match value {
        "" => Ok(()),
        _ => one_of(
            cx,
            value,
            &table_words("managed_oom_mode", cx.version).unwrap_or_default(),
        ),
    }
}

/// `config_parse_managed_oom_mem_pressure_limit`, where the unit type takes it.
pub(crate) fn managed_oom_pressure_limit(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    managed_oom(cx)?;
    pressure_limit(cx, value)
}

/// `config_parse_managed_oom_mem_pressure_duration_sec`, where the unit type takes it.
pub(crate) fn managed_oom_pressure_duration(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    managed_oom(cx)?;
    pressure_duration(cx, value)
}

/// `config_parse_managed_oom_rules`, where the unit type takes it.
pub(crate) fn managed_oom_rules(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    managed_oom(cx)?;
    oom_rules(cx, value)
}

/// `config_parse_bind_network_interface`: an interface name once specifiers expand; empty
/// resets.
pub(crate) fn bind_network_interface(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    spec::expand(cx, value, Table::Full).and_then(|k| interface_name(&k, true))
}

/// `cg_weight_parse` and its siblings: empty resets, else a whole number in `min..=max`
/// (`idle` too for `CPUWeight=`).
fn weight(cx: &Cx<'_>, value: &str, min: u64, max: u64, idle: bool) -> Result<(), String> {
    if value.is_empty() || idle && value == "idle" {
        return Ok(());
    }
    let idle = if idle { " or `idle`" } else { "" };
    match c::unsigned(value, 0, u64::MAX) {
        Ok(v) if (min..=max).contains(&v) => Ok(()),
        Ok(_) | Err("out of range") | Err("negative") => Err(format!(
            "`{value}` is out of range for `{}=`; use {min} to {max}{idle}",
            cx.key
        )),
        Err(_) => Err(format!(
            "`{value}` is not a valid `{}=`; use a whole number from {min} to {max}{idle}",
            cx.key
        )),
    }
}

/// Which of systemd's "parts" parsers reads a percentage.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Parts {
    /// `parse_percent`: whole percent.
    Percent,
    /// `parse_permille`: `%` with one decimal or whole `‰` (systemd before 249).
    Permille,
    /// `parse_permyriad`: `%` with two decimals, `‰` with one, whole `‱`.
    Permyriad,
}

impl Parts {
    fn of(cx: &Cx<'_>) -> Self {
        if cx.version >= 249 {
            Parts::Permyriad
        } else {
            Parts::Permille
        }
    }

    fn max(self) -> i64 {
        match self {
            Parts::Percent => 100,
            Parts::Permille => 1000,
            Parts::Permyriad => 10_000,
        }
    }
}

/// `parse_parts_value_*`: the value before `symbol`, with at most `places` decimals, scaled by
/// 10^places. `Err(true)` when it is a number out of range, `Err(false)` when it is not one.
fn parts_value(p: &str, symbol: &str, places: u32) -> Result<i64, bool> {
    let body = p.strip_suffix(symbol).ok_or(false)?;
    let (int, frac) = match body.find('.') {
        Some(dot) if places > 0 => {
            let f = &body[dot + 1..];
            let valid = !f.is_empty()
                && f.len() <= places as usize
                && f.bytes().all(|b| b.is_ascii_digit());
            if !valid {
                return Err(false);
            }
            let q: i64 = f.parse().map_err(|_| false)?;
            (&body[..dot], q * 10i64.pow(places - f.len() as u32))
        }
        _ => (body, 0),
    };
    let v = c::signed(int, 0, i64::from(i32::MIN), i64::from(i32::MAX))
        .map_err(|e| e == "out of range")?;
    let scale = 10i64.pow(places);
    if v < 0 || v > (i64::from(i32::MAX) - frac) / scale {
        return Err(true);
    }
    Ok(v * scale + frac)
}

/// The unbounded percentage of `p` in `parts`' unit.
fn parts_unbounded(p: &str, parts: Parts) -> Result<i64, bool> {
    match parts {
        Parts::Percent => parts_value(p, "%", 0),
        Parts::Permille if p.ends_with('\u{2030}') => parts_value(p, "\u{2030}", 0),
        Parts::Permille => parts_value(p, "%", 1),
        Parts::Permyriad if p.ends_with('\u{2031}') => parts_value(p, "\u{2031}", 0),
        Parts::Permyriad if p.ends_with('\u{2030}') => parts_value(p, "\u{2030}", 1),
        Parts::Permyriad => parts_value(p, "%", 2),
    }
}

/// The percentage of `p`, at most 100%.
fn parts_bounded(p: &str, parts: Parts) -> Result<i64, bool> {
    let v = parts_unbounded(p, parts)?;
    if v > parts.max() {
        return Err(true);
    }
    Ok(v)
}

fn percent_forms(parts: Parts) -> &'static str {
    match parts {
        Parts::Percent => "a whole percentage such as `40%`",
        Parts::Permille => "a percentage with at most one decimal such as `40.5%`",
        Parts::Permyriad => "a percentage with at most two decimals such as `40.25%`",
    }
}

/// `config_parse_cpu_quota`: a positive percentage, more than 100% allowed.
pub(crate) fn cpu_quota(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let parts = Parts::of(cx);
    match parts_unbounded(value, parts) {
        Ok(v) if v > 0 => Ok(()),
        Ok(_) => Err(format!(
            "`{value}` is not a valid `CPUQuota=`; use a percentage above 0% such as `20%`, or an empty value for no quota"
        )),
        Err(_) => Err(format!(
            "`{value}` is not a valid `CPUQuota=`; use {}",
            percent_forms(parts)
        )),
    }
}

/// The memory directives that take 0 (a percentage of 0% or a size of 0 bytes).
fn zero_allowed(cx: &Cx<'_>) -> bool {
    let keys: &[&str] = if cx.version >= 262 {
        &[
            "MemorySwapMax",
            "StartupMemorySwapMax",
            "MemoryZSwapMax",
            "StartupMemoryZSwapMax",
            "MemoryLow",
            "StartupMemoryLow",
            "MemoryMin",
        ]
    } else if cx.version >= 254 {
        // systemd spells `DefaultStartupMemoryLow` wrongly in this list, so it refuses 0.
        &[
            "MemorySwapMax",
            "StartupMemorySwapMax",
            "MemoryZSwapMax",
            "StartupMemoryZSwapMax",
            "MemoryLow",
            "StartupMemoryLow",
            "MemoryMin",
            "DefaultMemoryLow",
            "DefaultMemoryMin",
        ]
    } else {
        &[
            "MemorySwapMax",
            "MemoryLow",
            "MemoryMin",
            "DefaultMemoryLow",
            "DefaultMemoryMin",
        ]
    };
    keys.contains(&cx.key)
}

/// `config_parse_memory_limit`: a size (base 1024), a percentage of physical memory up to 100%,
/// or `infinity`; 0 only where the directive takes it.
pub(crate) fn memory_limit(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() || value == "infinity" {
        return Ok(());
    }
    let parts = Parts::of(cx);
    let zero = match parts_bounded(value, parts) {
        Ok(v) => v == 0,
        Err(_) => match c::parse_size(value, 1024) {
            Ok(u64::MAX) | Err("out of range") => {
                return Err(format!(
                    "memory limit `{value}` is too large; use at most `16E` minus one byte or `infinity`"
                ))
            }
            Ok(bytes) => bytes == 0,
            Err(_) => {
                return Err(format!(
                    "`{value}` is not a valid `{}=`; use a size such as `512M`, {} up to 100%, or `infinity`",
                    cx.key,
                    percent_forms(parts)
                ))
            }
        },
    };
    if zero && !zero_allowed(cx) {
        return Err(format!(
            "`{}={value}` is out of range; use a size above 0, or `infinity` for no limit",
            cx.key
        ));
    }
    Ok(())
}

/// `config_parse_tasks_max`: a count above 0, a percentage up to 100%, or `infinity`.
pub(crate) fn tasks_max(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() || value == "infinity" || parts_bounded(value, Parts::of(cx)).is_ok() {
        return Ok(());
    }
    match c::unsigned(value, 0, u64::MAX) {
        Ok(v) if v > 0 && v < u64::MAX => Ok(()),
        Err(e) if e != "out of range" && e != "negative" => Err(format!(
            "`{value}` is not a valid `TasksMax=`; use a number of tasks, a percentage up to 100%, or `infinity`"
        )),
        _ => Err(format!(
            "`TasksMax={value}` is out of range; use a number of tasks from 1, a percentage, or `infinity`"
        )),
    }
}

/// `parse_range`: `N` or `N-M`, each a C unsigned number.
fn range(t: &str) -> Option<(u64, u64)> {
    let atou = |s: &str| c::unsigned(s, 0, u64::from(u32::MAX)).ok();
    match t.split_once('-') {
        None => atou(t).map(|l| (l, l)),
        Some((_, "")) => None,
        Some((l, u)) => Some((atou(l)?, atou(u)?)),
    }
}

/// `parse_cpu_set_full`: CPU or NUMA node numbers and ranges, separated by white space or
/// commas, each below 8192.
pub(crate) fn cpu_set(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let words = c::words(value, b" \t\n\r,", flags::UNQUOTE)
        .map_err(|_| format!("`{value}` has an unbalanced quote or a stray `\\`"))?;
    for w in words {
        let Some((lower, upper)) = range(&w) else {
            return Err(format!(
                "`{w}` is not a valid entry of `{}=`; use numbers and ranges such as `0-3 8`",
                cx.key
            ));
        };
        if lower > upper {
            return Err(format!(
                "range `{w}` of `{}=` is reversed; write the smaller number first",
                cx.key
            ));
        }
        if upper >= 8192 {
            return Err(format!(
                "`{w}` is out of range for `{}=`; use numbers below 8192",
                cx.key
            ));
        }
    }
    Ok(())
}

/// The unit type of `cx`'s unit (`service`, `socket`, ...).
fn unit_type<'a>(cx: &Cx<'a>) -> &'a str {
    cx.unit.rsplit_once('.').map_or("", |(_, t)| t)
}

fn delegation(cx: &Cx<'_>) -> Result<(), String> {
    match unit_type(cx) {
        "service" | "scope" => Ok(()),
        t => Err(format!(
            "`{}=` is not supported in a `.{t}` unit and systemd ignores it; set it on the service",
            cx.key
        )),
    }
}

fn managed_oom(cx: &Cx<'_>) -> Result<(), String> {
    match unit_type(cx) {
        "service" | "scope" | "slice" => Ok(()),
        t => Err(format!(
            "`{}=` is not supported in a `.{t}` unit and systemd ignores it; set it on a service or slice",
            cx.key
        )),
    }
}

/// The controller names of `cgroup_controller_from_string` in `cx`'s release.
fn controllers(cx: &Cx<'_>) -> Vec<&'static str> {
    let mut names = vec![
        "cpu",
        "cpuacct",
        "cpuset",
        "io",
        "blkio",
        "memory",
        "devices",
        "pids",
        "bpf-firewall",
        "bpf-devices",
    ];
    if cx.version >= 249 {
        names.extend(["bpf-foreign", "bpf-socket-bind"]);
    }
    if cx.version >= 250 {
        names.push("bpf-restrict-network-interfaces");
    }
    if cx.version >= 258 {
        names.push("bpf-bind-network-interface");
    }
    names
}

fn unknown_controller(cx: &Cx<'_>, word: &str) -> String {
    let names = controllers(cx);
    let hint = crate::suggest::closest_in(word, &names)
        .map(|s| format!("did you mean `{s}`?"))
        .unwrap_or_else(|| "use controller names such as `cpu`, `memory`, `io`, `pids`".into());
    format!("`{word}` is not a cgroup controller; {hint}")
}

/// `config_parse_delegate`: a boolean or a list of controllers, in services and scopes.
pub(crate) fn delegate(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    delegation(cx)?;
    if value.is_empty() || c::parse_boolean(value).is_some() {
        return Ok(());
    }
    let words = c::words(value, b"", flags::UNQUOTE)
        .map_err(|_| format!("`{value}` has an unbalanced quote or a stray `\\`"))?;
    let names = controllers(cx);
    match words.iter().find(|w| !names.contains(&w.as_str())) {
        Some(w) => Err(unknown_controller(cx, w)),
        None => Ok(()),
    }
}

/// `filename_is_valid`.
fn filename_valid(s: &str) -> bool {
    !s.is_empty() && s != "." && s != ".." && !s.contains('/') && s.len() <= 255
}

/// `config_parse_delegate_subgroup`: a cgroup name that needs no escaping.
pub(crate) fn delegate_subgroup(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    delegation(cx)?;
    if value.is_empty() {
        return Ok(());
    }
    let controller_prefix = controllers(cx)
        .iter()
        .any(|c| value.strip_prefix(c).is_some_and(|r| r.starts_with('.')));
    if !filename_valid(value)
        || value.starts_with(['_', '.'])
        || ["notify_on_release", "release_agent", "tasks"].contains(&value)
        || value.starts_with("cgroup.")
        || controller_prefix
    {
        return Err(format!(
            "`{value}` is not a valid cgroup name for `DelegateSubgroup=`; use a plain name such as `supervisor`"
        ));
    }
    Ok(())
}

/// `config_parse_disable_controllers`: a list with at least one known controller (unknown
/// names are skipped silently).
pub(crate) fn disable_controllers(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let words = c::words(value, b"", 0).map_err(|_| format!("`{value}` has a stray `\\`"))?;
    let names = controllers(cx);
    if words.iter().any(|w| names.contains(&w.as_str())) {
        return Ok(());
    }
    Err(match words.first() {
        Some(w) => unknown_controller(cx, w),
        None => format!("`{value}` names no cgroup controller"),
    })
}

/// The first word of `value` as `extract_first_word` takes it, and the rest after the
/// separators that follow it.
fn first_word<'a>(
    value: &'a str,
    seps: &[u8],
    fl: u16,
) -> Result<(Option<String>, &'a str), String> {
    let mut p = Some(value.as_bytes());
    let w = c::extract_first_word(&mut p, seps, fl)
        .map_err(|_| format!("`{value}` has an unbalanced quote or a stray `\\`"))?;
    let rest = p
        .and_then(|r| value.get(value.len() - r.len()..))
        .unwrap_or("");
    Ok((w.map(|w| String::from_utf8_lossy(&w).into_owned()), rest))
}

/// `unit_path_printf` then `path_simplify_and_warn`: the simplified path, or why not. From 253
/// on, `path_simplify` drops `..` right after the root (`/../dev/sda` is `/dev/sda`).
fn device_path(cx: &Cx<'_>, path: &str, absolute: bool) -> Result<String, String> {
    let mut p = spec::expand(cx, path, Table::Full)?;
    if cx.version >= 253 && c::path_is_absolute(&p) {
        let parts = c::components(&p);
        let skip = parts.iter().take_while(|c| **c == "..").count();
        if skip > 0 {
            p = format!("/{}", parts[skip..].join("/"));
        }
    }
    c::path_check(&p, absolute).map_err(|e| {
        if absolute && e.contains("not an absolute path") {
            format!("{e}; start it with `/`")
        } else {
            e
        }
    })?;
    Ok(c::simplify(&p))
}

/// `config_parse_device_allow`: a device node under `/dev/` (or `char-`/`block-` and a class),
/// then optional rights made of `r`, `w` and `m`.
pub(crate) fn device_allow(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let (Some(path), rights) = first_word(value, b"", flags::UNQUOTE)? else {
        return Err(format!("`{value}` names no device"));
    };
    let resolved = spec::expand(cx, &path, Table::Full)?;
    if !(resolved.starts_with("block-") || resolved.starts_with("char-")) {
        let p = device_path(cx, &path, false)?;
        let under = |root: &str| p == root || p.starts_with(&format!("{root}/"));
        if !(under("/dev") || under("/run/systemd/inaccessible")) {
            return Err(format!(
                "`{resolved}` is not a device node path; use a path under `/dev/`, or `char-CLASS`/`block-CLASS`"
            ));
        }
    }
    if !rights.bytes().all(|b| b"rwm".contains(&b)) {
        return Err(format!(
            "`{rights}` are not valid device rights; use a combination of `r`, `w` and `m`"
        ));
    }
    Ok(())
}

/// The per-device settings: a device path, then a weight, latency, bandwidth or IOPS limit.
/// Returns what follows the device path, or `None` for an empty value, which resets them.
fn device_and_value<'v>(cx: &Cx<'_>, value: &'v str) -> Result<Option<&'v str>, String> {
    if value.is_empty() {
        return Ok(None);
    }
    let (path, rest) = first_word(value, b"", flags::UNQUOTE)?;
    let (Some(path), false) = (path, rest.is_empty()) else {
        return Err(format!(
            "`{value}` is not a valid `{}=`; write a device path and a value, such as `/dev/sda 100`",
            cx.key
        ));
    };
    device_path(cx, &path, false)?;
    Ok(Some(rest))
}

/// `config_parse_io_device_weight`: a device and a weight from 1 to 10000.
pub(crate) fn io_device_weight(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    match device_and_value(cx, value)? {
        Some(rest) => weight(cx, rest, 1, 10_000, false),
        None => Ok(()),
    }
}

/// `config_parse_blockio_device_weight`: a device and a weight from 10 to 1000.
pub(crate) fn blockio_device_weight(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    match device_and_value(cx, value)? {
        Some(rest) => weight(cx, rest, 10, 1000, false),
        None => Ok(()),
    }
}

/// `config_parse_io_device_latency`: a device and a time span.
pub(crate) fn io_device_latency(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    match device_and_value(cx, value)? {
        Some(rest) => c::parse_sec(rest)
            .map(drop)
            .map_err(|_| format!("`{rest}` is not a time span; use one such as `25ms`")),
        None => Ok(()),
    }
}

/// `config_parse_io_limit`: a device and a bandwidth or IOPS limit, or `infinity`.
pub(crate) fn io_limit(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    match device_and_value(cx, value)? {
        Some("infinity") => Ok(()),
        Some(rest) => device_limit(cx, rest, ", or `infinity`"),
        None => Ok(()),
    }
}

/// `config_parse_blockio_bandwidth`: a device and a bandwidth limit.
pub(crate) fn blockio_bandwidth(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    match device_and_value(cx, value)? {
        Some(rest) => device_limit(cx, rest, ""),
        None => Ok(()),
    }
}

/// A limit above 0 with an optional base-1000 suffix; `or` names what else the parser takes.
fn device_limit(cx: &Cx<'_>, rest: &str, or: &str) -> Result<(), String> {
    match c::parse_size(rest, 1000) {
        Ok(n) if n > 0 => Ok(()),
        _ => Err(format!(
            "`{rest}` is not a valid limit for `{}=`; use a number above 0 with an optional `K`, `M`, `G` or `T` (base 1000){or}",
            cx.key
        )),
    }
}

/// `config_parse_ip_filter_bpf_progs`: an absolute path to a pinned BPF program.
pub(crate) fn bpf_path(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    device_path(cx, value, true).map(drop)
}

const BPF_ATTACH_TYPES: &[&str] = &[
    "ingress",
    "egress",
    "sock_create",
    "sock_ops",
    "device",
    "bind4",
    "bind6",
    "connect4",
    "connect6",
    "post_bind4",
    "post_bind6",
    "sendmsg4",
    "sendmsg6",
    "sysctl",
    "recvmsg4",
    "recvmsg6",
    "getsockopt",
    "setsockopt",
];

/// `config_parse_bpf_foreign_program`: `ATTACH-TYPE:PATH`.
pub(crate) fn bpf_foreign_program(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let (kind, path) = first_word(value, b":", 0)?;
    let (Some(kind), false) = (kind, path.is_empty()) else {
        return Err(format!(
            "`{value}` is not a valid `BPFProgram=`; write an attach type and a path, such as `egress:/sys/fs/bpf/prog`"
        ));
    };
    if !BPF_ATTACH_TYPES.contains(&kind.as_str()) {
        let hint = crate::suggest::closest_in(&kind, BPF_ATTACH_TYPES)
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| "use one such as `ingress`, `egress` or `device`".into());
        return Err(format!("`{kind}` is not a BPF attach type; {hint}"));
    }
    device_path(cx, path, true).map(drop)
}

/// `parse_socket_bind_item`: `[ipv4|ipv6:][tcp|udp:](any|PORT[-PORT])`, each part optional but
/// in that order.
pub(crate) fn socket_bind_rule(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let bad = || {
        format!(
            "`{value}` is not a valid `{}=`; use `[ipv4:|ipv6:][tcp:|udp:]PORT[-PORT]` or `any`",
            cx.key
        )
    };
    let allow_zero = cx.version >= 255;
    let port = |t: &str| match t {
        "any" => true,
        _ => range(t).is_some_and(|(l, h)| l <= h && h <= 65535 && (allow_zero || l > 0)),
    };
    let tokens: [fn(&str) -> bool; 3] = [
        |t| t == "ipv4" || t == "ipv6",
        |t| t.eq_ignore_ascii_case("tcp") || t.eq_ignore_ascii_case("udp"),
        |_| false,
    ];
    let mut p = Some(value.as_bytes());
    let mut next = 0;
    let mut ok = true;
    while next < 3 {
        let token = match c::extract_first_word(&mut p, b":", flags::DONT_COALESCE_SEPARATORS) {
            Ok(Some(t)) => String::from_utf8_lossy(&t).into_owned(),
            Ok(None) => break,
            Err(_) => return Err(bad()),
        };
        if token.is_empty() {
            return Err(bad());
        }
        while next < 3 {
            ok = if next == 2 {
                port(&token)
            } else {
                tokens[next](&token)
            };
            next += 1;
            if ok {
                break;
            }
        }
    }
    if !ok || p.is_some() {
        return Err(bad());
    }
    Ok(())
}

/// `ifname_valid_full`: a network interface name (alternative names, up to 127 bytes, when
/// `alternative`).
fn interface_name(name: &str, alternative: bool) -> Result<(), String> {
    let max = if alternative { 128 } else { 16 };
    let ifindex = c::signed(name, 0, i64::from(i32::MIN), i64::from(i32::MAX)).is_ok_and(|i| i > 0);
    let valid = !name.is_empty()
        && !ifindex
        && name.len() < max
        && name != "."
        && name != ".."
        && name != "all"
        && name != "default"
        && name
            .bytes()
            .all(|b| b > 32 && b < 127 && !b":/%".contains(&b))
        && !name.bytes().all(|b| b.is_ascii_digit());
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a valid network interface name; use at most {} printable characters without `:`, `/` or `%`, not all digits",
            max - 1
        ))
    }
}

/// `config_parse_restrict_network_interfaces`: interface names, optionally after `~`.
pub(crate) fn restrict_network_interfaces(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let list = value.strip_prefix('~').unwrap_or(value);
    let words = c::words(list, b"", flags::UNQUOTE)
        .map_err(|_| format!("`{value}` has an unbalanced quote or a stray `\\`"))?;
    let alternative = cx.version >= 256;
    words
        .iter()
        .try_for_each(|w| interface_name(w, alternative))
}

/// `in_addr_prefix_from_string_auto`: an IPv4 or IPv6 address with an optional prefix length.
fn address_prefix(word: &str) -> bool {
    let (addr, len) = match word.split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (word, None),
    };
    let bits = if addr.parse::<std::net::Ipv4Addr>().is_ok() {
        32
    } else if addr.parse::<std::net::Ipv6Addr>().is_ok() {
        128
    } else {
        return false;
    };
    len.is_none_or(|l| c::unsigned(l, 0, 255).is_ok_and(|n| n <= bits))
}

/// `is_localhost`.
fn localhost(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    let names = [
        "localhost",
        "localhost.",
        "localhost.localdomain",
        "localhost.localdomain.",
    ];
    names.contains(&w.as_str()) || names.iter().any(|n| w.ends_with(&format!(".{n}")))
}

/// `config_parse_in_addr_prefixes` (`config_parse_ip_address_access` before 249): addresses,
/// prefixes, `any`, `localhost`, `link-local` and `multicast`.
pub(crate) fn address_prefixes(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let words = c::words(value, b"", 0).map_err(|_| format!("`{value}` has a stray `\\`"))?;
    for w in words {
        let special = ["any", "link-local", "multicast"].contains(&w.as_str()) || localhost(&w);
        if !special && !address_prefix(&w) {
            return Err(format!(
                "`{w}` is not a valid address prefix for `{}=`; use an address such as `10.0.0.0/8` or `::1`, or `any`, `localhost`, `link-local`, `multicast`",
                cx.key
            ));
        }
    }
    Ok(())
}

/// `nft_identifier_valid`: a letter, then letters, digits, `/`, `\\`, `_` and `.`; at most 31
/// bytes before 262, fewer than 256 since.
fn nft_identifier(cx: &Cx<'_>, id: &str) -> bool {
    let b = id.as_bytes();
    let max = if cx.version >= 262 { 255 } else { 31 };
    !b.is_empty()
        && b.len() <= max
        && b[0].is_ascii_alphabetic()
        && b[1..]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || b"/\\_.".contains(c))
}

/// `config_parse_nft_set` for cgroups: `SOURCE:FAMILY:TABLE:SET` tuples, the source one of
/// `cgroup`, `user`, `group`.
pub(crate) fn nft_set(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let tuples = c::words(value, b"", flags::UNQUOTE | flags::RETAIN_ESCAPE)
        .map_err(|_| format!("`{value}` has an unbalanced quote"))?;
    for t in tuples {
        let parts = c::words(&t, b":", flags::CUNESCAPE).unwrap_or_default();
        let bad = || {
            format!(
                "`{t}` is not a valid `{}=` entry; write `SOURCE:FAMILY:TABLE:SET` such as `cgroup:inet:filter:my_service`",
                cx.key
            )
        };
        let [source, family, table, set] = parts.as_slice() else {
            return Err(bad());
        };
        if !["cgroup", "user", "group"].contains(&source.as_str()) {
            return Err(format!(
                "`{source}` is not an NFT set source here; use `cgroup`, `user` or `group`"
            ));
        }
        let families = ["arp", "bridge", "inet", "ip", "ip6", "netdev"];
        if !families.contains(&family.as_str()) {
            return Err(format!(
                "`{family}` is not an NFT protocol family; use `inet`, `ip`, `ip6`, `arp`, `bridge` or `netdev`"
            ));
        }
        if let Some(id) = [table, set].into_iter().find(|id| !nft_identifier(cx, id)) {
            return Err(format!(
                "`{id}` is not a valid NFT table or set name; use a letter then letters, digits, `/`, `\\`, `_` or `.`"
            ));
        };
    }
    Ok(())
}

/// `config_parse_managed_oom_mem_pressure_limit`: a percentage up to 100%.
fn pressure_limit(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let parts = if cx.version >= 249 {
        Parts::Permyriad
    } else {
        Parts::Percent
    };
    parts_bounded(value, parts).map(drop).map_err(|_| {
        format!(
            "`{value}` is not a valid `{}=`; use {} up to 100%",
            cx.key,
            percent_forms(parts)
        )
    })
}

/// `config_parse_managed_oom_mem_pressure_duration_sec`: at least one second, finite.
fn pressure_duration(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    match c::parse_sec(value) {
        Ok(u) if u >= c::USEC_PER_SEC && u != c::USEC_INFINITY => Ok(()),
        Ok(_) => Err(format!(
            "`{}={value}` is out of range; use at least `1s` and not `infinity`",
            cx.key
        )),
        Err(_) => Err(format!(
            "`{value}` is not a time span; use one such as `30s`"
        )),
    }
}

/// `config_parse_managed_oom_rules`: rule names that are safe file names.
fn oom_rules(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let words = c::words(value, b"", flags::UNQUOTE | flags::RETAIN_ESCAPE)
        .map_err(|_| format!("`{value}` has an unbalanced quote"))?;
    for w in words {
        let safe = filename_valid(&w)
            && !w
                .chars()
                .any(|ch| ch.is_ascii_control() || "\\\"'*?[".contains(ch));
        if !safe {
            return Err(format!(
                "`{w}` is not a valid rule name for `{}=`; use a plain file name",
                cx.key
            ));
        }
    }
    Ok(())
}

/// `ip_tos_from_string`: a name or a number up to 255; empty resets.
pub(crate) fn ip_tos(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let names = ["low-delay", "throughput", "reliability", "low-cost"];
    if value.is_empty() || names.contains(&value) || c::unsigned(value, 0, 255).is_ok() {
        return Ok(());
    }
    one_of(cx, value, &names).map_err(|e| format!("{e}, or a number from 0 to 255"))
}

/// `config_parse_swap_priority`: -1 to 32767; empty resets.
pub(crate) fn swap_priority(_: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    match c::signed(value, 0, i64::from(i32::MIN), i64::from(i32::MAX)) {
        Ok(p) if (-1..=32767).contains(&p) => Ok(()),
        Ok(_) | Err("out of range") => Err(format!(
            "swap priority `{value}` is out of range; use -1 to 32767"
        )),
        Err(_) => Err(format!(
            "`{value}` is not a swap priority; use a whole number from -1 to 32767"
        )),
    }
}

/// `config_parse_mount_node`: any source, shorter than `PATH_MAX` once `LABEL=`, `UUID=`,
/// `PARTUUID=` and `PARTLABEL=` are turned into `/dev/disk/by-*/` paths.
pub(crate) fn mount_node(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let v = spec::expand(cx, value, Table::Full)?;
    let tags = [
        ("LABEL=", "label"),
        ("UUID=", "uuid"),
        ("PARTUUID=", "partuuid"),
        ("PARTLABEL=", "partlabel"),
    ];
    let len = match tags
        .iter()
        .find_map(|(t, by)| v.strip_prefix(t).map(|r| (r, by)))
    {
        Some((tag, by)) => {
            let unquoted = ['"', '\'']
                .iter()
                .find_map(|q| tag.strip_prefix(*q).and_then(|r| r.strip_suffix(*q)))
                .filter(|_| tag.len() >= 2)
                .unwrap_or(tag);
            let encoded: usize = unquoted
                .chars()
                .map(|ch| match ch {
                    ch if !ch.is_ascii() => ch.len_utf8(),
                    ch if ch.is_ascii_alphanumeric() || "#+-.:=@_".contains(ch) => 1,
                    _ => 4,
                })
                .sum();
            "/dev/disk/by-/".len() + by.len() + encoded
        }
        None => v.len(),
    };
    if len >= 4096 {
        return Err(format!(
            "`{}=` is too long once resolved; use a source shorter than 4096 bytes",
            cx.key
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RELEASES: [u16; 4] = [247, 252, 257, 262];

    /// What the real systemd 247, 252, 257 and 262 (`systemd-analyze verify` of each release)
    /// say of each value. A group starts with the directive, a unit, its section and the
    /// parser of each release (`-`: the release has no such directive); each line under it
    /// gives the verdict of each release (`a` accepted, `r` refused, `-` not asked) and the
    /// values, separated by `|`. Deprecation warnings that keep the value count as accepted,
    /// and so do failures that come after the parser: 262 failing to load units with
    /// `ManagedOOM*=kill` or `OOMRules=` (no `systemd-oomd` or rule files on the machine) and a
    /// mount whose `What=` was emptied (the unit then lacks one).
    const SYSTEMD: &str = r#"
CPUWeight a.service Service cg_weight cg_cpu_weight cg_cpu_weight cg_cpu_weight
  aaaa 1|10000|(empty)|0x10|+5|010|0b11
  rrrr 10001|0|-1|abc|1.5|Idle
  raaa idle
IOWeight a.service Service cg_weight cg_weight cg_weight cg_weight
  aaaa 1|10000|(empty)
  rrrr 10001|0|idle
CPUShares a.service Service cpu_shares cpu_shares cpu_shares -
  aaa- 2|262144|(empty)
  rrr- 1|262145
BlockIOWeight a.service Service blockio_weight blockio_weight blockio_weight -
  aaa- 10|1000|(empty)
  rrr- 9|1001
CPUQuota a.service Service cpu_quota cpu_quota cpu_quota cpu_quota
  aaaa 20%|(empty)|150%|0.5%|1.5%|1‰|0x10%|21474836%|5‰|1000%|+5%|05%|1.0%
  rrrr 0%|0|0.005%|20|-5%|0‱|10.55‰|%|abc%|20 %|2147483647%|0x0%|1.%|.5%
  raaa 0.05%|5‱|10.5‰|0.55%
  arrr 21474837%
MemoryMax a.service Service memory_limit memory_limit memory_limit memory_limit
  aaaa 1G|100%|50.5%|infinity|(empty)|1.5G|1K 2|10‰|1000‰|1G 512M|1.5|1B|1 G
  rrrr 0|0%|101%|50.555%|-1|abc|18446744073709551615|16E|1X|1001‰|512M 1G|1b|Infinity|0.0%
  raaa 50.55%|5‱|0.01%|1‱
MemoryMin a.service Service memory_limit memory_limit memory_limit memory_limit
  aaaa 0|0%|infinity|(empty)|1G|100%
MemoryLow a.service Service memory_limit memory_limit memory_limit memory_limit
  aaaa 0|0%|(empty)
MemoryHigh a.service Service memory_limit memory_limit memory_limit memory_limit
  rrrr 0|0%
  aaaa (empty)|infinity
MemorySwapMax a.service Service memory_limit memory_limit memory_limit memory_limit
  aaaa 0|0%|1G
MemoryLimit a.service Service memory_limit memory_limit memory_limit -
  rrr- 0
  aaa- 1G
DefaultMemoryMin a.slice Slice memory_limit memory_limit memory_limit -
  aaa- 0|1G
TasksMax a.service Service tasks_max tasks_max tasks_max tasks_max
  aaaa 100|0%|100%|50.5%|infinity|(empty)|18446744073709551614|0x10|5‰|1000‰|010|00%
  rrrr 0|101%|-1|abc|18446744073709551615|1.5|1001‰|Infinity|1e3
  raaa 50.55%|5‱
AllowedCPUs a.service Service allowed_cpus allowed_cpuset allowed_cpuset unit_cpu_set
  aaaa 0-3|0,2 4|(empty)|8191|0x1|0-8191|1 , 2|'0-1' 2|0,,1|,0
  rrrr 8192|3-1|0-|abc|-1|1-2-3|'1 2'|%%|%z
  raaa %U|0 %U
AllowedMemoryNodes a.service Service allowed_mems allowed_cpuset allowed_cpuset unit_cpu_set
  aaaa 0
  rrrr 1-0
Delegate a.service Service delegate delegate delegate delegate
  aaaa yes|no|(empty)|cpu memory|'cpu' io|Yes|1|on
  rrrr cpu foo|foo|cpu,memory|'cpu memory'|CPU
  raaa bpf-foreign|bpf-socket-bind|bpf-restrict-network-interfaces
  rrra bpf-bind-network-interface
Delegate a.socket Socket delegate delegate delegate delegate
  rrrr yes
Delegate a.slice Slice delegate delegate delegate delegate
  rrrr yes
DisableControllers a.service Service disable_controllers disable_controllers disable_controllers disable_controllers
  aaaa cpu|cpu foo|(empty)|cpuacct io|bpf-devices
  rrrr foo|'cpu'|cpu,io
  raaa bpf-foreign
  rrra bpf-bind-network-interface
DeviceAllow a.service Service device_allow device_allow device_allow device_allow
  aaaa /dev/null rw|/dev/null|char-pts rwm|block-loop r|/dev r|/dev/ r|'/dev/null' r|(empty)
  aaaa /dev/%n r|/run/systemd/inaccessible/chr rw|char- r|"/dev/a b" r|/dev//null/ rw
  aaaa /dev/null rwmrwm|/dev/%%x r|/dev/null  rw|'/dev/null r'|/dev/nu\ll r|char-%n r
  rrrr /dev/null rx|/dev/null r w|/etc/passwd r|sda r|/dev/../etc r|/dev/%z r|/devnull r|%t/x r
  rrrr /dev/null ''|/dev/null "rw"|/dev/nul'l r|/../etc r
  rraa /../dev/null r
DevicePolicy a.service Service device_policy device_policy device_policy device_policy
  aaaa auto|closed|strict
  rrrr (empty)|Strict
IODeviceWeight a.service Service io_device_weight io_device_weight io_device_weight io_device_weight
  aaaa /dev/sda 100|sda 100|(empty)|/dev/%n 5|/dev/sda  100|'/dev/sd a' 100|/dev/sda 0x10|%t 100
  rrrr /dev/sda|/dev/sda 0|/dev/sda 10001|/dev/../x 100|/dev/sda idle|/dev/%z 5|/dev/sda 100 x
  rrrr /dev/sda '100'|../sda 5
  rraa /../dev/sda 5|/.. 5
IODeviceLatencyTargetSec a.service Service io_device_latency io_device_latency io_device_latency io_device_latency
  aaaa /dev/sda 25ms|/dev/sda infinity|(empty)|/dev/sda 0
  rrrr /dev/sda|/dev/sda 5 parsecs
IOReadBandwidthMax a.service Service io_limit io_limit io_limit io_limit
  aaaa /dev/sda 1M|/dev/sda infinity|/dev/sda 1.5G|(empty)|sda 1M|/dev/sda 1K 5|/dev/sda 1T
  aaaa /dev/sda 1E|/dev/sda 18446744073709551615|/dev/sda 16E|/dev/sda 1.5
  rrrr /dev/sda 0|/dev/sda|/dev/sda -1|/dev/sda 1X|/dev/sda Infinity|/dev/sda 1K1M|/dev/sda 0.5
IOWriteIOPSMax a.service Service io_limit io_limit io_limit io_limit
  aaaa /dev/sda 1000
  rrrr /dev/sda 0
IPIngressFilterPath a.service Service ip_filter_bpf_progs ip_filter_bpf_progs ip_filter_bpf_progs ip_filter_bpf_progs
  aaaa /sys/fs/bpf/foo|(empty)|%t/bpf
  rrrr foo|/sys/../x
BPFProgram a.service Service - bpf_foreign_program bpf_foreign_program bpf_foreign_program
  -aaa egress:/sys/fs/bpf/x|(empty)|device:/a/b|egress::/x|sock_create:%t/x|egress:/a b
  -rrr ingress:foo|bogus:/x|egress|egress:|egress:%z|Egress:/x|egress\:x:/y|'egress':/x
SocketBindAllow a.service Service - cgroup_socket_bind cgroup_socket_bind cgroup_socket_bind
  -aaa any|80|ipv4:80|ipv6:tcp:80|tcp:80-90|udp:any|ipv4|tcp|ipv4:tcp|65535|(empty)|TCP:80
  -aaa ipv6:udp:1-65535|ipv4:any|0x50
  -raa 0
  -rrr 65536|90-80|ipv4:ipv4:80|tcp:ipv4:80|ipv4::80|sctp:80|80:ipv4|ipv4:tcp:80:x|ipv4:|IPV4:80
  -rrr any:80|tcp:any:80|080
RestrictNetworkInterfaces a.service Service - restrict_network_interfaces restrict_network_interfaces restrict_network_interfaces
  -aaa eth0|~eth0 lo|(empty)|~|abcdefghijklmno|'eth0' lo|~~eth0|~ eth0
  -rrr 123|all|a:b|eth0 bad/name|0x10|eth%d|é|'a b'
  -raa abcdefghijklmnop|abcdefghijklmnopqrstuvwxyz
IPAddressAllow a.service Service ip_address_access in_addr_prefixes in_addr_prefixes in_addr_prefixes
  aaaa any|localhost|link-local|multicast|10.0.0.0/8|::1|fe80::/64|(empty)|10.0.0.1 ::1
  aaaa 1.2.3.4/0x8|LOCALHOST|foo.localhost|::ffff:1.2.3.4|0.0.0.0/0|::/0|localhost.localdomain
  aaaa 10.0.0.1/032
  rrrr 1.2.3.4/33|::/129|1.2.3|01.2.3.4|foo|1.2.3.4/|1:2:3:4:5:6:7:8:9|'10.0.0.1'
  rrrr 10.0.0.0/8,10.0.0.1|Any|[::1]|fe80::1%eth0|1.2.3.4/8/8
ManagedOOMSwap a.service Service managed_oom_mode managed_oom_mode managed_oom_mode managed_oom_mode
  aaaa auto|kill|(empty)
  rrrr bogus
ManagedOOMSwap a.socket Socket managed_oom_mode managed_oom_mode managed_oom_mode managed_oom_mode
  rrrr auto
ManagedOOMMemoryPressure a.slice Slice managed_oom_mode managed_oom_mode managed_oom_mode managed_oom_mode
  aaaa kill
ManagedOOMMemoryPressureLimit a.service Service - managed_oom_mem_pressure_limit managed_oom_mem_pressure_limit managed_oom_mem_pressure_limit
  -aaa 50%|0%|100%|50.55%|(empty)|5‱|0.01%|1000‰|10000‱
  -rrr 101%|50.555%|abc|1001‰|10001‱
ManagedOOMPreference a.service Service - managed_oom_preference managed_oom_preference managed_oom_preference
  -aaa none|avoid|omit
  -rrr (empty)|bogus|None
IPTOS a.socket Socket ip_tos ip_tos ip_tos ip_tos
  aaaa low-delay|throughput|reliability|low-cost|(empty)|0|255|0x10|010|0b11
  rrrr 256|-1|bogus|LOW-DELAY
BindIPv6Only a.socket Socket socket_bind socket_bind socket_bind socket_bind
  aaaa default|both|ipv6-only|yes|no|YES|1
  rrrr (empty)|bogus|Default
Priority a.swap Swap swap_priority swap_priority swap_priority swap_priority
  aaaa -1|0|32767|(empty)|0x10|+5|-0|010
  rrrr 32768|-2|abc
ManagedOOMMemoryPressureLimitPercent a.service Service managed_oom_mem_pressure_limit - - -
  a--- 50%|0%|100%|(empty)
  r--- 101%|50.5%|5‰
StartupAllowedCPUs a.service Service - allowed_cpuset allowed_cpuset unit_cpu_set
  -aaa 0-3|(empty)
  -rrr 3-1
MemoryPressureWatch a.service Service - - memory_pressure_watch pressure_watch
  --aa auto|skip|yes|no|on
  --rr (empty)|bogus
CPUPressureWatch a.service Service - - - pressure_watch
  ---a auto|skip|yes
  ---r (empty)|bogus
DelegateSubgroup a.service Service - - delegate_subgroup delegate_subgroup
  --aa supervisor|(empty)|cpux|x.y|%n|a.service|pids
  --rr _x|.x|cpu.x|cgroup.x|tasks|a/b|memory.foo|bpf-foreign.x|..|cpuset.x|release_agent
  --rr notify_on_release|io.x|devices.x
DelegateSubgroup a.socket Socket - - delegate_subgroup delegate_subgroup
  --rr supervisor
NFTSet a.service Service - - cgroup_nft_set cgroup_nft_set
  --aa cgroup:inet:filter:my_service|user:ip:t:s group:ip6:t:s|(empty)|cgroup::inet:t:s
  --aa 'cgroup:inet:t:s'|cgroup:inet:t/x:s.y|cgroup:inet:abcdefghijklmnopqrstuvwxyz01234:s
  --rr address:inet:filter:x|cgroup:foo:filter:x|cgroup:inet:1t:s|cgroup:inet:t
  --rr cgroup:inet:t:s:x|cgroup:inet:t:s cgroup:bogus:t:s|cgroup:inet:t\x3a:s|cgroup:inet:t\:x:s
  --rr cgroup:INET:t:s|CGROUP:inet:t:s|prefix:inet:t:s
  --ra cgroup:inet:abcdefghijklmnopqrstuvwxyz012345:s
ManagedOOMMemoryPressureDurationSec a.service Service - - managed_oom_mem_pressure_duration_sec managed_oom_mem_pressure_duration_sec
  --aa 30s|1s|(empty)
  --rr 999ms|0|infinity|bogus
ManagedOOMMemoryPressureDurationSec a.socket Socket - - managed_oom_mem_pressure_duration_sec managed_oom_mem_pressure_duration_sec
  --rr 30s
StartupMemoryLow a.service Service - - memory_limit memory_limit
  --aa 0|0%|1G|(empty)
StartupMemoryMax a.service Service - - memory_limit memory_limit
  --rr 0
  --aa 1G|infinity
MemoryZSwapMax a.service Service - - memory_limit memory_limit
  --aa 0|0%|1G
DefaultStartupMemoryLow a.slice Slice - - memory_limit -
  --r- 0
  --a- 1G|(empty)
DefaultMemoryLow a.slice Slice memory_limit memory_limit memory_limit -
  aaa- 0|1G|(empty)
CPUSetPartition a.service Service - - - cpuset_partition
  ---a member|root|isolated|(empty)
  ---r bogus
BindNetworkInterface a.service Service - - - bind_network_interface
  ---a eth0|(empty)|abcdefghijklmnopqrstu|%H|'eth0'
  ---r all|123|a:b|%z|eth0 eth1
OOMRules a.service Service - - - managed_oom_rules
  ---a foo|foo bar|(empty)|'a b'|.hidden
  ---r a/b|..|x*|x\\y|a"b|'unbalanced|x?
What a.mount Mount - - mount_node mount_node
  --aa /dev/sda1|LABEL=foo|UUID=1234|tmpfs|%n|(empty)|LABEL="foo bar"|PARTUUID=x|/dev/%%x
  --rr %z
SocketBindDeny a.service Service - cgroup_socket_bind cgroup_socket_bind cgroup_socket_bind
  -raa 0|0-80|ipv4:tcp:0
IPAddressDeny a.service Service ip_address_access in_addr_prefixes in_addr_prefixes in_addr_prefixes
  aaaa any
  rrrr 1.2.3.4/33 10.0.0.1|foo 10.0.0.1
BlockIOReadBandwidth a.service Service blockio_bandwidth blockio_bandwidth blockio_bandwidth -
  aaa- /dev/sda 1M|(empty)|sda 5
  rrr- /dev/sda infinity|/dev/sda 0|/dev/sda
BlockIODeviceWeight a.service Service blockio_device_weight blockio_device_weight blockio_device_weight -
  aaa- /dev/sda 100|(empty)
  rrr- /dev/sda 5|/dev/sda 1001|/dev/sda
IPEgressFilterPath a.service Service ip_filter_bpf_progs ip_filter_bpf_progs ip_filter_bpf_progs ip_filter_bpf_progs
  rrrr %z|./x|/a/../x
  aaaa /a//b/|/a/./b|/..foo
  rraa /..|//..|/../x|/./../x
ManagedOOMPreference a.slice Slice - managed_oom_preference managed_oom_preference managed_oom_preference
  -aaa avoid
What a.swap Swap - - mount_node mount_node
  --aa /dev/sdb2|UUID=abc
"#;

    fn verdict(
        unit: &str,
        section: &str,
        key: &str,
        parser: &str,
        version: u16,
        value: &str,
    ) -> Result<(), String> {
        let cx = Cx {
            unit,
            section,
            key,
            ltype: "0",
            version,
        };
        crate::parsers::registry::get(parser)
            .and_then(|p| p.check(&cx, value))
            .unwrap_or_else(|| Err(format!("`{parser}` is not checked")))
    }

    #[test]
    fn agrees_with_systemd_releases() {
        let mut wrong = Vec::new();
        let mut asked = 0;
        let mut head: Vec<&str> = Vec::new();
        for line in SYSTEMD.lines().filter(|l| !l.is_empty()) {
            let Some(line) = line.strip_prefix("  ") else {
                head = line.split(' ').collect();
                continue;
            };
            let (verdicts, values) = line.split_once(' ').unwrap();
            for value in values.split('|') {
                let value = if value == "(empty)" { "" } else { value };
                for (i, v) in verdicts.chars().enumerate() {
                    if v == '-' {
                        continue;
                    }
                    asked += 1;
                    let r = verdict(head[1], head[2], head[0], head[3 + i], RELEASES[i], value);
                    if r.is_ok() != (v == 'a') {
                        wrong.push(format!(
                            "{} {}={value:?} in {}: {r:?}",
                            RELEASES[i], head[0], head[1]
                        ));
                    }
                }
            }
        }
        assert!(asked > 1000, "only {asked} verdicts");
        assert!(
            wrong.is_empty(),
            "{} of {asked} differ:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
    }

    #[test]
    fn long_values_like_systemd() {
        let name = |n| "a".repeat(n);
        for (version, n, ok) in [
            (252, 15, true),
            (252, 16, false),
            (257, 127, true),
            (257, 128, false),
        ] {
            let r = verdict(
                "a.service",
                "Service",
                "RestrictNetworkInterfaces",
                "restrict_network_interfaces",
                version,
                &name(n),
            );
            assert_eq!(r.is_ok(), ok, "{version} {n}: {r:?}");
        }
        let what = |v: &str| verdict("a.mount", "Mount", "What", "mount_node", 257, v);
        assert!(what(&format!("/{}", name(4094))).is_ok());
        assert!(what(&format!("/{}", name(4095))).is_err());
        assert!(what(&format!("LABEL={}a", "a ".repeat(800))).is_ok());
        assert!(what(&format!("LABEL={}a", "a ".repeat(1100))).is_err());
    }

    #[test]
    fn messages_say_what_to_write() {
        let m = |unit, key, parser, value| {
            verdict(unit, "Service", key, parser, 252, value).unwrap_err()
        };
        assert_eq!(
            m("a.service", "CPUWeight", "cg_cpu_weight", "10001"),
            "`10001` is out of range for `CPUWeight=`; use 1 to 10000 or `idle`"
        );
        assert!(m("a.service", "CPUQuota", "cpu_quota", "0%").contains("above 0%"));
        assert!(m("a.service", "MemoryMax", "memory_limit", "0").contains("above 0"));
        assert!(
            m("a.service", "Delegate", "delegate", "cpu memry").contains("did you mean `memory`?")
        );
        assert!(m("a.socket", "Delegate", "delegate", "yes").contains("`.socket`"));
        assert!(
            m("a.service", "DeviceAllow", "device_allow", "/dev/null rx")
                .contains("`r`, `w` and `m`")
        );
    }
}
