//! The owned model of one unit file.

use std::fmt;

/// An opaque tag that ties a unit, section or entry to the place it was defined.
///
/// `unit-core` never interprets it; callers (the macro, the parser) hand out origins and map the
/// diagnostics that carry them back to source locations. `Origin::NONE` means "no place known".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin(pub u32);

impl Origin {
    /// No known place.
    pub const NONE: Origin = Origin(0);
}

/// A problem found in a definition, with the place it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// One line: lowercase, code in backticks, problem first then remedy.
    pub message: String,
    /// Where the problem is.
    pub origin: Origin,
    /// Whether the problem is in the entry's value rather than its key.
    pub on_value: bool,
}

impl Diagnostic {
    /// A diagnostic at `origin`.
    pub fn new(origin: Origin, message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            origin,
            on_value: false,
        }
    }

    /// A diagnostic about the value of the entry at `origin`.
    pub fn value(origin: Origin, message: impl Into<String>) -> Self {
        Diagnostic {
            on_value: true,
            ..Diagnostic::new(origin, message)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The type of a unit, taken from the suffix of its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnitKind {
    /// `.service`
    Service,
    /// `.socket`
    Socket,
    /// `.target`
    Target,
    /// `.mount`
    Mount,
    /// `.automount`
    Automount,
    /// `.swap`
    Swap,
    /// `.timer`
    Timer,
    /// `.path`
    Path,
    /// `.slice`
    Slice,
    /// `.scope`
    Scope,
    /// `.device`
    Device,
}

impl UnitKind {
    /// Every kind, in the order systemd documents them.
    pub const ALL: [UnitKind; 11] = [
        UnitKind::Service,
        UnitKind::Socket,
        UnitKind::Target,
        UnitKind::Mount,
        UnitKind::Automount,
        UnitKind::Swap,
        UnitKind::Timer,
        UnitKind::Path,
        UnitKind::Slice,
        UnitKind::Scope,
        UnitKind::Device,
    ];

    /// The suffix without its dot, e.g. `service`.
    pub fn suffix(self) -> &'static str {
        match self {
            UnitKind::Service => "service",
            UnitKind::Socket => "socket",
            UnitKind::Target => "target",
            UnitKind::Mount => "mount",
            UnitKind::Automount => "automount",
            UnitKind::Swap => "swap",
            UnitKind::Timer => "timer",
            UnitKind::Path => "path",
            UnitKind::Slice => "slice",
            UnitKind::Scope => "scope",
            UnitKind::Device => "device",
        }
    }

    /// The kind whose suffix is `suffix` (without the dot).
    pub fn from_suffix(suffix: &str) -> Option<UnitKind> {
        Some(match suffix {
            "service" => UnitKind::Service,
            "socket" => UnitKind::Socket,
            "target" => UnitKind::Target,
            "mount" => UnitKind::Mount,
            "automount" => UnitKind::Automount,
            "swap" => UnitKind::Swap,
            "timer" => UnitKind::Timer,
            "path" => UnitKind::Path,
            "slice" => UnitKind::Slice,
            "scope" => UnitKind::Scope,
            "device" => UnitKind::Device,
            _ => return None,
        })
    }

    /// The kind of a unit name such as `foo@.service`.
    pub fn of_name(name: &str) -> Option<UnitKind> {
        let (_, suffix) = name.rsplit_once('.')?;
        UnitKind::from_suffix(suffix)
    }

    /// The section named after the kind (`Service` for services), if it has one.
    pub fn own_section(self) -> Option<&'static str> {
        match self {
            UnitKind::Service => Some("Service"),
            UnitKind::Socket => Some("Socket"),
            UnitKind::Mount => Some("Mount"),
            UnitKind::Automount => Some("Automount"),
            UnitKind::Swap => Some("Swap"),
            UnitKind::Timer => Some("Timer"),
            UnitKind::Path => Some("Path"),
            UnitKind::Slice => Some("Slice"),
            UnitKind::Scope => Some("Scope"),
            UnitKind::Target | UnitKind::Device => None,
        }
    }

    /// The sections a unit file of this kind may hold, in canonical order.
    pub fn sections(self) -> Vec<&'static str> {
        let mut all = vec!["Unit"];
        all.extend(self.own_section());
        if self != UnitKind::Scope {
            all.push("Install");
        }
        all
    }
}

impl fmt::Display for UnitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.suffix())
    }
}

/// The name of a directive, e.g. `ExecStart`. Whether it can be written as a directive name
/// (letters, digits, `-` and `_`) is worked out once, when it is made, rather than each time
/// the unit is rendered. It reads as a `&str`.
///
/// Equality, order and hash are those of the name alone (`writable` follows from it), so a
/// `Key` and its `&str` agree wherever one stands for the other.
#[derive(Clone)]
pub struct Key {
    name: String,
    writable: bool,
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.name == other.name
    }
}

