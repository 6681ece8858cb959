//! Text safety: what may stand in a value without changing the meaning of the file.

/// The specifiers systemd 252 expands in unit files (after `%`).
pub const SPECIFIERS: &str = "aAbBCdEfgGhHiIjJlLmMnNopPqrRsStTuUvVwWyY";

/// Specifiers that expand to the instance name and so only mean something in template units.
pub const INSTANCE_SPECIFIERS: &str = "iI";

/// Checks that `value` renders as one line that systemd reads back unchanged.
///
/// Rejects control characters (newline, NUL, tab, ...), leading or trailing white space (systemd
/// strips it) and a trailing backslash (it would continue onto the next line). Where
/// `specifiers` is true (the directive expands them), also rejects `%` that is not a known
/// specifier or `%%`, and instance specifiers (`%i`, `%I`) unless `template_unit` is true.
pub fn check(value: &str, template_unit: bool, specifiers: bool) -> Result<(), String> {
    check_line(value)?;
    if specifiers && value.as_bytes().contains(&b'%') {
        check_specifiers(value, template_unit)?;
    }
    Ok(())
}

/// Whether `bytes` may hold a control character: an ASCII one, DEL, or the lead byte of a
/// C1 control (U+0080 to U+009F). A fast scan that the compiler vectorizes.
fn may_hold_control(bytes: &[u8]) -> bool {
    bytes.iter().fold(0u8, |found, &b| {
        found | u8::from(b < 0x20) | u8::from(b == 0x7f) | u8::from(b == 0xc2)
    }) != 0
}

/// The checks of [`check`] that do not concern specifiers.
pub fn check_line(value: &str) -> Result<(), String> {
    let bytes = value.as_bytes();
    // A tab stays a tab in the file and in systemd's reading of it; other controls do not
    // belong in a unit file.
    let control = if may_hold_control(bytes) {
        value.chars().find(|c| c.is_control() && *c != '\t')
    } else {
        None
    };
    if let Some(c) = control {
        let what = match c {
            '\n' | '\r' => "a line break",
            '\0' => "a NUL byte",
            '\t' => "a tab",
            _ => "a control character",
        };
        return Err(format!(
            "value contains {what} (`{}`); a value must be one line of printable text",
            c.escape_default()
        ));
    }
    if value.ends_with('\\') {
        return Err(
            "value ends with `\\`, which would join the next line; remove the backslash".into(),
        );
    }
    let edge_space = |c: Option<char>| c.is_some_and(char::is_whitespace);
    if edge_space(value.chars().next()) || edge_space(value.chars().next_back()) {
        return Err(
            "value has leading or trailing white space, which systemd strips; remove it".into(),
        );
    }
    Ok(())
}

fn check_specifiers(value: &str, template_unit: bool) -> Result<(), String> {
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        match chars.next() {
            Some('%') => {}
            Some(s) if INSTANCE_SPECIFIERS.contains(s) && !template_unit => {
                return Err(format!(
                    "specifier `%{s}` needs an instance; use it only in a template unit such as `foo@.service`"
                ))
            }
            Some(s) if SPECIFIERS.contains(s) => {}
            Some(s) if s.is_ascii_alphanumeric() => {
                return Err(format!(
                    "`%{s}` is not a systemd specifier; write `%%{s}` for a literal `%{s}`"
                ))
            }
            // systemd keeps `%` before anything else, and at the end, as it is.
            Some(_) | None => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_plain_text_and_specifiers() {
        assert!(check("libvirt QEMU daemon", false, true).is_ok());
        assert!(check("%t/foo %% %n", false, true).is_ok());
        assert!(check("run %i", true, true).is_ok());
        assert!(check("", false, true).is_ok());
        assert!(check("100%", false, true).is_ok());
        assert!(check("a\tb", false, true).is_ok());
        assert!(check("a %/b %q", false, true).is_ok());
    }

    #[test]
    fn percent_is_plain_where_nothing_expands() {
        assert!(check("50%", false, false).is_ok());
        assert!(check("50%\n", false, false).is_err());
    }

    #[test]
    fn rejects_what_would_change_the_file() {
        for (bad, needle) in [
            ("a\nExecStart=/bin/evil", "line break"),
            ("a\rb", "line break"),
            ("a\0b", "NUL"),
            ("a\u{7}b", "control character"),
            ("a \\", "ends with `\\`"),
            (" a", "white space"),
            ("a ", "white space"),
            ("%z", "not a systemd specifier"),
            ("%i", "needs an instance"),
        ] {
            let e = check(bad, false, true).unwrap_err();
            assert!(e.contains(needle), "{bad:?}: {e}");
        }
    }
}
