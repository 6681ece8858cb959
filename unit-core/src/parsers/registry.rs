//! The registry of systemd's value parsers, as systemd's gperf table is: each `config_parse_*`
//! name of the catalog with the function that reads its values here and its traits as data.
//!
//! Everything else asks the registry: [`super::check`] dispatches through it, the catalog's
//! [`crate::catalog::Directive::list`] is its `list`, and an enum parser's empty value is
//! judged by its `empty`.

use super::{basic, cgroup, exec, kinds, Cx};

/// Which function reads a parser's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Read {
    /// [`basic::check`]: numbers, time spans, strings, paths, dependencies, conditions.
    Basic,
    /// [`exec::check`]: the execution environment.
    Exec,
    /// [`cgroup::check`]: resource control, and the socket and swap numbers read near it.
    Cgroup,
    /// [`kinds::check`]: the settings of each unit type.
    Kinds,
    /// [`basic::enums`]: a word of the catalog's string table for the release.
    Enum,
    /// Not modelled: every value is taken, for the reason given.
    Free(&'static str),
}

/// Whether systemd expands `%` specifiers in a parser's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spec {
    /// In no release.
    Never,
    /// In every release.
    Always,
    /// From this release on.
    Since(u16),
}

/// What a parser does with an empty value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Empty {
    /// It takes it: the setting returns to its default, a list is emptied.
    Resets,
    /// It logs it as invalid and ignores it.
    Refused,
}

/// One parser of systemd's unit-file table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parser {
    /// The name without its `config_parse_` prefix, as the catalog writes it.
    pub name: &'static str,
    /// The function that reads its values.
    pub read: Read,
    /// Whether repeated assignments accumulate into a list, rather than the last one winning.
    pub list: bool,
    /// Whether `%` specifiers are expanded.
    pub specifiers: Spec,
    /// What an empty value does.
    pub empty: Empty,
}

impl Parser {
    /// Whether systemd `version` expands specifiers in this parser's values.
    pub fn expands_specifiers(&self, version: u16) -> bool {
        match self.specifiers {
            Spec::Never => false,
            Spec::Always => true,
            Spec::Since(v) => version >= v,
        }
    }

    /// The verdict on `value`, or `None` if the value is not modelled.
    pub(super) fn check(&self, cx: &Cx<'_>, value: &str) -> Option<Result<(), String>> {
        match self.read {
            Read::Basic => basic::check(self.name, cx, value),
            Read::Exec => exec::check(self.name, cx, value),
            Read::Cgroup => cgroup::check(self.name, cx, value),
            Read::Kinds => kinds::check(self.name, cx, value),
            Read::Enum => basic::enums(self, cx, value),
            Read::Free(_) => None,
        }
    }
}

/// The parser called `name`, if the registry has it.
pub fn get(name: &str) -> Option<&'static Parser> {
    PARSERS
        .binary_search_by(|p| p.name.cmp(name))
        .ok()
        .and_then(|i| PARSERS.get(i))
}

/// The `[Install]` directives, which the unit-file table leaves to `systemctl` (parser `NULL`):
/// each with its parser in systemd's `install.c` and whether it accumulates, in that table's
/// order.
pub const INSTALL: &[(&str, &str, bool)] = &[
    ("Alias", "alias", true),
    ("WantedBy", "strv", true),
    ("RequiredBy", "strv", true),
    ("UpheldBy", "strv", true),
    ("DefaultInstance", "default_instance", false),
    ("Also", "also", true),
];

