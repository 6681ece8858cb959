#!/usr/bin/env python3
"""Build the systemd directive catalogs of several releases from Debian's packages.

For every release in RELEASES this downloads Debian's binary packages (systemd, its shared
library, libc and the libraries it links) and the source package, then

- runs the release's own `systemd --dump-configuration-items` through the downloaded dynamic
  loader and writes the output unchanged to `systemd-<V>.directives`;
- renders `src/core/load-fragment-gperf.gperf.{in,m4}` with the release's own build tool
  (`tools/meson-render-jinja2.py` or `tools/meson-apply-m4.sh`), the build options taken from the
  binary's `--version` feature list, and writes the table as TSV to `systemd-<V>.table`;
- reads the string tables behind the enum-valued config parsers and the `Added in version N`
  notes of the newest release's man pages;

and generates `unit-core/src/catalog/table.rs` from all of it. See README.md next to this file.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

MIRROR = "http://deb.debian.org/debian"
SUITES = ["bullseye", "bookworm", "trixie", "forky"]


@dataclass
class Release:
    major: int
    version: str  # Debian version of the `systemd` source and binary packages
    suite: str
    libs: list = field(default_factory=list)  # packages that provide the linked libraries


RELEASES = [
    Release(247, "247.3-7+deb11u5", "bullseye", [
        "libacl1", "libapparmor1", "libaudit1", "libblkid1", "libcap-ng0", "libcap2", "libcrypt1",
        "libgcrypt20", "libgpg-error0", "libip4tc2", "libkmod2", "liblz4-1", "liblzma5",
        "libmount1", "libpam0g", "libpcre2-8-0", "libseccomp2", "libselinux1", "libssl1.1",
        "libzstd1",
    ]),
    Release(252, "252.39-1~deb12u2", "bookworm", [
        "libacl1", "libapparmor1", "libaudit1", "libblkid1", "libcap-ng0", "libcap2", "libcrypt1",
        "libgcrypt20", "libgpg-error0", "libip4tc2", "libkmod2", "liblz4-1", "liblzma5",
        "libmount1", "libpam0g", "libpcre2-8-0", "libseccomp2", "libselinux1", "libssl3",
        "libzstd1", "zlib1g",
    ]),
    Release(257, "257.13-1~deb13u1", "trixie", [
        "libacl1", "libapparmor1", "libaudit1", "libblkid1", "libcap-ng0", "libcap2", "libcrypt1",
        "libmount1", "libpam0g", "libpcre2-8-0", "libseccomp2", "libselinux1", "libssl3t64",
        "libzstd1", "zlib1g",
    ]),
    # sid's 262.1-1 has binaries but its source is not on the mirror; forky's 262-1 has both.
    Release(262, "262-1", "forky", []),
]

DATA = Path(__file__).resolve().parent
TABLE_RS = DATA.parent / "src" / "catalog" / "table.rs"
GPERF_DIR = "src/core"

# Man pages that describe the directives of each section; the first page that documents a name
# wins.
SECTION_PAGES = {
    "Unit": ["systemd.unit"],
    "Install": ["systemd.unit"],
    "Service": ["systemd.service", "systemd.exec", "systemd.kill", "systemd.resource-control"],
    "Socket": ["systemd.socket", "systemd.exec", "systemd.kill", "systemd.resource-control"],
    "Mount": ["systemd.mount", "systemd.exec", "systemd.kill", "systemd.resource-control"],
    "Swap": ["systemd.swap", "systemd.exec", "systemd.kill", "systemd.resource-control"],
    "Automount": ["systemd.automount"],
    "Timer": ["systemd.timer"],
    "Path": ["systemd.path"],
    "Slice": ["systemd.slice", "systemd.resource-control"],
    "Scope": ["systemd.scope", "systemd.kill", "systemd.resource-control"],
}

# Source files searched for string tables and enum config parsers.
ENUM_SOURCE_DIRS = ["src/basic", "src/shared", "src/core", "src/libsystemd", "src/fundamental"]


def log(msg):
    print(msg, file=sys.stderr)


def run(cmd, **kw):
    log("+ " + " ".join(str(c) for c in cmd))
    return subprocess.run(cmd, check=True, **kw)


# ---------------------------------------------------------------------------------------------
# downloads


class Apt:
    """A private apt state under the cache directory, so the host's apt is left alone."""

    def __init__(self, cache: Path):
        self.root = cache / "apt"
        self.opts = [
            "-o", f"Dir::Etc::SourceList={self.root / 'sources.list'}",
            "-o", "Dir::Etc::SourceParts=/dev/null",
            "-o", f"Dir::State::Lists={self.root / 'lists'}",
            "-o", f"Dir::Cache={self.root / 'cache'}",
            "-o", "APT::Sandbox::User=root",
        ]

    def update(self, refresh: bool):
        (self.root / "lists" / "partial").mkdir(parents=True, exist_ok=True)
        (self.root / "cache" / "archives" / "partial").mkdir(parents=True, exist_ok=True)
        lines = []
        for suite in SUITES:
            lines.append(f"deb {MIRROR} {suite} main")
            lines.append(f"deb-src {MIRROR} {suite} main")
        (self.root / "sources.list").write_text("\n".join(lines) + "\n")
        if refresh or not any((self.root / "lists").glob("*Sources*")):
            run(["apt-get", *self.opts, "update"])

    def download(self, specs, dest: Path):
        dest.mkdir(parents=True, exist_ok=True)
        run(["apt-get", *self.opts, "download", *specs], cwd=dest, stdout=subprocess.DEVNULL)

    def source(self, version: str, dest: Path):
        dest.mkdir(parents=True, exist_ok=True)
        run(["apt-get", *self.opts, "source", "--download-only", f"systemd={version}"], cwd=dest,
            stdout=subprocess.DEVNULL)

    def has_package(self, spec: str) -> bool:
        out = subprocess.run(["apt-cache", *self.opts, "show", spec], capture_output=True)
        return out.returncode == 0 and out.stdout.startswith(b"Package:")


