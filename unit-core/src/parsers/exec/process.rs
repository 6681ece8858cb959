//! The process's own settings: priorities and scheduling, CPU affinity and NUMA, log level and
//! facility, capabilities and security labels, exit statuses and the TTY size.

use super::*;

/// The words of the catalog's string table `name` for the release of `cx`.
fn table(name: &str, cx: &Cx<'_>) -> Vec<&'static str> {
    basic::table_words(name, cx.version).unwrap_or_default()
}

/// `safe_atoi` within `min..=max` (`parse_nice`, `parse_oom_score_adjust`, ...); empty resets.
fn ranged(cx: &Cx<'_>, value: &str, min: i64, max: i64) -> Result<(), String> {
    if value.is_empty() {
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

/// `config_parse_exec_nice`: -20 to 19.
pub(crate) fn nice(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    ranged(cx, value, -20, 19)
}

/// `config_parse_exec_oom_score_adjust`: -1000 to 1000.
pub(crate) fn oom_score_adjust(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    ranged(cx, value, -1000, 1000)
}

/// `config_parse_exec_cpu_sched_prio`: 0 to 99; an empty value is refused.
pub(crate) fn cpu_sched_prio(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err(format!(
            "an empty value is not a valid `{}=`; use 0 to 99",
            cx.key
        ));
    }
    ranged(cx, value, 0, 99)
}

/// `config_parse_exec_io_priority`: 0 to 7.
pub(crate) fn io_priority(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    ranged(cx, value, 0, 7)
}

/// `config_parse_exec_io_class`: a class name, or a number (up to 7 from 258 on).
pub(crate) fn io_class(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let max = if cx.version >= 258 { 7 } else { 8 };
    named_or_number(cx, value, &table("ioprio_class", cx), max)
}

/// `config_parse_exec_cpu_sched_policy`: a policy name or number; 260 and later warn about
/// policies the kernel does not support.
pub(crate) fn cpu_sched_policy(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if cx.version >= 260
        && c::unsigned(value, 0, u64::from(u32::MAX)).is_ok_and(|n| n == 4 || n > 7)
    {
        return Err(format!(
            "scheduling policy `{value}` is not supported by the kernel; use `other`, `batch`, `idle`, `fifo`, `rr` or `ext`"
        ));
    }
    named_or_number(
        cx,
        value,
        &table("sched_policy", cx),
        u64::from(i32::MAX as u32),
    )
}

/// `config_parse_exec_cpu_affinity`: `numa`, or a CPU set (specifiers expand from 250 on).
pub(crate) fn cpu_affinity(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value == "numa" {
        return Ok(());
    }
    if cx.version >= 250 {
        return crate::parsers::cgroup::cpu_set_printf(cx, value);
    }
    cpu_set(cx, value)
}

/// `config_parse_numa_mask`: `all`, or a set of nodes (specifiers expand from 258 on).
pub(crate) fn numa_mask(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value == "all" {
        return Ok(());
    }
    if cx.version >= 258 {
        return crate::parsers::cgroup::cpu_set_printf(cx, value);
    }
    cpu_set(cx, value)
}

/// `config_parse_log_level`: a level name or a number up to 7, not empty.
pub(crate) fn log_level(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    named_or_number(cx, value, &table("log_level", cx), 7)?;
    nonempty(cx, value)
}

/// `config_parse_log_facility`: a facility name or a number up to 127, not empty.
pub(crate) fn log_facility(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    named_or_number(cx, value, &table("log_facility_unshifted", cx), 127)?;
    nonempty(cx, value)
}

/// `config_parse_exec_selinux_context` and the AppArmor and SMACK siblings: any label once
/// specifiers expand, after an optional `-`; empty resets.
pub(crate) fn security_label(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let rest = value.strip_prefix('-').unwrap_or(value);
    spec::expand(cx, rest, Table::Full).map(drop)
}

/// `config_parse_exit_status`: `safe_atou8`, an exit status from 0 to 255; empty resets.
pub(crate) fn exit_status(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    c::unsigned(value, 0, 255).map(drop).map_err(|_| {
        format!(
            "`{value}` is not a valid `{}=`; use an exit status from 0 to 255",
            cx.key
        )
    })
}

/// `config_parse_tty_size`: a number of rows or columns; empty resets.
pub(crate) fn tty_size(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    c::unsigned(value, 0, u64::from(u32::MAX))
        .map(drop)
        .map_err(|_| {
            format!(
                "`{value}` is not a valid `{}=`; use a whole number of rows or columns",
                cx.key
            )
        })
}
