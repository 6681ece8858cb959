use super::*;

fn cx(unit: &'static str, key: &'static str, ltype: &'static str, version: u16) -> Cx<'static> {
    let section = match unit.rsplit_once('.').map(|(_, s)| s) {
        Some("socket") => "Socket",
        Some("timer") => "Timer",
        Some("path") => "Path",
        Some("swap") => "Swap",
        _ => "Service",
    };
    Cx {
        unit,
        section,
        key,
        ltype,
        version,
    }
}

fn verdict(
    parser: &str,
    unit: &'static str,
    key: &'static str,
    ltype: &'static str,
    version: u16,
    value: &str,
) -> Result<(), String> {
    check(parser, &cx(unit, key, ltype, version), value).expect("a parser of this group")
}

/// (parser, unit suffix, directive, ltype, value, accepted by systemd 252): every case was
/// judged by the real systemd 252 (`systemd-analyze verify`), except that an empty value that
/// resets the only `Listen*=`, timer or path of the test unit is the parser's reset (the unit
/// then lacks a setting, which is the unit's problem) and `KillMode=none` only draws a warning.
#[rustfmt::skip]
const SYSTEMD_252: &[(&str, &str, &str, &str, &str, bool)] = &[
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "80", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "0", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "65535", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "65536", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "0x50", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "080", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "+80", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "-80", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "/run/foo.sock", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "/run/foo/../x.sock", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "relative.sock", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "/", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "@abstract", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "@", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "127.0.0.1:80", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "127.0.0.1", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "127.0.0.1:0", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "01.0.0.1:80", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "[::]:80", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "[::1]:80", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "::1", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "[::1]", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "[::1]:", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "[fe80::1]:80%%lo", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "[fe80::1]:80%%", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "[fe80::1]:80%%a/b", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "127.0.0.1:80#name", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "vsock:2:1234", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "vsock::1234", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "vsock:2", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "vsock:x:1", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "vsock:host:1", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "vsock-stream:2:1", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "%t/foo.sock", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "%n", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "localhost:80", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "/var/run/foo.sock", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "1.2.3.4:80%%1", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "[::ffff:1.2.3.4]:80", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "sd:80", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "%%", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "1.2.3.4:65536", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "[::1]:0x50", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "256.1.1.1:80", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "1.2.3:80", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "[1::2::3]:80", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "%z", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "1.2.3.4:80%%0", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "1.2.3.4:80%%all", false),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "@a b", true),
    ("socket_listen", "socket", "ListenStream", "SOCKET_SOCKET", "/a b", true),
    ("socket_listen", "socket", "ListenDatagram", "SOCKET_SOCKET", "53", true),
    ("socket_listen", "socket", "ListenDatagram", "SOCKET_SOCKET", "[::]:53", true),
    ("socket_listen", "socket", "ListenDatagram", "SOCKET_SOCKET", "/run/x.dgram", true),
    ("socket_listen", "socket", "ListenDatagram", "SOCKET_SOCKET", "vsock:3:53", true),
    ("socket_listen", "socket", "ListenSequentialPacket", "SOCKET_SOCKET", "/run/x.seq", true),
    ("socket_listen", "socket", "ListenSequentialPacket", "SOCKET_SOCKET", "@seq", true),
    ("socket_listen", "socket", "ListenSequentialPacket", "SOCKET_SOCKET", "80", false),
    ("socket_listen", "socket", "ListenSequentialPacket", "SOCKET_SOCKET", "127.0.0.1:80", false),
    ("socket_listen", "socket", "ListenSequentialPacket", "SOCKET_SOCKET", "vsock:2:1", false),
    ("socket_listen", "socket", "ListenNetlink", "SOCKET_SOCKET", "kobject-uevent 1", true),
    ("socket_listen", "socket", "ListenNetlink", "SOCKET_SOCKET", "route", true),
    ("socket_listen", "socket", "ListenNetlink", "SOCKET_SOCKET", "audit 0", true),
    ("socket_listen", "socket", "ListenNetlink", "SOCKET_SOCKET", "route 1 2", false),
    ("socket_listen", "socket", "ListenNetlink", "SOCKET_SOCKET", "routee", false),
    ("socket_listen", "socket", "ListenNetlink", "SOCKET_SOCKET", "16", true),
    ("socket_listen", "socket", "ListenNetlink", "SOCKET_SOCKET", "4294967296", false),
    ("socket_listen", "socket", "ListenNetlink", "SOCKET_SOCKET", "2147483648", false),
    ("socket_listen", "socket", "ListenNetlink", "SOCKET_SOCKET", "kobject-uevent x", false),
    ("socket_listen", "socket", "ListenNetlink", "SOCKET_SOCKET", "generic -1", false),
    ("socket_listen", "socket", "ListenNetlink", "SOCKET_SOCKET", "rdma 0x10", true),
    ("socket_listen", "socket", "ListenNetlink", "SOCKET_SOCKET", "Route", false),
    ("socket_listen", "socket", "ListenFIFO", "SOCKET_FIFO", "/run/fifo", true),
    ("socket_listen", "socket", "ListenFIFO", "SOCKET_FIFO", "relative", false),
    ("socket_listen", "socket", "ListenFIFO", "SOCKET_FIFO", "/run/../fifo", false),
    ("socket_listen", "socket", "ListenFIFO", "SOCKET_FIFO", "%t/fifo", true),
    ("socket_listen", "socket", "ListenFIFO", "SOCKET_FIFO", "/dev/fifo", true),
    ("socket_listen", "socket", "ListenFIFO", "SOCKET_FIFO", "/var/run/fifo", true),
    ("socket_listen", "socket", "ListenFIFO", "SOCKET_FIFO", "/run//fifo/", true),
    ("socket_listen", "socket", "ListenSpecial", "SOCKET_SPECIAL", "/dev/kmsg", true),
    ("socket_listen", "socket", "ListenSpecial", "SOCKET_SPECIAL", "/proc/kmsg", true),
    ("socket_listen", "socket", "ListenSpecial", "SOCKET_SPECIAL", "x", false),
    ("socket_listen", "socket", "ListenMessageQueue", "SOCKET_MQUEUE", "/mq", true),
    ("socket_listen", "socket", "ListenMessageQueue", "SOCKET_MQUEUE", "mq", false),
    ("socket_listen", "socket", "ListenUSBFunction", "SOCKET_USB_FUNCTION", "/dev/usb-ffs/x", true),
    ("socket_listen", "socket", "ListenUSBFunction", "SOCKET_USB_FUNCTION", "usb", false),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "", true),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "*", true),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "eth0", true),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "lo", true),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "aaaaaaaaaaaaaaa", true),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "aaaaaaaaaaaaaaaa", false),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "eth0:1", false),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "a/b", false),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "all", false),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "default", false),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", ".", false),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "1", false),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "0", false),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "-1", true),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "0x5", false),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "%n", false),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "eth 0", false),
    ("socket_bindtodevice", "socket", "BindToDevice", "0", "ethö", false),
    ("socket_protocol", "socket", "SocketProtocol", "0", "udplite", true),
    ("socket_protocol", "socket", "SocketProtocol", "0", "sctp", true),
    ("socket_protocol", "socket", "SocketProtocol", "0", "SCTP", true),
    ("socket_protocol", "socket", "SocketProtocol", "0", "132", true),
    ("socket_protocol", "socket", "SocketProtocol", "0", "136", true),
    ("socket_protocol", "socket", "SocketProtocol", "0", "0x84", true),
    ("socket_protocol", "socket", "SocketProtocol", "0", "6", false),
    ("socket_protocol", "socket", "SocketProtocol", "0", "tcp", false),
    ("socket_protocol", "socket", "SocketProtocol", "0", "mptcp", false),
    ("socket_protocol", "socket", "SocketProtocol", "0", "262", false),
    ("socket_protocol", "socket", "SocketProtocol", "0", "", false),
    ("socket_protocol", "socket", "SocketProtocol", "0", "udp", false),
    ("socket_service", "socket", "Service", "0", "foo.service", true),
    ("socket_service", "socket", "Service", "0", "foo", false),
    ("socket_service", "socket", "Service", "0", "foo.socket", false),
    ("socket_service", "socket", "Service", "0", "foo@.service", false),
    ("socket_service", "socket", "Service", "0", "foo@bar.service", true),
    ("socket_service", "socket", "Service", "0", "%N.service", true),
    ("socket_service", "socket", "Service", "0", "%i.service", false),
    ("socket_service", "socket", "Service", "0", "", false),
    ("socket_service", "socket", "Service", "0", "a b.service", false),
    ("socket_timestamping", "socket", "Timestamping", "0", "off", true),
    ("socket_timestamping", "socket", "Timestamping", "0", "us", true),
    ("socket_timestamping", "socket", "Timestamping", "0", "ns", true),
    ("socket_timestamping", "socket", "Timestamping", "0", "usec", true),
    ("socket_timestamping", "socket", "Timestamping", "0", "nsec", true),
    ("socket_timestamping", "socket", "Timestamping", "0", "µs", true),
    ("socket_timestamping", "socket", "Timestamping", "0", "μs", true),
    ("socket_timestamping", "socket", "Timestamping", "0", "yes", true),
    ("socket_timestamping", "socket", "Timestamping", "0", "no", true),
    ("socket_timestamping", "socket", "Timestamping", "0", "1", true),
    ("socket_timestamping", "socket", "Timestamping", "0", "", false),
    ("socket_timestamping", "socket", "Timestamping", "0", "msec", false),
    ("socket_timestamping", "socket", "Timestamping", "0", "US", false),
    ("socket_bind", "socket", "BindIPv6Only", "0", "default", true),
    ("socket_bind", "socket", "BindIPv6Only", "0", "both", true),
    ("socket_bind", "socket", "BindIPv6Only", "0", "ipv6-only", true),
    ("socket_bind", "socket", "BindIPv6Only", "0", "yes", true),
    ("socket_bind", "socket", "BindIPv6Only", "0", "off", true),
    ("socket_bind", "socket", "BindIPv6Only", "0", "", false),
    ("socket_bind", "socket", "BindIPv6Only", "0", "ipv6only", false),
    ("fdname", "socket", "FileDescriptorName", "0", "", true),
    ("fdname", "socket", "FileDescriptorName", "0", "foo", true),
    ("fdname", "socket", "FileDescriptorName", "0", "a:b", false),
    ("fdname", "socket", "FileDescriptorName", "0", "a b", true),
    ("fdname", "socket", "FileDescriptorName", "0", "%n", true),
    ("fdname", "socket", "FileDescriptorName", "0", "x%%y", true),
    ("fdname", "socket", "FileDescriptorName", "0", "é", false),
    ("service_sockets", "service", "Sockets", "0", "foo.socket", true),
    ("service_sockets", "service", "Sockets", "0", "foo.socket bar.socket", true),
    ("service_sockets", "service", "Sockets", "0", "foo.service", false),
    ("service_sockets", "service", "Sockets", "0", "foo", false),
    ("service_sockets", "service", "Sockets", "0", "foo@.socket", true),
    ("service_sockets", "service", "Sockets", "0", "foo@x.socket", true),
    ("service_sockets", "service", "Sockets", "0", "", true),
    ("service_sockets", "service", "Sockets", "0", "\"a.socket\"", false),
    ("service_sockets", "service", "Sockets", "0", "%N.socket", true),
    ("service_timeout", "service", "TimeoutSec", "0", "0", true),
    ("service_timeout", "service", "TimeoutSec", "0", "90", true),
    ("service_timeout", "service", "TimeoutSec", "0", "5min", true),
    ("service_timeout", "service", "TimeoutSec", "0", "infinity", true),
    ("service_timeout", "service", "TimeoutSec", "0", "", false),
    ("service_timeout", "service", "TimeoutSec", "0", "-1", false),
    ("service_timeout", "service", "TimeoutSec", "0", "5 parsecs", false),
    ("service_timeout", "service", "TimeoutSec", "0", "585000y", false),
    ("service_timeout", "service", "TimeoutSec", "0", "1.5s", true),
    ("service_timeout", "service", "TimeoutStartSec", "0", "0", true),
    ("service_timeout", "service", "TimeoutStartSec", "0", "infinity", true),
    ("service_timeout", "service", "TimeoutStartSec", "0", "", false),
    ("service_timeout", "service", "TimeoutStartSec", "0", "x", false),
    ("service_timeout_abort", "service", "TimeoutAbortSec", "0", "", true),
    ("service_timeout_abort", "service", "TimeoutAbortSec", "0", "0", true),
    ("service_timeout_abort", "service", "TimeoutAbortSec", "0", "10s", true),
    ("service_timeout_abort", "service", "TimeoutAbortSec", "0", "infinity", true),
    ("service_timeout_abort", "service", "TimeoutAbortSec", "0", "x", false),
    ("kill_mode", "service", "KillMode", "0", "", true),
    ("kill_mode", "service", "KillMode", "0", "control-group", true),
    ("kill_mode", "service", "KillMode", "0", "process", true),
    ("kill_mode", "service", "KillMode", "0", "mixed", true),
    ("kill_mode", "service", "KillMode", "0", "none", true),
    ("kill_mode", "service", "KillMode", "0", "None", false),
    ("kill_mode", "service", "KillMode", "0", "proc", false),
    ("swap_priority", "swap", "Priority", "0", "", true),
    ("swap_priority", "swap", "Priority", "0", "-1", true),
    ("swap_priority", "swap", "Priority", "0", "-2", false),
    ("swap_priority", "swap", "Priority", "0", "0", true),
    ("swap_priority", "swap", "Priority", "0", "32767", true),
    ("swap_priority", "swap", "Priority", "0", "32768", false),
    ("swap_priority", "swap", "Priority", "0", "0x10", true),
    ("swap_priority", "swap", "Priority", "0", "abc", false),
    ("swap_priority", "swap", "Priority", "0", "1.5", false),
    ("swap_priority", "swap", "Priority", "0", "+5", true),
    ("timer", "timer", "OnCalendar", "TIMER_CALENDAR", "", true),
    ("timer", "timer", "OnCalendar", "TIMER_CALENDAR", "daily", true),
    ("timer", "timer", "OnCalendar", "TIMER_CALENDAR", "25:00", false),
    ("timer", "timer", "OnCalendar", "TIMER_CALENDAR", "Mon *-*-* 10:00", true),
    ("timer", "timer", "OnCalendar", "TIMER_CALENDAR", "%n", false),
    ("timer", "timer", "OnCalendar", "TIMER_CALENDAR", "*-*-* %%H", false),
    ("timer", "timer", "OnCalendar", "TIMER_CALENDAR", "weekly UTC", true),
    ("timer", "timer", "OnCalendar", "TIMER_CALENDAR", "Mon..Fri 08:00 Europe/Berlin", true),
    ("timer", "timer", "OnCalendar", "TIMER_CALENDAR", "*:0/15", true),
    ("timer", "timer", "OnActiveSec", "TIMER_ACTIVE", "", true),
    ("timer", "timer", "OnActiveSec", "TIMER_ACTIVE", "5min", true),
    ("timer", "timer", "OnActiveSec", "TIMER_ACTIVE", "0", true),
    ("timer", "timer", "OnActiveSec", "TIMER_ACTIVE", "infinity", true),
    ("timer", "timer", "OnActiveSec", "TIMER_ACTIVE", "x", false),
    ("timer", "timer", "OnActiveSec", "TIMER_ACTIVE", "-5", false),
    ("timer", "timer", "OnActiveSec", "TIMER_ACTIVE", "%n", false),
    ("timer", "timer", "OnActiveSec", "TIMER_ACTIVE", "5min 20s", true),
    ("timer", "timer", "OnBootSec", "TIMER_BOOT", "1h", true),
    ("timer", "timer", "OnBootSec", "TIMER_BOOT", "1y 2M", true),
    ("timer", "timer", "OnUnitInactiveSec", "TIMER_UNIT_INACTIVE", "1w", true),
    ("timer", "timer", "OnUnitInactiveSec", "TIMER_UNIT_INACTIVE", "585000y", false),
    ("path_spec", "path", "PathExists", "0", "", true),
    ("path_spec", "path", "PathExists", "0", "/tmp/x", true),
    ("path_spec", "path", "PathExists", "0", "x", false),
    ("path_spec", "path", "PathExists", "0", "%t/x", true),
    ("path_spec", "path", "PathExists", "0", "/tmp/../x", false),
    ("path_spec", "path", "PathExists", "0", "/tmp//x/", true),
    ("path_spec", "path", "PathExists", "0", "%n", false),
    ("path_spec", "path", "DirectoryNotEmpty", "0", "/tmp/d", true),
    ("path_spec", "path", "DirectoryNotEmpty", "0", "d", false),
    ("path_spec", "path", "PathExistsGlob", "0", "/tmp/*.conf", true),
    ("path_spec", "path", "PathExistsGlob", "0", "*.conf", false),
];