def fetch_release(apt: Apt, rel: Release, cache: Path):
    """Returns (root of the unpacked binaries, unpacked source tree)."""
    debs = cache / "debs" / str(rel.major)
    root = cache / "root" / str(rel.major)
    if not debs.exists() or not any(debs.glob("systemd_*.deb")):
        specs = [f"systemd={rel.version}", f"libc6/{rel.suite}"]
        if apt.has_package(f"libsystemd-shared={rel.version}"):
            specs.append(f"libsystemd-shared={rel.version}")
        specs += [f"{lib}/{rel.suite}" for lib in rel.libs]
        apt.download(specs, debs)
    if not root.exists():
        tmp = root.with_suffix(".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for deb in sorted(debs.glob("*.deb")):
            run(["dpkg-deb", "-x", str(deb), str(tmp)])
        tmp.rename(root)

    srcdl = cache / "src" / str(rel.major)
    upstream = rel.version.split("-")[0]
    tree = srcdl / f"systemd-{upstream}"
    if not tree.exists():
        dsc = srcdl / f"systemd_{rel.version}.dsc"
        if not dsc.exists():
            apt.source(rel.version, srcdl)
        # dpkg-source applies Debian's patches, as the binary package was built with them.
        run(["dpkg-source", "--no-check", "-x", dsc.name, tree.name], cwd=srcdl,
            stdout=subprocess.DEVNULL)
    return root, tree


# ---------------------------------------------------------------------------------------------
# running the release's binary


def inside(root: Path, path: Path) -> Path:
    """Resolves a path of the unpacked tree, following absolute symlinks inside the tree."""
    cur = root
    for part in path.parts[1:]:
        cur = cur / part
        for _ in range(40):
            if not cur.is_symlink():
                break
            target = Path(os.readlink(cur))
            cur = root / target.relative_to("/") if target.is_absolute() else cur.parent / target
    return cur


def systemd_cmd(root: Path):
    binary = next(p for p in [root / "usr/lib/systemd/systemd", root / "lib/systemd/systemd"]
                  if p.exists())
    loader = next(inside(root, Path(p)) for p in ["/lib64/ld-linux-x86-64.so.2",
                                                   "/usr/lib64/ld-linux-x86-64.so.2"]
                  if inside(root, Path(p)).exists())
    dirs = {str(root / d) for d in ["lib/x86_64-linux-gnu", "usr/lib/x86_64-linux-gnu"]}
    dirs |= {str(p.parent) for p in root.rglob("libsystemd-shared-*.so")}
    return [str(loader), "--library-path", ":".join(sorted(dirs)), str(binary)]


def run_systemd(root: Path, arg: str) -> str:
    env = {"PATH": "/usr/bin:/bin", "LANG": "C", "LC_ALL": "C", "SYSTEMD_LOG_LEVEL": "err"}
    out = subprocess.run(systemd_cmd(root) + [arg], capture_output=True, env=env, check=True)
    return out.stdout.decode()


def features(version_text: str) -> dict:
    """`+SECCOMP -GNUTLS ...` from `systemd --version` as config.h defines."""
    defines = {}
    for word in version_text.split():
        m = re.fullmatch(r"([+-])([A-Z0-9_]+)(=.*)?", word)
        if m and not m.group(3):
            on = 1 if m.group(1) == "+" else 0
            defines[f"HAVE_{m.group(2)}"] = on
            defines[f"ENABLE_{m.group(2)}"] = on
    return defines


# ---------------------------------------------------------------------------------------------
# the gperf table


def render_gperf(tree: Path, defines: dict, work: Path) -> str:
    work.mkdir(parents=True, exist_ok=True)
    config_h = work / "config.h"
    config_h.write_text("".join(f"#define {k} {v}\n" for k, v in sorted(defines.items())))
    core = tree / GPERF_DIR
    if (core / "load-fragment-gperf.gperf.m4").exists():
        out = subprocess.run(["sh", str(tree / "tools/meson-apply-m4.sh"), str(config_h),
                              str(core / "load-fragment-gperf.gperf.m4")],
                             capture_output=True, check=True)
        return out.stdout.decode()
    render = tree / "tools/meson-render-jinja2.py"
    meson = (tree / "meson.build").read_text()
    m = re.search(r"^jinja2_cmdline\s*=\s*\[(.*)\]", meson, re.M)
    args = [str(config_h)]
    if m and "version_h" in m.group(1):
        version_h = work / "version.h"
        version_h.write_text("")
        args.append(str(version_h))
    output = work / "load-fragment-gperf.gperf"
    run([sys.executable, str(render), *args, str(core / "load-fragment-gperf.gperf.in"),
         str(output)])
    return output.read_text()


def normalise_field(text: str) -> str:
    m = re.fullmatch(r"offsetof\(\s*(\w+)\s*,\s*([\w.\[\]>-]+)\s*\)", text)
    if m:
        return f"{m.group(1)}.{m.group(2)}"
    if text == "0":
        return ""
    raise SystemExit(f"unexpected gperf field `{text}`")


def parse_gperf(text: str):
    """Rows (section, name, parser, ltype, field) after the `%%` line, in table order."""
    rows = []
    body = text.split("\n%%\n", 1)[1]
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line == "%%":
            continue
        parts = [p.strip() for p in line.split(",", 3)]
        if len(parts) != 4 or "." not in parts[0]:
            raise SystemExit(f"unexpected gperf line `{line}`")
        section, name = parts[0].split(".", 1)
        rows.append((section, name, parts[1], parts[2], normalise_field(parts[3])))
    return rows


def parse_dump(text: str):
    """[(section, name, type)] in the dump's order."""
    items, section = [], None
    for line in text.splitlines():
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        name, _, kind = line.partition("=")
        items.append((section, name, kind))
    return items


# ---------------------------------------------------------------------------------------------
# enum tables and the parsers that use them

STRING_TABLE_RE = re.compile(
    r"\b(?:static\s+)?const\s+char\s*\*\s*const\s+(\w+)_table\s*\[[^\]]*\]\s*=\s*\{(.*?)\};", re.S)
LOOKUP_RE = re.compile(r"\bDEFINE_(PRIVATE_)?STRING_TABLE_LOOKUP(\w*)\(\s*(\w+)\s*,")
ENUM_PARSER_RE = re.compile(
    r"\bDEFINE_CONFIG_PARSE_ENUM(|_WITH_DEFAULT|_FULL)\(\s*(config_parse_\w+)\s*,\s*(\w+)\s*,")
FUNC_RE = re.compile(r"^int (config_parse_\w+)\([^;{]*\{", re.M)


def strip_comments(src: str) -> str:
    src = re.sub(r"/\*.*?\*/", " ", src, flags=re.S)
    return re.sub(r"//[^\n]*", " ", src)


def c_strings(body: str):
    """The string of each `[X] = "..."` (or plain `"..."`) entry of a table initialiser."""
    values = []
    for entry in re.finditer(r'((?:"(?:[^"\\]|\\.)*"\s*)+)', body):
        values.append("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', entry.group(1))))
    return values


FROM_STRING_RE = re.compile(r"^\w[\w ]*?\b(\w+_from_string\w*)\(const char \*\s*\w+\)\s*\{", re.M)

# Hand-written config parsers that only look their value up in one string table (an empty value
# resets, other values are rejected): checked in each release by the call in their body.
PLAIN_PARSERS = {
    "config_parse_kill_mode": "kill_mode",
    "config_parse_managed_oom_mode": "managed_oom_mode",
}


FALLBACK = "a `*_WITH_FALLBACK` table: a number is accepted as well"

# Enum-like parsers that read a string table but accept more (or less) than it: their tables
# are in ENUMS, the parsers are not in ENUM_PARSERS. Checked in each release by the call of the
# table's lookup in the parser's or its helper's body.
SPECIAL_PARSERS = {
    "config_parse_emergency_action": (
        "emergency_action", "parse_emergency_action",
        "a user manager takes only `none`, `exit`, `exit-force`; a system unit the whole table"),
    "config_parse_exec_input": (
        "exec_input", "config_parse_exec_input", "also `fd:NAME` and `file:PATH`"),
    "config_parse_exec_output": (
        "exec_output", "config_parse_exec_output",
        "also `fd:NAME`, `file:PATH`, `append:PATH`, `truncate:PATH` (by release) and the obsolete "
        "`syslog`, `syslog+console`"),
    "config_parse_exec_io_class": ("ioprio_class", "config_parse_exec_io_class", FALLBACK),
    "config_parse_exec_cpu_sched_policy": (
        "sched_policy", "config_parse_exec_cpu_sched_policy", FALLBACK),
    "config_parse_ip_tos": ("ip_tos", None, FALLBACK),
    "config_parse_log_level": ("log_level", "config_parse_log_level", FALLBACK),
    "config_parse_log_facility": (
        "log_facility_unshifted", "config_parse_log_facility", FALLBACK),
    "config_parse_protect_hostname": (
        "protect_hostname", "config_parse_protect_hostname",
        "a `*_WITH_BOOLEAN` table, and `private:HOSTNAME` as well"),
    "config_parse_socket_timestamping": (
        "socket_timestamping", "socket_timestamping_from_string_harder",
        "also the booleans (`yes` means `ns`) and the aliases `usec`, `µs`, `nsec` (`μs` too in newer "
        "releases)"),
}


def body_after(src: str, start: int) -> str:
    end = src.find("\n}\n", start)
    return src[start:end if end >= 0 else len(src)]


def scan_sources(tree: Path):
    """String tables, lookup kinds, enum parsers and hand-written function bodies of a release."""
    tables, lookups, macro_parsers, bodies, from_strings, helpers = {}, {}, {}, {}, {}, {}
    helper_re = re.compile(r"^int (%s)\([^;{]*\{" % "|".join(
        sorted({h for _, h, _ in SPECIAL_PARSERS.values() if h})), re.M)
    for d in ENUM_SOURCE_DIRS:
        for path in sorted((tree / d).rglob("*.c")) if (tree / d).exists() else []:
            src = strip_comments(path.read_text(errors="replace"))
            for m in STRING_TABLE_RE.finditer(src):
                tables.setdefault(m.group(1), c_strings(m.group(2)))
            for m in LOOKUP_RE.finditer(src):
                lookups.setdefault(m.group(3), m.group(2))
            for m in ENUM_PARSER_RE.finditer(src):
                fn = m.group(3) if m.group(1) == "_FULL" else m.group(3) + "_from_string"
                macro_parsers[m.group(2)] = fn
            for m in FUNC_RE.finditer(src):
                bodies.setdefault(m.group(1), body_after(src, m.end()))
            for m in FROM_STRING_RE.finditer(src):
                from_strings.setdefault(m.group(1), body_after(src, m.end()))
            for m in helper_re.finditer(src):
                helpers.setdefault(m.group(1), body_after(src, m.end()))
    return Sources(tables, lookups, macro_parsers, bodies, from_strings, helpers)


@dataclass
class Sources:
    tables: dict  # name -> strings of `name_table`
    lookups: dict  # name -> DEFINE_*STRING_TABLE_LOOKUP suffix
    macro_parsers: dict  # config_parse_X -> the `*_from_string*` function it calls
    bodies: dict  # config_parse_X -> body of a hand-written parser
    from_strings: dict  # `*_from_string*` -> body of a hand-written one
    helpers: dict  # other functions named in SPECIAL_PARSERS -> body

    def table(self, fn):
        """(table, with_boolean) when the function `fn` is a plain lookup in a string table, or a
        reason why not."""
        name = fn[: -len("_from_string")] if fn.endswith("_from_string") else None
        kind = self.lookups.get(name)
        if kind is not None and name in self.tables and "TO_STRING" not in kind:
            if "FALLBACK" in kind:
                return f"`{name}_from_string` also accepts numbers (`*_WITH_FALLBACK` table)"
            return name, "WITH_BOOLEAN" in kind
        body = self.from_strings.get(fn)
        if body is None:
            return f"no string table or `{fn}` found"
        calls = set(re.findall(r"(\w+_from_string)\(", body)) - {fn}
        inner = [self.table(c) for c in calls]
        inner = [t for t in inner if isinstance(t, tuple)]
        if len(inner) == 1 and len(calls) == 1 and "parse_boolean(" in body and not re.search(
                r"\bstreq|STR_IN_SET|startswith", body):
            return inner[0][0], True
        return f"`{fn}` is hand-written and accepts more than a string table"

    def special(self, parser):
        """(table, reason) for a parser in SPECIAL_PARSERS whose helper still reads the table."""
        table, helper, reason = SPECIAL_PARSERS[parser]
        if table not in self.tables:
            return None
        if helper is not None:
            body = self.bodies.get(helper) or self.from_strings.get(helper) or self.helpers.get(
                helper, "")
            if f"{table}_from_string(" not in body:
                return None
        return table, reason

    def parser(self, parser):
        """(table, with_boolean), a reason it is not a plain enum, or None if not enum-like."""
        if parser in self.macro_parsers:
            return self.table(self.macro_parsers[parser])
        if parser in PLAIN_PARSERS:
            name = PLAIN_PARSERS[parser]
            if f"{name}_from_string(rvalue)" not in self.bodies.get(parser, ""):
                return f"no longer calls `{name}_from_string(rvalue)`"
            return self.table(name + "_from_string")
        return None


def map_enums(per_release, scanned):
    """Enum parsers with their masks, the values of the tables, the special parsers and why
    other macro-defined enum parsers are left out."""
    enum_parsers, table_values, special, unmapped = {}, {}, {}, {}

    def add_values(table, src, i):
        vals = table_values.setdefault(table, {})
        for v in src.tables[table]:
            vals[v] = vals.get(v, 0) | (1 << i)

    for i, src in enumerate(scanned):
        major = per_release[i][0].major
        for parser in sorted({r[2] for r in per_release[i][3]}):
            if parser in SPECIAL_PARSERS:
                found = src.special(parser)
                if found is None:
                    unmapped.setdefault(strip_parser(parser), {}).setdefault(
                        "its table lookup was not found", []).append(major)
                    continue
                special.setdefault((strip_parser(parser), *found), []).append(major)
                add_values(found[0], src, i)
                continue
            mapped = src.parser(parser)
            if mapped is None:
                continue
            if isinstance(mapped, str):
                unmapped.setdefault(strip_parser(parser), {}).setdefault(mapped, []).append(major)
                continue
            table, with_boolean = mapped
            key = (strip_parser(parser), table, with_boolean)
            enum_parsers[key] = enum_parsers.get(key, 0) | (1 << i)
            add_values(table, src, i)
    return enum_parsers, table_values, special, unmapped


# ---------------------------------------------------------------------------------------------
# man pages


def read_man(path: Path):
    text = path.read_text()
    text = re.sub(r"<!DOCTYPE.*?\]>|<!DOCTYPE[^>]*>", "", text, count=1, flags=re.S)
    text = re.sub(r"&(?!lt;|gt;|amp;|quot;|apos;|#)(\w[\w.-]*);", r"\1", text)
    return ET.fromstring(text)


XI = "{http://www.w3.org/2001/XInclude}include"


def entry_version(listitem):
    """The `vNNN` of a version-info include that belongs to this listitem, not a nested one."""
    def walk(el):
        for child in el:
            if child.tag == "varlistentry":
                continue
            if child.tag == XI and child.get("href") == "version-info.xml":
                m = re.fullmatch(r"v(\d+)", child.get("xpointer") or "")
                if m:
                    return int(m.group(1))
            found = walk(child)
            if found:
                return found
        return 0
    return walk(listitem)


def term_names(entry, tag):
    names = []
    for term in entry.findall("term"):
        for el in term.iter(tag):
            if el.text:
                names.append(el.text.strip())
    return names


def man_since(tree: Path):
    """{page: {Name: version}} and {page: {Name: [(value, version)]}}."""
    pages = sorted({p for ps in SECTION_PAGES.values() for p in ps})
    since, values = {}, {}
    for page in pages:
        root = read_man(tree / "man" / f"{page}.xml")
        since[page], values[page] = {}, {}
        for entry in root.iter("varlistentry"):
            # `Name=`, or `Name=a|b|c` where the term lists the values
            names = [m.group(1) for n in term_names(entry, "varname")
                     if (m := re.match(r"([A-Za-z][A-Za-z0-9]*)=", n))]
            item = entry.find("listitem")
            if not names or item is None:
                continue
            version = entry_version(item)
            for name in names:
                if version:
                    since[page].setdefault(name, version)
            # values in their own varlistentry (`<term><option>strict</option></term>`) ...
            found = []
            for sub in item.iter("varlistentry"):
                sub_item = sub.find("listitem")
                if sub_item is not None:
                    found += [(opt, entry_version(sub_item)) for opt in term_names(sub, "option")]
            # ... or in an itemised list whose item starts with the value
            for li in (li for il in item.iter("itemizedlist") for li in il.findall("listitem")):
                opt = next(li.iter("option"), None)
                if opt is not None and opt.text:
                    found.append((opt.text.strip(), entry_version(li)))
            for name in names:
                values[page].setdefault(name, []).extend((o, v) for o, v in found if v)
    return since, values


# ---------------------------------------------------------------------------------------------
# writing


def rust_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


HEADER = """\
// @generated by unit-core/data/make-catalogs.py; do not edit.
//
// The directive catalogs of several systemd releases, generated from Debian's packages: each
// release's own binary (`systemd --dump-configuration-items`) and sources (the rendered
// `load-fragment-gperf` table, the string tables behind enum parsers, the man pages).
"""

TYPES = """\
/// The systemd releases that have a catalog, oldest first; bit i of a mask is `VERSIONS[i]`.
pub const VERSIONS: &[u16] = &[{versions}];

/// One directive of one section as one or more releases declare it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {{
    /// The section without brackets, e.g. `Service`.
    pub section: &'static str,
    /// The directive without `=`, e.g. `ExecStart`.
    pub name: &'static str,
    /// The config parser with its `config_parse_` prefix stripped, e.g. `exec`.
    pub parser: &'static str,
    /// The parser's `ltype` argument as the table writes it, e.g. `SERVICE_EXEC_START`.
    pub ltype: &'static str,
    /// The `offsetof` target, e.g. `Service.exec_command`, in the newest release that has the
    /// row; empty when the table gives `0`.
    pub field: &'static str,
    /// The dump's type text for this name, e.g. `PATH [ARGUMENT [...]]`, in the newest release
    /// that has the row; empty for names the dump hides (`DISABLED_LEGACY` ones).
    pub dump: &'static str,
    /// The releases in which this (section, name, parser, ltype) exists (bit i is
    /// `VERSIONS[i]`).
    pub mask: u8,
    /// The version the man pages give ("Added in version N"), 0 if unknown.
    pub since: u16,
}}

/// Every row, sorted by (section, name, mask).
pub static ROWS: &[Row] = &[
"""

ENUM_TYPES = """\
];

/// An enum table: one of systemd's string tables (`DEFINE_STRING_TABLE_LOOKUP` and co.).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EnumTable {
    /// The table's name in systemd's sources, without `_table`, e.g. `service_type`.
    pub name: &'static str,
    /// Each string of the table with the releases that accept it, in table order.
    pub values: &'static [(&'static str, u8)],
}

/// The string tables behind the enum-like parsers of the unit-file tables (those of
/// [`ENUM_PARSERS`] and the special ones `unit-core/data/README.md` lists), sorted by name.
pub static ENUMS: &[EnumTable] = &[
"""

PARSER_TYPES = """\
];

/// Which config parser reads its value through which enum table, per release.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EnumParser {
    /// The parser with its `config_parse_` prefix stripped, e.g. `service_type`.
    pub parser: &'static str,
    /// The name of the [`EnumTable`] the value is looked up in.
    pub table: &'static str,
    /// Whether systemd's booleans are accepted as well (`*_WITH_BOOLEAN` tables).
    pub with_boolean: bool,
    /// The releases in which the parser reads through this table.
    pub mask: u8,
}

/// Every enum parser of the unit-file table, sorted by parser.
pub static ENUM_PARSERS: &[EnumParser] = &[
"""

VALUE_TYPES = """\
];

/// Value-level additions documented in the man pages: (section, directive, value, version).
pub static VALUE_SINCE: &[(&str, &str, &str, u16)] = &[
"""


def strip_parser(p: str) -> str:
    return p[len("config_parse_"):] if p.startswith("config_parse_") else p


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", default=os.environ.get("SYSTEMD_CATALOG_CACHE",
                                                      "/tmp/systemd-catalogs"))
    ap.add_argument("--refresh", action="store_true", help="re-run `apt-get update`")
    args = ap.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    apt = Apt(cache)
    apt.update(args.refresh)

    per_release, hidden = [], []
    for rel in RELEASES:
        root, tree = fetch_release(apt, rel, cache)
        dump = run_systemd(root, "--dump-configuration-items")
        version = run_systemd(root, "--version")
        if not version.startswith(f"systemd {rel.major} "):
            raise SystemExit(f"unexpected `systemd --version` for {rel.major}: {version!r}")
        (DATA / f"systemd-{rel.major}.directives").write_text(dump)
        defines = features(version)
        gperf = render_gperf(tree, defines, cache / "render" / str(rel.major))
        rows = parse_gperf(gperf)
        (DATA / f"systemd-{rel.major}.table").write_text(
            "".join("\t".join(r) + "\n" for r in rows))
        per_release.append((rel, tree, parse_dump(dump), rows))
        hidden.append(check(rel, parse_dump(dump), rows))
        check_kinds(rel, parse_dump(dump), rows, dump_kinds(tree, defines))
        compare_with_host(rel, dump)

    generated = generate(per_release)
    write_readme(per_release, hidden, *generated)


