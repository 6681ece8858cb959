//! What the kernel is asked to restrict: system call filters and their tables, address
//! families, namespaces, personalities, CPU and NUMA sets, file systems and host names.

use super::*;

/// The system call names libseccomp resolves: the kernel's list of every architecture, as
/// systemd ships it in `src/basic/syscall-list.txt`, less the names that the libseccomp 252
/// runs with on Debian 12 does not resolve (found by asking that systemd).
pub(super) const SYSCALLS: &str = "
    _llseek _newselect accept accept4 access acct add_key adjtimex alarm arch_prctl
    arm_fadvise64_64 bind bpf breakpoint brk cachectl cacheflush cachestat capget capset chdir
    chmod chown chown32 chroot clock_adjtime clock_adjtime64 clock_getres clock_getres_time64
    clock_gettime clock_gettime64 clock_nanosleep clock_nanosleep_time64 clock_settime
    clock_settime64 clone clone3 close close_range connect copy_file_range creat delete_module
    dup dup2 dup3 epoll_create epoll_create1 epoll_ctl epoll_ctl_old epoll_pwait epoll_pwait2
    epoll_wait epoll_wait_old eventfd eventfd2 execve execveat exit exit_group faccessat
    faccessat2 fadvise64 fadvise64_64 fallocate fanotify_init fanotify_mark fchdir fchmod
    fchmodat fchmodat2 fchown fchown32 fchownat fcntl fcntl64 fdatasync fgetxattr finit_module
    flistxattr flock fork fremovexattr fsconfig fsetxattr fsmount fsopen fspick fstat fstat64
    fstatat64 fstatfs fstatfs64 fsync ftruncate ftruncate64 futex futex_requeue futex_time64
    futex_wait futex_waitv futex_wake futimesat get_mempolicy get_robust_list get_thread_area
    get_tls getcpu getcwd getdents getdents64 getegid getegid32 geteuid geteuid32 getgid
    getgid32 getgroups getgroups32 getitimer getpeername getpgid getpgrp getpid getppid
    getpriority getrandom getresgid getresgid32 getresuid getresuid32 getrlimit getrusage getsid
    getsockname getsockopt gettid gettimeofday getuid getuid32 getxattr init_module
    inotify_add_watch inotify_init inotify_init1 inotify_rm_watch io_cancel io_destroy
    io_getevents io_pgetevents io_pgetevents_time64 io_setup io_submit io_uring_enter
    io_uring_register io_uring_setup ioctl ioperm iopl ioprio_get ioprio_set ipc kcmp
    kexec_file_load kexec_load keyctl kill landlock_add_rule landlock_create_ruleset
    landlock_restrict_self lchown lchown32 lgetxattr link linkat listen listxattr llistxattr
    lookup_dcookie lremovexattr lseek lsetxattr lstat lstat64 madvise map_shadow_stack mbind
    membarrier memfd_create memfd_secret migrate_pages mincore mkdir mkdirat mknod mknodat mlock
    mlock2 mlockall mmap mmap2 modify_ldt mount mount_setattr move_mount move_pages mprotect
    mq_getsetattr mq_notify mq_open mq_timedreceive mq_timedreceive_time64 mq_timedsend
    mq_timedsend_time64 mq_unlink mremap msgctl msgget msgrcv msgsnd msync multiplexer munlock
    munlockall munmap name_to_handle_at nanosleep newfstatat nice oldfstat oldlstat oldolduname
    oldstat olduname open open_by_handle_at open_tree openat openat2 pause pciconfig_iobase
    pciconfig_read pciconfig_write perf_event_open personality pidfd_getfd pidfd_open
    pidfd_send_signal pipe pipe2 pivot_root pkey_alloc pkey_free pkey_mprotect poll ppoll
    ppoll_time64 prctl pread64 preadv preadv2 prlimit64 process_madvise process_mrelease
    process_vm_readv process_vm_writev pselect6 pselect6_time64 ptrace pwrite64 pwritev pwritev2
    quotactl quotactl_fd read readahead readdir readlink readlinkat readv reboot recv recvfrom
    recvmmsg recvmmsg_time64 recvmsg remap_file_pages removexattr rename renameat renameat2
    request_key restart_syscall riscv_flush_icache rmdir rseq rt_sigaction rt_sigpending
    rt_sigprocmask rt_sigqueueinfo rt_sigreturn rt_sigsuspend rt_sigtimedwait
    rt_sigtimedwait_time64 rt_tgsigqueueinfo rtas s390_guarded_storage s390_pci_mmio_read
    s390_pci_mmio_write s390_runtime_instr s390_sthyi sched_get_priority_max
    sched_get_priority_min sched_getaffinity sched_getattr sched_getparam sched_getscheduler
    sched_rr_get_interval sched_rr_get_interval_time64 sched_setaffinity sched_setattr
    sched_setparam sched_setscheduler sched_yield seccomp select semctl semget semop semtimedop
    semtimedop_time64 send sendfile sendfile64 sendmmsg sendmsg sendto set_mempolicy
    set_mempolicy_home_node set_robust_list set_thread_area set_tid_address set_tls
    setdomainname setfsgid setfsgid32 setfsuid setfsuid32 setgid setgid32 setgroups setgroups32
    sethostname setitimer setns setpgid setpriority setregid setregid32 setresgid setresgid32
    setresuid setresuid32 setreuid setreuid32 setrlimit setsid setsockopt settimeofday setuid
    setuid32 setxattr sgetmask shmat shmctl shmdt shmget shutdown sigaction sigaltstack signal
    signalfd signalfd4 sigpending sigprocmask sigreturn sigsuspend socket socketcall socketpair
    splice spu_create spu_run ssetmask stat stat64 statfs statfs64 statx stime subpage_prot
    swapcontext swapoff swapon switch_endian symlink symlinkat sync sync_file_range
    sync_file_range2 syncfs sys_debug_setcontext syscall sysfs sysinfo syslog sysmips tee tgkill
    time timer_create timer_delete timer_getoverrun timer_gettime timer_gettime64 timer_settime
    timer_settime64 timerfd timerfd_create timerfd_gettime timerfd_gettime64 timerfd_settime
    timerfd_settime64 times tkill truncate truncate64 ugetrlimit umask umount umount2 uname
    unlink unlinkat unshare userfaultfd usr26 usr32 ustat utime utimensat utimensat_time64
    utimes vfork vhangup vm86 vm86old vmsplice wait4 waitid waitpid write writev
