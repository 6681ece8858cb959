//! The front end of the `systemd_unit!` macro as an ordinary library: a token stream in, the
//! generated code (or the compile errors) out.
//!
//! `unit-macros` is the proc-macro shim around [`expand`]; being a normal library, this crate
//! can also be called from tests, benchmarks and fuzz targets on any
//! [`proc_macro2::TokenStream`]. It never panics on its input.
//!
//! The stages, each a module:
//!
//! - parse: `ast` (items and statements), with `attrs` (doc comments and `#[cfg]`), `words`
//!   (names and values) and `exposure` (budgets); `sites` numbers the tokens errors point at;
//! - lower: `lower` turns items into `unit_core` units (templates filled in, snippets spliced,
//!   extras merged, `#[cfg]` versions, the templates and snippets nothing uses lowered alone),
//!   a module per concern, and returns with them the `provenance` table: where the tokens of
//!   templates went;
//! - check: `check` validates every unit against the catalogs, `unused` the templates and
//!   snippets nothing uses, `budget` the exposure budgets, `adopt` drop-ins and presets;
//! - report: `errors` collects every problem and turns them into `compile_error!`s, once each,
//!   reading the provenance table;
//! - generate: `codegen` writes the `FAMILY` static, `fallback` its empty stand-in when there
//!   are errors; `expand` runs the stages in order, the checks of each unit and the
//!   family-wide rules on threads of their own beside the other checks.

mod adopt;
mod ast;
mod attrs;
mod budget;
mod check;
mod codegen;
mod errors;
mod expand;
mod exposure;
mod fallback;
mod lower;
mod provenance;
mod sites;
mod unused;
mod words;

pub use expand::expand;
