#!/usr/bin/env python3
"""Regenerates unit-core/src/security/table.rs from systemd's sources.

- reads `security_assessor_table[]` of `src/analyze/analyze-security.c` (the checks of
  `systemd-analyze security`: id, JSON field, descriptions, weight, range, how each is assessed)
  and `syscall_filter_sets[]` of `src/shared/seccomp-util.c` (the `@group` system call sets) of
  systemd 247, 252, 257 and 262, as Debian ships them;
- asks this machine's libseccomp which of those system calls exist on x86-64 (systemd skips the
  others when it judges a filter);
- writes one row per distinct check or set, with the releases that have it.

The sources are those `make-catalogs.py` unpacks; pass their root:
`python3 unit-core/data/make-security.py /tmp/systemd-catalogs/src` (the directory holding
`247/systemd-247.3/`, ... or `247.3/`, ... with a `src/` inside).
"""

import ctypes
import ctypes.util
import re
import sys
from pathlib import Path

VERSIONS = [247, 252, 257, 262]
OUT = Path(__file__).resolve().parent.parent / "src" / "security" / "table.rs"

BOOL_FIELDS = {
    "private_devices": "PrivateDevices", "private_mounts": "PrivateMounts",
    "private_network": "PrivateNetwork", "private_tmp": "PrivateTmp",
    "private_users": "PrivateUsers", "protect_control_groups": "ProtectControlGroups",
    "protect_kernel_modules": "ProtectKernelModules",
    "protect_kernel_tunables": "ProtectKernelTunables",
    "protect_kernel_logs": "ProtectKernelLogs", "protect_clock": "ProtectClock",
    "protect_hostname": "ProtectHostname", "lock_personality": "LockPersonality",
    "memory_deny_write_execute": "MemoryDenyWriteExecute",
    "no_new_privileges": "NoNewPrivileges", "restrict_realtime": "RestrictRealtime",
    "restrict_suid_sgid": "RestrictSuidSgid", "delegate": "Delegate",
    "restrict_address_family_inet": "AfInet", "restrict_address_family_unix": "AfUnix",
    "restrict_address_family_netlink": "AfNetlink",
    "restrict_address_family_packet": "AfPacket",
    "restrict_address_family_other": "AfOther",
}
SIMPLE = {
    "assess_user": "User", "assess_supplementary_groups": "SupplementaryGroups",
    "assess_protect_home": "ProtectHome", "assess_protect_system": "ProtectSystem",
    "assess_root_directory": "RootDirectory", "assess_umask": "Umask",
    "assess_keyring_mode": "KeyringMode", "assess_protect_proc": "ProtectProc",
    "assess_proc_subset": "ProcSubset", "assess_notify_access": "NotifyAccess",
    "assess_remove_ipc": "RemoveIpc",
    "assess_system_call_architectures": "SystemCallArchitectures",
    "assess_ip_address_allow": "IpAddressAllow", "assess_device_allow": "DeviceAllow",
    "assess_ambient_capabilities": "AmbientCapabilities",
}
NAMESPACES = {"CLONE_NEWCGROUP": "cgroup", "CLONE_NEWIPC": "ipc", "CLONE_NEWNET": "net",
              "CLONE_NEWNS": "mnt", "CLONE_NEWPID": "pid", "CLONE_NEWUSER": "user",
              "CLONE_NEWUTS": "uts"}


def tree_of(root: Path, version: int) -> Path:
    for cand in sorted(root.iterdir()):
        if cand.name.split(".")[0] == str(version):
            inner = [p for p in cand.iterdir() if p.is_dir() and p.name.startswith("systemd")]
            return inner[0] if inner and not (cand / "src").exists() else cand
    sys.exit(f"no source tree of systemd {version} under {root}")


def c_string(expr: str) -> str:
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', expr)
    return "".join(re.sub(r"\\(.)", r"\1", s) for s in parts)


def checks(tree: Path):
    text = (tree / "src/analyze/analyze-security.c").read_text()
    block = text[text.index("security_assessor_table[] = {"):]
    block = block[:block.index("\n};")]
    block = re.sub(r"\n#[^\n]*", "", block)  # every check is built: Debian has seccomp
    out = []
    for entry in re.split(r"\n        \},?\s*\n        \{", block):
        fields = {}
        for part in re.split(r"\n\s*\.(?=\w+\s*=)", "\n" + entry)[1:]:
            name, _, value = part.partition("=")
            value = re.sub(r"/\*.*?\*/", "", value, flags=re.S).strip()
            fields[name.strip()] = re.sub(r"[\s,{}]*$", "", value)
        if "id" in fields:
            out.append(fields)
    return out


