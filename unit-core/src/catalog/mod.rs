//! The directive catalog: every section and directive of several systemd releases.
//!
//! The data is systemd's own: each release's `--dump-configuration-items` output and its
//! `load-fragment-gperf` table (which parser reads each directive), checked in under
//! `unit-core/data/` and turned into the static tables of [`table`] by
//! `unit-core/data/make-catalogs.py`. Nothing is parsed when the catalog is used.
//!
//! A family targets a range of releases ([`Target`]); a directive is known to it when every
//! release in that range has it.

/// The generated tables.
pub mod table;

pub use table::{Row, ROWS, VERSIONS};

/// The systemd releases a family is checked against: every release from `min` to `max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Target {
    /// The oldest release the units must work on.
    pub min: u16,
    /// The newest release the units must work on (`u16::MAX`: every newer release).
    pub max: u16,
}

impl Default for Target {
    fn default() -> Self {
        Target::DEFAULT
    }
}

impl Target {
    /// The default target: systemd 252 and every later release with a catalog.
    pub const DEFAULT: Target = Target {
        min: 252,
        max: u16::MAX,
    };

    /// Every release from `min` on.
    pub const fn from(min: u16) -> Target {
        Target { min, max: u16::MAX }
    }

    /// The releases with a catalog in this range, as a mask over [`VERSIONS`].
    pub fn mask(self) -> u8 {
        VERSIONS
            .iter()
            .enumerate()
            .filter(|(_, v)| (self.min..=self.max).contains(*v))
            .fold(0, |m, (i, _)| m | 1 << i)
    }

    /// The release whose catalog checks values: the oldest catalog in range, or failing that
    /// the newest catalog older than the range.
    pub fn reference(self) -> u16 {
        VERSIONS
            .iter()
            .copied()
            .find(|v| (self.min..=self.max).contains(v))
            .or_else(|| VERSIONS.iter().copied().rfind(|v| *v < self.min))
            .unwrap_or(self.min)
    }

    /// How the range reads in messages: `252`, `252 to 257`, `252 and later`.
    pub fn describe(self) -> String {
        if self.max == u16::MAX {
            format!("systemd {} and later", self.min)
        } else if self.max == self.min {
            format!("systemd {}", self.min)
        } else {
            format!("systemd {} to {}", self.min, self.max)
        }
    }
}

/// What the catalog knows of one directive in one section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The section, without brackets.
    pub section: &'static str,
    /// The directive name.
    pub name: &'static str,
    /// systemd's parser for the value, without its `config_parse_` prefix.
    pub parser: &'static str,
    /// The parser's `ltype` argument in systemd's table.
    pub ltype: &'static str,
    /// Whether repeated assignments accumulate into a list (an empty one resets it).
    pub list: bool,
    /// The table row, for what else the catalog records.
    pub row: &'static Row,
}

impl Directive {
    fn of(row: &'static Row) -> Directive {
        Directive {
            section: row.section,
            name: row.name,
            parser: row.parser,
            ltype: row.ltype,
            list: is_list(row),
            row,
        }
    }

    /// Whether systemd expands `%` specifiers in this directive's value.
    pub fn expands_specifiers(&self) -> bool {
        let newest = VERSIONS.last().copied().unwrap_or(0);
        crate::parsers::registry::get(self.parser).is_some_and(|p| p.expands_specifiers(newest))
    }
}

/// The answer to "does `section` have `name`" for a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// Every release of the target has it.
    Found(Directive),
    /// Some release of the target lacks it: it is too new or was removed.
    Version {
        /// The release that added it, if the target's oldest release predates it.
        since: Option<u16>,
        /// The release that removed it, if one in the target's range did.
        removed: Option<u16>,
        /// Its name in releases that renamed it, if it was renamed.
        renamed: Option<&'static str>,
    },
    /// No release has it.
    Unknown,
}

fn rows_of(section: &str, name: &str) -> &'static [Row] {
    // Sections first, then names, as the table is sorted.
    let start = ROWS.partition_point(|r| r.section.cmp(section).then(r.name.cmp(name)).is_lt());
    let len = ROWS[start..]
        .iter()
        .take_while(|r| r.section == section && r.name == name)
        .count();
    &ROWS[start..start + len]
}

/// Every row of `name` in `section`: one per parser it had over the releases.
pub fn rows(section: &str, name: &str) -> &'static [Row] {
    rows_of(section, name)
}

