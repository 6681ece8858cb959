//! Importing existing unit files into the `systemd_unit!` DSL.
//!
//! [`read_paths`] reads unit files, directories of them and their `NAME.d/*.conf` drop-ins the
//! way systemd does (with [`unit_core::parse`]), applies each drop-in and every reset, and returns
//! the units as systemd would see them. [`write_family`] writes them as the items of one
//! `systemd_unit!` invocation; [`factor`] first turns units that differ only by a name into
//! templates and daemons. What the DSL cannot say is returned as [`Gap`]s, never dropped
//! silently.
//!
//! ```
//! use unit_run::import::{import_texts, write_family, Layout};
//! let files = [("demo.service", "# The demo.\n[Unit]\nAfter=x.service\n[Service]\nExecStart=/usr/bin/demo\n")];
//! let imported = import_texts(&files, &[]).unwrap();
//! let source = write_family(&imported, &Layout::default());
//! assert!(source.contains("unit \"demo.service\" {"));
//! assert!(source.contains("\"x.service\" = \"TODO: the package that provides it\";"));
//! ```

#[cfg(feature = "cli")]
mod cli;
mod factor;
mod preset;
mod read;
mod settle;
mod snippet;
pub(crate) mod target;
mod write;

use std::fmt;
use std::path::PathBuf;

use unit_core::Unit;

#[cfg(feature = "cli")]
pub use cli::{parse, run, Request};
pub use factor::{factor, Factored};
pub(crate) use read::sorted_paths;
pub use read::{import_texts, read_paths};
pub use target::needed_target;
pub use write::{externs, literal, write_factored, write_family, Layout};

/// A file that cannot be imported because systemd would refuse it, or because it cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// The file.
    pub file: PathBuf,
    /// The 1-based line, or 0 when the problem is the whole file.
    pub line: usize,
    /// What is wrong, in the project's message grammar.
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
        }
    }
}

impl std::error::Error for ImportError {}

/// Something a unit file says that the DSL cannot say, or that importing had to change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    /// The unit it concerns.
    pub unit: String,
    /// The file and 1-based line.
    pub file: PathBuf,
    /// The line, 0 for the whole file.
    pub line: usize,
    /// A short stable category, e.g. `x-key` or `reset`.
    pub kind: &'static str,
    /// What was found and what importing did with it.
    pub what: String,
}

impl fmt::Display for Gap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {} ({}): {}",
            self.file.display(),
            self.line,
            self.unit,
            self.kind,
            self.what
        )
    }
}

impl Gap {
    /// Whether the gap changes what systemd reads (as opposed to a note about how a meaning
    /// was carried over, such as a reset applied while importing).
    pub fn loses_meaning(&self) -> bool {
        !matches!(self.kind, "reset" | "last-wins" | "comment")
    }
}

/// A drop-in file, `NAME.d/FILE.conf`, kept as a file of its own.
#[derive(Clone, Debug)]
pub struct Dropin {
    /// The unit it extends, e.g. `libvirtd.service`.
    pub unit: String,
    /// The file name inside `NAME.d/`, e.g. `10-secret.conf`.
    pub file: String,
    /// Where it was read.
    pub path: PathBuf,
    /// Its leading comments and sections, as a unit named after the unit it extends; an empty
    /// value is an empty assignment, which resets what the unit and earlier drop-ins set.
    pub body: Unit,
}

/// A `NN-FAMILY.preset` file whose rules name only imported units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresetFile {
    /// The `NN` of the file name.
    pub priority: u8,
    /// The `FAMILY` of the file name, which names the family.
    pub family: String,
    /// `(enable, unit, instances)`, in file order.
    pub rules: Vec<(bool, String, Vec<String>)>,
}

/// Units read from files, as systemd sees them after resets, and their drop-ins.
#[derive(Clone, Debug, Default)]
pub struct Imported {
    /// The units, in name order, each as its own file says (its drop-ins are in `dropins`).
    pub units: Vec<Unit>,
    /// The drop-ins, by unit and then file name: of the imported units or of units that other
    /// packages provide.
    pub dropins: Vec<Dropin>,
    /// The preset file, if one was read.
    pub preset: Option<PresetFile>,
    /// The file each unit came from, in the order of `units`.
    pub files: Vec<PathBuf>,
    /// Unit names that are symlinks to another unit of the set (aliases), with their target.
    pub aliases: Vec<(String, String)>,
    /// What the DSL cannot say, or what importing changed.
    pub gaps: Vec<Gap>,
}

impl Imported {
    /// The unit called `name`.
    pub fn unit(&self, name: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.name == name)
    }

    /// The unit called `name` as systemd loads it: its file, then its drop-ins in file-name
    /// order, merged by systemd's rules ([`unit_core::dropin::apply`]).
    pub fn merged(&self, name: &str) -> Option<Unit> {
        let mut unit = self.unit(name)?.clone();
        for d in &self.dropins {
            if d.unit == name {
                unit = unit_core::dropin::apply(&unit, &d.body);
            }
        }
        Some(unit)
    }
}

#[cfg(test)]
mod tests;
