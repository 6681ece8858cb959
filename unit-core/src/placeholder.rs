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
    // Most values hold no brace: one part of text, found without reading them char by char.
    if !has_brace(s) {
        if !s.is_empty() {
            out.push(Part::Text(s.to_owned()));
        }
        return Ok(out);
    }
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
    parts
        .iter()
        .map(|p| match p {
            Part::Text(t) => escape(t),
            Part::Var { name, upper: false } => format!("{{{name}}}"),
            Part::Var { name, upper: true } => format!("{{{name}:upper}}"),
        })
        .collect()
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
