//! Parsing the command line with `lexopt` into an [`Invocation`].

use std::ffi::OsString;
use std::path::PathBuf;

use super::{Error, Result};
use unit_core::family::Family;

/// A command of the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// `list`: every unit with its daemon and kind.
    List,
    /// `show UNIT`: one rendered unit.
    Show,
    /// `render --out DIR`: every file into a directory.
    Render,
    /// `install [--destdir DIR] [--dry-run]`: into the system or a staging tree.
    Install,
    /// `uninstall [--destdir DIR] [--dry-run]`: what `install` put there, out again.
    Uninstall,
    /// `verify [--skip-if-missing]`: `systemd-analyze verify` on every unit.
    Verify,
    /// `graph [--format dot|svg]`: the dependency and ordering graph.
    Graph,
    /// `check [PATH...]`: the family, or unit files on disk, checked without writing.
    Check,
    /// `package --format sysext|deb --out DIR`: a system extension or a Debian package.
    Package,
    /// `security [UNIT...]`: the exposure `systemd-analyze security` gives each unit.
    Security,
    /// `help [COMMAND]`.
    Help,
    /// `--version`.
    Version,
}

impl Command {
    /// Every command `help` lists, in order.
    pub const ALL: [Command; 11] = [
        Command::List,
        Command::Show,
        Command::Render,
        Command::Install,
        Command::Uninstall,
        Command::Verify,
        Command::Graph,
        Command::Check,
        Command::Package,
        Command::Security,
        Command::Help,
    ];

    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Command::List => "list",
            Command::Show => "show",
            Command::Render => "render",
            Command::Install => "install",
            Command::Uninstall => "uninstall",
            Command::Verify => "verify",
            Command::Graph => "graph",
            Command::Check => "check",
            Command::Package => "package",
            Command::Security => "security",
            Command::Help => "help",
            Command::Version => "--version",
        }
    }

    fn named(name: &str) -> Option<Command> {
        Command::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Whether it takes the family's build options.
    pub fn takes_build_options(self) -> bool {
        matches!(
            self,
            Command::Show
                | Command::Render
                | Command::Install
                | Command::Uninstall
                | Command::Verify
                | Command::Graph
                | Command::Check
                | Command::Package
                | Command::Security
        )
    }

    /// Its own options, besides `--help` and the build options.
    pub fn flags(self) -> &'static [&'static str] {
        match self {
            Command::Render => &["out", "message-format"],
            Command::Install | Command::Uninstall => &["destdir", "dry-run"],
            Command::Verify => &["skip-if-missing", "message-format"],
            Command::Check => &["message-format"],
            Command::Package => super::package::FLAGS,
            Command::Graph => &["format"],
            Command::Security => &[
                "file",
                "threshold",
                "security-policy",
                "release",
                "message-format",
            ],
            _ => &[],
        }
    }
}

