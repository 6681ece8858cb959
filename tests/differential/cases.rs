//! The (unit type, section, directive, value) cases and the unit file written for each.
//!
//! The directives and the parser systemd uses for each come from the catalog: systemd 252's
//! `load-fragment-gperf` table as `unit-core/data/make-catalogs.py` rendered it (which
//! `table.rs` is checked against), with the `[Install]` parsers of the parser registry; the
//! values from `values.txt` (per parser, plus extras per directive) and from [`GENERIC`], tried
//! on every directive.

use std::collections::BTreeSet;

/// systemd 252's unit-file table, one directive a line: section, name, parser, ltype, field.
const TABLE: &str = include_str!("../../unit-core/data/systemd-252.table");
const VALUES: &str = include_str!("values.txt");

/// Values every directive is tried with: resets, specifiers valid and not, quoting, numbers at
/// and past the 32- and 64-bit limits, control characters, an overlong value.
const GENERIC: &[&str] = &[
    "",
    "%%",
    "%n",
    "%N",
    "%i",
    "%q",
    "%t",
    "%z",
    "x%",
    "%",
    "100%%",
    "\"quoted\"",
    "'single'",
    "\"unterminated",
    "two words",
    "-1",
    "0",
    "1",
    "4294967296",
    "18446744073709551616",
    "yes",
    "foo",
    "tab\there",
    "\u{1}control",
];

/// One line to test: `directive=value` in `section` of a unit of type `kind`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    /// The unit type's suffix, e.g. `service`.
    pub kind: &'static str,
    pub section: String,
    pub directive: String,
    /// systemd's parser function, without its `config_parse_` prefix.
    pub parser: String,
    pub value: String,
}

/// A unit file to write: its name, text, the 1-based line of the tested entry (0 when the
/// text is a case's base without it) and files it needs beside it.
#[derive(Clone, Debug)]
pub struct UnitFile {
    pub name: String,
    pub text: String,
    pub line: usize,
    pub companions: Vec<(String, String)>,
}

/// The unit type that tests directives of `section`; `None` for `[Scope]`, which exists only
/// for units created at run time and cannot be a file.
pub fn kind_of(section: &str) -> Option<&'static str> {
    Some(match section {
        "Unit" | "Install" | "Service" => "service",
        "Socket" => "socket",
        "Mount" => "mount",
        "Automount" => "automount",
        "Swap" => "swap",
        "Timer" => "timer",
        "Path" => "path",
        "Slice" => "slice",
        _ => return None,
    })
}

/// Every (section, directive, parser) of systemd's table, in its order, then `[Install]`'s in
/// the order of `install.c`, each with the parser that reads it there.
pub fn directives() -> Vec<(String, String, String)> {
    let rows: Vec<Vec<&str>> = TABLE
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    let mut out: Vec<(String, String, String)> = rows
        .iter()
        .filter(|f| f[2] != "NULL")
        .map(|f| {
            let parser = f[2].strip_prefix("config_parse_").unwrap_or(f[2]);
            (f[0].to_owned(), f[1].to_owned(), parser.to_owned())
        })
        .collect();
    for (name, parser, _) in unit_core::parsers::registry::INSTALL {
        if rows.iter().any(|f| f[0] == "Install" && f[1] == *name) {
            out.push(("Install".into(), (*name).into(), (*parser).into()));
        }
    }
    out
}

/// The values of `values.txt` under `[header]`.
fn listed(header: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in VALUES.lines() {
        if line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') && line.ends_with(']') && !line.contains(':') {
            inside = &line[1..line.len() - 1] == header;
            continue;
        }
        if inside && !line.is_empty() {
            out.push(line.to_owned());
        }
    }
    out
}

/// The values tried on `directive`, parsed by `parser`: the parser's list, the directive's
/// extras, the generic values, and two misspellings of the parser's first value.
pub fn values(parser: &str, directive: &str) -> Vec<String> {
    let own = listed(parser);
    assert!(!own.is_empty(), "values.txt has no `[{parser}]`");
    let mut all = own.clone();
    all.extend(listed(&format!("={directive}")));
    all.extend(GENERIC.iter().map(|s| (*s).to_owned()));
    let first = &own[0];
    if let Some(last) = first.chars().last() {
        all.push(format!("{first}{last}"));
    }
    all.push(first.to_uppercase());
    all.push("a".repeat(5000));
    let mut seen = BTreeSet::new();
    all.retain(|v| seen.insert(v.clone()));
    all
}

/// The parser name of the cases whose directive is misspelled.
pub const MISSPELLED: &str = "(misspelled directive)";

/// `directive` with its second-to-last letter dropped (`ExecStart` -> `ExecStat`), unless
/// that is another directive of `section`.
fn misspelled(
    directive: &str,
    section: &str,
    table: &[(String, String, String)],
) -> Option<String> {
    let mut chars: Vec<char> = directive.chars().collect();
    if chars.len() < 3 {
        return None;
    }
    chars.remove(chars.len() - 2);
    let typo: String = chars.into_iter().collect();
    let taken = table.iter().any(|(s, d, _)| s == section && *d == typo);
    (!taken).then_some(typo)
}

/// Every case, in a fixed order: directives in table order, values in list order, and then
/// each directive misspelled, with its parser's first value.
pub fn all() -> Vec<Case> {
    let table = directives();
    let mut out = Vec::new();
    let mut typos = Vec::new();
    for (section, directive, parser) in &table {
        let Some(kind) = kind_of(section) else {
            continue;
        };
        let values = values(parser, directive);
        if let Some(typo) = misspelled(directive, section, &table) {
            typos.push(Case {
                kind,
                section: section.clone(),
                directive: typo,
                parser: MISSPELLED.to_owned(),
                value: values[0].clone(),
            });
        }
        for value in values {
            out.push(Case {
                kind,
                section: section.clone(),
                directive: directive.clone(),
                parser: parser.clone(),
                value,
            });
        }
    }
    out.extend(typos);
    out
}

