//! Reading unit files back into the model.

use crate::model::{Entry, Origin, Unit};

/// A unit file that could not be read, with its 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The line the problem is on.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Reads the unit file `text` as the unit called `name`.
///
/// Follows systemd's reading rules: `#` and `;` start comments, a trailing `\` becomes a space
/// and joins the next line as it stands (comment lines inside a continuation are skipped), white space around keys
/// and values is stripped, keys may repeat and an empty value is kept (it is systemd's reset).
/// Comments above an entry are attached to it, comments before the first section to the unit.
/// Each entry's origin is its 1-based line number.
///
/// ```
/// let unit = unit_core::parse("a.service", "[Service]\nExecStart=/bin/a\\\n  --flag\n").unwrap();
/// assert_eq!(unit.value("Service", "ExecStart"), Some("/bin/a   --flag"));
/// ```
pub fn parse(name: &str, text: &str) -> Result<Unit, ParseError> {
    let mut unit = Unit::new(name, Origin::NONE);
    let mut section: Option<usize> = None;
    let mut comments: Vec<String> = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((index, raw)) = lines.next() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(comment) = line.strip_prefix(['#', ';']) {
            comments.push(comment.strip_prefix(' ').unwrap_or(comment).to_owned());
            continue;
        }
        let err = |message: String| ParseError {
            line: line_no,
            message,
        };
        if let Some(rest) = line.strip_prefix('[') {
            let name = rest
                .strip_suffix(']')
                .ok_or_else(|| err(format!("section header `{line}` is missing its `]`")))?;
            if section.is_none() {
                unit.comments.append(&mut comments);
            }
            unit.sections
                .push(crate::Section::new(name, Origin(line_no as u32)));
            section = Some(unit.sections.len() - 1);
            continue;
        }
        let mut logical = line.to_owned();
        let mut continued = ends_escaped(raw);
        while continued {
            // As systemd: the backslash becomes a space and the next line is appended as it
            // stands, leading white space included.
            logical.pop();
            logical.push(' ');
            let next = lines
                .by_ref()
                .map(|(_, l)| l)
                .find(|l| !l.trim_start().starts_with(['#', ';']));
            match next {
                Some(next) => {
                    logical.push_str(next);
                    continued = ends_escaped(next);
                }
                None => break,
            }
        }
        let Some(index) = section else {
            return Err(err(format!(
                "`{line}` stands before any `[Section]` header"
            )));
        };
        let (key, value) = logical
            .split_once('=')
            .ok_or_else(|| err(format!("`{line}` is not a `Key=value` assignment")))?;
        let mut entry = Entry::new(key.trim(), value.trim(), Origin(line_no as u32));
        entry.comments = std::mem::take(&mut comments);
        unit.sections[index].entries.push(entry);
    }
    if section.is_none() {
        unit.comments.append(&mut comments);
    }
    Ok(unit)
}

/// Whether `line` ends with a backslash that is not itself escaped, so it continues.
fn ends_escaped(line: &str) -> bool {
    line.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_systemd_reads() {
        let text = "# head\n\n[Unit]\nDescription = x y \n; note\nAfter=a.service\nAfter=b.service\nAfter=\n[Service]\nExecStart=/bin/a \\\n# skipped\n  -v\n";
        let u = parse("a.service", text).unwrap();
        assert_eq!(u.comments, ["head"]);
        assert_eq!(u.value("Unit", "Description"), Some("x y"));
        assert_eq!(u.values("Unit", "After"), ["a.service", "b.service", ""]);
        assert_eq!(u.sections[0].entries[1].comments, ["note"]);
        assert_eq!(u.value("Service", "ExecStart"), Some("/bin/a    -v"));
        assert_eq!(u.sections[1].entries[0].origin, Origin(10));
    }

    #[test]
    fn continuations_keep_what_systemd_keeps() {
        let text = "[Service]\nExecStart=/bin/sh -c \"a; \\\n    b\"\nEnvironment=A=x\\\\\n";
        let u = parse("a.service", text).unwrap();
        assert_eq!(
            u.value("Service", "ExecStart"),
            Some("/bin/sh -c \"a;      b\"")
        );
        assert_eq!(u.value("Service", "Environment"), Some("A=x\\\\"));
    }

    #[test]
    fn indented_comments_survive_a_round_trip() {
        let text = "[Service]\n#     indented\nExecStart=/bin/a\n";
        let unit = parse("a.service", text).unwrap();
        assert_eq!(crate::render(&unit).unwrap(), text);
    }

    #[test]
    fn reports_the_line() {
        assert_eq!(parse("a.service", "Key=v\n").unwrap_err().line, 1);
        assert_eq!(
            parse("a.service", "[Unit]\n\nnonsense\n").unwrap_err().line,
            3
        );
        assert!(parse("a.service", "[Unit\n").is_err());
    }
}
