//! What the `systemd_unit!` macro needs: the model, catalogs, parsers and checks of systemd
//! unit files, and their rendering.
//!
//! `unit-core` knows systemd, not any particular project. The macro checks a family with it at
//! compile time; `unit-run` (the run-time half: build scripts, installing, importing, the
//! command line) renders and checks the same family with it again at run time, so the same
//! rules apply on both sides. It knows four systemd releases, 247, 252, 257 and 262, and a
//! family targets a range of them.
//!
//! - [`catalog`]: every section and directive of the four releases, with the parser each uses
//! - [`parsers`]: systemd's value parsers, one function for each `config_parse_*`
//! - [`value`]: the kinds of value a build option or template parameter takes
//! - [`validate()`]: every rule one unit must follow, as [`Diagnostic`]s (`validate/`)
//! - [`load`]: what systemd refuses when it loads a unit
//! - [`crosscheck`]: the rules that need the whole family
//! - [`merge()`]: per-directive merging of extras into a template's output
//! - [`render()`] and [`parse()`]: deterministic text out, unit files back in
//! - [`placeholder`]: `{name}` placeholders for template parameters and build options
//! - [`dropin`]: `NAME.d/FILE.conf` drop-ins and their checks
//! - [`preset`]: the family's `systemd.preset(5)` file and its checks
//! - [`family`]: the `'static` form of a whole family of units, rendered with build options
//! - [`source`]: that form as Rust source, written by the macro and by build scripts
//! - [`security`]: the exposure score of `systemd-analyze security`, release by release
//! - [`text`]: what may stand in a value without changing the file's meaning
//! - [`suggest`]: "did you mean" hints
//!
//! The crate has no dependencies: it heads the critical path of every cold build of the
//! macro, and cargo starts a crate only once its dependencies are built.
//!
//! ```
//! use unit_core::{parse, render, validate};
//! let text = "[Unit]\nDescription=Demo\n\n[Service]\nExecStart=/usr/bin/demo\n";
//! let unit = parse("demo.service", text).unwrap();
//! assert!(validate(&unit).is_empty());
//! assert_eq!(render(&unit).unwrap(), text);
//! ```

pub mod catalog;
pub mod crosscheck;
pub mod dropin;
pub mod family;
pub mod load;
pub mod merge;
mod model;
mod parse;
pub mod parsers;
pub mod placeholder;
pub mod preset;
mod render;
pub mod security;
pub mod source;
pub mod suggest;
pub mod text;
pub mod validate;
pub mod value;

pub use family::{Dirs, Family, Options, Rendered, UnitDef};
pub use merge::{merge, Change, Op};
pub use model::{
    is_template_name, section_rank, Diagnostic, Entry, Key, Origin, Section, Unit, UnitKind,
};
pub use parse::{parse, ParseError};
pub use render::{render, render_into};
pub use validate::validate;