impl Eq for Key {}

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Key) -> std::cmp::Ordering {
        self.name.cmp(&other.name)
    }
}

impl Key {
    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        &self.name
    }

    /// Whether it can be written as a directive name: letters, digits, `-` and `_`.
    pub fn is_writable(&self) -> bool {
        self.writable
    }
}

impl From<String> for Key {
    fn from(name: String) -> Self {
        let writable = is_name(&name);
        Key { name, writable }
    }
}

impl From<&str> for Key {
    fn from(name: &str) -> Self {
        Key::from(name.to_owned())
    }
}

impl From<Key> for String {
    fn from(key: Key) -> Self {
        key.name
    }
}

impl PartialEq<Key> for str {
    fn eq(&self, other: &Key) -> bool {
        self == other.name
    }
}

impl PartialEq<Key> for &str {
    fn eq(&self, other: &Key) -> bool {
        *self == other.name
    }
}

impl std::ops::Deref for Key {
    type Target = str;
    fn deref(&self) -> &str {
        &self.name
    }
}

impl AsRef<str> for Key {
    fn as_ref(&self) -> &str {
        &self.name
    }
}

impl std::borrow::Borrow<str> for Key {
    fn borrow(&self) -> &str {
        &self.name
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        self.name == other
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.name == *other
    }
}

impl PartialEq<String> for Key {
    fn eq(&self, other: &String) -> bool {
        &self.name == other
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.name, f)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// The bytes allowed in section and directive names.
const NAME_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
        b += 1;
    }
    table
};

/// Whether `s` can be written as a section or directive name: letters, digits, `-` and `_`.
pub(crate) fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .fold(true, |ok, b| ok & NAME_BYTES[usize::from(b)])
}

/// One `Key=value` line, with the comments written above it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The directive, e.g. `ExecStart`.
    pub key: Key,
    /// The value; empty for systemd's reset assignment.
    pub value: String,
    /// Comment lines rendered above the entry, without their `#`.
    pub comments: Vec<String>,
    /// Where the entry was defined.
    pub origin: Origin,
}

impl Entry {
    /// An entry without comments.
    pub fn new(key: impl Into<String>, value: impl Into<String>, origin: Origin) -> Self {
        Entry {
            key: Key::from(key.into()),
            value: value.into(),
            comments: Vec::new(),
            origin,
        }
    }
}

/// A `[Section]` and its entries in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The name between the brackets, e.g. `Unit`.
    pub name: String,
    /// The entries, in file order.
    pub entries: Vec<Entry>,
    /// Where the section was opened.
    pub origin: Origin,
}

impl Section {
    /// An empty section.
    pub fn new(name: impl Into<String>, origin: Origin) -> Self {
        Section {
            name: name.into(),
            entries: Vec::new(),
            origin,
        }
    }
}

/// One unit file: its name, header comments and sections.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The file name, e.g. `virtqemud.socket`.
    pub name: String,
    /// Comment lines rendered at the top of the file, without their `#`.
    pub comments: Vec<String>,
    /// The sections, in file order.
    pub sections: Vec<Section>,
    /// Where the unit was defined.
    pub origin: Origin,
}

impl Unit {
    /// A unit with no sections.
    pub fn new(name: impl Into<String>, origin: Origin) -> Self {
        Unit {
            name: name.into(),
            comments: Vec::new(),
            sections: Vec::new(),
            origin,
        }
    }

    /// The kind given by the name's suffix.
    pub fn kind(&self) -> Option<UnitKind> {
        UnitKind::of_name(&self.name)
    }

    /// The section called `name`, if present.
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    /// The values of `key` in section `section`, in order.
    pub fn values(&self, section: &str, key: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for s in &self.sections {
            if s.name == section {
                for e in &s.entries {
                    if e.key == key {
                        out.push(e.value.as_str());
                    }
                }
            }
        }
        out
    }

    /// The last entry of `key` in section `section`, found from the end.
    pub(crate) fn last_entry(&self, section: &str, key: &str) -> Option<&Entry> {
        self.last_where(section, key, |_| true)
    }

    /// The last entry of `key` in section `section` that has a value.
    pub(crate) fn last_set(&self, section: &str, key: &str) -> Option<&Entry> {
        self.last_where(section, key, |e| !e.value.is_empty())
    }

    fn last_where(&self, section: &str, key: &str, keep: fn(&Entry) -> bool) -> Option<&Entry> {
        for s in self.sections.iter().rev() {
            if s.name == section {
                for e in s.entries.iter().rev() {
                    if e.key == key && keep(e) {
                        return Some(e);
                    }
                }
            }
        }
        None
    }

    /// The entries of `key` in section `section`, in order.
    pub(crate) fn entries(&self, section: &str, key: &str) -> Vec<&Entry> {
        let mut out = Vec::new();
        for s in &self.sections {
            if s.name == section {
                for e in &s.entries {
                    if e.key == key {
                        out.push(e);
                    }
                }
            }
        }
        out
    }

