//! systemd's `--security-policy=FILE.json`: per check (by its JSON field), a `weight`, a
//! `range` and the descriptions `description_good`, `description_bad`, `description_na`.
//!
//! ```json
//! { "PrivateNetwork": { "weight": 0 }, "UserOrDynamicUser": { "weight": 3000, "range": 10 } }
//! ```
//!
//! As in systemd, a field of the wrong type is ignored and the check keeps its own value.

use super::check::Check;

/// Custom weights, ranges and descriptions; the default changes nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Policy {
    /// Sorted by name, each name once, as in a map: a policy names a few dozen checks.
    checks: Fields<Fields<Json>>,
}

/// A JSON object's fields sorted by name, the last of a repeated name kept.
type Fields<T> = Vec<(String, T)>;

#[derive(Debug, Clone, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number(f64, Option<u64>),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Policy {
    /// Reads a policy file's text; the error names the line and what was expected.
    pub fn parse(text: &str) -> Result<Policy, String> {
        let mut p = Parser { text, pos: 0 };
        p.space();
        let value = p.value(0)?;
        p.space();
        if p.pos < text.len() {
            return Err(p.error("trailing text after the JSON value"));
        }
        let Json::Object(fields) = value else {
            return Err("a security policy is a JSON object of checks".to_owned());
        };
        let mut checks = Vec::new();
        for (name, value) in fields {
            if let Json::Object(inner) = value {
                let mut sorted = Vec::new();
                for (field, value) in inner {
                    insert(&mut sorted, field, value);
                }
                insert(&mut checks, name, sorted);
            }
        }
        Ok(Policy { checks })
    }

    fn field(&self, check: &Check, name: &str) -> Option<&Json> {
        get(get(&self.checks, check.json_field)?, name)
    }

    /// The check's weight under this policy.
    pub fn weight(&self, check: &Check) -> u64 {
        match self.field(check, "weight") {
            Some(Json::Number(_, Some(n))) => *n,
            _ => check.weight,
        }
    }

    /// The check's range under this policy.
    pub fn range(&self, check: &Check) -> u64 {
        match self.field(check, "range") {
            Some(Json::Number(_, Some(n))) => *n,
            _ => check.range,
        }
    }

    /// The description `name` under this policy, or `fallback`.
    pub fn description<'a>(
        &'a self,
        check: &Check,
        name: &str,
        fallback: Option<&'a str>,
    ) -> Option<&'a str> {
        match self.field(check, name) {
            Some(Json::String(s)) => Some(s),
            _ => fallback,
        }
    }

    /// The JSON fields that name no check of `release`, which systemd ignores: worth a warning.
    pub fn unknown_fields(&self, release: u16) -> Vec<&str> {
        let bit = super::release_bit(release);
        let mut out = Vec::new();
        'fields: for (name, _) in &self.checks {
            for c in super::table::CHECKS {
                if c.releases & bit != 0 && c.json_field == name {
                    continue 'fields;
                }
            }
            out.push(name.as_str());
        }
        out
    }
}

/// Sets `name` to `value`, replacing an earlier value of the same name.
fn insert<T>(fields: &mut Fields<T>, name: String, value: T) {
    match fields.binary_search_by(|(k, _)| k.as_str().cmp(&name)) {
        Ok(i) => fields[i].1 = value,
        Err(i) => fields.insert(i, (name, value)),
    }
}

fn get<'a, T>(fields: &'a Fields<T>, name: &str) -> Option<&'a T> {
    match fields.binary_search_by(|(k, _)| k.as_str().cmp(name)) {
        Ok(i) => Some(&fields[i].1),
        Err(_) => None,
    }
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> String {
        let line = self.text[..self.pos].matches('\n').count() + 1;
        format!("{what} at line {line}")
    }

    fn space(&mut self) {
        let rest = &self.text[self.pos..];
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, c: char) -> bool {
        if self.text[self.pos..].starts_with(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: u32) -> Result<Json, String> {
        if depth > 64 {
            return Err(self.error("JSON nested too deeply"));
        }
        self.space();
        let rest = &self.text[self.pos..];
        for (word, value) in [
            ("null", Json::Null),
            ("true", Json::Bool(true)),
            ("false", Json::Bool(false)),
        ] {
            if rest.starts_with(word) {
                self.pos += word.len();
                return Ok(value);
            }
        }
        match rest.chars().next() {
            Some('"') => self.string().map(Json::String),
            Some('{') => {
                self.pos += 1;
                let mut fields = Vec::new();
                self.space();
                if self.eat('}') {
                    return Ok(Json::Object(fields));
                }
                loop {
                    self.space();
                    let key = self.string()?;
                    self.space();
                    if !self.eat(':') {
                        return Err(self.error("expected `:`"));
                    }
                    fields.push((key, self.value(depth + 1)?));
                    self.space();
                    if self.eat('}') {
                        return Ok(Json::Object(fields));
                    }
                    if !self.eat(',') {
                        return Err(self.error("expected `,` or `}`"));
                    }
                }
            }
            Some('[') => {
                self.pos += 1;
                let mut items = Vec::new();
                self.space();
                if self.eat(']') {
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.space();
                    if self.eat(']') {
                        return Ok(Json::Array(items));
                    }
                    if !self.eat(',') {
                        return Err(self.error("expected `,` or `]`"));
                    }
                }
            }
            Some(c) if c == '-' || c.is_ascii_digit() => {
                let len = rest
                    .find(|c: char| !(c.is_ascii_digit() || "+-.eE".contains(c)))
                    .unwrap_or(rest.len());
                let number = &rest[..len];
                self.pos += len;
                let float = number
                    .parse::<f64>()
                    .map_err(|_| self.error(&format!("invalid number `{number}`")))?;
                Ok(Json::Number(float, number.parse::<u64>().ok()))
            }
            _ => Err(self.error("expected a JSON value")),
        }
    }

    fn string(&mut self) -> Result<String, String> {
        if !self.eat('"') {
            return Err(self.error("expected a string"));
        }
        let mut out = String::new();
        let mut chars = self.text[self.pos..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.pos += i + 1;
                    return Ok(out);
                }
                '\\' => {
                    let Some((_, e)) = chars.next() else { break };
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'u' => {
                            let mut hex = String::new();
                            for _ in 0..4 {
                                if let Some((_, c)) = chars.next() {
                                    hex.push(c);
                                }
                            }
                            let code = u32::from_str_radix(&hex, 16)
                                .map_err(|_| self.error("invalid `\\u` escape"))?;
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                        }
                        other => out.push(other),
                    }
                }
                c => out.push(c),
            }
        }
        Err(self.error("unterminated string"))
    }
}
