#!/usr/bin/env python3
"""Benchmark harness. Every comparison is measured side by side in one run, and reported as a
ratio, because absolute times on a shared machine drift.

    python3 benches/run.py [edit] [scale] [render] [timings] [--runs N] [--sizes 10,100,1000]

- edit:    change one directive of one daemon, then `cargo build -p daemons`, against the Python
           baseline regenerating all 67 units (one process per unit), alternating, medians
- scale:   synthetic families (benches/synth.py): cold (family crate from scratch, dependencies
           built) and warm (one daemon edited) builds, wall time and peak memory of the compiler
- render:  `unit-core` rendering throughput (benches in daemons/benches/render.rs) against the
           Python merge in one process over the same 67 units
- timings: `cargo build --timings` of the workspace from an empty target directory, by crate

Needs GNU time at /usr/bin/time for peak memory. Writes nothing outside target/.
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "target")
BASELINE = os.path.join(ROOT, "benches", "baseline", "regen.py")
PY = sys.executable


def run(args, cwd=ROOT, env=None, quiet=True):
    """Runs a command; returns (wall seconds, peak RSS in MiB of the process tree's largest)."""
    full_env = dict(os.environ, **(env or {}))
    timed = ["/usr/bin/time", "-f", "%e %M", "-o", os.path.join(TARGET, ".time")] + args
    start = time.perf_counter()
    result = subprocess.run(timed, cwd=cwd, env=full_env,
                            stdout=subprocess.DEVNULL if quiet else None,
                            stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(args), result.stderr[-3000:]))
    with open(os.path.join(TARGET, ".time")) as f:
        _, rss_kb = f.read().split()[-2:]
    return wall, int(rss_kb) / 1024


def copy_workspace(dest):
    def ignore(_, names):
        return [n for n in names if n in ("target", ".git", "fuzz", "units")]
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(ROOT, dest, ignore=ignore)


def bench_edit(runs):
    work = os.path.join(TARGET, "bench-edit")
    ws = os.path.join(work, "ws")
    copy_workspace(ws)
    env = {"CARGO_TARGET_DIR": os.path.join(work, "target")}
    run(["cargo", "build", "--offline", "-p", "daemons"], cwd=ws, env=env)
    family = os.path.join(ws, "daemons", "src", "family.rs")
    text = open(family).read()
    marker = 'daemon virtnetworkd(name = "network") {\n        virtd_service {\n            [Service]\n            KillMode = process;'
    if marker not in text:
        sys.exit("edit benchmark: the virtnetworkd definition changed; update the marker")
    cargo_times, python_times = [], []
    out = os.path.join(work, "python-units")
    for i in range(runs):
        mode = "mixed" if i % 2 == 0 else "process"
        with open(family, "w") as f:
            f.write(text.replace(marker, marker.replace("process;", mode + ";")))
        cargo_times.append(run(["cargo", "build", "--offline", "-p", "daemons"], cwd=ws, env=env)[0])
        python_times.append(run([PY, BASELINE, out])[0])
    built = os.path.join(work, "target", "debug", "build")
    dirs = [d for d in os.listdir(built) if d.startswith("daemons-")]
    found = [os.path.join(built, d, "out", "units", "virtnetworkd.service") for d in dirs]
    found = [p for p in found if os.path.exists(p)]
    newest = max(found, key=os.path.getmtime)
    last = "mixed" if (runs - 1) % 2 == 0 else "process"
    assert "KillMode=%s\n" % last in open(newest).read(), "the edit did not reach OUT_DIR"
    golden = os.path.join(ROOT, "tests", "golden")
    for name in sorted(os.listdir(golden)):
        ours = "".join(l for l in open(os.path.join(golden, name)) if not l.startswith("#")).lstrip("\n")
        if open(os.path.join(out, name)).read() != ours:
            sys.exit("the Python baseline's %s differs from tests/golden/%s" % (name, name))
    c, p = statistics.median(cargo_times), statistics.median(python_times)
    return [
        ("edit one directive, `cargo build -p daemons` (median of %d)" % runs, "%.2f s" % c),
        ("Python baseline, 67 processes (median of %d)" % runs, "%.2f s" % p),
        ("ratio Python / cargo (above 1: we are faster)", "%.2f" % (p / c)),
    ]


