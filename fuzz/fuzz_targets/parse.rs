//! The unit-file parser on arbitrary bytes: never panics, and whatever it reads and can render
//! renders back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(unit) = unit_core::parse("fuzz.service", &text) else { return };
    let _ = unit_core::validate(&unit);
    let Ok(rendered) = unit_core::render(&unit) else { return };
    let again = unit_core::parse("fuzz.service", &rendered).expect("rendered text parses");
    assert_eq!(unit_core::render(&again).expect("renders again"), rendered);
});
