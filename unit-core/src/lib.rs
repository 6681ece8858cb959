//! The model, catalog, checks, merging and rendering of systemd unit files.
//!
//! `unit-core` knows systemd, not any particular project. It is used at compile time by the
//! `systemd_unit!` macro and at run time by build scripts and command-line tools, so the same
//! rules apply on both sides.
//!
//! - [`catalog`]: every section and directive of systemd 252, with value kinds
//! - [`value`]: parsers for each kind of value
//! - [`validate()`]: every rule one unit must follow, as [`Diagnostic`]s
//! - [`merge()`]: per-directive merging of extras into a template's output
//! - [`render()`] and [`parse()`]: deterministic text out, unit files back in
//! - [`family`]: the `'static` form of a whole family of units, rendered with build options
//! - [`security`]: the exposure score of `systemd-analyze security`, release by release
//!
//! ```
//! use unit_core::{parse, render, validate};
//! let text = "[Unit]\nDescription=Demo\n\n[Service]\nExecStart=/usr/bin/demo\n";
//! let unit = parse("demo.service", text).unwrap();
//! assert!(validate(&unit).is_empty());
//! assert_eq!(render(&unit).unwrap(), text);
//! ```

pub mod build;
pub mod catalog;
#[cfg(feature = "cli")]
pub mod cli;
pub mod crosscheck;
pub mod dropin;
pub mod family;
mod glue;
pub mod import;
pub mod install;
pub mod load;
pub mod merge;
mod model;
pub mod output;
mod parse;
pub mod parsers;
pub mod placeholder;
pub mod preset;
mod render;
pub mod security;
pub mod suggest;
pub mod text;
pub mod validate;
pub mod value;

pub use family::{Family, Options, Rendered, UnitDef};
pub use merge::{merge, Change, Op};
pub use model::{
    is_template_name, section_rank, Diagnostic, Entry, Key, Origin, Section, Unit, UnitKind,
};
pub use parse::{parse, ParseError};
pub use render::{render, render_into};
pub use validate::validate;