def bench_scale(runs, sizes):
    work = os.path.join(TARGET, "bench-synth")
    env = {"CARGO_TARGET_DIR": os.path.join(work, "target")}
    rows, cold = [], {}
    for n in sizes:
        crate = os.path.join(work, "n%d" % n)
        subprocess.run([PY, os.path.join(ROOT, "benches", "synth.py"), str(n), crate], check=True)
        run(["cargo", "build", "--offline"], cwd=crate, env=env)
        colds, warms, peaks = [], [], []
        lib = os.path.join(crate, "src", "lib.rs")
        source = open(lib).read()
        for i in range(runs):
            subprocess.run(["cargo", "clean", "--offline", "-p", "synthetic"], cwd=crate,
                           env=dict(os.environ, **env), check=True, capture_output=True)
            wall, rss = run(["cargo", "build", "--offline"], cwd=crate, env=env)
            colds.append(wall)
            peaks.append(rss)
            edited = source.replace('name = "number 1")', 'name = "number one %d")' % i, 1)
            with open(lib, "w") as f:
                f.write(edited)
            wall, rss = run(["cargo", "build", "--offline"], cwd=crate, env=env)
            warms.append(wall)
            peaks.append(rss)
        with open(lib, "w") as f:
            f.write(source)
        cold[n] = statistics.median(colds)
        rows.append(("%d daemons (%d units): cold / warm build, peak RSS" % (n, 4 * n),
                     "%.2f s / %.2f s, %.0f MiB" % (cold[n], statistics.median(warms), max(peaks))))
    if 100 in cold and 1000 in cold:
        rows.append(("cold build ratio 1000 / 100 daemons (target at most 12)", "%.2f" % (cold[1000] / cold[100])))
    return rows


def bench_render(runs):
    rust, python = [], []
    subprocess.run(["cargo", "bench", "--offline", "-p", "daemons", "--bench", "render", "--no-run"],
                   cwd=ROOT, check=True, capture_output=True)
    for _ in range(runs):
        out = subprocess.run(["cargo", "bench", "--offline", "-q", "-p", "daemons", "--bench", "render", "--", "2"],
                             cwd=ROOT, check=True, capture_output=True, text=True).stdout
        rates = dict(line.split() for line in out.strip().splitlines())
        rust.append((float(rates["pipeline"]), float(rates["render"])))
        python.append(float(subprocess.run([PY, BASELINE, "-", "--in-process", "3000"],
                                           check=True, capture_output=True, text=True).stdout))
    p = statistics.median(python)
    pipeline = statistics.median(r[0] for r in rust)
    render = statistics.median(r[1] for r in rust)
    return [
        ("Python merge in one process (units/s, median of %d)" % runs, "%.0f" % p),
        ("unit-core `render` (units/s)", "%.0f" % render),
        ("ratio render / Python (target at least 50)", "%.1f" % (render / p)),
        ("`Family::render`: options, full validation, render (units/s)", "%.0f" % pipeline),
        ("ratio Family::render / Python", "%.1f" % (pipeline / p)),
    ]


def bench_timings():
    target = os.path.join(TARGET, "bench-timings")
    if os.path.exists(target):
        shutil.rmtree(target)
    env = {"CARGO_TARGET_DIR": target}
    wall, rss = run(["cargo", "build", "--offline", "-p", "daemons", "--timings"], env=env)
    html = os.path.join(target, "cargo-timings", "cargo-timing.html")
    text = open(html).read()
    match = re.search(r"const UNIT_DATA = (\[.*?\]);\n", text, re.S)
    units = json.loads(match.group(1))
    by_crate = {}
    for u in units:
        by_crate[u["name"]] = by_crate.get(u["name"], 0.0) + u["duration"]
    rows = [("cold `cargo build -p daemons`, empty target directory", "%.1f s wall, %.0f MiB peak" % (wall, rss))]
    for name in sorted(by_crate, key=by_crate.get, reverse=True):
        rows.append(("  %s (compile time, all its units)" % name, "%.2f s" % by_crate[name]))
    base = sum(by_crate.get(n, 0) for n in ("syn", "quote", "proc-macro2", "unicode-ident"))
    ours = sum(by_crate.get(n, 0) for n in ("unit-core", "unit-macros", "strsim"))
    rows.append(("syn + quote + proc-macro2 + unicode-ident", "%.2f s" % base))
    rows.append(("unit-core + unit-macros (+ strsim) beyond that", "%.2f s (%.0f%% of the former)" % (ours, 100 * ours / base)))
    return rows


def main(argv):
    runs, sizes, what = 5, [10, 100, 1000], []
    args = iter(argv)
    for a in args:
        if a == "--runs":
            runs = int(next(args))
        elif a == "--sizes":
            sizes = [int(s) for s in next(args).split(",")]
        else:
            what.append(a)
    what = what or ["edit", "scale", "render", "timings"]
    os.makedirs(TARGET, exist_ok=True)
    rows = [("machine", "%d cores, %s" % (os.cpu_count(), subprocess.run(["uname", "-srm"], capture_output=True, text=True).stdout.strip()))]
    for name in what:
        rows += {"edit": lambda: bench_edit(runs), "scale": lambda: bench_scale(max(1, runs // 2), sizes),
                 "render": lambda: bench_render(runs), "timings": bench_timings}[name]()
    table = "| measurement | figure |\n| --- | --- |\n" + "".join("| %s | %s |\n" % r for r in rows)
    print(table)
    with open(os.path.join(TARGET, "bench-results.md"), "w") as f:
        f.write(table)


if __name__ == "__main__":
    main(sys.argv[1:])
