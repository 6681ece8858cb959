//! The command line every family gets: `list`, `show`, `check`, `render`, `install`,
//! `uninstall`, `verify`, `graph`, `package`, `security`, `import`, `help`, with the family's
//! own build options as flags (cargo feature `cli`).
//!
//! A project's whole `main.rs`:
//!
//! ```ignore
//! //! `webapp`: list, show, render, install and verify the units of webapp.
//! unit_run::cli_main!(webapp::FAMILY);
//! ```
//!
//! [`cli_main!`](crate::cli_main) passes the crate's name and version; [`Cli`] is the same as a
//! builder, and [`Cli::run`] runs one command line in-process (what the tests do). Results go
//! to stdout; errors are one line on stderr, `<program>: <problem>; <remedy>`. The exit status
//! is 0 on success, 1 when the command failed and 2 for a usage error.

mod args;
pub mod check;
pub mod finding;
mod graph;
mod help;
mod installing;
pub mod json;
pub mod package;
mod security;
mod verify;

use std::ffi::OsString;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::output::{write_dir, Track};
use unit_core::family::{Family, Options};

pub use args::Command;
pub use verify::{programs, stage};

/// Defines `fn main` running the command line of `$family`, named after the binary, with the
/// calling crate's version.
///
/// ```ignore
/// unit_run::cli_main!(webapp::FAMILY);
/// ```
#[macro_export]
macro_rules! cli_main {
    ($family:expr) => {
        fn main() -> ::std::process::ExitCode {
            $crate::cli::Cli::new(&$family)
                .name(
                    ::core::option_env!("CARGO_BIN_NAME").unwrap_or(::core::env!("CARGO_PKG_NAME")),
                )
                .version(::core::env!("CARGO_PKG_VERSION"))
                .main()
        }
    };
}

/// The exit status of a usage error: a misspelled command, option or missing argument.
pub const USAGE: u8 = 2;
/// The exit status of a command that failed.
pub const FAILURE: u8 = 1;

/// The command line of one family.
#[derive(Debug, Clone)]
pub struct Cli<'f> {
    family: &'f Family,
    name: String,
    version: String,
}

/// Why a command did not succeed.
#[derive(Debug)]
pub(crate) enum Error {
    /// The command line was wrong; the help of the command (if known) says how to write it.
    Usage(String, Option<Command>),
    /// The command line was wrong, and the message says how to write it.
    Misused(String),
    /// The command ran and failed.
    Failed(String),
    /// Stdout was closed early (e.g. piped into `head`): not a failure.
    Closed,
}

pub(crate) type Result<T> = std::result::Result<T, Error>;

pub(crate) fn failed(e: impl std::fmt::Display) -> Error {
    Error::Failed(e.to_string())
}

pub(crate) fn joined(errors: Vec<String>) -> Error {
    Error::Failed(errors.join("; "))
}

/// The family's build options with those `set` on the command line of `command`.
pub(crate) fn options_of(
    family: &Family,
    set: &[(String, String)],
    command: Command,
) -> Result<Options> {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for (n, v) in set {
        pairs.push((n, v));
    }
    family
        .options(pairs)
        .map_err(|e| Error::Usage(e.join("; "), Some(command)))
}

/// The family's unit whose name is closest to `name`, if one is close.
pub(crate) fn closest_unit<'a>(family: &'a Family, name: &str) -> Option<&'a str> {
    let mut names: Vec<&str> = Vec::new();
    for u in family.units {
        names.push(u.name);
    }
    unit_core::suggest::closest_in(name, &names)
}

/// ``unknown unit `NAME` `` with the closest unit's name, else where to see them all.
pub(crate) fn unknown_unit(family: &Family, name: &str, program: &str) -> String {
    match closest_unit(family, name) {
        Some(s) => format!("unknown unit `{name}`; did you mean `{s}`?"),
        None => format!("unknown unit `{name}`; `{program} list` shows them all"),
    }
}

pub(crate) fn io(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Error::Closed
    } else {
        Error::Failed(e.to_string())
    }
}

impl<'f> Cli<'f> {
    /// The command line of `family`, named after the family until [`Cli::name`] says otherwise.
    pub fn new(family: &'f Family) -> Cli<'f> {
        Cli {
            family,
            name: family.name.to_owned(),
            version: String::new(),
        }
    }

    /// The program's name, used in help and messages.
    pub fn name(mut self, name: &str) -> Cli<'f> {
        self.name = name.to_owned();
        self
    }

