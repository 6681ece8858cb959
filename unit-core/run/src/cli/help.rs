//! Help texts, written from the family: its units, drop-ins and build options.

use std::fmt::Write as _;

use super::args::Command;
use super::Cli;
use unit_core::UnitKind;

fn summary(c: Command) -> (&'static str, &'static str) {
    match c {
        Command::List => (
            "list",
            "every unit with its daemon and kind, then the drop-ins",
        ),
        Command::Show => (
            "show UNIT",
            "one rendered unit (or `UNIT.d/FILE.conf` drop-in) on stdout",
        ),
        Command::Render => (
            "render --out DIR",
            "every unit file, flat, and the drop-ins into DIR",
        ),
        Command::Install => (
            "install [--destdir DIR] [--dry-run]",
            "units, drop-ins and preset into the system, or under DIR for packaging",
        ),
        Command::Uninstall => (
            "uninstall [--destdir DIR] [--dry-run]",
            "remove what `install` put there, and only that",
        ),
        Command::Verify => (
            "verify [--skip-if-missing]",
            "check every unit with `systemd-analyze verify`",
        ),
        Command::Graph => (
            "graph [--format dot|svg] [UNIT...]",
            "the dependency and ordering graph, as Graphviz DOT or SVG",
        ),
        Command::Check => (
            "check [PATH...]",
            "check the units as `render` would, or unit files on disk",
        ),
        Command::Package => (
            "package --format sysext|deb --out DIR",
            "a system extension tree and image, or a Debian package",
        ),
        Command::Security => (
            "security [UNIT...] [--file]",
            "the exposure `systemd-analyze security` gives each service",
        ),
        Command::Help => ("help [COMMAND]", "this help, or a command's"),
        Command::Version => ("--version", "the program's version"),
    }
}

fn details(c: Command) -> &'static [(&'static str, &'static str)] {
    match c {
        Command::Render => &[
            (
                "--out DIR",
                "the directory to write into, created if missing",
            ),
            MESSAGE_FORMAT,
        ],
        Command::Install => &[
            (
                "--destdir DIR",
                "staging directory prefixed to every path, as `make install DESTDIR=`",
            ),
            (
                "--dry-run",
                "say what would be written and removed, change nothing",
            ),
        ],
        Command::Uninstall => &[
            (
                "--destdir DIR",
                "the directory `install --destdir` installed into",
            ),
            ("--dry-run", "say what would be removed, change nothing"),
        ],
        Command::Verify => &[
            (
                "--skip-if-missing",
                "succeed with a note on stderr when `systemd-analyze` is not installed",
            ),
            MESSAGE_FORMAT,
        ],
        Command::Check => &[MESSAGE_FORMAT],
        Command::Package => super::package::DETAILS,
        Command::Graph => &[(
            "--format dot|svg",
            "DOT (the default), or SVG drawn by Graphviz's `dot`",
        )],
        Command::Security => &[
            (
                "--file",
                "take the arguments as unit files (with `NAME.d/*.conf`)",
            ),
            (
                "--threshold N",
                "fail when an exposure is above N/10 (0 to 100)",
            ),
            (
                "--security-policy FILE",
                "custom weights, as systemd's JSON policy",
            ),
            (
                "--release N",
                "score as systemd N does (default: the oldest targeted)",
            ),
            (
                "--message-format json",
                "one JSON record per check and unit",
            ),
        ],
        _ => &[],
    }
}

const MESSAGE_FORMAT: (&str, &str) = (
    "--message-format FMT",
    "`human` (the default), or `json`: one JSON object per finding and line",
);

fn about(c: Command) -> &'static str {
    match c {
        Command::Install => "Installs every unit into `unitdir`, drop-ins into `UNIT.d/`, and the preset into the preset directory, each file replaced atomically. The files installed are recorded, with a hash of their content, in `/var/lib/unit-core/<family>/installed-files`, whatever the build options; a later install removes a file it no longer renders only if that file is unchanged, and never replaces a file it did not install.",
        Command::Uninstall => "Removes every file the family's record (`/var/lib/unit-core/<family>/installed-files`) lists that still has the content it was installed with, then the record, then the directories the installs made that are left empty. A file changed since it was installed is kept and reported; a file the family did not install is never touched, so other families in the same tree stay as they are.",
        Command::Verify => "Renders into a temporary root where every program the units start exists at its own path, and runs `systemd-analyze verify` on every unit and drop-in there. Fails when `systemd-analyze` reports anything about them, or is not installed.",
        Command::Check => "Without paths, checks every unit and drop-in of the family with the build options given, as `render` does, without writing anything. With paths (unit files, drop-ins, or directories read as one directory of systemd's search path), checks those files as systemd loads them. Each problem is one line with its file, line and column; the exit status is 1 when there is any.",
        Command::Package => super::package::ABOUT,
        Command::Graph => "With units named, only the edges that touch them. Each edge reads forwards, from its tail to its head: `a.service -> b.service [label=After]` says `a.service` starts after `b.service`, as `systemd-analyze dot` draws it. Edges: `Requires=`/`BindsTo=` bold, `Wants=` plain, orderings dashed and pointing at the unit started first (a `Before=` is drawn as the `After=` it means for the other unit), activation by a socket, timer, path or automount dotted blue, `Slice=` and `RequiresMountsFor=` gray (to the slice and to the mount unit of the path), `Conflicts=` red with no arrowhead. A drop-in is a note attached to the unit it extends, and the edges it adds name its file.",
        Command::Security => "Scores the units as `systemd-analyze security --offline=yes` of the chosen release does: with UNITs, its table for each; without, an overview of every service. The units are rendered with the build options given, and their drop-ins applied; with `--file`, the arguments are unit files, and the drop-ins in `NAME.d/` beside them are applied.",
        _ => "",
    }
}

