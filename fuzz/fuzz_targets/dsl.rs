//! The `systemd_unit!` front end (parse, lower, check, generate) on arbitrary token streams,
//! outside the proc-macro boundary: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(tokens) = text.parse::<proc_macro2::TokenStream>() else { return };
    let _ = unit_macros_core::expand(tokens);
});
