//! Every systemd parser of the catalog, for every catalogued release, and the text and
//! placeholder checks, on arbitrary input: never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unit_core::catalog::{Directive, Lookup, Target, ROWS, VERSIONS};
use unit_core::parsers::{self, Cx};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Some((&pick, rest)) = rest.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let row = &ROWS[(usize::from(selector) << 8 | usize::from(pick)) % ROWS.len()];
    let version = VERSIONS[usize::from(selector) % VERSIONS.len()];
    let target = Target { min: version, max: version };
    if let Lookup::Found(d) = unit_core::catalog::lookup(row.section, row.name, target) {
        let d: Directive = d;
        let unit = if selector & 1 == 0 { "fuzz.service" } else { "fuzz@.service" };
        let cx = Cx { unit, section: d.section, key: d.name, ltype: d.ltype, version };
        let _ = parsers::check(&d, &cx, &text);
    }
    let _ = unit_core::text::check(&text, selector & 1 == 0, selector & 2 == 0);
    let _ = unit_core::placeholder::parts(&text);
    let _ = parsers::c::words(&text, b"", u16::from(pick) & 0x1ff);
    let _ = parsers::c::parse_sec(&text);
    let _ = parsers::c::parse_size(&text, 1024);
});
