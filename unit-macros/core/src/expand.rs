//! The pipeline: parse, lower, check, then generate code or the fallback.

use proc_macro2::TokenStream;

use super::ast;
use super::errors::Errors;
use super::sites::Sites;
use super::{adopt, budget, check, codegen, fallback, lower, unused};

/// What `systemd_unit! { input }` expands to: `pub static FAMILY: unit_core::Family`, or the
/// compile errors of `input` and an empty family of that name.
pub fn expand(input: TokenStream) -> TokenStream {
    let sites = Sites::default();
    let (items, syntax) = ast::parse_file(input, &sites);
    let mut errors = Errors::new();
    for e in syntax {
        errors.push(e);
    }
    let lowered = lower::lower(&items, &sites, &mut errors);
    let mut family = lowered.family;
    unused::check(&lowered.unused, &items, &family, &mut errors);
    check::check(&family, &mut errors);
    family.budgets = budget::check(&items, &family, &mut errors);
    adopt::check(&family, &mut errors);
    if errors.is_empty() {
        match codegen::family(&family) {
            Ok(code) => return code,
            Err(problems) => problems.into_iter().for_each(|d| errors.diag(d)),
        }
    }
    fallback::family(errors.into_compile_errors(&sites, &lowered.provenance))
}
