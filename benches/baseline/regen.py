#!/usr/bin/env python3
"""Regenerates the libvirt family's 67 units as libvirt's build does: one merge.py process per
unit, as many at once as there are cores. regen.py OUTDIR [--in-process ITERATIONS]."""
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
PATHS = {"runstatedir": "/run", "sbindir": "/usr/sbin", "initconfdir": "/etc/sysconfig", "sockmode": "0666"}
MODULAR = [
    ("virtqemud", "QEMU"), ("virtlxcd", "LXC"), ("virtchd", "Cloud Hypervisor"), ("virtxend", "Xen"),
    ("virtvboxd", "VirtualBox"), ("virtvzd", "vz"), ("virtnetworkd", "network"),
    ("virtstoraged", "storage"), ("virtnodedevd", "nodedev"), ("virtnwfilterd", "nwfilter"),
    ("virtsecretd", "secret"), ("virtinterfaced", "interface"), ("virtproxyd", "proxy"),
]


def jobs():
    """(output name, template, extra or None, variables) for every unit."""
    def t(name):
        return os.path.join(HERE, "templates", name)

    def x(name):
        path = os.path.join(HERE, "extra", name)
        return path if os.path.exists(path) else None

    out = []
    for svc, name in MODULAR:
        v = dict(PATHS, service=svc, SERVICE=svc.upper(), name=name,
                 sockprefix="libvirt" if svc == "virtproxyd" else svc)
        out.append((svc + ".service", t("virtd.service.in"), x(svc + ".service.extra.in"), v))
        suffixes = ["", "-ro", "-admin"] + (["-tcp", "-tls"] if svc == "virtproxyd" else [])
        for s in suffixes:
            out.append((svc + s + ".socket", t("virtd%s.socket.in" % s), x(svc + ".socket.extra.in"), v))
    legacy = dict(PATHS, service="libvirtd", SERVICE="LIBVIRTD", name="legacy monolithic", sockprefix="libvirt")
    out.append(("libvirtd.service", t("libvirtd.service.in"), None, legacy))
    for s in ["", "-ro", "-admin", "-tcp", "-tls"]:
        out.append(("libvirtd%s.socket" % s, t("libvirtd%s.socket.in" % s), None, legacy))
    for svc, name in [("virtlogd", "logging"), ("virtlockd", "locking")]:
        v = dict(PATHS, service=svc, SERVICE=svc.upper(), name=name)
        out.append((svc + ".service", t("helper.service.in"), None, v))
        out.append((svc + ".socket", t("helper.socket.in"), None, v))
        out.append((svc + "-admin.socket", t("helper-admin.socket.in"), None, v))
    out.append(("virt-guest-shutdown.target", t("virt-guest-shutdown.target.in"), None, dict(PATHS)))
    return out


def run_processes(outdir):
    os.makedirs(outdir, exist_ok=True)
    merge = os.path.join(HERE, "merge.py")

    def one(job):
        name, template, extra, variables = job
        args = [sys.executable, merge, template, extra or "-", os.path.join(outdir, name)]
        subprocess.run(args + ["%s=%s" % kv for kv in variables.items()], check=True)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(one, jobs()))


def run_in_process(iterations):
    """Merges every unit `iterations` times in this process; returns units per second."""
    sys.path.insert(0, HERE)
    import merge
    loaded = []
    for name, template, extra, variables in jobs():
        with open(template) as f:
            ttext = f.read()
        etext = ""
        if extra:
            with open(extra) as f:
                etext = f.read()
        loaded.append((ttext, etext, variables))
    start = time.perf_counter()
    for _ in range(iterations):
        for ttext, etext, variables in loaded:
            merge.substitute(merge.merge(ttext, etext), variables)
    return iterations * len(loaded) / (time.perf_counter() - start)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[2] == "--in-process":
        print("%.0f" % run_in_process(int(sys.argv[3])))
    else:
        run_processes(sys.argv[1])