#[test]
fn agrees_with_systemd_252() {
    let units = [
        ("socket", "sdverdict-0.socket"),
        ("service", "sdverdict-0.service"),
        ("timer", "sdverdict-0.timer"),
        ("path", "sdverdict-0.path"),
        ("swap", "sdverdict-0.swap"),
    ];
    let mut wrong = Vec::new();
    for &(parser, suffix, key, ltype, value, accepted) in SYSTEMD_252 {
        let unit = units
            .iter()
            .find(|(s, _)| *s == suffix)
            .map(|(_, u)| *u)
            .unwrap();
        let got = verdict(parser, unit, key, ltype, 252, value);
        if got.is_ok() != accepted {
            wrong.push(format!("{key}={value:?}: systemd {accepted}, here {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn lengths_as_systemd_counts_them() {
    let unit = "a.socket";
    let path = |n: usize| format!("/{}", "a".repeat(n - 1));
    let listen = |v: &str| {
        verdict(
            "socket_listen",
            unit,
            "ListenStream",
            "SOCKET_SOCKET",
            252,
            v,
        )
    };
    assert!(listen(&path(107)).is_ok());
    assert!(listen(&path(108)).is_err());
    assert!(listen(&format!("@{}", "a".repeat(106))).is_ok());
    assert!(listen(&format!("@{}", "a".repeat(107))).is_err());
    let fdname = |v: &str| verdict("fdname", unit, "FileDescriptorName", "0", 252, v);
    assert!(fdname(&"a".repeat(255)).is_ok());
    assert!(fdname(&"a".repeat(256)).is_err());
}

#[test]
fn releases_differ_where_their_code_does() {
    let s = "a.socket";
    let listen = |key, ltype, v: &str, version| verdict("socket_listen", s, key, ltype, version, v);
    // vsock CIDs by name and typed vsock prefixes came after 252.
    for v in ["vsock:host:1", "vsock-stream:2:1", "vsock-dgram::5"] {
        assert!(
            listen("ListenStream", "SOCKET_SOCKET", v, 252).is_err(),
            "{v}"
        );
        assert!(
            listen("ListenStream", "SOCKET_SOCKET", v, 257).is_ok(),
            "{v}"
        );
    }
    assert!(listen("ListenStream", "SOCKET_SOCKET", "vsock:2:4294967295", 252).is_ok());
    assert!(listen("ListenStream", "SOCKET_SOCKET", "vsock:2:4294967295", 257).is_err());
    // 257 refuses FIFOs and the like below /dev, /sys and /proc, but not ListenSpecial=.
    assert!(listen("ListenFIFO", "SOCKET_FIFO", "/dev/fifo", 252).is_ok());
    assert!(listen("ListenFIFO", "SOCKET_FIFO", "/dev/fifo", 257).is_err());
    assert!(listen(
        "ListenUSBFunction",
        "SOCKET_USB_FUNCTION",
        "/dev//usb-ffs/x",
        257
    )
    .is_err());
    assert!(listen("ListenSpecial", "SOCKET_SPECIAL", "/proc/kmsg", 257).is_ok());
    assert!(listen("ListenFIFO", "SOCKET_FIFO", "/device/fifo", 257).is_ok());
    // MPTCP from 257 (it was in 254's list already; 257 is the first catalog release).
    let proto = |v: &str, version| verdict("socket_protocol", s, "SocketProtocol", "0", version, v);
    assert!(proto("mptcp", 252).is_err());
    assert!(proto("mptcp", 257).is_ok());
    assert!(proto("262", 262).is_ok());
    // BindToDevice= expands specifiers in 262, not before.
    let dev = |v: &str, version| verdict("socket_bindtodevice", s, "BindToDevice", "0", version, v);
    assert!(dev("%%eth", 252).is_err());
    assert!(dev("x%%eth", 262).is_err());
    assert!(dev("eth%%", 262).is_err());
    assert!(dev("%H", 262).is_ok());
    assert!(dev("%H", 257).is_err());
}

#[test]
fn open_file_as_open_file_parse_reads_it() {
    let open = |v: &str| verdict("open_file", "a.service", "OpenFile", "0", 257, v);
    for v in [
        "",
        "/etc/foo.conf",
        "/etc/foo.conf:conf",
        "/etc/foo.conf:conf:read-only",
        "/var/log/x:log:append,graceful",
        "/etc/foo.conf::truncate",
        "/run/a\\x3ab:name",
    ] {
        assert!(open(v).is_ok(), "{v}: {:?}", open(v));
    }
    for v in [
        "etc/foo.conf",
        "/",
        "/etc/..",
        "/etc/foo.conf:a:b:c",
        "/etc/foo.conf:conf:read-only,append",
        "/etc/foo.conf:conf:append,append",
        "/etc/foo.conf:conf:rw",
        "/etc/foo.conf:a\\x01b",
        "/etc/foo.conf:conf:read-only,,bogus",
    ] {
        assert!(open(v).is_err(), "{v}");
    }
}

#[test]
fn mount_nodes_are_free_but_bounded() {
    let what = |v: &str| verdict("mount_node", "a.mount", "What", "0", 257, v);
    assert!(what("LABEL=root").is_ok());
    assert!(what("%z").is_err());
    assert!(what(&format!("/{}", "a".repeat(4095))).is_err());
}

#[test]
fn messages_follow_the_house_grammar() {
    for &(parser, suffix, key, ltype, value, accepted) in SYSTEMD_252 {
        if accepted {
            continue;
        }
        let unit = if suffix == "socket" {
            "a.socket"
        } else {
            "a.service"
        };
        if let Err(e) = verdict(parser, unit, key, ltype, 252, value) {
            let first = e.chars().next().unwrap();
            assert!(!first.is_uppercase() && !e.ends_with('.'), "{e}");
        }
    }
}

#[test]
fn parsers_of_other_groups_are_not_answered() {
    let c = cx("a.service", "Type", "0", 252);
    assert!(check("service_type", &c, "simple").is_none());
    assert!(check("exec", &c, "/bin/true").is_none());
}

/// Prints this crate's verdict on every line of the file named by `CALENDAR_SPECS`, for
/// comparison with `systemd-analyze calendar`.
#[test]
#[ignore = "needs a file of calendar specs"]
fn calendar_verdicts() {
    let Ok(path) = std::env::var("CALENDAR_SPECS") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    for line in text.lines() {
        let v = if calendar::valid(line, 252) { "A" } else { "R" };
        println!("VERDICT\t{line}\t{v}");
    }
}

/// Prints this crate's verdict on every case of the file named by `KINDS_CASES`: lines of
/// `parser TAB unit TAB section TAB key TAB ltype TAB value`, for comparison with systemd.
#[test]
#[ignore = "needs a file of cases"]
fn case_verdicts() {
    let Ok(path) = std::env::var("KINDS_CASES") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    for line in text.lines() {
        let f: Vec<&str> = line.splitn(6, '\t').collect();
        let cx = Cx {
            unit: f[1],
            section: f[2],
            key: f[3],
            ltype: f[4],
            version: 252,
        };
        let v = check(f[0], &cx, f[5]).unwrap();
        println!(
            "VERDICT\t{}\t{}",
            if v.is_ok() { "A" } else { "R" },
            v.err().unwrap_or_default()
        );
    }
}