/// A parsed command line.
#[derive(Debug)]
pub(crate) struct Invocation {
    pub command: Command,
    /// The command `help` is about.
    pub topic: Option<Command>,
    /// The positional argument (`show UNIT`).
    pub operand: Option<String>,
    /// `--out` or `--destdir`.
    pub path: Option<PathBuf>,
    /// `--dry-run` or `--skip-if-missing`.
    pub flag: bool,
    /// `--format`.
    pub format: Option<String>,
    /// Build options, in order.
    pub set: Vec<(String, String)>,
    /// `graph UNIT...`: the units whose edges to draw.
    pub units: Vec<String>,
    /// `--message-format json`.
    pub json: bool,
    /// `check PATH...`: the unit files and directories to check.
    pub paths: Vec<PathBuf>,
    /// `package`'s own options (`--format`, `--name`, ...), in order.
    pub package: Vec<(&'static str, String)>,
}

fn usage(message: String, command: Option<Command>) -> Error {
    Error::Usage(message, command)
}

fn string(value: OsString, what: &str, command: Command) -> Result<String> {
    value.into_string().map_err(|v| {
        usage(
            format!("{what} `{}` is not valid UTF-8", v.to_string_lossy()),
            Some(command),
        )
    })
}

fn lexopt_error(e: lexopt::Error, command: Option<Command>) -> Error {
    let message = match e {
        lexopt::Error::MissingValue { option: Some(o) } => format!("`{o}` needs a value"),
        lexopt::Error::UnexpectedValue { option, .. } => format!("`{option}` takes no value"),
        lexopt::Error::NonUnicodeValue(v) => {
            format!("`{}` is not valid UTF-8", v.to_string_lossy())
        }
        other => other.to_string().replace('\'', "`"),
    };
    usage(message, command)
}

/// Parses `args` (without the program name).
pub(crate) fn parse(family: &Family, args: Vec<OsString>) -> Result<Invocation> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut inv = Invocation {
        command: Command::Help,
        topic: None,
        operand: None,
        path: None,
        flag: false,
        format: None,
        set: Vec::new(),
        units: Vec::new(),
        json: false,
        paths: Vec::new(),
        package: Vec::new(),
    };
    let mut command: Option<Command> = None;
    let mut help = false;
    loop {
        let arg = parser.next().map_err(|e| lexopt_error(e, command))?;
        let Some(arg) = arg else { break };
        let Some(cmd) = command else {
            match arg {
                Short('h') | Long("help") => help = true,
                Short('V') | Long("version") => {
                    inv.command = Command::Version;
                    return Ok(inv);
                }
                Value(v) => {
                    let name = string(v, "command", Command::Help)?;
                    let found = Command::named(&name).ok_or_else(|| {
                        let hint = match unit_core::suggest::closest_in(&name, &command_names()) {
                            Some(s) => format!("; did you mean `{s}`?"),
                            None => String::new(),
                        };
                        usage(format!("unknown command `{name}`{hint}"), None)
                    })?;
                    command = Some(found);
                }
                other => {
                    return Err(unknown(other, family, None));
                }
            }
            continue;
        };
        match arg {
            Short('h') | Long("help") => help = true,
            Value(v) if cmd == Command::Help && inv.topic.is_none() => {
                let name = string(v, "command", cmd)?;
                let topic = Command::named(&name).ok_or_else(|| {
                    usage(
                        format!("no help on `{name}`, which is not a command"),
                        Some(cmd),
                    )
                })?;
                inv.topic = Some(topic);
            }
            Value(v) if cmd == Command::Graph => {
                let name = string(v, "unit name", cmd)?;
                if family.unit(&name).is_none() {
                    let message = match super::closest_unit(family, &name) {
                        Some(s) => format!("unknown unit `{name}`; did you mean `{s}`?"),
                        None => format!("unknown unit `{name}`"),
                    };
                    return Err(Error::Failed(message));
                }
                inv.units.push(name);
            }
            Value(v) if cmd == Command::Show && inv.operand.is_none() => {
                inv.operand = Some(string(v, "unit name", cmd)?);
            }
            Long(flag @ ("out" | "destdir")) if cmd.flags().contains(&flag) => {
                let flag = flag.to_owned();
                let value = parser.value().map_err(|e| lexopt_error(e, command))?;
                if value.is_empty() {
                    return Err(usage(
                        format!("`--{flag}` needs a directory, not an empty string"),
                        Some(cmd),
                    ));
                }
                inv.path = Some(PathBuf::from(value));
            }
            Long(flag @ ("dry-run" | "skip-if-missing")) if cmd.flags().contains(&flag) => {
                inv.flag = true;
            }
            Long("message-format") if cmd.flags().contains(&"message-format") => {
                let value = parser.value().map_err(|e| lexopt_error(e, command))?;
                inv.json = match string(value, "message format", cmd)?.as_str() {
                    "json" => true,
                    "human" => false,
                    other => {
                        return Err(usage(
                            format!("unknown message format `{other}`; use `human` or `json`"),
                            Some(cmd),
                        ))
                    }
                };
            }
            Value(v) if cmd == Command::Check => inv.paths.push(PathBuf::from(v)),
            Long(flag) if cmd == Command::Package && cmd.flags().contains(&flag) => {
                let flag = super::package::FLAGS
                    .iter()
                    .copied()
                    .find(|f| *f == flag)
                    .unwrap_or("");
                let value = parser.value().map_err(|e| lexopt_error(e, command))?;
                let value = string(value, &format!("value of `--{flag}`"), cmd)?;
                inv.package.push((flag, value));
            }
            Long("format") if cmd == Command::Graph => {
                let value = parser.value().map_err(|e| lexopt_error(e, command))?;
                let value = string(value, "format", cmd)?;
                if value != "dot" && value != "svg" {
                    return Err(usage(
                        format!("unknown format `{value}`; use `dot` or `svg`"),
                        Some(cmd),
                    ));
                }
                inv.format = Some(value);
            }
            Long(name)
                if cmd.takes_build_options() && family.options.iter().any(|o| o.name == name) =>
            {
                let name = name.to_owned();
                let value = parser.value().map_err(|e| lexopt_error(e, command))?;
                let value = string(value, &format!("value of `--{name}`"), cmd)?;
                inv.set.push((name, value));
            }
            other => return Err(unknown(other, family, Some(cmd))),
        }
    }
    inv.command = match (command, help) {
        (Some(cmd), true) if cmd != Command::Help => {
            inv.topic = Some(cmd);
            Command::Help
        }
        (Some(cmd), _) => cmd,
        (None, true) => Command::Help,
        (None, false) => return Err(usage("no command given".into(), None)),
    };
    Ok(inv)
}

