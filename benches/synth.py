#!/usr/bin/env python3
"""Writes a synthetic family of N daemons in the DSL, as a crate of its own.

    synth.py N OUTDIR

Each daemon has a service and three sockets from templates, like libvirt's modular daemons,
with extras that vary from daemon to daemon: snippets, dependencies on the previous daemon's
socket, conditions on the sockets, overrides and removals.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HEADER = """use unit_macros::systemd_unit;

systemd_unit! {
    options {
        sbindir: path = "/usr/sbin",
        runstatedir: path = "/run",
        initconfdir: path = "/etc/sysconfig",
        unitdir: path = "/usr/lib/systemd/system",
        sockmode: mode = "0666",
    }

    snippet limits {
        /// Room for many guests.
        LimitNOFILE = "1024:524288";
        TasksMax = 32768;
    }

    snippet memlock {
        LimitMEMLOCK = "64M";
    }

    template svc_service(name: text) -> "{daemon}.service" {
        [Unit]
        Description = "synthetic {name} daemon";
        Documentation = "man:{daemon}(8)";
        BindsTo = "{daemon}.socket";
        Wants = "{daemon}-ro.socket";
        Wants = "{daemon}-admin.socket";
        After = "{daemon}.socket";
        After = "{daemon}-ro.socket";
        After = "{daemon}-admin.socket";
        After = "network.target";
        [Service]
        Type = notify;
        Environment = "{daemon:upper}_ARGS=\\"--timeout 120\\"";
        EnvironmentFile = "-{initconfdir}/{daemon}";
        ExecStart = "{sbindir}/{daemon} ${daemon:upper}_ARGS";
        ExecReload = "/bin/kill -HUP $MAINPID";
        Restart = "on-failure";
        [Install]
        WantedBy = "multi-user.target";
        Also = "{daemon}.socket";
        Also = "{daemon}-ro.socket";
        Also = "{daemon}-admin.socket";
    }
"""

SOCKET = """
    template svc_socket{suffix_ident}(name: text) -> "{{daemon}}{suffix}.socket" {{
        [Unit]
        Description = "synthetic {{name}} daemon{what} socket";{binds}
        [Socket]
        ListenStream = "{{runstatedir}}/synthetic/{{daemon}}{path}";
        Service = "{{daemon}}.service";
        SocketMode = "{mode}";
        RemoveOnStop = yes;
        [Install]
        WantedBy = "sockets.target";{also}
    }}
"""


def sockets():
    out = []
    for suffix, what, path, mode, also in [
        ("", "", "-sock", "{sockmode}", ["-ro", "-admin"]),
        ("-ro", " read-only", "-sock-ro", "0666", ["", "-admin"]),
        ("-admin", " admin", "-admin-sock", "0600", ["", "-ro"]),
    ]:
        binds = (
            '\n        BindsTo = "{daemon}.socket";\n        After = "{daemon}.socket";' if suffix else ""
        )
        also_lines = "".join('\n        Also = "{daemon}%s.socket";' % a for a in also)
        out.append(
            SOCKET.format(
                suffix_ident=suffix.replace("-", "_"),
                suffix=suffix,
                what=what,
                binds=binds,
                path=path,
                mode=mode,
                also=also_lines,
            )
        )
    return "".join(out)


def daemon(i):
    name = "d%05d" % i
    service = []
    if i % 3 == 0:
        service += ["[Service]", "KillMode = process;", "use limits;"]
    if i % 4 == 0:
        service += ["[Service]", "use memlock;"]
    if i % 5 == 0:
        service += ["[Unit]", 'After = "remote-fs.target";', "remove After = \"network.target\";"]
    if i > 0 and i % 2 == 0:
        prev = "d%05d" % (i - 1)
        service += ["[Unit]", 'Wants = "%s.socket";' % prev, 'After = "%s.socket";' % prev]
    if i % 7 == 0:
        service += ["[Service]", 'override Restart = "always";']
    socket_extra = ""
    if i % 6 == 0:
        socket_extra = ' {\n            [Unit]\n            ConditionPathExists = "/dev/kvm";\n        }'
    body = "".join("\n            " + line for line in service)
    service_item = "svc_service {%s\n        }" % body if service else "svc_service;"
    end = "" if socket_extra else ";"
    return """
    daemon %s(name = "number %d") {
        %s
        svc_socket%s%s
        svc_socket_ro%s%s
        svc_socket_admin%s%s
    }
""" % (name, i, service_item, socket_extra, end, socket_extra, end, socket_extra, end)


def write(n, outdir):
    os.makedirs(os.path.join(outdir, "src"), exist_ok=True)
    cargo = """[package]
name = "synthetic"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
unit-run = {{ path = "{root}/unit-core/run" }}
unit-macros = {{ path = "{root}/unit-macros" }}

[workspace]
""".format(root=ROOT)
    text = HEADER + sockets() + "".join(daemon(i) for i in range(n)) + "}\n"
    for path, content in [("Cargo.toml", cargo), ("src/lib.rs", text)]:
        full = os.path.join(outdir, path)
        old = open(full).read() if os.path.exists(full) else None
        if old != content:
            with open(full, "w") as f:
                f.write(content)
    lock = os.path.join(ROOT, "Cargo.lock")
    if os.path.exists(lock) and not os.path.exists(os.path.join(outdir, "Cargo.lock")):
        with open(lock) as src, open(os.path.join(outdir, "Cargo.lock"), "w") as dst:
            dst.write(src.read())


if __name__ == "__main__":
    write(int(sys.argv[1]), sys.argv[2])
