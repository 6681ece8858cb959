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

/// Checks an `Exec*=` command line: prefixes `-@:+!` (each once, `+` not with `!`), then an
/// absolute path or a bare program name, then arguments.
pub fn command_line(value: &str) -> Result<(), String> {
    let words = split_words(value)?;
    let Some(first) = words.first() else {
        return Err("empty command line; give the program to run".into());
    };
    let program_at = first
        .char_indices()
        .find(|&(_, c)| !"-@:+!".contains(c))
        .map_or(first.len(), |(i, _)| i);
    let (prefixes, program) = first.split_at(program_at);
    for p in ['-', '@', ':', '+'] {
        if prefixes.matches(p).count() > 1 {
            return Err(format!(
                "command prefix `{p}` is repeated in `{value}`; give it once"
            ));
        }
    }
    let bangs = prefixes.matches('!').count();
    if bangs > 2 || (bangs > 0 && prefixes.contains('+')) {
        return Err(format!(
            "command prefixes `{prefixes}` conflict in `{value}`; `+` excludes `!` and `!!`"
        ));
    }
    let program = if program.is_empty() && !prefixes.is_empty() {
        words.get(1).map(String::as_str).unwrap_or("")
    } else {
        program
    };
    if program.is_empty() {
        return Err(format!(
            "command line `{value}` names no program; add its path"
        ));
    }
    if prefixes.contains('@') && words.len() < 2 {
        return Err(format!(
            "command `{value}` uses the `@` prefix but gives no `argv[0]`; add it after the path"
        ));
    }
    if !program.starts_with('/') && !program.starts_with('%') && program.contains('/') {
        return Err(format!(
            "program `{program}` is a relative path; use an absolute path or a bare name"
        ));
    }
    Ok(())
}

fn is_env_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Checks `Environment=`: one or more `NAME=value` words.
pub fn environment(value: &str) -> Result<(), String> {
    let words = split_words(value)?;
    if words.is_empty() {
        return Err("empty environment assignment; write `NAME=value`".into());
    }
    for word in &words {
        match word.split_once('=') {
            Some((name, _)) if is_env_name(name) => {}
            Some((name, _)) => {
                return Err(format!(
                    "`{name}` is not a valid environment variable name; use letters, digits and `_`"
                ))
            }
            None => {
                return Err(format!(
                    "`{word}` is not an assignment; write `NAME=value`, quoting values with spaces"
                ))
            }
        }
    }
    Ok(())
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
    fn commands() {
        for ok in [
            "/usr/sbin/virtqemud $VIRTQEMUD_ARGS",
            "/bin/kill -HUP $MAINPID",
            "-/usr/bin/true",
            "@/usr/bin/foo foo-argv0 x",
            "+/usr/bin/x",
            "!!/usr/bin/x",
            ":/usr/bin/x",
            "true",
            "- /usr/bin/x",
        ] {
            assert!(command_line(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "--/bin/x",
            "+!/bin/x",
            "!!!/bin/x",
            "@/bin/x",
            "bin/x",
            "\"/bin/x",
            "-",
        ] {
            assert!(command_line(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn environments() {
        assert!(environment(r#"VIRTQEMUD_ARGS="--timeout 120""#).is_ok());
        assert!(environment("VIRTLOGD_ARGS=").is_ok());
        assert!(environment("A=1 B=2").is_ok());
        assert!(environment("A").unwrap_err().contains("not an assignment"));
        assert!(environment("1A=x").unwrap_err().contains("not a valid"));
        assert!(environment("A-B=x").is_err());
        assert!(environment("A=\"x").is_err());
        assert!(environment(" ").is_err());
    }
}
