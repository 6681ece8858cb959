//! The run-time half of systemd unit families: what a project's build script, binary and
//! packaging do with the family that `systemd_unit!` checked at compile time.
//!
//! `unit-core` holds what the macro needs (the model, the catalogs of systemd 247, 252, 257
//! and 262, the value parsers, the checks, merging and rendering); this crate builds on it and
//! is never part of the macro's build:
//!
//! - [`build`]: a `build.rs` rendering the family into `OUT_DIR`, and [`include_family!`]
//! - [`output`]: writing rendered units into a directory, atomically and idempotently
//! - [`install`]: installing and uninstalling a family's files, touching only its own, in the
//!   directories the family's [`Dirs`](unit_core::Dirs) name
//! - [`import`]: existing unit files back into the `systemd_unit!` DSL (its command line,
//!   `import::run`, with the feature `cli`)
//! - `cli` (cargo feature `cli`, with `lexopt`): the command line every family gets, and
//!   [`cli_main!`]
//!
//! The code `systemd_unit!` expands into (and [`build`] writes, with the same
//! `unit_core::source`) names its types through `unit_run::__private`, the one path this crate
//! keeps for it, so a project depends on `unit-run` and `unit-macros`:
//!
//! ```ignore
//! // src/main.rs
//! unit_run::cli_main!(myapp::FAMILY);
//! ```

pub mod build;
#[cfg(feature = "cli")]
pub mod cli;
mod glue;
pub mod import;
pub mod install;
pub mod output;

pub use unit_core;
pub use unit_core::{Family, Options, Rendered, UnitDef};

/// The types the code `systemd_unit!` expands into names, under one path; not an API.
#[doc(hidden)]
pub mod __private {
    pub use unit_core::catalog::Target;
    pub use unit_core::dropin::DropinDef;
    pub use unit_core::family::{Dirs, OptionDef};
    pub use unit_core::preset::{Preset, PresetRule};
    pub use unit_core::security::Budget;
    pub use unit_core::value::ValueKind;
    pub use unit_core::{Family, UnitDef};
}
