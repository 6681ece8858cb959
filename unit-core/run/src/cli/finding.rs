//! Findings as machine-readable records: `--message-format json` writes one JSON object per
//! line (JSON Lines), so CI jobs and editors read them without parsing messages.
//!
//! ```text
//! {"severity":"error","rule":"value","unit":"a.service","file":"a.service","line":4,"column":1,"message":"...","release":252}
//! ```
//!
//! Every key is always present; an unknown place or release is `null`.

use std::fmt::Write as _;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The unit is refused or wrong.
    Error,
    /// The unit works, but not as it likely means to.
    Warning,
    /// Information, such as one line of a report.
    Info,
}

impl Severity {
    /// The word written in a record: `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding about one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// How bad it is.
    pub severity: Severity,
    /// A stable identifier of the rule that found it (`value`, `reference`, `exposure`, ...).
    pub rule: String,
    /// The unit it concerns, when there is one.
    pub unit: Option<String>,
    /// The file it was found in, when there is one.
    pub file: Option<String>,
    /// The line in `file`, from 1.
    pub line: Option<u32>,
    /// The column in `line`, from 1.
    pub column: Option<u32>,
    /// The message, in the one grammar of every message.
    pub message: String,
    /// The systemd release the finding is about, when it depends on one.
    pub release: Option<u16>,
}

impl Finding {
    /// A finding of `rule` with `message`, at no place yet.
    pub fn new(severity: Severity, rule: &str, message: impl Into<String>) -> Finding {
        Finding {
            severity,
            rule: rule.to_owned(),
            unit: None,
            file: None,
            line: None,
            column: None,
            message: message.into(),
            release: None,
        }
    }

    /// The record as one line of JSON, without the line end.
    pub fn to_json(&self) -> String {
        let mut s = String::with_capacity(96 + self.message.len());
        s.push_str("{\"severity\":");
        string(&mut s, self.severity.as_str());
        s.push_str(",\"rule\":");
        string(&mut s, &self.rule);
        s.push_str(",\"unit\":");
        optional(&mut s, self.unit.as_deref());
        s.push_str(",\"file\":");
        optional(&mut s, self.file.as_deref());
        s.push_str(",\"line\":");
        number(&mut s, self.line);
        s.push_str(",\"column\":");
        number(&mut s, self.column);
        s.push_str(",\"message\":");
        string(&mut s, &self.message);
        s.push_str(",\"release\":");
        number(&mut s, self.release);
        s.push('}');
        s
    }
}

fn optional(s: &mut String, v: Option<&str>) {
    match v {
        Some(v) => string(s, v),
        None => s.push_str("null"),
    }
}

fn number(s: &mut String, v: Option<impl std::fmt::Display>) {
    match v {
        Some(v) => {
            let _ = write!(s, "{v}");
        }
        None => s.push_str("null"),
    }
}

/// Writes `v` as a JSON string (RFC 8259: `"` and `\` escaped, control characters as `\uXXXX`
/// or their short forms).
pub fn string(s: &mut String, v: &str) {
    s.push('"');
    for c in v.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(s, "\\u{:04x}", u32::from(c));
            }
            c => s.push(c),
        }
    }
    s.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_has_every_key_in_order() {
        let mut f = Finding::new(Severity::Error, "value", "bad `Type=`");
        f.unit = Some("a.service".into());
        f.line = Some(4);
        f.release = Some(252);
        assert_eq!(
            f.to_json(),
            "{\"severity\":\"error\",\"rule\":\"value\",\"unit\":\"a.service\",\"file\":null,\
             \"line\":4,\"column\":null,\"message\":\"bad `Type=`\",\"release\":252}"
        );
    }

    #[test]
    fn strings_are_escaped() {
        let mut s = String::new();
        string(&mut s, "a\"b\\c\nd\u{1}é");
        assert_eq!(s, "\"a\\\"b\\\\c\\nd\\u0001é\"");
    }
}
