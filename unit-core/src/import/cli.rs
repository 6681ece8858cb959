//! The `import` command, for a command line to call.

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
    let mut paths = Vec::new();
    let mut out: Option<PathBuf> = None;
    let mut factored = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--factor" => factored = true,
            "--out" => match iter.next() {
                Some(file) => out = Some(PathBuf::from(file)),
                None => return Err("`--out` needs a file name; write `--out family.rs`".into()),
            },
            flag if flag.starts_with("--") => {
                return Err(format!(
                    "unknown flag `{flag}` for `import`; use `--factor` or `--out FILE`"
                ))
            }
            path => paths.push(PathBuf::from(path)),
        }
    }
    if paths.is_empty() {
        return Err("`import` needs unit files or directories; write `import DIR`".into());
    }
    let imported = read_paths(&paths).map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let layout = Layout::default();
    let source = if factored {
        write_factored(&factor(&imported), &layout)
    } else {
        write_family(&imported, &layout)
    };
    let gaps: String = imported
        .gaps
        .iter()
        .filter(|g| g.loses_meaning())
        .map(|g| format!("// gap: {g}\n"))
        .collect();
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