def assess_of(f) -> str:
    fn = f["assess"]
    if fn == "assess_bool":
        field = re.search(r"offsetof\([^,]+,\s*(\w+)\)", f["offset"]).group(1)
        invert = "true" if f.get("parameter", "").startswith("true") else "false"
        return f"Assess::Bool(Field::{BOOL_FIELDS[field]}, {invert})"
    if fn == "assess_capability_bounding_set":
        caps = re.findall(r"CAP_\w+", f["parameter"])
        return "Assess::Capabilities(&[" + ", ".join(f'"{c}"' for c in caps) + "])"
    if fn == "assess_restrict_namespaces":
        return f'Assess::Namespace("{NAMESPACES[f["parameter"]]}")'
    if fn == "assess_system_call_filter":
        name = "@" + f["parameter"].removeprefix("SYSCALL_FILTER_SET_").lower().replace("_", "-")
        return f'Assess::SystemCallFilter("{name}")'
    return f"Assess::{SIMPLE[fn]}"


def syscall_sets(tree: Path):
    text = (tree / "src/shared/seccomp-util.c").read_text()
    block = text[text.index("syscall_filter_sets[_SYSCALL_FILTER_SET_MAX] = {"):]
    block = block[:block.index("\n};")]
    sets = {}
    for m in re.finditer(r'\.name\s*=\s*"(@[\w-]+)".*?\.value\s*=(.*?)\n\s*\}', block, re.S):
        value = re.sub(r"/\*.*?\*/", "", m.group(2))
        sets[m.group(1)] = [s for s in re.findall(r'"([^"\\]*)\\0"', value)]
    return sets


def resolvable(names):
    lib = ctypes.CDLL(ctypes.util.find_library("seccomp") or "libseccomp.so.2")
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    return {n for n in names if lib.seccomp_syscall_resolve_name(n.encode()) >= 0}


def rust_str(s):
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""


def opt(s):
    return "None" if s is None else f"Some({rust_str(s)})"


def main():
    root = Path(sys.argv[1])
    rows = {}  # rendered row (without mask) -> mask, in first-seen order
    set_rows = {}
    json_fields = {}
    per = []
    for i, v in enumerate(VERSIONS):
        tree = tree_of(root, v)
        per.append((i, v, checks(tree), syscall_sets(tree)))
        for f in per[-1][2]:
            if "json_field" in f:
                json_fields[c_string(f["id"])] = c_string(f["json_field"])
    for i, v, cs, sets in per:
        for f in cs:
            ident = c_string(f["id"])
            row = (
                f"        id: {rust_str(ident)},\n"
                f"        json_field: {rust_str(json_fields.get(ident, ''))},\n"
                f"        good: {opt(c_string(f['description_good']) if 'description_good' in f else None)},\n"
                f"        bad: {opt(c_string(f['description_bad']) if 'description_bad' in f else None)},\n"
                f"        na: {opt(c_string(f['description_na']) if 'description_na' in f else None)},\n"
                f"        url: {rust_str(c_string(f.get('url', '')))},\n"
                f"        weight: {int(f['weight'])},\n"
                f"        range: {int(f['range'])},\n"
                f"        assess: {assess_of(f)},\n"
                f"        default_dependencies_only: {'true' if f.get('default_dependencies_only') == 'true' else 'false'},\n"
            )
            rows[row] = rows.get(row, 0) | (1 << i)
        for name, value in sets.items():
            if name == "@known":
                # Generated from the kernel's headers at build time, not listed in the source.
                continue
            key = (name, tuple(value))
            set_rows[key] = set_rows.get(key, 0) | (1 << i)
    every = sorted({n for (_, value) in set_rows for n in value if not n.startswith("@")})
    unresolved = sorted(set(every) - resolvable(every))

    lines = [
        "// Generated by unit-core/data/make-security.py from systemd's analyze-security.c and",
        "// seccomp-util.c; do not edit.",
        "",
        "use super::check::{Assess, Check, Field, SyscallSet};",
        "",
        "/// Every check of `systemd-analyze security`, with the releases (a mask over",
        "/// [`crate::catalog::VERSIONS`]) that have it in this form.",
        "pub static CHECKS: &[Check] = &[",
    ]
    for row, mask in rows.items():
        lines += ["    Check {", row.rstrip("\n"), f"        releases: {mask:#06b},", "    },"]
    lines += ["];", "",
              "/// The system call groups of `SystemCallFilter=`, with the releases that have each.",
              "pub static SYSCALL_SETS: &[SyscallSet] = &["]
    for (name, value), mask in set_rows.items():
        lines.append(f"    SyscallSet {{ name: {rust_str(name)}, releases: {mask:#06b}, calls: &[")
        lines += [f"        {rust_str(n)}," for n in value]
        lines.append("    ] },")
    lines += ["];", "",
              "/// The system calls of those groups that libseccomp does not know on x86-64: systemd",
              "/// leaves them out when it judges a filter.",
              "pub static UNRESOLVED: &[&str] = &["]
    lines += [f"    {rust_str(n)}," for n in unresolved]
    lines += ["];", ""]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines))
    print(f"{OUT}: {len(rows)} check rows, {len(set_rows)} set rows, {len(unresolved)} unresolved",
          file=sys.stderr)


if __name__ == "__main__":
    main()
