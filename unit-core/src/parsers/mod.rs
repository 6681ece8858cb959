//! systemd's value parsers, one Rust function for each `config_parse_*` of systemd's table.
//!
//! systemd reads every directive's value with a named parser (`config_parse_sec`,
//! `config_parse_exec`, ...) and the catalog records which one (see [`crate::catalog`]). This
//! module answers what that parser would do with a value: accept it, or log that it is invalid
//! and ignore it (or refuse the unit). Each parser follows the release's C code; the rules are
//! written once here and used at compile time and at render time alike.
//!
//! Groups: [`basic`] (numbers, time spans, strings, paths, dependencies, conditions),
//! `exec` (the execution environment), `cgroup` (resource control), `kinds` (the settings of
//! each unit type: services, sockets, timers, paths, mounts, swaps).

pub mod basic;
pub mod c;
pub mod cgroup;
pub mod exec;
pub mod kinds;
pub mod spec;

use crate::catalog::Directive;

/// What a parser may need to know besides the value: where it stands and for which release.
#[derive(Clone, Copy, Debug)]
pub struct Cx<'a> {
    /// The unit's file name, e.g. `foo@.service`.
    pub unit: &'a str,
    /// The section, without brackets.
    pub section: &'a str,
    /// The directive.
    pub key: &'a str,
    /// The parser's `ltype` argument in systemd's table (e.g. `UNIT_AFTER`, `SOCKET_SOCKET`).
    pub ltype: &'a str,
    /// The systemd release whose parser is asked.
    pub version: u16,
}

#[cfg(test)]
impl<'a> Cx<'a> {
    /// A context for tests: directive `X` of `[Service]` in `unit`, systemd 252.
    pub(crate) fn test(unit: &'a str) -> Self {
        Cx {
            unit,
            section: "Service",
            key: "X",
            ltype: "0",
            version: 252,
        }
    }
}

impl Cx<'_> {
    /// Whether the unit is a template (`foo@.service`), whose instance specifiers expand.
    pub fn template(&self) -> bool {
        crate::is_template_name(self.unit)
    }
}

/// What systemd does with `value` for `directive`: `Ok` if it takes it, or a message saying
/// why it would not. `value` is the text after `=` with systemd's surrounding white space
/// removed; an empty value is systemd's empty assignment, which each parser treats its own way.
pub fn check(directive: &Directive, cx: &Cx<'_>, value: &str) -> Result<(), String> {
    dispatch(directive.parser, cx, value).unwrap_or(Ok(()))
}

/// The verdict of `directive`'s parser on `value`, or `None` if this crate does not model it.
pub(crate) fn judge(directive: &Directive, cx: &Cx<'_>, value: &str) -> Option<Result<(), String>> {
    dispatch(directive.parser, cx, value)
}

/// The verdict of the parser called `parser`, or `None` if this crate does not model it.
fn dispatch(parser: &str, cx: &Cx<'_>, value: &str) -> Option<Result<(), String>> {
    basic::check(parser, cx, value)
        .or_else(|| exec::check(parser, cx, value))
        .or_else(|| cgroup::check(parser, cx, value))
        .or_else(|| kinds::check(parser, cx, value))
        .or_else(|| basic::enums(parser, cx, value))
}

/// Whether `parser` is one this crate does not model in `section` for any catalogued release
/// (its values are taken as free text).
pub fn is_free_text(parser: &str, section: &str, key: &str, ltype: &str) -> bool {
    crate::catalog::VERSIONS.iter().all(|&version| {
        let cx = Cx {
            unit: "a.service",
            section,
            key,
            ltype,
            version,
        };
        dispatch(parser, &cx, "").is_none() && dispatch(parser, &cx, "x").is_none()
    })
}