    /// The entries of `key` in `section` after its last empty assignment.
    pub(crate) fn current(&self, section: &str, key: &str) -> Vec<&Entry> {
        let mut all = self.entries(section, key);
        let mut from = 0;
        for (i, e) in all.iter().enumerate() {
            if e.value.is_empty() {
                from = i + 1;
            }
        }
        all.split_off(from)
    }

    /// Whether one of `keys` in `section` still has a value at the end. An empty assignment of
    /// any of them clears them all, as systemd's listen, timer and path parsers do.
    pub(crate) fn any_left(&self, section: &str, keys: &[&str]) -> bool {
        let mut left = false;
        for s in &self.sections {
            if s.name == section {
                for e in &s.entries {
                    if keys.contains(&e.key.as_str()) {
                        left = !e.value.is_empty();
                    }
                }
            }
        }
        left
    }

    /// The last value of a single-valued directive.
    pub fn value(&self, section: &str, key: &str) -> Option<&str> {
        match self.last_entry(section, key) {
            Some(e) => Some(e.value.as_str()),
            None => None,
        }
    }

    /// The section called `name`, created in canonical position if missing.
    pub fn section_mut(&mut self, name: &str, origin: Origin) -> &mut Section {
        let index = match self.sections.iter().position(|s| s.name == name) {
            Some(i) => i,
            None => {
                let rank = |n: &str| section_rank(self.kind(), n);
                let new_rank = rank(name);
                let at = self
                    .sections
                    .iter()
                    .position(|s| rank(&s.name) > new_rank)
                    .unwrap_or(self.sections.len());
                self.sections.insert(at, Section::new(name, origin));
                at
            }
        };
        &mut self.sections[index]
    }

    /// Whether the name is a template (`foo@.service`) or instance (`foo@bar.service`).
    pub fn is_template(&self) -> bool {
        is_template_name(&self.name)
    }
}

/// Whether a unit name is a template name such as `foo@.service`.
pub fn is_template_name(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(stem, _)| stem.ends_with('@'))
}

/// Canonical position of a section: `[Unit]`, the type's own section, `[Install]`, others last.
pub fn section_rank(kind: Option<UnitKind>, name: &str) -> u8 {
    match name {
        "Unit" => 0,
        "Install" => 3,
        n if kind.and_then(UnitKind::own_section) == Some(n) => 1,
        _ => 2,
    }
}

/// A unit built from `(section, key, value)` lines; the unit's origin is 1 and line `i`'s is
/// `10 + i`.
#[cfg(test)]
pub(crate) fn test_unit(name: &str, lines: &[(&str, &str, &str)]) -> Unit {
    let mut u = Unit::new(name, Origin(1));
    for (i, (s, k, v)) in lines.iter().enumerate() {
        let origin = Origin(10 + i as u32);
        u.section_mut(s, origin)
            .entries
            .push(Entry::new(*k, *v, origin));
    }
    u
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_knows_once_whether_it_can_be_written() {
        let mut entry = Entry::new("ExecStart", "/bin/a", Origin::NONE);
        assert!(entry.key.is_writable());
        assert_eq!(entry.key, "ExecStart");
        assert_eq!(&*entry.key, "ExecStart");
        for bad in ["Exec Start", "", "A=B", "#A", "Ä", "[Unit]"] {
            entry.key = bad.into();
            assert!(!entry.key.is_writable(), "{bad:?}");
            assert_eq!(entry.key.as_str(), bad);
        }
        entry.key = String::from("X-Vendor_2").into();
        assert!(entry.key.is_writable());
        assert_eq!(format!("{:?}", entry.key), "\"X-Vendor_2\"");
    }

    #[test]
    fn a_key_is_found_by_its_name() {
        let keys: std::collections::HashSet<Key> = ["ExecStart", "Exec Start"]
            .into_iter()
            .map(Key::from)
            .collect();
        assert!(keys.contains("ExecStart") && keys.contains("Exec Start"));
        assert!(!keys.contains("ExecStop"));
    }

    #[test]
    fn kind_follows_suffix() {
        assert_eq!(UnitKind::of_name("a.service"), Some(UnitKind::Service));
        assert_eq!(UnitKind::of_name("a@.socket"), Some(UnitKind::Socket));
        assert_eq!(UnitKind::of_name("a.servce"), None);
        assert_eq!(UnitKind::of_name("service"), None);
    }

    #[test]
    fn sections_are_created_in_canonical_order() {
        let mut u = Unit::new("a.service", Origin::NONE);
        u.section_mut("Install", Origin::NONE);
        u.section_mut("Unit", Origin::NONE);
        u.section_mut("Service", Origin::NONE);
        let names: Vec<_> = u.sections.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Unit", "Service", "Install"]);
    }

    #[test]
    fn template_names() {
        assert!(is_template_name("getty@.service"));
        assert!(!is_template_name("getty@tty1.service"));
        assert!(!is_template_name("getty.service"));
    }
}
