//! `{name}` placeholders in values: template parameters and build options.
//!
//! `{name}` stands for a parameter or option, `{name:upper}` for its upper-case form, `{{` and
//! `}}` for literal braces.

/// One part of a value with placeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Literal text, braces already unescaped.
    Text(String),
    /// A placeholder.
    Var {
        /// The parameter or option name.
        name: String,
        /// `upper` for `{name:upper}`.
        upper: bool,
    },
}

/// Splits `s` into literal text and placeholders.
pub fn parts(s: &str) -> Result<Vec<Part>, String> {
    let mut out = Vec::new();
    // Most values hold no brace: one part of text.
    if !has_brace(s) {
        if !s.is_empty() {
            out.push(Part::Text(s.to_owned()));
        }
        return Ok(out);
    }
    let bytes = s.as_bytes();
    let mut text = String::new();
    // The text from `from` on is not read yet; braces are ASCII, so their places are char
    // boundaries.
    let mut from = 0;
    while let Some(at) = next_brace(bytes, from) {
        text.push_str(&s[from..at]);
        let doubled = bytes.get(at + 1) == Some(&bytes[at]);
        if doubled {
            text.push(char::from(bytes[at]));
            from = at + 2;
            continue;
        }
        if bytes[at] == b'}' {
            return Err("lone `}` in value; write `}}` for a literal brace".into());
        }
        let Some(len) = s[at + 1..].find('}') else {
            return Err(
                "unclosed `{` in value; close the placeholder or write `{{` for a literal brace"
                    .into(),
            );
        };
        let inner = &s[at + 1..at + 1 + len];
        from = at + 2 + len;
        let (name, upper) = match inner.split_once(':') {
            Some((n, "upper")) => (n, true),
            Some((_, f)) => {
                return Err(format!(
                    "unknown placeholder filter `{f}`; the only filter is `upper`"
                ))
            }
            None => (inner, false),
        };
        if !is_ident(name) {
            return Err(format!(
                "`{{{inner}}}` is not a placeholder; write `{{name}}`, or `{{{{` for a literal brace"
            ));
        }
        if !text.is_empty() {
            out.push(Part::Text(std::mem::take(&mut text)));
        }
        out.push(Part::Var {
            name: name.to_owned(),
            upper,
        });
    }
    text.push_str(&s[from..]);
    if !text.is_empty() {
        out.push(Part::Text(text));
    }
    Ok(out)
}

/// The place of the first `{` or `}` of `bytes` from `from` on.
fn next_brace(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at < bytes.len() {
        if bytes[at] == b'{' || bytes[at] == b'}' {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// Whether `s` holds `{` or `}`: whether it can hold a placeholder or an escaped brace.
pub fn has_brace(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.contains(&b'{') || bytes.contains(&b'}')
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Escapes literal text so that [`parts`] reads it back unchanged.
pub fn escape(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// Joins parts back into placeholder syntax.
pub fn join(parts: &[Part]) -> String {
    let mut out = String::new();
    for p in parts {
        match p {
            Part::Text(t) if has_brace(t) => out.push_str(&escape(t)),
            Part::Text(t) => out.push_str(t),
            Part::Var { name, upper } => {
                out.push('{');
                out.push_str(name);
                if *upper {
                    out.push_str(":upper");
                }
                out.push('}');
            }
        }
    }
    out
}

/// Replaces the placeholders that `lookup` knows and keeps the others, returning placeholder
/// syntax again. `lookup` answers `None` to keep a placeholder.
pub fn substitute(s: &str, lookup: impl Fn(&str) -> Option<String>) -> Result<String, String> {
    let parts = parts(s)?
        .into_iter()
        .map(|p| match p {
            Part::Var { name, upper } => match lookup(&name) {
                Some(v) if upper => Part::Text(v.to_uppercase()),
                Some(v) => Part::Text(v),
                None => Part::Var { name, upper },
            },
            text => text,
        })
        .collect::<Vec<_>>();
    Ok(join(&parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_joins() {
        let p = parts("{runstatedir}/libvirt/{sockprefix}-sock").unwrap();
        assert_eq!(p.len(), 4);
        assert_eq!(join(&p), "{runstatedir}/libvirt/{sockprefix}-sock");
        assert_eq!(parts("${{X}}").unwrap(), [Part::Text("${X}".into())]);
        assert_eq!(
            parts("{svc:upper}_ARGS").unwrap()[0],
            Part::Var {
                name: "svc".into(),
                upper: true
            }
        );
    }

    /// The reading of values as it was first written, a char at a time.
    fn char_by_char(s: &str) -> Result<Vec<Part>, String> {
        let mut out = Vec::new();
        let mut text = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.next_if_eq(&'{').is_some() => text.push('{'),
                '}' if chars.next_if_eq(&'}').is_some() => text.push('}'),
                '}' => return Err("lone `}` in value; write `}}` for a literal brace".into()),
                '{' => {
                    let mut inner = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => inner.push(c),
                            None => {
                                return Err(
                                    "unclosed `{` in value; close the placeholder or write `{{` for a literal brace"
                                        .into(),
                                )
                            }
                        }
                    }
                    let (name, upper) = match inner.split_once(':') {
                        Some((n, "upper")) => (n, true),
                        Some((_, f)) => {
                            return Err(format!(
                                "unknown placeholder filter `{f}`; the only filter is `upper`"
                            ))
                        }
                        None => (inner.as_str(), false),
                    };
                    if !is_ident(name) {
                        return Err(format!(
                            "`{{{inner}}}` is not a placeholder; write `{{name}}`, or `{{{{` for a literal brace"
                        ));
                    }
                    if !text.is_empty() {
                        out.push(Part::Text(std::mem::take(&mut text)));
                    }
                    out.push(Part::Var {
                        name: name.to_owned(),
                        upper,
                    });
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            out.push(Part::Text(text));
        }
        Ok(out)
    }

    /// The same parts back in placeholder syntax, as first written.
    fn joined_as_before(parts: &[Part]) -> String {
        parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => escape(t),
                Part::Var { name, upper: false } => format!("{{{name}}}"),
                Part::Var { name, upper: true } => format!("{{{name}:upper}}"),
            })
            .collect()
    }

    #[test]
    fn every_short_value_reads_and_joins_as_before() {
        // Every string of up to six of these: braces, the filter's colon and name, a name's
        // characters, a space, a character of two bytes.
        let alphabet = ['{', '}', ':', 'u', 'x', '_', ' ', '\u{e9}'];
        let mut values = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..6 {
            let mut next = Vec::new();
            for v in &last {
                for c in alphabet {
                    next.push(format!("{v}{c}"));
                }
            }
            values.extend(next.iter().cloned());
            last = next;
        }
        values.push("{upper:upper}{x}{{{x:upper}}}a\u{e9}{_1}".to_owned());
        for v in &values {
            let now = parts(v);
            assert_eq!(now, char_by_char(v), "{v:?}");
            if let Ok(p) = now {
                assert_eq!(join(&p), joined_as_before(&p), "{v:?}");
            }
        }
    }

    #[test]
    fn rejects_malformed() {
        for bad in ["{", "}", "{a", "{a b}", "{}", "{a:lower}", "{1x}"] {
            assert!(parts(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn substitutes_known_keeps_unknown() {
        let out = substitute("{service:upper}_ARGS {runstatedir} {{x}}", |n| {
            (n == "service").then(|| "virtqemud".to_owned())
        })
        .unwrap();
        assert_eq!(out, "VIRTQEMUD_ARGS {runstatedir} {{x}}");
    }
}
