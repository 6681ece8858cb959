//! The `systemd_unit!` front end (parse, lower, check, generate) on arbitrary token streams,
//! outside the proc-macro boundary: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../unit-macros/src/adopt.rs"]
mod adopt;
#[path = "../../unit-macros/src/ast.rs"]
mod ast;
#[path = "../../unit-macros/src/attrs.rs"]
mod attrs;
#[path = "../../unit-macros/src/budget.rs"]
mod budget;
#[path = "../../unit-macros/src/check.rs"]
mod check;
#[path = "../../unit-macros/src/codegen.rs"]
mod codegen;
#[path = "../../unit-macros/src/errors.rs"]
mod errors;
#[path = "../../unit-macros/src/expand.rs"]
mod expand;
#[path = "../../unit-macros/src/fallback.rs"]
mod fallback;
#[path = "../../unit-macros/src/lower.rs"]
mod lower;
#[path = "../../unit-macros/src/snippets.rs"]
mod snippets;
#[path = "../../unit-macros/src/unused.rs"]
mod unused;
#[path = "../../unit-macros/src/words.rs"]
mod words;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(tokens) = text.parse::<proc_macro2::TokenStream>() else { return };
    let _ = expand::expand(tokens);
});
