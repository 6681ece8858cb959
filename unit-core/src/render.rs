//! Deterministic rendering of a unit file.

use crate::model::{is_name, section_rank, Diagnostic, Unit};
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
    let mut out = String::with_capacity(size_hint(unit));
    render_into(unit, &mut out)?;
    Ok(out)
}

/// Renders `unit` like [`render()`], appending the text to `out`: the way to render many units
/// without allocating for each. When the unit cannot be written, `out` is left as it was.
///
/// ```
/// use unit_core::{render_into, Entry, Origin, Unit};
/// let mut unit = Unit::new("demo.target", Origin::NONE);
/// unit.section_mut("Unit", Origin::NONE)
///     .entries
///     .push(Entry::new("Description", "Demo", Origin::NONE));
/// let mut buffer = String::new();
/// for _ in 0..2 {
///     buffer.clear();
///     render_into(&unit, &mut buffer).unwrap();
///     assert_eq!(buffer, "[Unit]\nDescription=Demo\n");
/// }
/// ```
pub fn render_into(unit: &Unit, out: &mut String) -> Result<(), Vec<Diagnostic>> {
    let start = out.len();
    let (lines, parts_ok) = write(unit, out);
    if parts_ok && looks_safe(&out.as_bytes()[start..], lines) {
        return Ok(());
    }
    let errors = diagnose(unit);
    if errors.is_empty() {
        Ok(())
    } else {
        out.truncate(start);
        Err(errors)
    }
}

/// The length of `unit`'s text, give or take the section headers.
fn size_hint(unit: &Unit) -> usize {
    let comments = |c: &[String]| c.iter().map(|c| c.len() + 3).sum::<usize>();
    let entries: usize = unit
        .sections
        .iter()
        .flat_map(|s| s.entries.iter())
        .map(|e| e.key.len() + e.value.len() + 2 + comments(&e.comments))
        .sum();
    entries + comments(&unit.comments) + 16 * unit.sections.len()
}

/// Appends the text of `unit` to `out`, noting as it goes whether each part is well formed:
/// returns the number of line ends written, and whether every name is a name, every value is
/// well delimited and no comment ends with `\`.
// `push_str("=")` rather than `push('=')`: it copies a byte where `push` encodes a `char`,
// 1% of rendering by callgrind.
#[allow(clippy::single_char_add_str)]
fn write(unit: &Unit, out: &mut String) -> (usize, bool) {
    let plain_end = |v: &str| v.as_bytes().last().is_none_or(|&b| b != b'\\');
    let mut ok = true;
    let mut lines = 0;
    for comment in &unit.comments {
        ok &= plain_end(comment);
        push_comment(out, comment);
    }
    lines += unit.comments.len();
    // Sections other than `[Unit]` and `[Install]` rank by the unit's type only when there are
    // two of them, so the type is looked up only then.
    let middle = |s: &&crate::model::Section| s.name != "Unit" && s.name != "Install";
    let kind = if unit.sections.iter().filter(middle).nth(1).is_some() {
        unit.kind()
    } else {
        None
    };
    let rank = |s: &&crate::model::Section| section_rank(kind, &s.name);
    let sorted;
    let sections: &[crate::model::Section] = if unit.sections.iter().is_sorted_by_key(|s| rank(&s))
    {
        &unit.sections
    } else {
        // A stable sort by rank (0 to 3).
        let mut v = Vec::with_capacity(unit.sections.len());
        for r in 0..4 {
            for s in &unit.sections {
                if rank(&s) == r {
                    v.push(s.clone());
                }
            }
        }
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
                push_comment(out, comment);
            }
            lines += entry.comments.len();
            ok &= entry.key.is_writable() & delimited(entry.value.as_bytes());
            out.push_str(&entry.key);
            out.push_str("=");
            out.push_str(&entry.value);
            out.push_str("\n");
        }
    }
    (lines, ok)
}

/// A fast whole-file check that no name, value or comment can have changed the file's meaning:
/// every part was well formed as it was written (checked by the caller), and the only bytes
/// that are control characters, DEL, C1 lead bytes or `%` (whose meaning depends on the
/// directive) are the line ends written, so no value or comment holds a line break or other
/// control character. When it fails, [`diagnose`] looks at every part on its own.
fn looks_safe(text: &[u8], lines: usize) -> bool {
    special_bytes(text) == lines
}

/// Whether a value starts and ends with a printable ASCII character other than `\` at the end
/// (or is empty), so systemd reads it back unchanged.
fn delimited(value: &[u8]) -> bool {
    match (value.first(), value.last()) {
        // Printable and not a space: 0x21 to 0x7e, one unsigned comparison each, and without
        // branches, as this runs for every line.
        (Some(&first), Some(&last)) => {
            (first.wrapping_sub(0x21) < 0x5e) & (last.wrapping_sub(0x21) < 0x5e) & (last != b'\\')
        }
        _ => true,
    }
}