/// Every parser of the catalog, sorted by name.
#[rustfmt::skip]
pub static PARSERS: &[Parser] = &[
    Parser { name: "NULL", read: Read::Basic, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "address_families", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "allowed_cpus", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "allowed_cpuset", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "allowed_mems", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "bind_network_interface", read: Read::Cgroup, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "bind_paths", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "blockio_bandwidth", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "blockio_device_weight", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "blockio_weight", read: Read::Cgroup, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "bool", read: Read::Basic, list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "bpf_delegate_attachments", read: Read::Free("262's BPF token delegation lists; their names come from the kernel's BPF headers"), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "bpf_delegate_commands", read: Read::Free("262's BPF token delegation lists; their names come from the kernel's BPF headers"), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "bpf_delegate_maps", read: Read::Free("262's BPF token delegation lists; their names come from the kernel's BPF headers"), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "bpf_delegate_programs", read: Read::Free("262's BPF token delegation lists; their names come from the kernel's BPF headers"), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "bpf_foreign_program", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "bus_name", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "capability_set", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "cg_cpu_weight", read: Read::Cgroup, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "cg_weight", read: Read::Cgroup, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "cgroup_nft_set", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "cgroup_socket_bind", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "collect_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "colon_separated_paths", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "concurrency_max", read: Read::Free("262's slice concurrency limits, not yet read from its source"), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "cpu_quota", read: Read::Cgroup, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "cpu_shares", read: Read::Cgroup, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "cpuset_partition", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "delegate", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "delegate_subgroup", read: Read::Cgroup, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "device_allow", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "device_policy", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "disable_controllers", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "documentation", read: Read::Basic, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "emergency_action", read: Read::Basic, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "environ", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_apparmor_profile", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_coredump_filter", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_cpu_affinity", read: Read::Exec, list: true, specifiers: Spec::Since(250), empty: Empty::Resets },
    Parser { name: "exec_cpu_sched_policy", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_cpu_sched_prio", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "exec_directories", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_input", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "exec_input_data", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_input_text", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_io_class", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_io_priority", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_keyring_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "exec_memory_thp", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "exec_mount_apivfs", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_mount_flags", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_mount_propagation_flag", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_nice", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_oom_score_adjust", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_output", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "exec_preserve_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "exec_quota", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_root_hash", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_root_hash_sig", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_secure_bits", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_selinux_context", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_smack_process_label", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_utmp_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "exit_status", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "extension_images", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "fdname", read: Read::Kinds, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "iec_size", read: Read::Basic, list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "iec_size_long", read: Read::Kinds, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "image_policy", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "import_credential", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "in_addr_prefixes", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "int", read: Read::Basic, list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "io_device_latency", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "io_device_weight", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "io_limit", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "ip_address_access", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "ip_filter_bpf_progs", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "ip_tos", read: Read::Cgroup, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "job_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "job_mode_isolate", read: Read::Basic, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "job_running_timeout_sec", read: Read::Basic, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "job_timeout_sec", read: Read::Basic, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "kill_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "load_credential", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "log_extra_fields", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "log_facility", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "log_filter_patterns", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "log_level", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "log_namespace", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "long", read: Read::Basic, list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "luo_sessions", read: Read::Kinds, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "managed_oom_mem_pressure_duration_sec", read: Read::Cgroup, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "managed_oom_mem_pressure_limit", read: Read::Cgroup, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "managed_oom_mode", read: Read::Cgroup, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "managed_oom_preference", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "managed_oom_rules", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "memory_limit", read: Read::Cgroup, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "memory_pressure_watch", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "mode", read: Read::Basic, list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "mount_images", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "mount_node", read: Read::Cgroup, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "namespace_flags", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "namespace_path_strv", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "notify_access", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "nsec", read: Read::Basic, list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "numa_mask", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "numa_policy", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "obsolete_unit_deps", read: Read::Basic, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "oom_policy", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "open_file", read: Read::Kinds, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "pass_environ", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "path_spec", read: Read::Kinds, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "personality", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "pid_file", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "pressure_watch", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "private_bpf", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "private_pids", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "private_tmp", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "private_users", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "proc_subset", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "protect_control_groups", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "protect_home", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "protect_hostname", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "protect_proc", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "protect_system", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "reboot_parameter", read: Read::Basic, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "restrict_filesystems", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "restrict_namespaces", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "restrict_network_interfaces", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "rlimit", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "root_image_options", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "runtime_preserve_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "sec", read: Read::Basic, list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "sec_def_infinity", read: Read::Basic, list: false, specifiers: Spec::Never, empty: Empty::Resets },
    Parser { name: "sec_fix_0", read: Read::Basic, list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "service_exit_type", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "service_refresh_on_reload", read: Read::Kinds, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "service_restart", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "service_restart_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "service_sockets", read: Read::Kinds, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "service_timeout", read: Read::Kinds, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "service_timeout_abort", read: Read::Kinds, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "service_timeout_failure_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "service_type", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "set_credential", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "set_status", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "signal", read: Read::Basic, list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "socket_bind", read: Read::Enum, list: true, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "socket_bindtodevice", read: Read::Kinds, list: false, specifiers: Spec::Since(258), empty: Empty::Resets },
    Parser { name: "socket_defer_trigger", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "socket_listen", read: Read::Kinds, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "socket_protocol", read: Read::Kinds, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "socket_service", read: Read::Kinds, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "socket_timestamping", read: Read::Kinds, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "string", read: Read::Basic, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "swap_priority", read: Read::Cgroup, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "syscall_archs", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "syscall_errno", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "syscall_filter", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "syscall_log", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "tasks_max", read: Read::Cgroup, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "temporary_filesystems", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "timer", read: Read::Kinds, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "trigger_unit", read: Read::Basic, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "tristate", read: Read::Basic, list: false, specifiers: Spec::Never, empty: Empty::Resets },
    Parser { name: "tty_size", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_condition_path", read: Read::Basic, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_condition_string", read: Read::Basic, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_cpu_set", read: Read::Cgroup, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_deps", read: Read::Basic, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_env_file", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_mounts_for", read: Read::Basic, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_path_printf", read: Read::Basic, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_path_strv_printf", read: Read::Basic, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_requires_mounts_for", read: Read::Basic, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_slice", read: Read::Basic, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "unit_string_printf", read: Read::Basic, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unset_environ", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unsigned", read: Read::Basic, list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "user_group_compat", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "user_group_strv_compat", read: Read::Exec, list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "warn_compat", read: Read::Basic, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "working_directory", read: Read::Exec, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "xattr", read: Read::Kinds, list: true, specifiers: Spec::Always, empty: Empty::Resets },
];