def dump_kinds(tree: Path, defines: dict) -> dict:
    """Parser -> the dump's type text, from the release's `unit_dump_config_items()`."""
    src = (tree / GPERF_DIR / "load-fragment.c").read_text()
    start = src.index("void unit_dump_config_items(")
    body = src[start:src.index("};", start)]
    kinds, keep = {}, [True]
    for line in body.splitlines():
        cond = re.match(r"\s*#\s*(if|else|endif)\b\s*(\w*)", line)
        if cond:
            if cond.group(1) == "if":
                keep.append(keep[-1] and bool(defines.get(cond.group(2), 1)))
            elif cond.group(1) == "else":
                keep[-1] = not keep[-1] and keep[-2]
            else:
                keep.pop()
            continue
        if keep[-1]:
            for m in re.finditer(r'\{\s*(config_parse_\w+),\s*"([^"]*)"\s*\}', line):
                kinds.setdefault(m.group(1), m.group(2))
    # entries split over two lines
    for m in re.finditer(r'\{\s*(config_parse_\w+),\s*\n\s*"([^"]*)"\s*\}', body):
        kinds.setdefault(m.group(1), m.group(2))
    return kinds


def check_kinds(rel, dump, rows, kinds):
    """Each dumped name's type text must be the one its parser in the table gives."""
    parsers = {(r[0], r[1]): r[2] for r in rows}
    wrong = [(s, n, k, parsers[(s, n)]) for s, n, k in dump
             if kinds.get(parsers[(s, n)], "OTHER") != k]
    for s, n, k, p in wrong:
        log(f"  dump says `{s}.{n}={k}`, the table's parser `{p}` gives "
            f"`{kinds.get(p, 'OTHER')}`")
    if wrong:
        raise SystemExit(f"systemd {rel.major}: the dump's types disagree with the table's parsers")