/// How many of `bytes` are control characters, DEL, C1 lead bytes or `%`. Counted in blocks with
/// byte-wide counters, which the compiler turns into vector code.
fn special_bytes(bytes: &[u8]) -> usize {
    fn block(bytes: &[u8]) -> u8 {
        let mut n = 0u8;
        for &b in bytes {
            n += u8::from(b < 0x20)
                | u8::from(b == 0x7f)
                | u8::from(b == 0xc2)
                | u8::from(b == b'%');
        }
        n
    }
    // Whole blocks of 128, then of 32, then one of 16 and one of 8, then the rest, byte by byte:
    // a block's fixed length is what lets the compiler use vector code, and a long one sums its
    // counters less often.
    let mut count = 0;
    let mut long = bytes.chunks_exact(128);
    for b in &mut long {
        if let Ok(b) = <&[u8; 128]>::try_from(b) {
            count += usize::from(block(b));
        }
    }
    let mut short = long.remainder().chunks_exact(32);
    for b in &mut short {
        if let Ok(b) = <&[u8; 32]>::try_from(b) {
            count += usize::from(block(b));
        }
    }
    let mut rest = short.remainder();
    if let Some((b, after)) = rest.split_first_chunk::<16>() {
        count += usize::from(block(b));
        rest = after;
    }
    if let Some((b, after)) = rest.split_first_chunk::<8>() {
        count += usize::from(block(b));
        rest = after;
    }
    count + usize::from(block(rest))
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
            if !entry.key.is_writable() {
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

    #[test]
    fn the_block_count_finds_a_special_byte_at_every_place() {
        // Every length up to past two long blocks, a special byte at each place: the blocks of
        // 128, 32, 16 and 8 and the bytes after them each count it once.
        for len in 0..300 {
            let plain = vec![b'a'; len];
            assert_eq!(special_bytes(&plain), 0, "length {len}");
            for at in 0..len {
                for special in [0x00, 0x1f, 0x7f, 0xc2, b'%'] {
                    let mut bytes = plain.clone();
                    bytes[at] = special;
                    assert_eq!(
                        special_bytes(&bytes),
                        1,
                        "byte {special:#x} at {at} of {len}"
                    );
                }
            }
        }
        let all: Vec<u8> = (0..=255).collect();
        let naive = all
            .iter()
            .filter(|&&b| b < 0x20 || b == 0x7f || b == 0xc2 || b == b'%')
            .count();
        assert_eq!(special_bytes(&all), naive);
    }

    #[test]
    fn a_value_is_delimited_by_printable_bytes_other_than_a_final_backslash() {
        for first in 0..=255u8 {
            for last in 0..=255u8 {
                let printable = |b: u8| b > b' ' && b < 0x7f;
                let want = printable(first) && printable(last) && last != b'\\';
                assert_eq!(
                    delimited(&[first, b'x', last]),
                    want,
                    "{first:#x} {last:#x}"
                );
            }
        }
        assert!(delimited(b""));
    }

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
    fn sections_out_of_place_go_by_rank_in_written_order() {
        let mut u = Unit::new("a.service", Origin::NONE);
        for name in ["Install", "X-Two", "Service", "X-One", "Unit"] {
            let mut s = crate::model::Section::new(name, Origin::NONE);
            s.entries
                .push(Entry::new("Description", name, Origin::NONE));
            u.sections.push(s);
        }
        let text = render(&u).unwrap();
        let order: Vec<&str> = text.lines().filter(|l| l.starts_with('[')).collect();
        assert_eq!(
            order,
            ["[Unit]", "[Service]", "[X-Two]", "[X-One]", "[Install]"]
        );
    }

    #[test]
    fn layout() {
        assert_eq!(
            render(&sample()).unwrap(),
            "# Header\n\n[Service]\n# Why this runs.\n#\nExecStart=/bin/a\nExecStart=\n\n[Install]\nWantedBy=multi-user.target\n"
        );
    }

    #[test]
    fn render_into_appends_or_leaves_the_buffer_as_it_was() {
        let mut buffer = String::from("kept\n");
        render_into(&sample(), &mut buffer).unwrap();
        assert_eq!(buffer, format!("kept\n{}", render(&sample()).unwrap()));
        let mut bad = sample();
        bad.sections[0].entries[0].value = "/bin/a\n[Unit]".into();
        let before = buffer.clone();
        assert!(render_into(&bad, &mut buffer).is_err());
        assert_eq!(buffer, before);
    }

    #[test]
    fn every_kind_of_special_byte_is_caught_wherever_it_is() {
        let base = render(&sample()).unwrap();
        // The fast check sends every unit holding one of these to the part-by-part diagnosis,
        // whichever block of the text it falls in; tabs and `%` are then found harmless.
        for special in ["\n", "\r", "\t", "\u{7f}", "\u{85}", "%", "\u{1b}", "\0"] {
            for at in 0..3 {
                let mut u = sample();
                u.sections[0].entries[0].value = match at {
                    0 => format!("/bin/a{special}b"),
                    1 => format!("/bin/a {}{special}b", "x".repeat(40)),
                    _ => format!("/bin/a {}{special}b", "y".repeat(70)),
                };
                let text = render(&u);
                let harmless = special == "\t" || special == "%";
                assert_eq!(text.is_ok(), harmless, "{special:?} at {at}: {text:?}");
                if let Ok(t) = &text {
                    assert!(
                        !looks_safe(t.as_bytes(), t.matches('\n').count()),
                        "{special:?}"
                    );
                }
            }
        }
        assert_eq!(render(&sample()).unwrap(), base);
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