fn example(cli: &Cli, c: Command) -> Option<String> {
    let f = cli.family();
    let p = cli.program();
    let first_of = |k: UnitKind| f.units.iter().find(|u| u.kind() == Some(k)).map(|u| u.name);
    let unit = first_of(UnitKind::Service).or_else(|| f.units.first().map(|u| u.name));
    let option = f.options.iter().find(|o| !f.dirs.contains(o.name));
    Some(match c {
        Command::Show => format!("{p} show {}", unit?),
        Command::Render => match option {
            Some(o) => format!("{p} render --out units --{} {}", o.name, o.default),
            None => format!("{p} render --out units"),
        },
        Command::Install => format!("{p} install --destdir pkg --dry-run"),
        Command::Uninstall => format!("{p} uninstall --destdir pkg"),
        Command::Verify => format!("{p} verify"),
        Command::Graph => format!("{p} graph | dot -Tsvg > {}.svg", f.name),
        Command::Check => format!("{p} check --message-format json /etc/systemd/system"),
        Command::Package => {
            format!("{p} package --format deb --out dist --maintainer \"NAME <EMAIL>\"")
        }
        Command::Security => format!("{p} security {} --threshold 80", unit?),
        _ => return None,
    })
}

fn build_options(cli: &Cli, s: &mut String) {
    let f = cli.family();
    if f.options.is_empty() {
        return;
    }
    s.push_str("\nbuild options:\n");
    for o in f.options {
        let kind = match o.kind {
            unit_core::value::ValueKind::Path => "PATH",
            unit_core::value::ValueKind::Mode => "MODE",
            _ => "TEXT",
        };
        let flag = format!("--{} {kind}", o.name);
        let doc = o.doc.lines().next().unwrap_or("").trim_end_matches('.');
        let _ = writeln!(s, "  {flag:<26}{doc} (default `{}`)", o.default);
    }
}

/// `import`'s line in the general help.
pub(crate) const IMPORT_SYNOPSIS: &str = "import [--factor] [--out FILE] PATH...";
/// What `import` does, in a few words.
pub(crate) const IMPORT_WHAT: &str = "existing unit files as a `systemd_unit!` family";

/// `import --help`.
pub(crate) fn import_text(cli: &Cli) -> String {
    let p = cli.program();
    format!(
        "{p} import: {IMPORT_WHAT}\n\nusage: {p} {IMPORT_SYNOPSIS}\n\n\
         Reads unit files, directories of them and their `NAME.d/*.conf` drop-ins, and writes the\n\
         equivalent family as Rust source (to stdout, or `--out FILE`). Units each package\n\
         provides are declared `extern` with a reason to fill in. With `--factor`, units that\n\
         differ only by a name become one template with daemons and their extras.\n\n\
         example:\n  {p} import --factor /usr/lib/systemd/system/foo*.service > src/family.rs\n"
    )
}

/// The help text: general when `topic` is `None`, else the command's.
pub(crate) fn text(cli: &Cli, topic: Option<Command>) -> String {
    let p = cli.program();
    let f = cli.family();
    let mut s = String::new();
    let Some(c) = topic else {
        let units = f.units.len();
        let _ = writeln!(
            s,
            "{p}: the systemd units of `{}` ({units} units, {} drop-ins)\n",
            f.name,
            f.dropins.len()
        );
        let _ = writeln!(s, "usage: {p} <command> [options]\n\ncommands:");
        for c in Command::ALL {
            let (synopsis, what) = summary(c);
            let _ = writeln!(s, "  {synopsis:<38}{what}");
        }
        let _ = writeln!(s, "  {IMPORT_SYNOPSIS:<37} {IMPORT_WHAT}");
        let _ = writeln!(
            s,
            "\noptions:\n  {:<26}this help\n  {:<26}the version",
            "-h, --help", "-V, --version"
        );
        build_options(cli, &mut s);
        s.push_str("\nexamples:\n");
        for c in [Command::Show, Command::Render, Command::Install] {
            if let Some(e) = example(cli, c) {
                let _ = writeln!(s, "  {e}");
            }
        }
        let _ = writeln!(s, "\n`{p} help COMMAND` describes one command.");
        return s;
    };
    let (synopsis, what) = summary(c);
    let opts = if c.takes_build_options() {
        " [build options]"
    } else {
        ""
    };
    let _ = writeln!(s, "{p} {}: {what}\n\nusage: {p} {synopsis}{opts}", c.name());
    if !about(c).is_empty() {
        s.push('\n');
        s.push_str(&wrap(about(c), 92));
    }
    if !details(c).is_empty() {
        s.push_str("\noptions:\n");
        for (flag, doc) in details(c) {
            let _ = writeln!(s, "  {flag:<26}{doc}");
        }
    }
    if c.takes_build_options() {
        build_options(cli, &mut s);
    }
    if let Some(e) = example(cli, c) {
        let _ = writeln!(s, "\nexample:\n  {e}");
    }
    s
}

/// `text` as lines of at most `width` characters, broken at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}
