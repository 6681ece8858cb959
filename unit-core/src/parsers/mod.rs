//! systemd's value parsers, one Rust function for each `config_parse_*` of systemd's table.
//!
//! systemd reads every directive's value with a named parser (`config_parse_sec`,
//! `config_parse_exec`, ...) and the catalog records which one (see [`crate::catalog`]). This
//! module answers what that parser would do with a value: accept it, or log that it is invalid
//! and ignore it (or refuse the unit). Each parser follows the release's C code; the rules are
//! written once here and used at compile time and at render time alike.
//!
//! [`registry`] has one row per parser naming the function that reads it, with its traits, as
//! systemd's gperf table does. The functions live by domain: [`basic`] (numbers, time spans,
//! strings, paths, dependencies, conditions), `exec` (the execution environment), `cgroup`
//! (resource control), `kinds` (the settings of each unit type: services, sockets, timers,
//! paths, mounts, swaps).

pub mod basic;
pub mod c;
pub mod cgroup;
pub mod exec;
pub mod kinds;
pub mod registry;
pub mod spec;

use crate::catalog::Directive;

/// What a parser may need to know besides the value: where it stands and for which release.
#[derive(Clone, Copy, Debug)]
pub struct Cx<'a> {
    /// The unit's file name, e.g. `foo@.service`.
    pub unit: &'a str,
    /// The section, without brackets.
    pub section: &'a str,
    /// The directive.
    pub key: &'a str,
    /// The parser's `ltype` argument in systemd's table (e.g. `UNIT_AFTER`, `SOCKET_SOCKET`).
    pub ltype: &'a str,
    /// The systemd release whose parser is asked.
    pub version: u16,
}

#[cfg(test)]
impl<'a> Cx<'a> {
    /// A context for tests: directive `X` of `[Service]` in `unit`, systemd 252.
    pub(crate) fn test(unit: &'a str) -> Self {
        Cx {
            unit,
            section: "Service",
            key: "X",
            ltype: "0",
            version: 252,
        }
    }
}

impl Cx<'_> {
    /// Whether the unit is a template (`foo@.service`), whose instance specifiers expand.
    pub fn template(&self) -> bool {
        crate::is_template_name(self.unit)
    }
}

/// What systemd does with `value` for `directive`: `Ok` if it takes it, or a message saying
/// why it would not. `value` is the text after `=` with systemd's surrounding white space
/// removed; an empty value is systemd's empty assignment, which each parser treats its own way.
pub fn check(directive: &Directive, cx: &Cx<'_>, value: &str) -> Result<(), String> {
    dispatch(directive.parser, cx, value).unwrap_or(Ok(()))
}

/// The verdict of `directive`'s parser on `value`, or `None` if this crate does not model it.
pub(crate) fn judge(directive: &Directive, cx: &Cx<'_>, value: &str) -> Option<Result<(), String>> {
    dispatch(directive.parser, cx, value)
}

/// The verdict of the parser called `parser`, or `None` if this crate does not model it.
fn dispatch(parser: &str, cx: &Cx<'_>, value: &str) -> Option<Result<(), String>> {
    registry::get(parser)?.check(cx, value)
}

#[cfg(test)]
mod tests {
    use super::registry::{self, Read, PARSERS};
    use super::Cx;
    use std::collections::BTreeSet;

    #[test]
    fn the_registry_is_sorted_and_has_every_parser_of_the_catalog() {
        for w in PARSERS.windows(2) {
            assert!(w[0].name < w[1].name, "{w:?}");
        }
        let catalog: BTreeSet<&str> = crate::catalog::ROWS.iter().map(|r| r.parser).collect();
        let registry: BTreeSet<&str> = PARSERS.iter().map(|p| p.name).collect();
        assert_eq!(catalog, registry);
    }

