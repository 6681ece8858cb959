//! The registry of systemd's value parsers, as systemd's gperf table is: each `config_parse_*`
//! name of the catalog in one row, naming the function that reads its values and giving its
//! traits as data.
//!
//! Everything else asks the registry: [`super::check`] dispatches through it, the catalog's
//! [`crate::catalog::Directive::list`] is its `list`, and an enum parser's empty value is
//! judged by its `empty`.
//!
//! A new parser is one row here, sorted by name, naming one function of its domain's module
//! (`basic`, `exec`, `cgroup`, `kinds` or their submodules) that takes the context and the
//! value; where two parsers differ in one behaviour, each gets its own small function.

use super::{basic, cgroup, exec, kinds, Cx};

/// A function that reads one parser's values: `Ok` if systemd takes `value`, else why not.
pub type Reader = fn(&Cx<'_>, &str) -> Result<(), String>;

/// Which function reads a parser's values.
#[derive(Clone, Copy, Debug)]
pub enum Read {
    /// This function, for every value.
    Fn(Reader),
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
#[derive(Clone, Copy, Debug)]
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
            Read::Fn(read) => Some(read(cx, value)),
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
    Parser { name: "NULL", read: Read::Fn(basic::install), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "address_families", read: Read::Fn(exec::seccomp::address_families), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "allowed_cpus", read: Read::Fn(cgroup::cpu_set), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "allowed_cpuset", read: Read::Fn(cgroup::cpu_set_printf), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "allowed_mems", read: Read::Fn(cgroup::cpu_set), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "bind_network_interface", read: Read::Fn(cgroup::bind_network_interface), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "bind_paths", read: Read::Fn(exec::sandbox::bind_paths), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "blockio_bandwidth", read: Read::Fn(cgroup::blockio_bandwidth), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "blockio_device_weight", read: Read::Fn(cgroup::blockio_device_weight), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "blockio_weight", read: Read::Fn(cgroup::blockio_weight), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "bool", read: Read::Fn(basic::bool_value), list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "bpf_delegate_attachments", read: Read::Free("262's BPF token delegation lists; their names come from the kernel's BPF headers"), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "bpf_delegate_commands", read: Read::Free("262's BPF token delegation lists; their names come from the kernel's BPF headers"), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "bpf_delegate_maps", read: Read::Free("262's BPF token delegation lists; their names come from the kernel's BPF headers"), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "bpf_delegate_programs", read: Read::Free("262's BPF token delegation lists; their names come from the kernel's BPF headers"), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "bpf_foreign_program", read: Read::Fn(cgroup::bpf_foreign_program), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "bus_name", read: Read::Fn(exec::sandbox::bus_name), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    // Unknown names and numbers out of range are skipped with a debug message only, and quotes
    // are relaxed: every value is taken, as `config_parse_string` takes it.
    Parser { name: "capability_set", read: Read::Fn(basic::string), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "cg_cpu_weight", read: Read::Fn(cgroup::cpu_weight), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "cg_weight", read: Read::Fn(cgroup::cg_weight), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "cgroup_nft_set", read: Read::Fn(cgroup::nft_set), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "cgroup_socket_bind", read: Read::Fn(cgroup::socket_bind_rule), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "collect_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "colon_separated_paths", read: Read::Fn(exec::sandbox::colon_paths), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "concurrency_max", read: Read::Free("262's slice concurrency limits, not yet read from its source"), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "cpu_quota", read: Read::Fn(cgroup::cpu_quota), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "cpu_shares", read: Read::Fn(cgroup::cpu_shares), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "cpuset_partition", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "delegate", read: Read::Fn(cgroup::delegate), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "delegate_subgroup", read: Read::Fn(cgroup::delegate_subgroup), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "device_allow", read: Read::Fn(cgroup::device_allow), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "device_policy", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "disable_controllers", read: Read::Fn(cgroup::disable_controllers), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "documentation", read: Read::Fn(basic::documentation), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "emergency_action", read: Read::Fn(basic::emergency_action), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "environ", read: Read::Fn(exec::environ), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec", read: Read::Fn(exec::exec), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_apparmor_profile", read: Read::Fn(exec::process::security_label), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_coredump_filter", read: Read::Fn(exec::sandbox::coredump_filter), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_cpu_affinity", read: Read::Fn(exec::process::cpu_affinity), list: true, specifiers: Spec::Since(250), empty: Empty::Resets },
    Parser { name: "exec_cpu_sched_policy", read: Read::Fn(exec::process::cpu_sched_policy), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_cpu_sched_prio", read: Read::Fn(exec::process::cpu_sched_prio), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "exec_directories", read: Read::Fn(exec::io::directories), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_input", read: Read::Fn(exec::io::input), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "exec_input_data", read: Read::Fn(exec::io::input_data_value), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_input_text", read: Read::Fn(exec::io::input_text), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_io_class", read: Read::Fn(exec::process::io_class), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_io_priority", read: Read::Fn(exec::process::io_priority), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_keyring_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "exec_memory_thp", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    // A boolean, empty resets: `config_parse_tristate`'s reading.
    Parser { name: "exec_mount_apivfs", read: Read::Fn(basic::tristate), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_mount_flags", read: Read::Fn(exec::sandbox::mount_propagation), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_mount_propagation_flag", read: Read::Fn(exec::sandbox::mount_propagation), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_nice", read: Read::Fn(exec::process::nice), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_oom_score_adjust", read: Read::Fn(exec::process::oom_score_adjust), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_output", read: Read::Fn(exec::io::output), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "exec_preserve_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "exec_quota", read: Read::Fn(exec::sandbox::quota), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_root_hash", read: Read::Fn(exec::images::root_hash), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_root_hash_sig", read: Read::Fn(exec::images::root_hash_sig), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    // Unknown words are skipped without a message: every value is taken.
    Parser { name: "exec_secure_bits", read: Read::Fn(basic::string), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_selinux_context", read: Read::Fn(exec::process::security_label), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_smack_process_label", read: Read::Fn(exec::process::security_label), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "exec_utmp_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "exit_status", read: Read::Fn(exec::process::exit_status), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "extension_images", read: Read::Fn(exec::images::extension_images), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "fdname", read: Read::Fn(kinds::fdname), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "iec_size", read: Read::Fn(basic::size_value), list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "iec_size_long", read: Read::Fn(kinds::iec_size_long), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "image_policy", read: Read::Fn(exec::images::image_policy), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "import_credential", read: Read::Fn(exec::sandbox::import_credential), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "in_addr_prefixes", read: Read::Fn(cgroup::address_prefixes), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "int", read: Read::Fn(basic::int), list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "io_device_latency", read: Read::Fn(cgroup::io_device_latency), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "io_device_weight", read: Read::Fn(cgroup::io_device_weight), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "io_limit", read: Read::Fn(cgroup::io_limit), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "ip_address_access", read: Read::Fn(cgroup::address_prefixes), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "ip_filter_bpf_progs", read: Read::Fn(cgroup::bpf_path), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "ip_tos", read: Read::Fn(cgroup::ip_tos), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "job_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "job_mode_isolate", read: Read::Fn(basic::bool_value), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "job_running_timeout_sec", read: Read::Fn(basic::sec), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "job_timeout_sec", read: Read::Fn(basic::sec), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "kill_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "load_credential", read: Read::Fn(exec::sandbox::load_credential), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "log_extra_fields", read: Read::Fn(exec::sandbox::log_extra_fields), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "log_facility", read: Read::Fn(exec::process::log_facility), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "log_filter_patterns", read: Read::Fn(exec::sandbox::log_filter_patterns), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "log_level", read: Read::Fn(exec::process::log_level), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "log_namespace", read: Read::Fn(exec::sandbox::log_namespace), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "long", read: Read::Fn(basic::long), list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "luo_sessions", read: Read::Fn(kinds::luo_sessions), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "managed_oom_mem_pressure_duration_sec", read: Read::Fn(cgroup::managed_oom_pressure_duration), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "managed_oom_mem_pressure_limit", read: Read::Fn(cgroup::managed_oom_pressure_limit), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "managed_oom_mode", read: Read::Fn(cgroup::managed_oom_mode), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "managed_oom_preference", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "managed_oom_rules", read: Read::Fn(cgroup::managed_oom_rules), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "memory_limit", read: Read::Fn(cgroup::memory_limit), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "memory_pressure_watch", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "mode", read: Read::Fn(basic::mode_value), list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "mount_images", read: Read::Fn(exec::images::mount_images), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "mount_node", read: Read::Fn(cgroup::mount_node), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "namespace_flags", read: Read::Fn(exec::seccomp::restrict_namespaces), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "namespace_path_strv", read: Read::Fn(exec::namespace_paths), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "notify_access", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "nsec", read: Read::Fn(basic::nsec), list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "numa_mask", read: Read::Fn(exec::process::numa_mask), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "numa_policy", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "obsolete_unit_deps", read: Read::Fn(basic::unit_list), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "oom_policy", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "open_file", read: Read::Fn(kinds::open_file), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "pass_environ", read: Read::Fn(exec::pass_environ), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "path_spec", read: Read::Fn(kinds::path_spec), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "personality", read: Read::Fn(exec::seccomp::personality), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "pid_file", read: Read::Fn(exec::sandbox::pid_file), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "pressure_watch", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "private_bpf", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "private_pids", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "private_tmp", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "private_users", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "proc_subset", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "protect_control_groups", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "protect_home", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "protect_hostname", read: Read::Fn(exec::seccomp::protect_hostname), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "protect_proc", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "protect_system", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "reboot_parameter", read: Read::Fn(basic::reboot_parameter), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "restrict_filesystems", read: Read::Fn(exec::seccomp::restrict_filesystems), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "restrict_namespaces", read: Read::Fn(exec::seccomp::restrict_namespaces), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "restrict_network_interfaces", read: Read::Fn(cgroup::restrict_network_interfaces), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "rlimit", read: Read::Fn(exec::io::rlimit), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "root_image_options", read: Read::Fn(exec::images::root_image_options), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "runtime_preserve_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "sec", read: Read::Fn(basic::sec), list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "sec_def_infinity", read: Read::Fn(basic::sec_def_infinity), list: false, specifiers: Spec::Never, empty: Empty::Resets },
    Parser { name: "sec_fix_0", read: Read::Fn(basic::sec), list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "service_exit_type", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "service_refresh_on_reload", read: Read::Fn(kinds::refresh_on_reload), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "service_restart", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "service_restart_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "service_sockets", read: Read::Fn(kinds::socket::service_sockets), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "service_timeout", read: Read::Fn(kinds::timeout), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "service_timeout_abort", read: Read::Fn(kinds::timeout_abort), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "service_timeout_failure_mode", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "service_type", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "set_credential", read: Read::Fn(exec::sandbox::set_credential), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "set_status", read: Read::Fn(exec::sandbox::set_status), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "signal", read: Read::Fn(basic::signal_value), list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "socket_bind", read: Read::Enum, list: true, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "socket_bindtodevice", read: Read::Fn(kinds::bind_to_device), list: false, specifiers: Spec::Since(258), empty: Empty::Resets },
    Parser { name: "socket_defer_trigger", read: Read::Enum, list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "socket_listen", read: Read::Fn(kinds::socket::listen), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "socket_protocol", read: Read::Fn(kinds::socket_protocol), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "socket_service", read: Read::Fn(kinds::socket::service), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "socket_timestamping", read: Read::Fn(kinds::timestamping), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "string", read: Read::Fn(basic::string), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "swap_priority", read: Read::Fn(cgroup::swap_priority), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "syscall_archs", read: Read::Fn(exec::seccomp::syscall_archs), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "syscall_errno", read: Read::Fn(exec::seccomp::syscall_errno), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "syscall_filter", read: Read::Fn(exec::seccomp::syscall_filter), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "syscall_log", read: Read::Fn(exec::seccomp::syscall_log), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "tasks_max", read: Read::Fn(cgroup::tasks_max), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "temporary_filesystems", read: Read::Fn(exec::sandbox::temporary_filesystems), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "timer", read: Read::Fn(kinds::timer), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "trigger_unit", read: Read::Fn(basic::trigger), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "tristate", read: Read::Fn(basic::tristate), list: false, specifiers: Spec::Never, empty: Empty::Resets },
    Parser { name: "tty_size", read: Read::Fn(exec::process::tty_size), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_condition_path", read: Read::Fn(basic::condition_path), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_condition_string", read: Read::Fn(basic::condition_string), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_cpu_set", read: Read::Fn(cgroup::cpu_set_printf), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_deps", read: Read::Fn(basic::unit_list), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_env_file", read: Read::Fn(exec::env_file), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_mounts_for", read: Read::Fn(basic::path_list), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_path_printf", read: Read::Fn(basic::path_printf), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_path_strv_printf", read: Read::Fn(basic::path_list), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_requires_mounts_for", read: Read::Fn(basic::path_list), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unit_slice", read: Read::Fn(basic::slice), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "unit_string_printf", read: Read::Fn(basic::string_printf), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unset_environ", read: Read::Fn(exec::unset_environ), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "unsigned", read: Read::Fn(basic::unsigned), list: false, specifiers: Spec::Never, empty: Empty::Refused },
    Parser { name: "user_group_compat", read: Read::Fn(exec::user_group), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "user_group_strv_compat", read: Read::Fn(exec::user_groups), list: true, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "warn_compat", read: Read::Fn(basic::warn_compat), list: false, specifiers: Spec::Always, empty: Empty::Refused },
    Parser { name: "working_directory", read: Read::Fn(exec::working_directory), list: false, specifiers: Spec::Always, empty: Empty::Resets },
    Parser { name: "xattr", read: Read::Fn(kinds::xattr), list: true, specifiers: Spec::Always, empty: Empty::Resets },
];
