//! The `import` command, for a command line to call.

use std::ffi::OsString;
use std::path::PathBuf;

use super::{factor, read_paths, write_factored, write_family, Layout};

/// Runs `import [--factor] [--out FILE] PATH...` with `args` (without the command's name).
///
/// Reads the unit files, directories and drop-in directories at `PATH...`, and writes the
/// family's Rust source to `FILE`, or returns it when `--out` is not given. With `--factor`,
/// units that differ only by a daemon's name become templates, daemons and snippets. Returns
/// what to print on standard output: the source, or a summary when it was written to a file;
/// the gaps go at the end of the summary as `//` lines. An error is one line per problem,
/// each naming the file and line.
pub fn run(args: &[String]) -> Result<String, String> {
    let mut os_args: Vec<OsString> = Vec::new();
    for a in args {
        os_args.push(a.into());
    }
    let args = os_args;
    match parse(&args)? {
        Some(request) => request.run(),
        None => Err("`--help` is the command line's; run `<program> help import`".into()),
    }
}

/// What `import` was asked to do.
#[derive(Debug, Default)]
pub struct Request {
    paths: Vec<PathBuf>,
    out: Option<PathBuf>,
    factored: bool,
}

/// Reads `import`'s arguments with `lexopt`, as the other commands do: `None` for `--help`.
pub fn parse(args: &[OsString]) -> Result<Option<Request>, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args.to_vec());
    let mut r = Request::default();
    let unknown = |flag: String| {
        format!("unknown flag `{flag}` for `import`; use `--factor` or `--out FILE`")
    };
    loop {
        let arg = match parser.next() {
            Ok(Some(arg)) => arg,
            Ok(None) => break,
            Err(e) => return Err(e.to_string().replace('\'', "`")),
        };
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("factor") => r.factored = true,
            Long("out") => match parser.value() {
                Ok(file) => r.out = Some(PathBuf::from(file)),
                Err(_) => return Err("`--out` needs a file name; write `--out family.rs`".into()),
            },
            Long(flag) => return Err(unknown(format!("--{flag}"))),
            Short(c) => return Err(unknown(format!("-{c}"))),
            Value(path) => r.paths.push(PathBuf::from(path)),
        }
    }
    if r.paths.is_empty() {
        return Err("`import` needs unit files or directories; write `import DIR`".into());
    }
    Ok(Some(r))
}

impl Request {
    /// Imports the files and returns what to print (see [`run`]).
    pub fn run(self) -> Result<String, String> {
        let Request {
            paths,
            out,
            factored,
        } = self;
        let imported = match read_paths(&paths) {
            Ok(imported) => imported,
            Err(errors) => {
                let mut message = String::new();
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        message.push('\n');
                    }
                    message.push_str(&e.to_string());
                }
                return Err(message);
            }
        };
        let layout = Layout::default();
        let source = if factored {
            write_factored(&factor(&imported), &layout)
        } else {
            write_family(&imported, &layout)
        };
        let mut gaps = String::new();
        for g in &imported.gaps {
            if g.loses_meaning() {
                gaps.push_str(&format!("// gap: {g}\n"));
            }
        }
        match out {
            None => Ok(format!("{source}{gaps}")),
            Some(file) => {
                std::fs::write(&file, &source)
                    .map_err(|e| format!("cannot write `{}`: {e}", file.display()))?;
                let dropins = match imported.dropins.len() {
                    0 => String::new(),
                    n => format!(" and {n} drop-ins"),
                };
                Ok(format!(
                    "imported {} units{dropins} into {}\n{gaps}",
                    imported.units.len(),
                    file.display()
                ))
            }
        }
    }
}