    /// One row per parser, as systemd's gperf table has: each parser the catalog names is
    /// found by [`registry::get`] in exactly one row. The `[Install]` directives, which
    /// `systemctl` reads with `install.c`'s own parsers ([`registry::INSTALL`]), are `NULL` in
    /// the unit-file table and reach their function through that one row.
    #[test]
    fn each_parser_of_the_catalog_has_exactly_one_row() {
        assert!(
            PARSERS.windows(2).all(|w| w[0].name < w[1].name),
            "PARSERS is not sorted by name"
        );
        for r in crate::catalog::table::ROWS {
            let rows = PARSERS.iter().filter(|p| p.name == r.parser).count();
            assert_eq!(rows, 1, "`{}` has {rows} registry rows", r.parser);
            assert!(
                registry::get(r.parser).is_some_and(|p| p.name == r.parser),
                "`{}` is not found by its name",
                r.parser
            );
        }
        for &(key, parser, _) in registry::INSTALL {
            let rows: Vec<&str> = crate::catalog::table::ROWS
                .iter()
                .filter(|r| r.section == "Install" && r.name == key)
                .map(|r| r.parser)
                .collect();
            assert!(
                !rows.is_empty(),
                "`{key}=` ({parser}) is not in the catalog"
            );
            for p in rows {
                assert_eq!(p, "NULL", "`{key}=` ({parser}) is read by `{p}`");
                let Some(row) = registry::get(p) else {
                    panic!("`{key}=` ({parser}) has no registry row");
                };
                assert!(
                    matches!(row.read, Read::Fn(_)),
                    "`{key}=` ({parser}) is not read"
                );
            }
        }
    }

    /// Each parser's function answers for it, in every release and section that has it, and
    /// judges an empty value as the registry says.
    #[test]
    fn each_function_reads_its_parsers_as_the_registry_says() {
        for r in crate::catalog::ROWS {
            let Some(p) = registry::get(r.parser) else {
                panic!("{} is not in the registry", r.parser);
            };
            for (i, &version) in crate::catalog::VERSIONS.iter().enumerate() {
                if r.mask & 1 << i == 0 {
                    continue;
                }
                let cx = Cx {
                    unit: "a.service",
                    section: r.section,
                    key: r.name,
                    ltype: r.ltype,
                    version,
                };
                let empty = p.check(&cx, "");
                let word = p.check(&cx, "x");
                if let Read::Free(_) = p.read {
                    assert!(empty.is_none() && word.is_none(), "{}", p.name);
                    continue;
                }
                assert!(empty.is_some() && word.is_some(), "{} in {version}", p.name);
                let taken = empty.is_some_and(|v| v.is_ok());
                assert_eq!(
                    taken,
                    p.empty == registry::Empty::Resets,
                    "{}'s empty value in {version}",
                    p.name
                );
            }
        }
    }

    #[test]
    fn enum_parsers_are_those_with_a_string_table() {
        let tables: BTreeSet<&str> = crate::catalog::table::ENUM_PARSERS
            .iter()
            .map(|p| p.parser)
            .collect();
        let registry: BTreeSet<&str> = PARSERS
            .iter()
            .filter(|p| matches!(p.read, Read::Enum))
            .map(|p| p.name)
            .collect();
        // `ManagedOOM*=` reads its table in its own function, after checking the unit type.
        let own: Vec<&str> = tables.difference(&registry).copied().collect();
        assert_eq!(own, ["managed_oom_mode"]);
        assert!(registry.is_subset(&tables));
    }

    #[test]
    fn free_text_is_rare() {
        let mut directives = BTreeSet::new();
        let mut free = 0;
        for r in crate::catalog::ROWS {
            directives.insert((r.section, r.name));
            if matches!(registry::get(r.parser).map(|p| p.read), Some(Read::Free(_))) {
                free += 1;
            }
        }
        assert!(!free_parsers().contains(&"bool"));
        // At most 5% of the catalog's directives are free text.
        assert!(
            free * 20 <= directives.len(),
            "{free} of {}",
            directives.len()
        );
    }

    fn free_parsers() -> Vec<&'static str> {
        PARSERS
            .iter()
            .filter(|p| matches!(p.read, Read::Free(_)))
            .map(|p| p.name)
            .collect()
    }

    #[test]
    fn lists_are_the_directives_that_accumulate() {
        let d = |s, n| crate::catalog::catalog().get(s, n).map(|d| d.list);
        assert_eq!(d("Service", "SupplementaryGroups"), Some(true));
        assert_eq!(d("Service", "ExecStart"), Some(true));
        assert_eq!(d("Service", "StandardInputText"), Some(true));
        assert_eq!(d("Service", "User"), Some(false));
        assert_eq!(d("Install", "WantedBy"), Some(true));
        assert_eq!(d("Install", "DefaultInstance"), Some(false));
    }
}
