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
    let written = write(unit);
    if looks_safe(&written) {
        return Ok(written.text);
    }
    let errors = diagnose(unit);
    if errors.is_empty() {
        Ok(written.text)
    } else {
        Err(errors)
    }
}

/// The text of a unit, with what the fast check needs to know about how it was written.
struct Written {
    text: String,
    /// The line ends written.
    lines: usize,
    /// Every name is a name, every value is well delimited, no comment ends with `\`.
    parts_ok: bool,
}

/// Writes the text of `unit`, noting as it goes whether each part is well formed.
fn write(unit: &Unit) -> Written {
    let comments = |c: &[String]| c.iter().map(|c| c.len() + 3).sum::<usize>();
    let size: usize = unit
        .sections
        .iter()
        .flat_map(|s| s.entries.iter())
        .map(|e| e.key.len() + e.value.len() + 2 + comments(&e.comments))
        .sum();
    let mut out = String::with_capacity(size + comments(&unit.comments) + 16 * unit.sections.len());
    let plain_end = |v: &str| v.as_bytes().last().is_none_or(|&b| b != b'\\');
    let mut ok = true;
    let mut lines = 0;
    for comment in &unit.comments {
        ok &= plain_end(comment);
        push_comment(&mut out, comment);
    }
    lines += unit.comments.len();
    let kind = unit.kind();
    let rank = |s: &&crate::model::Section| section_rank(kind, &s.name);
    let sorted;
    let sections: &[crate::model::Section] = if unit.sections.iter().is_sorted_by_key(|s| rank(&s))
    {
        &unit.sections
    } else {
        let mut v = unit.sections.clone();
        v.sort_by_key(|s| rank(&s));
        sorted = v;
        &sorted
    };
    for (i, section) in sections.iter().enumerate() {
        if i > 0 || !unit.comments.is_empty() {
            out.push('\n');
            lines += 1;
        }
        ok &= is_name(&section.name);
        out.push('[');
        out.push_str(&section.name);
        out.push_str("]\n");
        lines += 1 + section.entries.len();
        for entry in &section.entries {
            for comment in &entry.comments {
                ok &= plain_end(comment);
                push_comment(&mut out, comment);
            }
            lines += entry.comments.len();
            ok &= is_name(&entry.key) & delimited(entry.value.as_bytes());
            out.push_str(&entry.key);
            out.push('=');
            out.push_str(&entry.value);
            out.push('\n');
        }
    }
    Written {
        text: out,
        lines,
        parts_ok: ok,
    }
}

/// A fast whole-file check that no name, value or comment can have changed the file's meaning:
/// every part was well formed as it was written, the only control characters are the line ends
/// written (so no value or comment holds a line break or other control character), and there is
/// no DEL, C1 control or `%` (whose meaning depends on the directive). When it fails,
/// [`diagnose`] looks at every part on its own.
fn looks_safe(written: &Written) -> bool {
    if !written.parts_ok {
        return false;
    }
    let (odd, controls) = scan(written.text.as_bytes());
    !odd && controls == written.lines
}

/// Whether a value starts and ends with a printable ASCII character other than `\` at the end
/// (or is empty), so systemd reads it back unchanged.
fn delimited(value: &[u8]) -> bool {
    match (value.first(), value.last()) {
        (Some(&first), Some(&last)) => {
            first > b' ' && first < 0x7f && last > b' ' && last < 0x7f && last != b'\\'
        }
        _ => true,
    }
}

/// Whether `bytes` hold a DEL, a C1 lead byte or `%`, and how many control characters they hold.
/// Counted in blocks of 64 with byte-wide counters, which the compiler turns into vector code.
fn scan(bytes: &[u8]) -> (bool, usize) {
    let mut odd = 0u8;
    let mut controls = 0usize;
    for block in bytes.chunks(64) {
        let (mut o, mut n) = (0u8, 0u8);
        for &b in block {
            o |= u8::from(b == 0x7f) | u8::from(b == 0xc2) | u8::from(b == b'%');
            n += u8::from(b < 0x20);
        }
        odd |= o;
        controls += usize::from(n);
    }
    (odd != 0, controls)
}

/// Every problem that keeps `unit` from being written, part by part.
fn diagnose(unit: &Unit) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let comment_problem = |c: &str| c.chars().any(char::is_control) || c.ends_with('\\');
    for comment in unit.comments.iter().filter(|c| comment_problem(c)) {
        errors.push(bad_comment(unit, comment));
    }
    for section in &unit.sections {
        if !is_name(&section.name) {
            errors.push(Diagnostic::new(
                section.origin,
                format!(
                    "`{}` cannot be written as a section name",
                    section.name.escape_default()
                ),
            ));
        }
        for entry in &section.entries {
            for comment in entry.comments.iter().filter(|c| comment_problem(c)) {
                errors.push(bad_comment(unit, comment));
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
            if let Err(e) = text::check_line(&entry.value) {
                errors.push(Diagnostic::value(
                    entry.origin,
                    format!("invalid `{}=`: {e}", entry.key),
                ));
            }
        }
    }
    errors
}

fn bad_comment(unit: &Unit, comment: &str) -> Diagnostic {
    Diagnostic::new(
        unit.origin,
        format!(
            "comment `{}` contains a line break, control character or trailing `\\`; keep comments to one plain line",
            comment.escape_default()
        ),
    )
}

/// The bytes allowed in section and directive names.
const NAME_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
        b += 1;
    }
    table
};

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .fold(true, |ok, b| ok & NAME_BYTES[usize::from(b)])
}

fn push_comment(out: &mut String, comment: &str) {
    let body = comment.trim_end();
    if body.is_empty() {
        out.push_str("#\n");
    } else {
        out.push_str("# ");
        out.push_str(body);
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
        e.comments.push("Why this runs.".into());
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
        for bad in ["/bin/a\nExecStartPre=/bin/evil", "/bin/a \\", "/bin/a\r"] {
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