def compare_with_host(rel, dump):
    """Logs whether the dump equals that of this machine's systemd of the same release."""
    host = Path("/lib/systemd/systemd")
    if not host.exists():
        return
    version = subprocess.run([str(host), "--version"], capture_output=True).stdout.decode()
    if version.startswith(f"systemd {rel.major} "):
        ours = subprocess.run([str(host), "--dump-configuration-items"], capture_output=True)
        same = ours.stdout.decode() == dump
        log(f"systemd {rel.major}: the dump {'equals' if same else 'DIFFERS FROM'} that of {host} "
            f"({version.splitlines()[0]})")


def check(rel, dump, rows):
    """The names the dump hides; fails when the dump and the table disagree otherwise."""
    dump_set = {(s, n) for s, n, _ in dump}
    table = {(r[0], r[1]): r for r in rows}
    if len(table) != len(rows):
        raise SystemExit(f"systemd {rel.major}: a name appears twice in the table")
    only_table = sorted(set(table) - dump_set, key=lambda k: rows.index(table[k]))
    only_dump = sorted(dump_set - set(table))
    legacy = [k for k in only_table if table[k][2] == "config_parse_warn_compat"
              and table[k][3] == "DISABLED_LEGACY"]
    other = [k for k in only_table if k not in legacy]
    log(f"systemd {rel.major}: {len(rows)} table rows, {len(dump)} dump items, "
        f"{len(legacy)} hidden DISABLED_LEGACY names, {len(other)} other table-only, "
        f"{len(only_dump)} dump-only")
    for k in other + only_dump:
        log(f"  difference: {k}")
    if other or only_dump:
        raise SystemExit(f"systemd {rel.major}: the dump and the table disagree")
    return legacy


