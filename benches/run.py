#!/usr/bin/env python3
"""Benchmark harness. Every comparison is measured side by side in one run, in pairs that
alternate the two sides, and reported as a ratio per pair (min / median / max), because absolute
times on a shared machine drift.

    python3 benches/run.py [cold] [macro] [edit] [render] [scale] [timings] [adopt] [code] [--runs N] [--sizes 10,100,1000]

- cold:    `cargo build -p daemons` into an empty target directory, against the floor: a crate
           whose procedural macro uses syn + quote + proc-macro2 with the same features
- macro:   `cargo build -p unit-macros` (what the macro needs) into an empty target directory,
           against the same floor
- edit:    change one directive of one daemon, then `cargo build -p daemons`, against the floor:
           a crate of the same shape (build script, library, binary) holding the 67 finished
           unit texts and writing them, with one text edited; and against the Python baseline
           regenerating all 67 units (one process per unit)
- render:  `unit_core::render_into` throughput (daemons/benches/render.rs) against the Python
           merge in one process over the same 67 units
- scale:   synthetic families (benches/synth.py): cold (family crate from scratch, dependencies
           built) and warm (one daemon edited) builds, wall time and peak memory of the compiler
- timings: `cargo build --timings` of the workspace from an empty target directory, by crate
- adopt:   the README's two forms of an adopter's project (five lines of glue, or `build.rs`),
           built from its code blocks: edit one directive then `cargo run -- render`, and a cold
           `cargo build`, the `build.rs` form against the five-line form
- code:    how much code the libraries make rustc generate in the dev profile: the functions each
           library instantiates (`-Zprint-mono-items`, through `RUSTC_BOOTSTRAP=1` on the stable
           compiler), and the `.text` of `daemons`' build script and binary, which every edit
           relinks: counts, free of timing noise, to follow between changes

With no measurement named, runs cold, macro, edit, render and scale (adopt on request). Needs GNU time at /usr/bin/time for
peak memory. Writes nothing outside target/.
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


def spread(values, fmt="%.2f"):
    """min / median / max of `values`, formatted."""
    return " / ".join(fmt % v for v in (min(values), statistics.median(values), max(values)))


def workspace_profile():
    """The workspace's `[profile.dev]` and `[profile.dev.package."*"]` sections: the dev
    profile the floors build with (the overrides for the project's own packages left out)."""
    keep, out = False, []
    for line in open(os.path.join(ROOT, "Cargo.toml")).read().splitlines():
        if line.startswith("["):
            keep = line in ("[profile.dev]", '[profile.dev.package."*"]')
            if keep:
                out.append("")
        if keep and line.strip() and not line.startswith("#"):
            out.append(line)
    if not out:
        sys.exit("floors: the workspace's Cargo.toml has no [profile.dev]")
    return "\n".join(out) + "\n"


PROFILE = workspace_profile()


def write_tree(dest, files):
    """Writes `files` (relative path: text) into `dest`, emptied first."""
    if os.path.exists(dest):
        shutil.rmtree(dest)
    for name, text in files.items():
        path = os.path.join(dest, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def floor_cold_crate(dest):
    """A workspace whose procedural macro uses syn, quote and proc-macro2 with the features
    `unit-macros` uses (read from the workspace's Cargo.toml), and a binary using the macro."""
    manifest = open(os.path.join(ROOT, "Cargo.toml")).read()
    deps = [line for line in manifest.splitlines()
            if re.match(r"(syn|quote|proc-macro2) = ", line)]
    if len(deps) != 3:
        sys.exit("cold floor: syn, quote and proc-macro2 must be in [workspace.dependencies]")
    files = {
        "Cargo.toml": '[workspace]\nresolver = "2"\nmembers = ["macro", "user"]\n\n'
                      "[workspace.dependencies]\n" + "\n".join(deps) + "\n" + PROFILE,
        "macro/Cargo.toml": '[package]\nname = "floor-macro"\nversion = "0.1.0"\nedition = "2021"\n\n'
                            "[lib]\nproc-macro = true\n\n[dependencies]\n"
                            "syn.workspace = true\nquote.workspace = true\nproc-macro2.workspace = true\n",
        "macro/src/lib.rs": "#[proc_macro]\npub fn text(input: proc_macro::TokenStream) -> proc_macro::TokenStream {\n"
                            "    let lit = syn::parse_macro_input!(input as syn::LitStr);\n"
                            "    let text = proc_macro2::Literal::string(&lit.value());\n"
                            "    quote::quote!(pub const TEXT: &str = #text;).into()\n}\n",
        "user/Cargo.toml": '[package]\nname = "floor-user"\nversion = "0.1.0"\nedition = "2021"\n\n'
                           '[dependencies]\nfloor-macro = { path = "../macro" }\n',
        "user/src/main.rs": 'floor_macro::text!("[Unit]\\n");\nfn main() {\n    print!("{TEXT}");\n}\n',
    }
    write_tree(dest, files)
    shutil.copy(os.path.join(ROOT, "Cargo.lock"), dest)


def floor_texts_crate(dest):
    """A crate of the daemons crate's shape (build script, library, binary) that holds the 67
    finished unit texts (tests/golden) and writes them: the build script into OUT_DIR/units,
    the binary into the directory it is given."""
    golden = os.path.join(ROOT, "tests", "golden")
    units = "pub const UNITS: &[(&str, &str)] = &[\n" + "".join(
        "    (%s, %s),\n" % (json.dumps(n), json.dumps(open(os.path.join(golden, n)).read()))
        for n in sorted(os.listdir(golden))) + "];\n"
    write = ("pub fn write(dir: &std::path::Path) -> std::io::Result<()> {\n"
             "    std::fs::create_dir_all(dir)?;\n"
             "    for (name, text) in UNITS {\n"
             "        std::fs::write(dir.join(name), text)?;\n    }\n    Ok(())\n}\n")
    files = {
        "Cargo.toml": '[package]\nname = "floor-texts"\nversion = "0.1.0"\nedition = "2021"\n'
                      'build = "build.rs"\n\n[workspace]\n' + PROFILE,
        "src/units.rs": units + write,
        "src/lib.rs": "mod units;\npub use units::{write, UNITS};\n",
        "src/main.rs": "fn main() -> std::io::Result<()> {\n"
                       "    let dir = std::env::args().nth(1).unwrap_or_else(|| \"units\".into());\n"
                       "    floor_texts::write(std::path::Path::new(&dir))\n}\n",
        "build.rs": '#[path = "src/units.rs"]\nmod units;\n\nfn main() -> std::io::Result<()> {\n'
                    '    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");\n'
                    '    units::write(&std::path::Path::new(&out).join("units"))\n}\n',
    }
    write_tree(dest, files)


def bench_cold(runs):
    work = os.path.join(TARGET, "bench-cold")
    floor = os.path.join(work, "floor")
    floor_cold_crate(floor)
    ours_target, floor_target = os.path.join(work, "target"), os.path.join(floor, "target")
    run(["cargo", "fetch", "--offline"], cwd=floor)
    ours, theirs, peaks = [], [], []
    for _ in range(runs):
        for target in (ours_target, floor_target):
            if os.path.exists(target):
                shutil.rmtree(target)
        wall, rss = run(["cargo", "build", "--offline", "-p", "daemons"], env={"CARGO_TARGET_DIR": ours_target})
        ours.append(wall)
        peaks.append(rss)
        theirs.append(run(["cargo", "build", "--offline"], cwd=floor, env={"CARGO_TARGET_DIR": floor_target})[0])
    ratios = [a / b for a, b in zip(ours, theirs)]
    return [
        ("cold `cargo build -p daemons`, empty target directory (s, min / median / max of %d)" % runs, spread(ours)),
        ("floor: syn + quote + proc-macro2 macro crate and its user, cold (s)", spread(theirs)),
        ("**ratio cold build / floor** (target at most 2.0), per pair", "**%s**" % spread(ratios)),
        ("peak memory of the cold build (largest process)", "%.0f MiB" % max(peaks)),
    ]


def bench_macro(runs):
    """What the macro needs, cold: `cargo build -p unit-macros` (the proc macro and every crate
    it depends on) into an empty target directory, against the same floor as `cold`."""
    work = os.path.join(TARGET, "bench-macro")
    floor = os.path.join(work, "floor")
    floor_cold_crate(floor)
    ours_target, floor_target = os.path.join(work, "target"), os.path.join(floor, "target")
    run(["cargo", "fetch", "--offline"], cwd=floor)
    ours, theirs = [], []
    for i in range(runs):
        for target in (ours_target, floor_target):
            if os.path.exists(target):
                shutil.rmtree(target)
        # Alternate which side goes first, so that neither always follows the other.
        sides = [("ours", ours_target), ("floor", floor_target)]
        for side, target in sides if i % 2 == 0 else reversed(sides):
            if side == "ours":
                ours.append(run(["cargo", "build", "--offline", "-p", "unit-macros"],
                                env={"CARGO_TARGET_DIR": target})[0])
            else:
                theirs.append(run(["cargo", "build", "--offline"], cwd=floor,
                                  env={"CARGO_TARGET_DIR": target})[0])
    ratios = [a / b for a, b in zip(ours, theirs)]
    return [
        ("cold `cargo build -p unit-macros` (what the macro needs), empty target directory (s, min / median / max of %d)" % runs, spread(ours)),
        ("floor: syn + quote + proc-macro2 macro crate and its user, cold (s)", spread(theirs)),
        ("**ratio what the macro needs / floor** (target at most 2.3), per pair", "**%s**" % spread(ratios)),
    ]


def bench_edit(runs):
    work = os.path.join(TARGET, "bench-edit")
    ws = os.path.join(work, "ws")
    copy_workspace(ws)
    env = {"CARGO_TARGET_DIR": os.path.join(work, "target")}
    run(["cargo", "build", "--offline", "-p", "daemons"], cwd=ws, env=env)
    floor = os.path.join(work, "floor")
    floor_texts_crate(floor)
    run(["cargo", "build", "--offline"], cwd=floor)
    family = os.path.join(ws, "daemons", "src", "family.rs")
    text = open(family).read()
    marker = 'daemon virtnetworkd(name = "network") {\n        virtd_service {\n            [Service]\n            KillMode = process;'
    if marker not in text:
        sys.exit("edit benchmark: the virtnetworkd definition changed; update the marker")
    units = os.path.join(floor, "src", "units.rs")
    floor_text = open(units).read()
    floor_marker = "KillMode=process\\n"
    if floor_marker not in floor_text:
        sys.exit("edit benchmark: the floor's units hold no `KillMode=process`")
    cargo_times, floor_times, python_times = [], [], []
    out = os.path.join(work, "python-units")
    for i in range(runs):
        mode = "mixed" if i % 2 == 0 else "process"
        with open(family, "w") as f:
            f.write(text.replace(marker, marker.replace("process;", mode + ";")))
        cargo_times.append(run(["cargo", "build", "--offline", "-p", "daemons"], cwd=ws, env=env)[0])
        with open(units, "w") as f:
            f.write(floor_text.replace(floor_marker, "KillMode=%s\\n" % mode, 1))
        floor_times.append(run(["cargo", "build", "--offline"], cwd=floor)[0])
        python_times.append(run([PY, BASELINE, out])[0])
    last = "mixed" if (runs - 1) % 2 == 0 else "process"
    for target in (os.path.join(work, "target"), os.path.join(floor, "target")):
        built = os.path.join(target, "debug", "build")
        found = [os.path.join(built, d, "out", "units") for d in os.listdir(built)]
        found = [p for p in found if os.path.isdir(p)]
        newest = max(found, key=os.path.getmtime)
        texts = "".join(open(os.path.join(newest, n)).read() for n in os.listdir(newest))
        assert "KillMode=%s\n" % last in texts, "the edit did not reach OUT_DIR in %s" % target
        assert len(os.listdir(newest)) >= 67, "fewer than 67 units in %s" % newest
    golden = os.path.join(ROOT, "tests", "golden")
    for name in sorted(os.listdir(golden)):
        ours = "".join(l for l in open(os.path.join(golden, name)) if not l.startswith("#")).lstrip("\n")
        if open(os.path.join(out, name)).read() != ours:
            sys.exit("the Python baseline's %s differs from tests/golden/%s" % (name, name))
    ratios = [a / b for a, b in zip(cargo_times, floor_times)]
    speedups = [p / c for p, c in zip(python_times, cargo_times)]
    return [
        ("edit one directive, `cargo build -p daemons` (s, min / median / max of %d)" % runs, spread(cargo_times)),
        ("floor: edit one of 67 finished texts in a crate that writes them (s)", spread(floor_times)),
        ("**ratio edit-to-units / floor** (target at most 1.3), per pair", "**%s**" % spread(ratios)),
        ("Python baseline regenerating the 67 units, 67 processes (s)", spread(python_times)),
        ("Python baseline / ours (above 1: we are faster), per pair", spread(speedups)),
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
    render = [r[1] for r in rust]
    pipeline = [r[0] for r in rust]
    return [
        ("Python merge in one process (units/s, min / median / max of %d)" % runs, spread(python, "%.0f")),
        ("`unit_core::render_into` (units/s)", spread(render, "%.0f")),
        ("**ratio render / Python** (target at least 60), per pair",
         "**%s**" % spread([r / p for r, p in zip(render, python)], "%.1f")),
        ("`Family::render`: options, full validation, render (units/s)", spread(pipeline, "%.0f")),
        ("ratio `Family::render` / Python, per pair", spread([r / p for r, p in zip(pipeline, python)], "%.1f")),
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
    ours = sum(by_crate.get(n, 0) for n in ("unit-core", "unit-macros-core", "unit-macros"))
    rows.append(("syn + quote + proc-macro2 + unicode-ident", "%.2f s" % base))
    rows.append(("unit-core + unit-macros(-core) beyond that", "%.2f s (%.0f%% of the former)" % (ours, 100 * ours / base)))
    return rows


def bench_code():
    """Functions each library instantiates, and the code the edit loop links."""
    target = os.path.join(TARGET, "bench-code")
    env = dict(os.environ, CARGO_TARGET_DIR=target, RUSTC_BOOTSTRAP="1")
    rows = []
    for crate, extra in (("unit-core", []), ("unit-run", ["--features", "cli"]), ("unit-macros-core", [])):
        # Without its fingerprint, cargo compiles the library again, printing the items.
        prints = os.path.join(target, "debug", ".fingerprint")
        for d in os.listdir(prints) if os.path.isdir(prints) else []:
            if d.startswith(crate + "-"):
                shutil.rmtree(os.path.join(prints, d))
        out = subprocess.run(["cargo", "rustc", "--offline", "-q", "-p", crate, "--lib"] + extra
                             + ["--", "-Zprint-mono-items=yes"],
                             cwd=ROOT, env=env, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit("code: `cargo rustc -p %s` failed:\n%s" % (crate, out.stderr[-2000:]))
        items = sum(1 for line in out.stdout.splitlines() if line.startswith("MONO_ITEM fn "))
        rows.append(("`%s`: functions generated (mono items)" % crate, "%d" % items))
    run(["cargo", "build", "--offline", "-p", "daemons"], env={"CARGO_TARGET_DIR": target})
    built = os.path.join(target, "debug", "build")
    script = max((os.path.join(built, d, "build-script-build") for d in os.listdir(built)
                  if d.startswith("daemons-") and os.path.exists(os.path.join(built, d, "build-script-build"))),
                 key=os.path.getmtime)
    for what, path in (("build script", script), ("binary", os.path.join(target, "debug", "daemons"))):
        sizes = subprocess.run(["size", "-A", path], capture_output=True, text=True, check=True).stdout
        text = next(int(l.split()[1]) for l in sizes.splitlines() if l.startswith(".text "))
        rows.append(("`daemons` %s: `.text`, file" % what, "%.0f KiB, %.1f MiB" % (text / 1024, os.path.getsize(path) / 2**20)))
    return rows


def guide_project(dest, build_rs):
    """The README guide's project in `dest/myapp`, beside a `units` link to this repository:
    the five-line form, or with `build_rs` the blocks marked `(build.rs form)` applied."""
    readme = open(os.path.join(ROOT, "README.md")).read()
    section = readme[readme.index("## Use it in your project"):]
    section = section[:section.index("\n## ", 3)]
    files = {}
    for info, body in re.findall(r"```\w+ ([^\n]+)\n(.*?)\n```", section, re.S):
        path, _, form = info.partition(" (")
        body += "\n"
        if not form:
            files[path] = body
        elif build_rs:
            files[path] = files[path] + "\n" + body if path == "Cargo.toml" else body
    # Under this repository's target/: a workspace of its own, as it is beside the checkout.
    files["Cargo.toml"] += "\n[workspace]\n"
    write_tree(os.path.join(dest, "myapp"), files)
    if not os.path.exists(os.path.join(dest, "units")):
        os.symlink(ROOT, os.path.join(dest, "units"))
    return os.path.join(dest, "myapp")


def bench_adopt(runs):
    work = os.path.join(TARGET, "bench-adopt")
    projects = [guide_project(os.path.join(work, f), f == "build-rs") for f in ("build-rs", "five")]
    render = ["cargo", "run", "-q", "--offline", "--", "render", "--out", "units"]
    edits = {p: [] for p in projects}
    colds = {p: [] for p in projects}
    for p in projects:
        run(render, cwd=p)
    for i in range(runs):
        for p in projects:
            family = os.path.join(p, "src", "family.rs")
            text = open(family).read()
            text = re.sub(r'Description = "My application[^"]*"', 'Description = "My application %d"' % i, text)
            with open(family, "w") as f:
                f.write(text)
            edits[p].append(run(render, cwd=p)[0])
            if "My application %d" % i not in open(os.path.join(p, "units", "myapp.service")).read():
                sys.exit("adopt benchmark: the edit did not reach the units of %s" % p)
    for _ in range(runs):
        for p in projects:
            shutil.rmtree(os.path.join(p, "target"), ignore_errors=True)
            colds[p].append(run(["cargo", "build", "--offline"], cwd=p)[0])
    build_rs, five = projects
    return [
        ("five-line form: edit one directive, `cargo run -- render` (s, min / median / max of %d)" % runs, spread(edits[five])),
        ("`build.rs` form: the same (s)", spread(edits[build_rs])),
        ("**ratio edit-to-units `build.rs` / five-line**, per pair", "**%s**" % spread([a / b for a, b in zip(edits[build_rs], edits[five])])),
        ("five-line form: cold `cargo build`, empty target directory (s)", spread(colds[five])),
        ("`build.rs` form: the same (s)", spread(colds[build_rs])),
        ("**ratio cold build `build.rs` / five-line**, per pair", "**%s**" % spread([a / b for a, b in zip(colds[build_rs], colds[five])])),
    ]


def main(argv):
    runs, sizes, what = 7, [10, 100, 1000], []
    args = iter(argv)
    for a in args:
        if a == "--runs":
            runs = int(next(args))
        elif a == "--sizes":
            sizes = [int(s) for s in next(args).split(",")]
        else:
            what.append(a)
    what = what or ["cold", "macro", "edit", "render", "scale"]
    os.makedirs(TARGET, exist_ok=True)
    rows = [("machine", "%d cores, %s" % (os.cpu_count(), subprocess.run(["uname", "-srm"], capture_output=True, text=True).stdout.strip()))]
    for name in what:
        rows += {"cold": lambda: bench_cold(runs), "macro": lambda: bench_macro(runs), "edit": lambda: bench_edit(runs), "scale": lambda: bench_scale(max(1, runs // 2), sizes),
                 "render": lambda: bench_render(runs), "timings": bench_timings, "adopt": lambda: bench_adopt(runs),
                 "code": bench_code}[name]()
    table = "| measurement | figure |\n| --- | --- |\n" + "".join("| %s | %s |\n" % r for r in rows)
    print(table)
    with open(os.path.join(TARGET, "bench-results.md"), "w") as f:
        f.write(table)


if __name__ == "__main__":
    main(sys.argv[1:])
