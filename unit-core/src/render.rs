//! Deterministic rendering of a unit file.

use crate::model::{section_rank, Diagnostic, Unit};
use crate::text;

/// Renders `unit` as systemd unit-file text.
///
/// Sections come in canonical order (`[Unit]`, the type's section, `[Install]`), one directive a
/// line, LF line ends, one blank line between sections and a single trailing newline. A value or
/// comment that would change the meaning of the file (a line break, a control character, a
/// trailing backslash, a stray `%`) is never written: every such problem is returned instead.
///
/// ```
/// use unit_core::{render, Entry, Origin, Unit};
/// let mut unit = Unit::new("demo.target", Origin::NONE);
/// unit.section_mut("Unit", Origin::NONE)
///     .entries
///     .push(Entry::new("Description", "Demo", Origin::NONE));
/// assert_eq!(render(&unit).unwrap(), "[Unit]\nDescription=Demo\n");
/// ```
pub fn render(unit: &Unit) -> Result<String, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut out = String::new();
    let template = unit.is_template();
    for comment in &unit.comments {
        push_comment(&mut out, comment, unit, &mut errors);
    }
    let mut sections: Vec<_> = unit.sections.iter().collect();
    sections.sort_by_key(|s| section_rank(unit.kind(), &s.name));
    for (i, section) in sections.iter().enumerate() {
        if i > 0 || !unit.comments.is_empty() {
            out.push('\n');
        }
        if !is_name(&section.name) {
            errors.push(Diagnostic::new(
                section.origin,
                format!(
                    "`{}` cannot be written as a section name",
                    section.name.escape_default()
                ),
            ));
        }
        out.push('[');
        out.push_str(&section.name);
        out.push_str("]\n");
        for entry in &section.entries {
            for comment in &entry.comments {
                push_comment(&mut out, comment, unit, &mut errors);
            }
            if !is_name(&entry.key) {
                errors.push(Diagnostic::new(
                    entry.origin,
                    format!(
                        "`{}` cannot be written as a directive name",
                        entry.key.escape_default()
                    ),
                ));
            }
            let specifiers = crate::catalog::catalog()
                .get(&section.name, &entry.key)
                .is_none_or(|d| d.expands_specifiers());
            if let Err(e) = text::check(&entry.value, template, specifiers) {
                errors.push(Diagnostic::value(
                    entry.origin,
                    format!("invalid `{}=`: {e}", entry.key),
                ));
            }
            out.push_str(&entry.key);
            out.push('=');
            out.push_str(&entry.value);
            out.push('\n');
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn push_comment(out: &mut String, comment: &str, unit: &Unit, errors: &mut Vec<Diagnostic>) {
    if comment.chars().any(char::is_control) || comment.ends_with('\\') {
        errors.push(Diagnostic::new(
            unit.origin,
            format!(
                "comment `{}` contains a line break, control character or trailing `\\`; keep comments to one plain line",
                comment.escape_default()
            ),
        ));
    }
    let body = comment.trim_end();
    if body.is_empty() {
        out.push_str("#\n");
    } else {
        out.push_str("# ");
        out.push_str(body.strip_prefix(' ').unwrap_or(body));
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, Origin};

    fn sample() -> Unit {
        let mut u = Unit::new("a.service", Origin::NONE);
        u.comments.push("Header".into());
        let install = u.section_mut("Install", Origin::NONE);
        install
            .entries
            .push(Entry::new("WantedBy", "multi-user.target", Origin::NONE));
        let service = u.section_mut("Service", Origin::NONE);
        let mut e = Entry::new("ExecStart", "/bin/a", Origin::NONE);
        e.comments.push(" Why this runs.".into());
        e.comments.push(String::new());
        service.entries.push(e);
        service
            .entries
            .push(Entry::new("ExecStart", "", Origin::NONE));
        u
    }

    #[test]
    fn layout() {
        assert_eq!(
            render(&sample()).unwrap(),
            "# Header\n\n[Service]\n# Why this runs.\n#\nExecStart=/bin/a\nExecStart=\n\n[Install]\nWantedBy=multi-user.target\n"
        );
    }

    #[test]
    fn smuggled_lines_are_never_written() {
        for bad in [
            "/bin/a\nExecStartPre=/bin/evil",
            "/bin/a \\",
            "/bin/a\r",
            "50%",
        ] {
            let mut u = sample();
            u.sections[0].entries[0].value = bad.into();
            let errors = render(&u).unwrap_err();
            assert_eq!(errors.len(), 1, "{bad:?}");
        }
        let mut u = sample();
        u.comments.push("evil\n[Service]".into());
        assert!(render(&u).is_err());
        let mut u = sample();
        u.sections[0].entries[0].key = "Exec Start".into();
        assert!(render(&u).is_err());
    }
}
