//! The checks of build options and template parameters, and value helpers the family-wide
//! rules share (unit names, socket addresses, word splitting). Directive values are judged by
//! systemd's own parsers in [`crate::parsers`].

mod address;
mod command;

pub use crate::parsers::basic::mode;
pub use address::{socket_address, ListenAddress};
pub use command::{split_names, split_words};

/// What a build option's or template parameter's value must look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// Any single-line text.
    Text,
    /// An octal file mode, at most `07777`.
    Mode,
    /// One absolute path.
    Path,
}

impl ValueKind {
    /// A short description for messages, e.g. `an absolute path`.
    pub fn describe(self) -> &'static str {
        match self {
            ValueKind::Text => "text",
            ValueKind::Mode => "an octal mode",
            ValueKind::Path => "an absolute path",
        }
    }

    /// Checks `value` against this kind.
    pub fn check(self, _key: &str, value: &str) -> Result<(), String> {
        match self {
            ValueKind::Text => Ok(()),
            ValueKind::Mode => mode(value),
            ValueKind::Path => absolute_path(value),
        }
    }
}

/// Parses systemd's boolean spellings.
pub fn boolean(value: &str) -> Result<bool, String> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "yes" | "y" | "true" | "t" | "on" => Ok(true),
        "0" | "no" | "n" | "false" | "f" | "off" => Ok(false),
        _ => Err(format!("`{value}` is not a boolean; use `yes` or `no`")),
    }
}

const UNIT_NAME_MAX: usize = 255;

/// Checks a unit name: `prefix[@instance].suffix` with a known suffix and systemd's characters.
pub fn unit_name(name: &str) -> Result<(), String> {
    let Some((stem, suffix)) = name.rsplit_once('.') else {
        return Err(format!(
            "`{name}` is not a unit name; add a suffix such as `.service`"
        ));
    };
    if crate::UnitKind::from_suffix(suffix).is_none() {
        let hint = crate::suggest::closest(suffix, crate::UnitKind::ALL.map(|k| k.suffix()))
            .map(|s| format!("; did you mean `.{s}`?"))
            .unwrap_or_else(|| "; use a suffix such as `.service`".into());
        return Err(format!(
            "`{name}` has an unknown unit suffix `.{suffix}`{hint}"
        ));
    }
    if name.len() > UNIT_NAME_MAX {
        return Err(format!(
            "unit name `{name}` is longer than {UNIT_NAME_MAX} characters"
        ));
    }
    let (prefix, instance) = match stem.split_once('@') {
        Some((p, i)) => (p, Some(i)),
        None => (stem, None),
    };
    if prefix.is_empty() {
        return Err(format!("unit name `{name}` has an empty prefix"));
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || ":-_.\\%".contains(c);
    // systemd allows `@` in the instance (`heartbeat-failed@frr@.service`), not the prefix.
    if let Some(c) = prefix
        .chars()
        .chain(instance.unwrap_or("").chars().filter(|&c| c != '@'))
        .find(|&c| !allowed(c))
    {
        return Err(format!(
            "unit name `{name}` contains `{}`; use letters, digits and `:-_.\\` only",
            c.escape_default()
        ));
    }
    Ok(())
}

/// Checks an absolute, normalized path (a leading specifier such as `%t` also counts).
pub fn absolute_path(path: &str) -> Result<(), String> {
    if !(path.starts_with('/') || path.starts_with('%')) {
        return Err(format!(
            "`{path}` is not an absolute path; start it with `/`"
        ));
    }
    if path.split('/').any(|c| c == "..") {
        return Err(format!(
            "path `{path}` contains `..`; write it without `..`"
        ));
    }
    if path.contains("//") {
        return Err(format!("path `{path}` contains `//`; use a single `/`"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans() {
        for ok in ["yes", "no", "1", "0", "true", "False", "on", "off"] {
            assert!(boolean(ok).is_ok(), "{ok}");
        }
        for bad in ["yess", "2", "", "enabled"] {
            let e = boolean(bad).unwrap_err();
            assert!(e.contains("not a boolean"), "{e}");
        }
    }

    #[test]
    fn unit_names() {
        for ok in [
            "a.service",
            "foo@.service",
            "foo@bar.socket",
            "systemd-machined.service",
            "dev-sda1.device",
            "foo@%i.service",
        ] {
            assert!(unit_name(ok).is_ok(), "{ok}");
        }
        let e = unit_name("virtlogd.sockt").unwrap_err();
        assert!(e.contains("did you mean `.socket`?"), "{e}");
        assert!(unit_name("virtlogd").is_err());
        assert!(unit_name(".service").is_err());
        assert!(unit_name("a b.service").is_err());
        assert!(unit_name("a/b.service").is_err());
        assert!(unit_name(&format!("{}.service", "a".repeat(250))).is_err());
    }

    #[test]
    fn paths() {
        assert!(absolute_path("/run/libvirt").is_ok());
        assert!(absolute_path("%t/libvirt").is_ok());
        assert!(absolute_path("run/libvirt").is_err());
        assert!(absolute_path("/run/../etc").is_err());
        assert!(absolute_path("/run//x").is_err());
    }
}