fn command_names() -> Vec<&'static str> {
    let mut names = Vec::new();
    for c in Command::ALL {
        names.push(c.name());
    }
    names
}

fn unknown(arg: lexopt::Arg<'_>, family: &Family, command: Option<Command>) -> Error {
    match arg {
        lexopt::Arg::Long(name) => {
            let mut known: Vec<&str> = vec!["help"];
            if let Some(cmd) = command {
                known.extend_from_slice(cmd.flags());
                if cmd.takes_build_options() {
                    for o in family.options {
                        known.push(o.name);
                    }
                }
            } else {
                known.push("version");
            }
            let hint = match unit_core::suggest::closest_in(name, &known) {
                Some(s) => format!("; did you mean `--{s}`?"),
                None => String::new(),
            };
            let place = match command {
                Some(c) => format!(" for `{}`", c.name()),
                None => String::new(),
            };
            usage(format!("unknown option `--{name}`{place}{hint}"), command)
        }
        lexopt::Arg::Short(c) => usage(format!("unknown option `-{c}`"), command),
        lexopt::Arg::Value(v) => {
            let place = command
                .map(|c| format!("; `{}` takes no such argument", c.name()))
                .unwrap_or_default();
            usage(
                format!("unexpected argument `{}`{place}", v.to_string_lossy()),
                command,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unit_core::family::OptionDef;
    use unit_core::value::ValueKind;

    static FAMILY: Family = Family {
        options: &[OptionDef {
            name: "bindir",
            kind: ValueKind::Path,
            default: "/usr/bin",
            doc: "",
        }],
        ..Family::EMPTY
    };

    fn parse_args(args: &[&str]) -> Result<Invocation> {
        parse(&FAMILY, args.iter().map(OsString::from).collect())
    }

    fn usage_message(args: &[&str]) -> String {
        match parse_args(args) {
            Err(Error::Usage(m, _)) => m,
            other => format!("not a usage error: {other:?}"),
        }
    }

    #[test]
    fn commands_flags_and_build_options() {
        let inv = parse_args(&[
            "install",
            "--destdir=pkg",
            "--dry-run",
            "--bindir",
            "/opt/bin",
        ])
        .unwrap();
        assert_eq!(inv.command, Command::Install);
        assert_eq!(inv.path, Some(PathBuf::from("pkg")));
        assert!(inv.flag);
        assert_eq!(inv.set, [("bindir".to_owned(), "/opt/bin".to_owned())]);
        let help = parse_args(&["verify", "-h"]).unwrap();
        assert_eq!(
            (help.command, help.topic),
            (Command::Help, Some(Command::Verify))
        );
        assert_eq!(parse_args(&["-V"]).unwrap().command, Command::Version);
        let graph = parse_args(&["graph", "--format", "svg"]).unwrap();
        assert_eq!(graph.format.as_deref(), Some("svg"));
    }

    #[test]
    fn mistakes_are_usage_errors_in_backticks() {
        for (args, expected) in [
            (
                &["lsit"][..],
                "unknown command `lsit`; did you mean `list`?",
            ),
            (
                &["list", "--bindir", "/x"],
                "unknown option `--bindir` for `list`",
            ),
            (
                &["render", "--bindr", "/x"],
                "unknown option `--bindr` for `render`; did you mean `--bindir`?",
            ),
            (
                &["render", "--out", ""],
                "`--out` needs a directory, not an empty string",
            ),
            (&["render", "--out"], "`--out` needs a value"),
            (&["list", "--help=yes"], "`--help` takes no value"),
            (
                &["graph", "--format", "png"],
                "unknown format `png`; use `dot` or `svg`",
            ),
            (
                &["show", "a", "b"],
                "unexpected argument `b`; `show` takes no such argument",
            ),
            (&[], "no command given"),
        ] {
            assert_eq!(usage_message(args), expected, "{args:?}");
        }
    }
}