";

/// System calls that the libseccomp of Debian 13 (which 257 runs with) adds.
const NEWER_SYSCALLS: &[&str] = &[
    "atomic_barrier",
    "atomic_cmpxchg_32",
    "getpagesize",
    "getxattrat",
    "listmount",
    "listxattrat",
    "lsm_get_self_attr",
    "lsm_list_modules",
    "lsm_set_self_attr",
    "mseal",
    "removexattrat",
    "riscv_hwprobe",
    "setxattrat",
    "statmount",
    "uretprobe",
];

/// System calls that the libseccomp of Debian 11 (which 247 runs with) does not know yet.
const OLDER_MISSING: &[&str] = &[
    "cachestat",
    "fchmodat2",
    "futex_requeue",
    "futex_wait",
    "futex_waitv",
    "futex_wake",
    "map_shadow_stack",
    "set_mempolicy_home_node",
];

/// Error names of `errno_from_name` (every `E*` macro of `errno.h`; looked up ignoring case).
pub(super) const ERRNOS: &str = "
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
pub(super) const SYSCALL_GROUPS: &[(&str, u16)] = &[
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
    ("@sandbox", 254),
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
pub(super) fn syscall_name(cx: &Cx<'_>, name: &str) -> Result<(), String> {
    if name.starts_with('@') {
        return match SYSCALL_GROUPS.iter().find(|(g, _)| *g == name) {
            Some((_, since)) if *since <= cx.version => Ok(()),
            Some((_, since)) => Err(format!(
                "system call group `{name}` needs systemd {since}; name its system calls instead"
            )),
            None => {
                let mut groups = Vec::new();
                for (group, _) in SYSCALL_GROUPS {
                    groups.push(*group);
                }
                let hint = crate::suggest::closest_in(name, &groups)
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| "see `systemd-analyze syscall-filter`".into());
                Err(format!("`{name}` is not a system call group; {hint}"))
            }
        };
    }
    let known = SYSCALLS.split_ascii_whitespace().any(|s| s == name)
        && (cx.version >= 250 || !OLDER_MISSING.contains(&name))
        || cx.version >= 257 && NEWER_SYSCALLS.contains(&name);
    if known {
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
pub(super) fn errno_ok(v: &str) -> bool {
    ERRNOS
        .split_ascii_whitespace()
        .any(|e| e.eq_ignore_ascii_case(v))
        || c::signed(v, 0, i64::from(i32::MIN), i64::from(i32::MAX))
            .is_ok_and(|e| (0..=4095).contains(&e))
}

pub(crate) fn syscall_filter(cx: &Cx<'_>, value: &str) -> Result<(), String> {
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
        if !invert && errno.is_some() && cx.version >= 250 {
            return Err(format!(
                "`{word}` gives an error number in an allow list; error numbers go with `~`, as in `~{word}`"
            ));
        }
        syscall_name(cx, name)?;
    }
    Ok(())
}

pub(crate) fn syscall_log(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let rest = value.strip_prefix('~').unwrap_or(value);
    for word in split(rest, 0)? {
        syscall_name(cx, &word)?;
    }
    Ok(())
}

pub(crate) fn syscall_archs(cx: &Cx<'_>, value: &str) -> Result<(), String> {
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

pub(crate) fn syscall_errno(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() || value == "kill" || (errno_ok(value) && value != "0") {
        return Ok(());
    }
    Err(format!(
        "`{value}` is not a valid `{}=`; use an error name such as `EPERM`, a number from 1 to 4095, or `kill`",
        cx.key
    ))
}

/// `af_from_name`: the `AF_*` names of `sys/socket.h`, looked up ignoring case.
pub(super) const ADDRESS_FAMILIES: &[&str] = &[
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

pub(crate) fn address_families(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value == "none" && cx.version >= 249 {
        return Ok(());
    }
    let rest = value.strip_prefix('~').unwrap_or(value);
    for w in split(rest, flags::UNQUOTE)? {
        let known = ADDRESS_FAMILIES.iter().any(|a| a.eq_ignore_ascii_case(&w))
            && (cx.version >= 250 || !w.eq_ignore_ascii_case("AF_MCTP"));
        if !known {
            let hint = crate::suggest::closest_in(&w, ADDRESS_FAMILIES)
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

pub(super) const NAMESPACES: &[&str] =
    &["cgroup", "ipc", "net", "mnt", "pid", "user", "uts", "time"];

pub(crate) fn restrict_namespaces(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() || c::parse_boolean(value).is_some() {
        return Ok(());
    }
    let rest = value.strip_prefix('~');
    let words = split(rest.unwrap_or(value), 0)?;
    for w in &words {
        basic::one_of(cx, w, NAMESPACES).map_err(|e| format!("{e}, or a boolean"))?;
    }
    if cx.key == "DelegateNamespaces" && rest.is_none() && words.iter().any(|w| w == "user") {
        return Err(
            "the user namespace cannot be delegated; leave `user` out of `DelegateNamespaces=`"
                .into(),
        );
    }
    Ok(())
}

/// `personality_from_string` on an x86-64 host: the native and the secondary architecture.
pub(crate) fn personality(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    basic::one_of(cx, value, &["x86-64", "x86"])
}

/// `parse_cpu_set_full`: numbers and ranges `a-b` below 8192, separated by white space or `,`.
pub(super) fn cpu_set(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let key = cx.key;
    let words = c::words(value, b" \t\n\r,", flags::UNQUOTE).map_err(|_| syntax(value))?;
    for w in words {
        let (lo, hi) = w.split_once('-').unwrap_or((&w, &w));
        let num = |s: &str| c::unsigned(s, 0, u64::from(u32::MAX)).ok();
        let (Some(lo), Some(hi)) = (num(lo), num(hi)) else {
            return Err(format!(
                "`{w}` is not a CPU or NUMA node number or range in `{key}=`; write `0-3 8`"
            ));
        };
        if lo > hi {
            return Err(format!(
                "range `{w}` in `{key}=` is reversed; write the lower bound first"
            ));
        }
        if hi >= 8192 {
            return Err(format!(
                "`{w}` in `{key}=` is out of range; use numbers below 8192"
            ));
        }
    }
    Ok(())
}

const FILESYSTEM_GROUPS: &[&str] = &[
    "@basic-api",
    "@anonymous",
    "@application",
    "@auxiliary-api",
    "@common-block",
    "@historical-block",
    "@network",
    "@privileged-api",
    "@security",
    "@temporary",
    "@known",
];

/// `lsm_bpf_parse_filesystem`: any file system name is taken; a group must exist.
pub(crate) fn restrict_filesystems(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    let rest = value.strip_prefix('~').unwrap_or(value);
    for w in split(rest, flags::UNQUOTE)? {
        if w.starts_with('@') && !FILESYSTEM_GROUPS.contains(&w.as_str()) {
            basic::one_of(cx, &w, FILESYSTEM_GROUPS)?;
        }
    }
    Ok(())
}

/// `hostname_is_valid` without flags: dot-separated labels of letters, digits and inner `-`,
/// at most 64 characters.
fn hostname_ok(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 64
        && h.split('.').all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// `ProtectHostname=` (258 and later): a boolean or `private`, optionally `:HOSTNAME`.
pub(crate) fn protect_hostname(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    let (mode, host) = match value.split_once(':') {
        Some((m, h)) => (m, Some(spec::expand(cx, h, Table::Full)?)),
        None => (value, None),
    };
    if let Some(h) = &host {
        if !hostname_ok(h) {
            return Err(format!(
                "`{h}` is not a valid host name; use letters, digits, `-` and `.`, at most 64 characters"
            ));
        }
    }
    let no = c::parse_boolean(mode) == Some(false);
    if (c::parse_boolean(mode).is_none() && mode != "private") || (no && host.is_some()) {
        return Err(format!(
            "`{value}` is not a valid `{}=`; use a boolean, `private`, or `yes:HOSTNAME`/`private:HOSTNAME`",
            cx.key
        ));
    }
    Ok(())
}
