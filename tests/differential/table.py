#!/usr/bin/env python3
"""Writes `parsers.tsv`: every (section, directive) of systemd's unit-file table with the
parser function systemd uses for it.

Renders `src/core/load-fragment-gperf.gperf.in` of a systemd source tree with jinja2 the way
its meson build does (`tools/meson-render-jinja2.py`), with the compile-time features of the
systemd installed here (`systemctl --version`), and adds the `[Install]` parsers of
`src/shared/install.c`, which the unit loader leaves to `systemctl enable`.

    python3 tests/differential/table.py /work/scratch/src/systemd-stable-252.39
"""

import pathlib
import re
import subprocess
import sys

import jinja2

FEATURES = {
    "HAVE_SECCOMP": "SECCOMP",
    "HAVE_PAM": "PAM",
    "HAVE_SELINUX": "SELINUX",
    "HAVE_APPARMOR": "APPARMOR",
    "ENABLE_SMACK": "SMACK",
}


def features():
    out = subprocess.run(["systemctl", "--version"], capture_output=True, text=True).stdout
    words = out.split()
    return {k: int("+" + v in words) for k, v in FEATURES.items()}


def main():
    src = pathlib.Path(sys.argv[1])
    text = (src / "src/core/load-fragment-gperf.gperf.in").read_text()
    rendered = jinja2.Template(text, trim_blocks=True, undefined=jinja2.StrictUndefined).render(
        features()
    )
    body = rendered.split("%%", 1)[1]
    rows = []
    for line in body.splitlines():
        m = re.match(r"^(\w+)\.(\w+),\s*(\w+),\s*([^,]+),", line)
        if not m:
            continue
        section, key, parser, ltype = m.groups()
        if parser == "NULL":
            continue
        rows.append((section, key, parser.removeprefix("config_parse_"), ltype.strip()))
    install = (src / "src/shared/install.c").read_text()
    for m in re.finditer(r'\{ "Install", "(\w+)",\s*config_parse_(\w+),', install):
        rows.append(("Install", m.group(1), m.group(2), "0"))
    out = pathlib.Path(__file__).with_name("parsers.tsv")
    with out.open("w") as f:
        f.write("# section\tdirective\tparser\tltype  (written by table.py from systemd's sources)\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} directives -> {out}")


if __name__ == "__main__":
    main()
