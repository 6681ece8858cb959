//! The directive catalog: every section and directive of several systemd releases.
//!
//! The data is systemd's own: each release's `--dump-configuration-items` output and its
//! `load-fragment-gperf` table (which parser reads each directive), checked in under
//! `unit-core/data/` and turned into the static tables of [`table`] by
//! `unit-core/data/make-catalogs.py`. Nothing is parsed when the catalog is used.
//!
//! A family targets a range of releases ([`Target`]); a directive is known to it when every
//! release in that range has it. [`find`] answers for a section, a unit type and a target;
//! which parser reads a directive's values, and how, is the parser registry's
//! ([`crate::parsers::registry`]).

#[cfg(test)]
mod check;
mod find;
/// The generated tables.
pub mod table;

pub use find::{directive, find, home_section, lookup, releases, rows, since, value_since, Lookup};
pub use table::{Row, ROWS, VERSIONS};

/// The bit of `release` in the masks over [`VERSIONS`], if it has a catalog.
pub(crate) fn bit_of(release: u16) -> Option<usize> {
    for (i, v) in VERSIONS.iter().enumerate() {
        if *v == release {
            return Some(i);
        }
    }
    None
}

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
        let mut mask = 0;
        for (i, v) in VERSIONS.iter().enumerate() {
            if (self.min..=self.max).contains(v) {
                mask |= 1 << i;
            }
        }
        mask
    }

    /// The release whose catalog checks values: the oldest catalog in range, or failing that
    /// the newest catalog older than the range.
    pub fn reference(self) -> u16 {
        for v in VERSIONS {
            if (self.min..=self.max).contains(v) {
                return *v;
            }
        }
        let mut older = self.min;
        for v in VERSIONS {
            if *v < self.min {
                older = *v;
            }
        }
        older
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
    pub(crate) fn of(row: &'static Row) -> Directive {
        Directive {
            section: row.section,
            name: row.name,
            parser: row.parser,
            ltype: row.ltype,
            list: is_list(row),
            row,
        }
    }

    /// Whether systemd expands `%` specifiers in this directive's value, in the newest
    /// catalogued release (the registry's [`crate::parsers::registry::Parser::specifiers`]
    /// says from which release).
    pub fn expands_specifiers(&self) -> bool {
        let newest = VERSIONS.last().copied().unwrap_or(0);
        crate::parsers::registry::get(self.parser).is_some_and(|p| p.expands_specifiers(newest))
    }
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
    let mut out: Vec<&'static str> = Vec::new();
    for r in ROWS {
        if r.name == name && out.last() != Some(&r.section) {
            out.push(r.section);
        }
    }
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
