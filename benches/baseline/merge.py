#!/usr/bin/env python3
"""The way libvirt builds its units: a template, per-section extra lines appended, then
@var@ substitution. Run once per unit: merge.py TEMPLATE EXTRA|- OUTPUT [VAR=VALUE ...]."""
import sys


def sections(text):
    out, current = {}, None
    for line in text.splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out.setdefault(current, [])
        elif line.strip() and current is not None:
            out[current].append(line)
    return out


def merge(template, extra):
    base, more = sections(template), sections(extra)
    names = list(base) + [n for n in more if n not in base]
    return "\n".join(
        "[%s]\n%s" % (n, "".join(l + "\n" for l in base.get(n, []) + more.get(n, []))) for n in names
    )


def substitute(text, variables):
    for key, value in variables.items():
        text = text.replace("@%s@" % key, value)
    return text


def main(argv):
    template_path, extra_path, output = argv[1:4]
    variables = dict(arg.split("=", 1) for arg in argv[4:])
    with open(template_path) as f:
        template = f.read()
    extra = ""
    if extra_path != "-":
        with open(extra_path) as f:
            extra = f.read()
    with open(output, "w") as f:
        f.write(substitute(merge(template, extra), variables))


if __name__ == "__main__":
    main(sys.argv)