def generate(per_release):
    versions = [rel.major for rel, *_ in per_release]

    # A row is (section, name, parser, ltype); its field and dump text are the newest release's.
    merged, details, changed = {}, {}, set()
    for i, (_, _, dump, rows) in enumerate(per_release):
        kinds = {(s, n): k for s, n, k in dump}
        for section, name, parser, ltype, fld in rows:
            key = (section, name, strip_parser(parser), ltype)
            detail = (fld, kinds.get((section, name), ""))
            if key in details and details[key] != detail:
                changed.add(key)
            merged[key] = merged.get(key, 0) | (1 << i)
            details[key] = detail
    if changed:
        log(f"{len(changed)} rows whose field or dump text changed between releases")

    newest_tree = per_release[-1][1]
    since_pages, value_pages = man_since(newest_tree)

    def since_of(section, name):
        for page in SECTION_PAGES.get(section, []):
            v = since_pages.get(page, {}).get(name)
            if v:
                return v
        return 0

    rows_out = sorted(((k + details[k], m, since_of(k[0], k[1])) for k, m in merged.items()),
                      key=lambda row: (row[0][0], row[0][1], row[1], row[0][2:]))

    # enum parsers and tables
    scanned = [scan_sources(tree) for _, tree, _, _ in per_release]
    enum_parsers, table_values, special, unmapped = map_enums(per_release, scanned)

    # value since
    value_since = set()
    newest_rows = per_release[-1][3]
    for section, name, *_ in newest_rows:
        for page in SECTION_PAGES.get(section, []):
            entries = value_pages.get(page, {}).get(name)
            if entries:
                for value, v in entries:
                    value_since.add((section, name, value, v))
                break

    value_since |= news_since(newest_tree, versions, rows_out, enum_parsers, table_values,
                              {(s, n, v) for s, n, v, _ in value_since})

    out = [HEADER, "\n", TYPES.format(versions=", ".join(map(str, versions)))]
    for (section, name, parser, ltype, fld, kind), mask, since in rows_out:
        out.append(
            f"    Row {{\n        section: {rust_str(section)},\n        name: {rust_str(name)},\n"
            f"        parser: {rust_str(parser)},\n        ltype: {rust_str(ltype)},\n"
            f"        field: {rust_str(fld)},\n        dump: {rust_str(kind)},\n"
            f"        mask: {mask:#04x},\n        since: {since},\n    }},\n")
    out.append(ENUM_TYPES)
    for table in sorted(table_values):
        vals = table_values[table]
        ordered = order_values(table, scanned)
        out.append(f"    EnumTable {{\n        name: {rust_str(table)},\n        values: &[\n")
        for v in ordered:
            out.append(f"            ({rust_str(v)}, {vals[v]:#04x}),\n")
        out.append("        ],\n    },\n")
    out.append(PARSER_TYPES)
    for (parser, table, wb), mask in sorted(enum_parsers.items()):
        out.append(f"    EnumParser {{\n        parser: {rust_str(parser)},\n"
                   f"        table: {rust_str(table)},\n        with_boolean: {str(wb).lower()},\n"
                   f"        mask: {mask:#04x},\n    }},\n")
    out.append(VALUE_TYPES)
    for section, name, value, v in sorted(value_since):
        out.append(f"    ({rust_str(section)}, {rust_str(name)}, {rust_str(value)}, {v}),\n")
    out.append("];\n")
    TABLE_RS.parent.mkdir(parents=True, exist_ok=True)
    TABLE_RS.write_text("".join(out))
    # rustfmt decides which arrays fit on one line; the file is checked in formatted.
    run(["rustfmt", "--edition", "2021", str(TABLE_RS)])
    log(f"wrote {TABLE_RS}: {len(rows_out)} rows, {len(table_values)} enum tables, "
        f"{len(enum_parsers)} enum parsers, {len(value_since)} value notes")
    return rows_out, changed, enum_parsers, table_values, special, unmapped, value_since