/// `path` as systemd names the unit for it (`systemd-escape --path`), when it is a
/// normalized absolute path without specifiers.
fn escape_path(path: &str) -> Option<String> {
    if path == "/" {
        return Some("-".to_owned());
    }
    let inner = path.strip_prefix('/')?;
    let normalized = inner
        .split('/')
        .all(|part| !part.is_empty() && part != "." && part != "..");
    if !normalized || path.contains('%') || path.chars().any(char::is_control) {
        return None;
    }
    let mut out = String::new();
    for (i, b) in inner.bytes().enumerate() {
        match b {
            b'/' => out.push('-'),
            b'.' if i == 0 => out.push_str("\\x2e"),
            b if b.is_ascii_alphanumeric() || b":_.".contains(&b) => out.push(b as char),
            b => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    Some(out)
}

const UNIT: &str = "Unit";
const INSTALL: &str = "Install";

impl Case {
    /// The unit file for this case, with id `id` (unique within a run), with the tested line
    /// or, when `with_line` is false, without it (the case's base).
    pub fn unit(&self, id: usize, with_line: bool) -> UnitFile {
        let d = self.directive.as_str();
        let stem = format!("dx{id:06}");
        let own = match self.kind {
            "service" => "Service",
            "socket" => "Socket",
            "mount" => "Mount",
            "automount" => "Automount",
            "swap" => "Swap",
            "timer" => "Timer",
            "path" => "Path",
            _ => "Slice",
        };
        let mut unit: Vec<String> = Vec::new();
        let mut body: Vec<String> = Vec::new();
        let mut install: Vec<String> = Vec::new();
        let mut companions = Vec::new();
        let mut name = format!("{stem}.{}", self.kind);
        let add = |lines: &mut Vec<String>, key: &str, value: &str| {
            if key != d {
                lines.push(format!("{key}={value}"));
            }
        };
        add(&mut unit, "Description", "differential case");
        match self.kind {
            "service" => {
                if d == "ExecStart" {
                    body.push("Type=oneshot".to_owned());
                    body.push("RemainAfterExit=yes".to_owned());
                    body.push("ExecStop=/bin/true".to_owned());
                } else {
                    add(&mut body, "ExecStart", "/bin/true");
                }
                if d == "Type" {
                    body.push(format!("BusName=org.example.{stem}"));
                }
                if d == "DefaultInstance" {
                    // Only a template has a default instance; it is wanted by a template.
                    name = format!("{stem}@.service");
                    install.push("WantedBy=dxwant@.target".to_owned());
                } else if d == "RequiredBy" {
                    install.push("WantedBy=multi-user.target".to_owned());
                } else if self.section == INSTALL {
                    install.push("RequiredBy=multi-user.target".to_owned());
                }
            }
            "socket" => {
                if d == "ListenStream" {
                    body.push(format!("ListenDatagram=/run/{stem}.sock"));
                } else {
                    body.push(format!("ListenStream=/run/{stem}.sock"));
                }
                if d == "Accept" {
                    let service = "[Service]\nExecStart=/bin/true\n".to_owned();
                    companions.push((format!("{stem}.service"), service.clone()));
                    companions.push((format!("{stem}@.service"), service));
                } else {
                    add(&mut body, "Service", "dxhelper.service");
                }
            }
            "timer" | "path" => {
                let (first, alt, arg) = if self.kind == "timer" {
                    ("OnActiveSec", "OnBootSec", "1h")
                } else {
                    ("PathExists", "PathChanged", "/etc")
                };
                add(&mut body, if d == first { alt } else { first }, arg);
                add(&mut body, "Unit", "dxhelper.service");
            }
            "mount" | "automount" => {
                name = format!("mnt-{stem}.{}", self.kind);
                if self.kind == "mount" {
                    add(&mut body, "What", "/dev/dxdisk");
                }
                add(&mut body, "Where", &format!("/mnt/{stem}"));
                if d == "Where" {
                    if let Some(e) = escape_path(&self.value) {
                        name = format!("{e}.{}", self.kind);
                    }
                }
            }
            "swap" => {
                name = format!("dev-{stem}.swap");
                add(&mut body, "What", &format!("/dev/{stem}"));
                if d == "What" {
                    if let Some(e) = escape_path(&self.value) {
                        name = format!("{e}.swap");
                    }
                }
            }
            _ => {}
        }
        let tested = format!("{d}={}", self.value);
        if with_line {
            match self.section.as_str() {
                UNIT => unit.push(tested.clone()),
                INSTALL => install.push(tested.clone()),
                _ => body.push(tested.clone()),
            }
        }
        let mut text = String::new();
        let mut line = 0;
        let mut n = 0;
        for (header, lines) in [(UNIT, &unit), (own, &body), (INSTALL, &install)] {
            if lines.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push('\n');
                n += 1;
            }
            text.push_str(&format!("[{header}]\n"));
            n += 1;
            for l in lines.iter() {
                text.push_str(l);
                text.push('\n');
                n += 1;
                if with_line && *l == tested && header == self.section {
                    line = n;
                }
            }
        }
        UnitFile {
            name,
            text,
            line,
            companions,
        }
    }

    /// `Section.Directive`, as the report and the known-disagreements file name it.
    pub fn key(&self) -> String {
        format!("{}.{}", self.section, self.directive)
    }
}

/// The valid service that sockets, timers and paths activate.
pub const HELPER: (&str, &str) = ("dxhelper.service", "[Service]\nExecStart=/bin/true\n");
