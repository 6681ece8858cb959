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
    // The checks of each unit and the family-wide rules, the longest of the checks, run on
    // threads of their own beside the others; what each finds is reported in the order of a
    // run one after another.
    let checks = check::Checks::new(&family);
    let own = checks.own();
    let wide = checks.family_wide();
    let mut later = Errors::new();
    let (units, rules, budgets) = std::thread::scope(|s| {
        let units = std::thread::Builder::new().spawn_scoped(s, || own.run());
        let rules = std::thread::Builder::new().spawn_scoped(s, || wide.run());
        checks.declarations(&mut later);
        let budgets = budget::check(&items, &checks, &mut later);
        adopt::check(&checks, &mut later);
        // Without a thread to be had, the work runs here.
        let units = units.map_or_else(|_| Some(own.run()), |h| h.join().ok());
        let rules = rules.map_or_else(|_| Some(wide.run()), |h| h.join().ok());
        (units, rules, budgets)
    });
    if let (Some(units), Some(rules)) = (units, rules) {
        check::report(units, &mut errors);
        rules.into_iter().for_each(|d| errors.diag(d));
    } else {
        errors.span(
            proc_macro2::Span::call_site(),
            "internal error: the checks failed; please report it with this definition",
        );
    }
    errors.append(later);
    family.budgets = budgets;
    if errors.is_empty() {
        match codegen::family(&family) {
            Ok(code) => return code,
            Err(problems) => problems.into_iter().for_each(|d| errors.diag(d)),
        }
    }
    fallback::family(errors.into_compile_errors(&sites, &lowered.provenance))
}