/// Whether repeated assignments of a directive read by `parser` accumulate (and an empty one
/// resets the list), rather than the last one winning.
pub fn accumulates(parser: &str, name: &str) -> bool {
    match parser {
        "exec" => true,
        "unit_deps"
        | "obsolete_unit_deps"
        | "documentation"
        | "unit_condition_path"
        | "unit_condition_string"
        | "environ"
        | "unit_env_file"
        | "pass_environ"
        | "unset_environ"
        | "user_group_strv_compat"
        | "namespace_path_strv"
        | "unit_path_strv_printf"
        | "capability_set"
        | "syscall_filter"
        | "syscall_archs"
        | "address_families"
        | "restrict_namespaces"
        | "restrict_filesystems"
        | "exec_directories"
        | "set_credential"
        | "load_credential"
        | "import_credential"
        | "bind_paths"
        | "temporary_filesystems"
        | "socket_listen"
        | "device_allow"
        | "io_device_weight"
        | "io_device_latency"
        | "io_limit"
        | "blockio_device_weight"
        | "blockio_bandwidth"
        | "in_addr_prefixes"
        | "ip_address_access"
        | "ip_filter_bpf_progs"
        | "cgroup_socket_bind"
        | "socket_bind"
        | "log_extra_fields"
        | "log_filter_patterns"
        | "set_status"
        | "timer"
        | "path_spec"
        | "service_sockets"
        | "exec_cpu_affinity"
        | "mount_images"
        | "extension_images"
        | "root_image_options"
        | "bpf_foreign_program"
        | "restrict_network_interfaces"
        | "disable_controllers"
        | "unit_requires_mounts_for"
        | "unit_mounts_for"
        | "open_file"
        | "cgroup_nft_set"
        | "delegate"
        | "exit_status"
        | "allowed_cpuset"
        | "unit_cpu_set"
        | "allowed_cpus"
        | "allowed_mems"
        | "managed_oom_rules"
        | "xattr"
        | "luo_sessions"
        // `StandardInputText=` and `StandardInputData=` append a line (data) per assignment.
        | "exec_input_text"
        | "exec_input_data" => true,
        _ => name == "SupplementaryGroups",
    }
}

/// Whether systemd expands `%` specifiers in the value of a directive read by `parser`.
pub fn expands_specifiers(parser: &str, _name: &str) -> bool {
    !matches!(
        parser,
        "bool"
            | "tristate"
            | "sec"
            | "nsec"
            | "sec_fix_0"
            | "sec_def_infinity"
            | "unsigned"
            | "int"
            | "long"
            | "mode"
            | "iec_size"
            | "signal"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_parsers_are_few() {
        let parsers: std::collections::BTreeSet<&str> =
            crate::catalog::ROWS.iter().map(|r| r.parser).collect();
        let free: Vec<&str> = parsers
            .into_iter()
            .filter(|p| is_free_text(p, "Service", "X", "0"))
            .collect();
        assert!(!free.contains(&"bool"), "{free:?}");
    }
}

/// The parsers this crate takes as free text, each with the reason: systemd releases newer
/// than the checks model. Their directives exist only in systemd 262.
pub const FREE_TEXT: &[(&str, &str)] = &[
    (
        "bpf_delegate_attachments",
        "262's BPF token delegation lists; their names come from the kernel's BPF headers",
    ),
    (
        "bpf_delegate_commands",
        "262's BPF token delegation lists; their names come from the kernel's BPF headers",
    ),
    (
        "bpf_delegate_maps",
        "262's BPF token delegation lists; their names come from the kernel's BPF headers",
    ),
    (
        "bpf_delegate_programs",
        "262's BPF token delegation lists; their names come from the kernel's BPF headers",
    ),
    (
        "concurrency_max",
        "262's slice concurrency limits, not yet read from its source",
    ),
];

#[cfg(test)]
mod coverage {
    use std::collections::BTreeMap;

    #[test]
    fn free_text_is_listed_and_rare() {
        let mut free: BTreeMap<&str, usize> = BTreeMap::new();
        let mut directives = std::collections::BTreeSet::new();
        for r in crate::catalog::ROWS {
            directives.insert((r.section, r.name));
            if super::is_free_text(r.parser, r.section, r.name, r.ltype) {
                *free.entry(r.parser).or_insert(0) += 1;
            }
        }
        let listed: Vec<&str> = super::FREE_TEXT.iter().map(|(p, _)| *p).collect();
        assert_eq!(free.keys().copied().collect::<Vec<_>>(), listed);
        let rows: usize = free.values().sum();
        // At most 5% of the catalog's directives are free text.
        assert!(
            rows * 20 <= directives.len(),
            "{rows} of {}",
            directives.len()
        );
    }
}