/// The releases in which `section` has `name`, as a mask over [`VERSIONS`].
pub fn releases(section: &str, name: &str) -> u8 {
    rows_of(section, name).iter().fold(0, |m, r| m | r.mask)
}

/// The release that added `name` to `section`: the man pages' word, else the oldest catalog
/// with it (`None` if no catalog has it, `Some(0)` if older than every catalog).
pub fn since(section: &str, name: &str) -> Option<u16> {
    since_in(rows_of(section, name))
}

/// [`since`] of the directive whose rows are `rows`.
fn since_in(rows: &[Row]) -> Option<u16> {
    let first = rows.iter().fold(0u8, |m, r| m | r.mask).trailing_zeros() as usize;
    let oldest = *VERSIONS.get(first)?;
    let previous = first.checked_sub(1).and_then(|i| VERSIONS.get(i)).copied();
    // The man pages' word counts only where the catalogs agree with it: after the last
    // release without the directive and no later than the first with it.
    let documented = rows
        .iter()
        .map(|r| r.since)
        .max()
        .filter(|s| *s > 0 && *s <= oldest && previous.is_none_or(|p| *s > p));
    match documented {
        Some(s) => Some(s),
        None if first == 0 => Some(0),
        None => Some(oldest),
    }
}

/// Looks up `name` in `section` for the releases of `target`.
pub fn lookup(section: &str, name: &str, target: Target) -> Lookup {
    let rows = rows_of(section, name);
    if rows.is_empty() {
        return Lookup::Unknown;
    }
    let want = target.mask();
    let have = rows.iter().fold(0u8, |m, r| m | r.mask);
    let added = since_in(rows).unwrap_or(u16::MAX);
    // A release that only keeps the name to say it ignores it has removed the directive.
    let legacy = rows
        .iter()
        .filter(|r| r.parser == "warn_compat")
        .fold(0u8, |m, r| m | r.mask);
    let working = have & !legacy;
    if working != 0 && legacy & want != 0 && working & want != 0 {
        let removed = VERSIONS
            .iter()
            .enumerate()
            .find(|(i, _)| legacy & want & 1 << i != 0)
            .map(|(_, v)| *v);
        let renamed = renamed_to(rows);
        return Lookup::Version {
            since: None,
            removed,
            renamed,
        };
    }
    if have & want == want && want != 0 && added <= target.min {
        let reference = target.reference();
        let bit = VERSIONS.iter().position(|v| *v == reference).unwrap_or(0);
        let row = rows
            .iter()
            .find(|r| r.mask & 1 << bit != 0)
            .or_else(|| rows.iter().find(|r| r.mask & want != 0))
            .unwrap_or(&rows[0]);
        return Lookup::Found(Directive::of(row));
    }
    if have & want == 0 && want == 0 {
        // No catalog in range: judge by the newest catalog older than the range.
        let reference = target.reference();
        if let Some(bit) = VERSIONS.iter().position(|v| *v == reference) {
            if let Some(row) = rows.iter().find(|r| r.mask & 1 << bit != 0) {
                if added <= target.min {
                    return Lookup::Found(Directive::of(row));
                }
            }
        }
    }
    let since = (added > target.min).then_some(added);
    let removed = VERSIONS
        .iter()
        .enumerate()
        .find(|(i, v)| **v > added.min(target.min) && want & 1 << i != 0 && have & 1 << i == 0)
        .map(|(_, v)| *v)
        .filter(|_| since.is_none());
    let renamed = removed.and_then(|_| renamed_to(rows));
    Lookup::Version {
        since,
        removed,
        renamed,
    }
}

/// The current name of a directive whose rows write the same field as another name's.
fn renamed_to(rows: &[Row]) -> Option<&'static str> {
    let row = rows.last()?;
    if row.field.is_empty() || row.field == "0" {
        return None;
    }
    let newest = 1u8 << (VERSIONS.len() - 1);
    ROWS.iter()
        .find(|r| {
            r.section == row.section
                && r.name != row.name
                && r.field == row.field
                && r.parser == row.parser
                && r.mask & newest != 0
        })
        .map(|r| r.name)
}

/// Every directive of `section` that every release of `target` has, sorted by name.
pub fn directives_in(section: &str, target: Target) -> impl Iterator<Item = Directive> + '_ {
    let start = ROWS.partition_point(|r| r.section < section);
    let want = target.mask();
    ROWS[start..]
        .iter()
        .take_while(move |r| r.section == section)
        .filter(move |r| r.mask & want == want)
        .map(Directive::of)
}