def news_since(tree, versions, rows_out, enum_parsers, table_values, known):
    """Release notes name when a value appeared ("Type=notify-reload" under "CHANGES WITH
    253"). For an enum value that a catalog release lacks, the oldest release whose notes
    mention `Name=value`, if it lies between the last release without it and the first with it."""
    news = (tree / "NEWS").read_text(errors="replace")
    sections = []
    for m in re.finditer(r"^CHANGES WITH (\d+)", news, re.M):
        sections.append((int(m.group(1)), m.start()))
    sections.sort(key=lambda x: x[1])
    def release_at(pos):
        found = None
        for v, start in sections:
            if start <= pos:
                found = v
        return found
    out = set()
    tables = {}
    for (parser, table, _wb), mask in enum_parsers.items():
        tables.setdefault(parser, []).append((table, mask))
    for (section, name, parser, *_), _mask, _since in rows_out:
        for table, pmask in tables.get(parser, []):
            for value, vmask in table_values.get(table, {}).items():
                vmask &= pmask
                if not vmask or vmask & 1 or (section, name, value) in known:
                    continue
                first = (vmask & -vmask).bit_length() - 1
                prev = versions[first - 1]
                # `Type=notify-reload`, or the value quoted near the setting's name in one
                # note: `The new value "disconnected" for the unit setting PrivateTmp=`.
                near = (rf'"{re.escape(value)}"[^*]{{0,80}}?\b{re.escape(name)}='
                        rf'|\b{re.escape(name)}=[^*]{{0,80}}?"{re.escape(value)}"')
                patterns = [re.escape(f"{name}={value}") + r"(?![\w-])", near]
                mentions = [release_at(m.start()) for pat in patterns
                            for m in re.finditer(pat, news)]
                good = sorted(v for v in mentions if v and prev < v <= versions[first])
                if good:
                    out.add((section, name, value, good[0]))
    return out


