//! render -> parse -> render is the identity on every unit of the family.

#[test]
fn render_parse_render_is_identity() {
    for u in tests::rendered() {
        let parsed = unit_core::parse(u.name, &u.text).unwrap();
        let problems = unit_core::validate::validate_for(&parsed, daemons::FAMILY.target);
        assert!(problems.is_empty(), "{}: {problems:?}", u.name);
        assert_eq!(unit_core::render(&parsed).unwrap(), u.text, "{}", u.name);
    }
}

#[test]
fn a_smuggled_newline_or_backslash_cannot_be_rendered() {
    let u = &tests::rendered()[0];
    for evil in ["x\nExecStartPre=/bin/evil", "x \\", "x\r\nFoo=bar", "x\0"] {
        let mut unit = unit_core::parse(u.name, &u.text).unwrap();
        unit.sections[0].entries[0].value = evil.to_owned();
        assert!(unit_core::render(&unit).is_err(), "{evil:?} was rendered");
        assert!(!unit_core::validate(&unit).is_empty(), "{evil:?} validated");
    }
}