/// Every section that has a directive called `name` in some release.
pub fn sections_of(name: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = ROWS
        .iter()
        .filter(|r| r.name == name)
        .map(|r| r.section)
        .collect();
    out.dedup();
    out
}

/// Every section name of the catalog.
pub const SECTIONS: &[&str] = &[
    "Unit",
    "Service",
    "Socket",
    "Mount",
    "Automount",
    "Swap",
    "Timer",
    "Path",
    "Slice",
    "Scope",
    "Install",
];

/// The catalog as one value, for callers that want the default target's view.
#[derive(Debug)]
pub struct Catalog {
    target: Target,
}

impl Catalog {
    /// Every section name.
    pub fn sections(&self) -> &'static [&'static str] {
        SECTIONS
    }

    /// The directive `name` in `section`, if every release of the target has it.
    pub fn get(&self, section: &str, name: &str) -> Option<Directive> {
        match lookup(section, name, self.target) {
            Lookup::Found(d) => Some(d),
            _ => None,
        }
    }

    /// The directives of `section`, sorted by name.
    pub fn directives_in<'a>(&self, section: &'a str) -> impl Iterator<Item = Directive> + 'a {
        directives_in(section, self.target)
    }

    /// Every section that has a directive called `name`.
    pub fn sections_of(&self, name: &str) -> Vec<&'static str> {
        sections_of(name)
    }

    /// The number of (section, directive) pairs of the target.
    pub fn len(&self) -> usize {
        SECTIONS
            .iter()
            .map(|s| directives_in(s, self.target).count())
            .sum()
    }

    /// Whether the catalog is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The catalog for [`Target::DEFAULT`].
pub fn catalog() -> &'static Catalog {
    static CATALOG: Catalog = Catalog {
        target: Target::DEFAULT,
    };
    &CATALOG
}

/// The catalog for `target`.
pub fn for_target(target: Target) -> Catalog {
    Catalog { target }
}

/// Whether repeated assignments of `row` accumulate into a list that an empty one resets.
pub fn is_list(row: &Row) -> bool {
    use crate::parsers::registry;
    if row.section == "Install" {
        return registry::INSTALL
            .iter()
            .any(|(name, _, list)| *name == row.name && *list);
    }
    registry::get(row.parser).is_some_and(|p| p.list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_sorted_for_binary_search() {
        for w in ROWS.windows(2) {
            assert!(
                (w[0].section, w[0].name, w[0].mask) <= (w[1].section, w[1].name, w[1].mask),
                "{w:?}"
            );
        }
    }

    #[test]
    fn every_section_is_known() {
        let c = catalog();
        for s in SECTIONS {
            assert!(c.directives_in(s).next().is_some(), "{s}");
        }
        assert!(c.len() > 1000);
    }

    #[test]
    fn parsers_and_multiplicity() {
        let c = catalog();
        let get = |s, n| c.get(s, n).unwrap();
        assert_eq!(get("Service", "Type").parser, "service_type");
        assert!(!get("Service", "Type").list);
        assert_eq!(get("Socket", "ListenStream").parser, "socket_listen");
        assert!(get("Socket", "ListenStream").list);
        assert!(get("Install", "Also").list);
        assert!(get("Unit", "After").list);
        assert!(get("Service", "Environment").list);
        assert!(get("Service", "ExecReload").list);
        assert!(c.get("Service", "ListenStream").is_none());
        assert_eq!(c.sections_of("ListenStream"), ["Socket"]);
    }

    #[test]
    fn targets() {
        assert_eq!(Target::DEFAULT.describe(), "systemd 252 and later");
        assert_eq!(Target { min: 252, max: 252 }.reference(), 252);
        assert!(matches!(
            lookup("Service", "NoSuchThing", Target::DEFAULT),
            Lookup::Unknown
        ));
    }
}

#[cfg(test)]
mod lookup_tests {
    use super::*;

    #[test]
    fn removed_within_the_target() {
        match lookup("Service", "CPUShares", Target::DEFAULT) {
            Lookup::Version { removed, .. } => assert_eq!(removed, Some(262)),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            lookup("Service", "CPUShares", Target { min: 252, max: 257 }),
            Lookup::Found(_)
        ));
        assert!(matches!(
            lookup("Service", "OpenFile", Target::from(253)),
            Lookup::Found(_)
        ));
        assert!(matches!(
            lookup("Service", "OpenFile", Target::from(252)),
            Lookup::Version {
                since: Some(253),
                ..
            }
        ));
    }
}