README = DATA / "README.md"
BEGIN = "<!-- generated by make-catalogs.py: begin -->\n"
END = "<!-- generated by make-catalogs.py: end -->\n"


def majors(mask, versions):
    return ", ".join(str(v) for i, v in enumerate(versions) if mask & (1 << i))


def write_readme(per_release, hidden, rows_out, changed, enum_parsers, table_values, special,
                 unmapped, value_since):
    versions = [rel.major for rel, *_ in per_release]
    md = ["## Releases\n\n",
          "| release | Debian version | suite | table rows | dump names | names the dump hides |\n",
          "| --- | --- | --- | --- | --- | --- |\n"]
    for (rel, _, dump, rows), legacy in zip(per_release, hidden):
        md.append(f"| {rel.major} | `{rel.version}` | {rel.suite} | {len(rows)} | {len(dump)} | "
                  f"{len(legacy)} |\n")
    md.append(f"\n`ROWS` in `table.rs`: {len(rows_out)} rows, one per (section, name, parser, "
              f"ltype); {len(changed)} of them have a field that moved between releases (the "
              "newest is kept; the `.table` files have each release's).\n\n")
    first, since = {}, {}
    for (section, name, *_), mask, version in rows_out:
        low = min(i for i in range(len(versions)) if mask & (1 << i))
        first[(section, name)] = min(first.get((section, name), low), low)
        since[(section, name)] = version
    later = sorted(k for k, i in first.items() if since[k] > versions[i])
    md.append("`since` later than the first catalog release that has the name: "
              + ", ".join(f"`{s}.{n}=` (man: {since[(s, n)]}, catalog: {versions[first[(s, n)]]})"
                          for s, n in later) + ".\n\n" if later else "")
    md.append("## Table and dump\n\n"
              "In every release the set of (section, name) pairs of the table equals the dump's, "
              "except for the `config_parse_warn_compat` / `DISABLED_LEGACY` entries, which "
              "`systemd --dump-configuration-items` hides on purpose (they are accepted with a "
              "warning and ignored):\n\n")
    for (rel, *_), legacy in zip(per_release, hidden):
        md.append(f"- {rel.major}: " + ", ".join(f"`{s}.{n}`" for s, n in legacy) + "\n")
    md.append("\n## Parsers\n\nEvery parser of the tables, with the number of (section, name) "
              "pairs that use it per release and in any release:\n\n")
    md.append("| parser | " + " | ".join(map(str, versions)) + " | any |\n")
    md.append("| --- |" + " --- |" * (len(versions) + 1) + "\n")
    counts = {}
    for i, (_, _, _, rows) in enumerate(per_release):
        for section, name, parser, *_ in rows:
            counts.setdefault(strip_parser(parser), [set() for _ in versions])[i].add(
                (section, name))
    for parser in sorted(counts):
        per = counts[parser]
        md.append(f"| `{parser}` | " + " | ".join(str(len(x)) if x else "" for x in per)
                  + f" | {len(set().union(*per))} |\n")
    md.append("\n## Enum parsers\n\nMapped to a string table (`ENUM_PARSERS`):\n\n"
              "| parser | table | booleans too | releases |\n| --- | --- | --- | --- |\n")
    for (parser, table, wb), mask in sorted(enum_parsers.items()):
        md.append(f"| `{parser}` | `{table}` | {'yes' if wb else ''} | "
                  f"{majors(mask, versions)} |\n")
    md.append("\nEnum-like, with their table in `ENUMS`, but not plain enums, so not in "
              "`ENUM_PARSERS`:\n\n| parser | table | releases | why |\n| --- | --- | --- | --- |\n")
    for (parser, table, reason), vs in sorted(special.items()):
        md.append(f"| `{parser}` | `{table}` | {', '.join(map(str, vs))} | {reason} |\n")
    if unmapped:
        md.append("\nDefined as enum parsers but not mapped:\n\n")
        for parser, whys in sorted(unmapped.items()):
            for why, vs in sorted(whys.items()):
                md.append(f"- `{parser}` ({', '.join(map(str, vs))}): {why}\n")
    md.append(f"\n`VALUE_SINCE`: {len(value_since)} entries, from "
              + ", ".join(sorted({f"`{n}={v}`" for _, n, v, _ in value_since})) + ".\n")
    text = README.read_text() if README.exists() else BEGIN + END
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(head + BEGIN + "\n" + "".join(md) + "\n" + END + tail)


def order_values(table, scanned):
    """The table's strings in the newest release's order, older-only strings after them."""
    seen = []
    for src in reversed(scanned):
        for v in src.tables.get(table, []):
            if v not in seen:
                seen.append(v)
    return seen


if __name__ == "__main__":
    main()
