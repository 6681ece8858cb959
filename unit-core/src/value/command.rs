//! Command lines and environment assignments, with systemd's word splitting.

/// Splits `value` into words the way systemd does: whitespace separates, double and single
/// quotes group, a backslash escapes the next character. Unbalanced quotes are an error.
pub fn split_words(value: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(words);
        }
        let mut word = String::new();
        let mut quote: Option<char> = None;
        while let Some(c) = chars.next() {
            match (quote, c) {
                (_, '\\') => match chars.next() {
                    Some(n) => word.push(n),
                    None => {
                        return Err(format!(
                            "`{value}` ends with a lone `\\`; escape it as `\\\\`"
                        ))
                    }
                },
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, c) if c.is_whitespace() => break,
                (_, c) => word.push(c),
            }
        }
        if let Some(q) = quote {
            return Err(format!(
                "`{value}` has an unterminated `{q}` quote; close it"
            ));
        }
        words.push(word);
    }
}

/// Splits a list of unit names the way systemd's dependency parsers do
/// (`extract_first_word()` with `EXTRACT_RETAIN_ESCAPE`): white space separates, and a
/// backslash stays in the name with the character after it, so
/// `dev-virtio\x2dports.device` keeps its `\x2d` escape. Quotes group words, as in
/// `[Install]` lists.
pub fn split_names(value: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (_, '\\') => {
                word.push(c);
                word.extend(chars.next());
            }
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            (_, c) => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitting() {
        assert_eq!(split_words("a  b").unwrap(), ["a", "b"]);
        assert_eq!(
            split_words(r#"X="--timeout 120" 'y z'"#).unwrap(),
            ["X=--timeout 120", "y z"]
        );
        assert_eq!(split_words(r"a\ b").unwrap(), ["a b"]);
        assert!(split_words("\"open").unwrap_err().contains("unterminated"));
        assert!(split_words("a\\").is_err());
        assert!(split_words("   ").unwrap().is_empty());
    }

    #[test]
    fn unit_names_keep_their_escapes() {
        assert_eq!(
            split_names(r"dev-virtio\x2dports-org.qemu.guest_agent.0.device  b.service"),
            [
                r"dev-virtio\x2dports-org.qemu.guest_agent.0.device",
                "b.service"
            ]
        );
        assert!(split_names("  ").is_empty());
    }
}
