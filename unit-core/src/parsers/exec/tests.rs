//! Each parser against the verdicts of the real systemd 252, and other releases as their C
//! code reads.

use super::super::Cx;

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
    crate::parsers::registry::get(parser)
        .and_then(|p| p.check(&cx(key, version), value))
        .expect("a modelled parser")
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
            // systemd keeps an unknown escape as it is, with a note, and runs the command.
            ("/bin/true \\q", true),
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
    // A destination is refused for `ConfigurationDirectory=`, the `ro` flag is not.
    cases(
        "exec_directories",
        "ConfigurationDirectory",
        257,
        &[("a::ro", true), ("a:b", false), ("a:", true)],
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

#[test]
fn credentials_as_systemd_252() {
    cases(
        "set_credential",
        "SetCredential",
        252,
        &[
            ("", true),
            ("a:b", true),
            ("a", false),
            ("a:", false),
            ("a/b:c", false),
            ("a:\\x00", true),
            ("a:\\q", false),
            ("%n:x", true),
            ("a\\:b:c", false),
        ],
    );
    cases("set_credential", "SetCredential", 247, &[("a:", true)]);
    cases(
        "set_credential",
        "SetCredentialEncrypted",
        252,
        &[("a:aGVsbG8=", true), ("a:xx", false)],
    );
    cases(
        "load_credential",
        "LoadCredential",
        252,
        &[
            ("", true),
            ("a", true),
            ("a:", true),
            ("a:/etc/x", true),
            ("a:/etc/x/", true),
            ("a:/etc/../x", false),
            ("a:b", true),
            ("a:b/c", false),
            ("a/b:/x", false),
            ("a:%t/x", true),
        ],
    );
    cases(
        "load_credential",
        "LoadCredential",
        247,
        &[("a", false), ("a:b", true)],
    );
    cases(
        "import_credential",
        "ImportCredential",
        257,
        &[
            ("", true),
            ("a", true),
            ("a*", true),
            ("*", true),
            ("a*b", false),
            ("a?", false),
            ("a:b", true),
            ("a:b/c", false),
        ],
    );
}

#[test]
fn newer_mount_rules() {
    // 256 and later refuse PID files below the API file systems.
    cases(
        "pid_file",
        "PIDFile",
        257,
        &[
            ("/proc/x.pid", false),
            ("/run/x.pid", true),
            ("/devx/y", true),
        ],
    );
    cases("pid_file", "PIDFile", 252, &[("/proc/x.pid", true)]);
    // 258 and later split `BindPaths=` into words first, then into `:` fields with escapes.
    cases(
        "bind_paths",
        "BindPaths",
        262,
        &[
            ("", true),
            ("/a:/b:norbind", true),
            ("/a:/b:c:d", false),
            ("/a:/b:foo", false),
            ("/a\\:b", true),
            ("/a /b:/c", true),
            ("/a:rel", false),
            ("-/a", true),
        ],
    );
}

#[test]
fn cpu_sets_and_file_systems_as_systemd_252() {
    cases(
        "exec_cpu_affinity",
        "CPUAffinity",
        252,
        &[
            ("", true),
            ("numa", true),
            ("0-3 8", true),
            ("0,1", true),
            ("3-1", false),
            ("8192", false),
            ("x", false),
            ("%n", false),
            ("0-", false),
        ],
    );
    cases(
        "numa_mask",
        "NUMAMask",
        252,
        &[("", true), ("all", true), ("0-1", true), ("x", false)],
    );
    cases(
        "restrict_filesystems",
        "RestrictFileSystems",
        252,
        &[
            ("", true),
            ("ext4", true),
            ("foo", true),
            ("@foo", false),
            ("~@network", true),
            ("@known", true),
        ],
    );
}

#[test]
fn images_as_systemd_252() {
    let long_hash = "0123456789abcdef0123456789abcdef";
    cases(
        "exec_root_hash",
        "RootHash",
        252,
        &[
            ("", true),
            ("/x", true),
            (long_hash, true),
            ("0123", false),
            ("xyz", false),
            (&long_hash[1..], false),
        ],
    );
    cases(
        "exec_root_hash_sig",
        "RootHashSignature",
        252,
        &[
            ("", true),
            ("/x", true),
            ("base64:aGVsbG8=", true),
            ("base64:!!", false),
            ("foo", false),
        ],
    );
    cases(
        "root_image_options",
        "RootImageOptions",
        252,
        &[
            ("", true),
            ("ro", true),
            ("root:ro", true),
            ("foo:ro", false),
            ("root:ro:x", false),
            ("usr:ro,nodev home:rw", true),
            ("root-other:ro", true),
        ],
    );
    cases(
        "root_image_options",
        "RootImageOptions",
        257,
        &[("root-other:ro", false)],
    );
    cases(
        "mount_images",
        "MountImages",
        252,
        &[
            ("", true),
            ("/a:/b", true),
            ("/a", false),
            ("-/a:/b", true),
            ("/a:/b:ro", true),
            ("/a:/b:root:ro:usr:ro", true),
            ("/a:/b:foo:ro", false),
            ("a:/b", false),
            ("/a:b", false),
        ],
    );
    cases(
        "mount_images",
        "MountImages",
        257,
        &[("/proc/a:/b", false), ("/dev/a:/b", true)],
    );
    cases(
        "extension_images",
        "ExtensionImages",
        252,
        &[
            ("", true),
            ("/a", true),
            ("/a:ro", true),
            ("/a:root:ro", true),
            ("/a:foo:ro", false),
            ("a", false),
        ],
    );
    cases(
        "extension_images",
        "ExtensionImages",
        257,
        &[("/dev/a", false)],
    );
}

#[test]
fn newer_parsers_as_their_c_reads() {
    cases(
        "image_policy",
        "RootImagePolicy",
        257,
        &[
            ("", true),
            ("*", true),
            ("-", true),
            ("~", true),
            ("root=verity+signed:usr=encrypted", true),
            ("=unused:root=open", true),
            ("root=verity:root=signed", false),
            ("=open:=ignore", false),
            ("foo=open", false),
            ("root=bogus", false),
            ("root", false),
            ("root=verity:", false),
            ("root=-", true),
        ],
    );
    // 258 and later skip unknown partitions and flags.
    cases(
        "image_policy",
        "RootImagePolicy",
        262,
        &[("foo=open", true), ("root=bogus", true), ("root", false)],
    );
    cases(
        "log_filter_patterns",
        "LogFilterPatterns",
        257,
        &[("", true), ("~", false), ("~foo", true), ("^bar$", true)],
    );
    cases(
        "exec_quota",
        "StateDirectoryQuota",
        262,
        &[
            ("", true),
            ("off", true),
            ("10%", true),
            ("12.5%", true),
            ("12.55%", true),
            ("12.555%", false),
            ("100%", true),
            ("101%", false),
            ("50\u{2030}", true),
            ("5.5\u{2030}", true),
            ("10000\u{2031}", true),
            ("10001\u{2031}", false),
            ("1G", true),
            ("x", false),
        ],
    );
    cases(
        "exec_memory_thp",
        "MemoryTHP",
        262,
        &[("madvise", true), ("never", false)],
    );
}

#[test]
fn words_added_in_later_releases() {
    // Between catalogued releases the catalog's tables cannot tell: the words are asked of
    // the releases with a catalog.
    cases(
        "private_users",
        "PrivateUsers",
        257,
        &[("identity", true), ("full", false), ("managed", false)],
    );
    cases(
        "private_users",
        "PrivateUsers",
        262,
        &[("full", true), ("managed", true)],
    );
    cases(
        "runtime_preserve_mode",
        "RuntimeDirectoryPreserve",
        252,
        &[("on-success", false)],
    );
    cases(
        "exec_preserve_mode",
        "FileDescriptorStorePreserve",
        257,
        &[("on-success", false)],
    );
    cases(
        "exec_preserve_mode",
        "FileDescriptorStorePreserve",
        262,
        &[("on-success", true)],
    );
    cases(
        "numa_policy",
        "NUMAPolicy",
        257,
        &[("preferred-many", false)],
    );
    cases(
        "numa_policy",
        "NUMAPolicy",
        262,
        &[("weighted-interleave", true)],
    );
    cases(
        "exec_cpu_sched_policy",
        "CPUSchedulingPolicy",
        257,
        &[("ext", false)],
    );
    cases(
        "exec_cpu_sched_policy",
        "CPUSchedulingPolicy",
        262,
        &[("ext", true)],
    );
    cases(
        "syscall_filter",
        "SystemCallFilter",
        254,
        &[("@sandbox", true)],
    );
    cases(
        "syscall_filter",
        "SystemCallFilter",
        253,
        &[("@sandbox", false)],
    );
}

#[test]
fn scheduling_in_262() {
    cases(
        "exec_io_class",
        "IOSchedulingClass",
        262,
        &[("7", true), ("8", false), ("010", false), ("0x3", true)],
    );
    cases(
        "exec_cpu_sched_policy",
        "CPUSchedulingPolicy",
        262,
        &[
            ("3", true),
            ("4", false),
            ("5", true),
            ("7", true),
            ("8", false),
            ("ext", true),
        ],
    );
    cases(
        "numa_mask",
        "NUMAMask",
        262,
        &[("%%", false), ("0-1", true)],
    );
}

#[test]
fn ambient_prefix_is_gone_in_258() {
    cases(
        "exec",
        "ExecStartPre",
        262,
        &[("!!-/bin/true", false), ("!-/bin/true", true)],
    );
    cases("exec", "ExecStartPre", 257, &[("!!-/bin/true", true)]);
}

#[test]
fn system_calls_libseccomp_knows() {
    cases(
        "syscall_filter",
        "SystemCallFilter",
        252,
        &[("cachestat", true), ("mseal", false), ("llseek", false)],
    );
    cases(
        "syscall_filter",
        "SystemCallFilter",
        257,
        &[
            ("mseal", true),
            ("listmount", true),
            ("file_getattr", false),
        ],
    );
}

#[test]
fn namespaces_and_host_names_in_262() {
    cases(
        "namespace_flags",
        "RestrictNamespaces",
        262,
        &[
            ("", true),
            ("yes", true),
            ("net ipc", true),
            ("~user", true),
            ("foo", false),
        ],
    );
    cases(
        "namespace_flags",
        "DelegateNamespaces",
        262,
        &[("net", true), ("user net", false), ("~user", true)],
    );
    cases(
        "protect_hostname",
        "ProtectHostname",
        262,
        &[
            ("", true),
            ("yes", true),
            ("private", true),
            ("private:foo", true),
            ("yes:a.b", true),
            ("no:foo", false),
            ("private:-x", false),
            ("x", false),
        ],
    );
    cases(
        "private_bpf",
        "PrivateBPF",
        262,
        &[("yes", true), ("x", false)],
    );
}

#[test]
fn environment_values_are_utf8() {
    cases(
        "environ",
        "Environment",
        252,
        &[
            ("A=\\xff", false),
            ("A=\\xc3\\xa9", true),
            ("A=\u{e9}", true),
        ],
    );
    cases(
        "set_status",
        "SuccessExitStatus",
        252,
        &[
            ("BPF", true),
            ("KSM", false),
            ("SUCCESS", true),
            ("CONFIG", true),
        ],
    );
    cases(
        "set_status",
        "SuccessExitStatus",
        257,
        &[("KSM", true), ("MEMORY_THP", false)],
    );
    let long = "a".repeat(223);
    cases(
        "log_namespace",
        "LogNamespace",
        252,
        &[(&long[1..], true), (&long, false)],
    );
}

#[test]
fn system_calls_and_families_in_247() {
    cases(
        "syscall_filter",
        "SystemCallFilter",
        247,
        &[
            ("cachestat", false),
            ("read", true),
            ("read:EPERM", true),
            ("@clock:EPERM", true),
            ("osf_stat", false),
        ],
    );
    cases(
        "syscall_filter",
        "SystemCallFilter",
        252,
        &[("osf_stat", false), ("getpagesize", false)],
    );
    cases(
        "syscall_filter",
        "SystemCallFilter",
        257,
        &[("getpagesize", true)],
    );
    cases(
        "address_families",
        "RestrictAddressFamilies",
        247,
        &[("AF_MCTP", false), ("AF_XDP", true)],
    );
}