    /// The version `--version` prints.
    pub fn version(mut self, version: &str) -> Cli<'f> {
        self.version = version.to_owned();
        self
    }

    /// Runs the process's command line and returns its exit status; the program name is the
    /// file name the program was run as, or the one given to [`Cli::name`].
    pub fn main(mut self) -> ExitCode {
        let mut args = std::env::args_os();
        let called = args
            .next()
            .and_then(|a| {
                Path::new(&a)
                    .file_name()
                    .and_then(|n| n.to_str().map(str::to_owned))
            })
            .filter(|n| !n.is_empty());
        if let Some(called) = called {
            self.name = called;
        }
        let code = self.run(args, &mut std::io::stdout().lock(), &mut std::io::stderr());
        ExitCode::from(code)
    }

    /// Runs the command line `args` (without the program name), writing results to `out` and
    /// errors to `err`, and returns the exit status: 0, [`FAILURE`] or [`USAGE`].
    pub fn run(
        &self,
        args: impl IntoIterator<Item = impl Into<OsString>>,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> u8 {
        let mut list: Vec<OsString> = Vec::new();
        for a in args {
            list.push(a.into());
        }
        self.run_args(list, out, err)
    }

    /// [`Cli::run`] past the conversion of its arguments, which is all that depends on their
    /// type.
    fn run_args(&self, args: Vec<OsString>, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
        let result = if args.first().is_some_and(|a| a == "import") {
            self.import(&args[1..], out)
        } else if args.len() == 2 && args[0] == "help" && args[1] == "import" {
            self.import(&["--help".into()], out)
        } else if args.first().is_some_and(|a| a == "security") {
            security::run(self, &args[1..], out)
        } else {
            args::parse(self.family, args).and_then(|inv| match inv.command {
                Command::Render | Command::Verify if inv.json => {
                    let options = self.options(&inv)?;
                    json::run(self, inv, &options, out)
                }
                _ => self.dispatch(inv, out),
            })
        };
        let message = match result {
            Ok(()) | Err(Error::Closed) => return 0,
            Err(Error::Failed(m)) => (m, FAILURE),
            Err(Error::Usage(m, _)) if m.ends_with('?') => (m, USAGE),
            Err(Error::Misused(m)) => (m, USAGE),
            Err(Error::Usage(m, command)) => {
                let topic = command
                    .map(|c| format!(" {}", c.name()))
                    .unwrap_or_default();
                (format!("{m}; see `{} help{topic}`", self.name), USAGE)
            }
        };
        let _ = writeln!(err, "{}: {}", self.name, message.0);
        message.1
    }

    /// `import`: existing unit files as a family, through [`crate::import::parse`].
    fn import(&self, args: &[OsString], out: &mut dyn Write) -> Result<()> {
        let text = match crate::import::parse(args).map_err(Error::Misused)? {
            None => help::import_text(self),
            Some(request) => request.run().map_err(Error::Failed)?,
        };
        out.write_all(text.as_bytes()).map_err(io)
    }

    fn dispatch(&self, inv: args::Invocation, out: &mut dyn Write) -> Result<()> {
        let family = self.family;
        let options = || options_of(family, &inv.set, inv.command);
        match inv.command {
            Command::Help => {
                let text = help::text(self, inv.topic);
                out.write_all(text.as_bytes()).map_err(io)
            }
            Command::Version => writeln!(out, "{} {}", self.name, self.version).map_err(io),
            Command::List => {
                for u in family.units {
                    let kind = u.kind().map_or("?", |k| k.suffix());
                    let daemon = if u.daemon.is_empty() { "-" } else { u.daemon };
                    writeln!(out, "{}\t{daemon}\t{kind}", u.name).map_err(io)?;
                }
                for d in family.dropins {
                    writeln!(out, "{}.d/{}\t-\tdrop-in", d.unit, d.file).map_err(io)?;
                }
                Ok(())
            }
            Command::Show => self.show(inv.operand.as_deref(), &options()?, out),
            Command::Render => {
                let dir = inv.path.ok_or_else(|| {
                    Error::Usage("`render` needs `--out DIR`".into(), Some(Command::Render))
                })?;
                let options = options()?;
                let units = family.render(&options).map_err(joined)?;
                let dropins = family.render_dropins(&options).map_err(joined)?;
                let report = write_dir(&dir, &units, Track::None)
                    .map_err(|e| failed(format!("cannot write into `{}`: {e}", dir.display())))?;
                let (mut written, mut unchanged) = (report.written.len(), report.unchanged.len());
                for d in &dropins {
                    let sub = dir.join(format!("{}.d", d.unit));
                    if std::fs::read(sub.join(d.file)).ok().as_deref() == Some(d.text.as_bytes()) {
                        unchanged += 1;
                        continue;
                    }
                    std::fs::create_dir_all(&sub)
                        .and_then(|()| crate::output::write_atomic(&sub, d.file, d.text.as_bytes()))
                        .map_err(|e| {
                            failed(format!("cannot write into `{}`: {e}", sub.display()))
                        })?;
                    written += 1;
                }
                writeln!(
                    out,
                    "{written} written, {unchanged} unchanged in {}",
                    dir.display()
                )
                .map_err(io)
            }
            Command::Install => installing::run(self, &inv, &options()?, out),
            Command::Uninstall => installing::run_uninstall(self, &inv, &options()?, out),
            Command::Verify => verify::run(self, &options()?, inv.flag, out),
            Command::Graph => graph::run(self, &options()?, &inv, out),
            Command::Check => check::run(self, &inv, &options()?, out),
            Command::Package => package::run(self, &inv, &options()?, out),
            Command::Security => security::run(self, &[], out),
        }
    }

    fn options(&self, inv: &args::Invocation) -> Result<Options> {
        options_of(self.family, &inv.set, inv.command)
    }

    fn show(&self, name: Option<&str>, options: &Options, out: &mut dyn Write) -> Result<()> {
        let family = self.family;
        let name = name
            .ok_or_else(|| Error::Usage("`show` needs a unit name".into(), Some(Command::Show)))?;
        if let Some(d) = family
            .dropins
            .iter()
            .find(|d| format!("{}.d/{}", d.unit, d.file) == name)
        {
            let r = d.render(family, options).map_err(joined)?;
            return out.write_all(r.text.as_bytes()).map_err(io);
        }
        let def = family
            .unit(name)
            .ok_or_else(|| Error::Failed(unknown_unit(family, name, &self.name)))?;
        let rendered = def.render_for(options, family.target).map_err(joined)?;
        out.write_all(rendered.text.as_bytes()).map_err(io)
    }

    /// The family this command line serves.
    pub fn family(&self) -> &Family {
        self.family
    }

    /// The program's name.
    pub fn program(&self) -> &str {
        &self.name
    }
}
