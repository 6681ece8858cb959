//! `table.rs` against the data it was generated from: each release's rendered parser table
//! and dump under `unit-core/data/`, read offline. Editing either alone fails here.

use super::{Row, ROWS, VERSIONS};
use std::collections::{BTreeMap, BTreeSet};

/// Each catalogued release with its `.table` and `.directives` files.
const DATA: &[(u16, &str, &str)] = &[
    (
        247,
        include_str!("../../data/systemd-247.table"),
        include_str!("../../data/systemd-247.directives"),
    ),
    (
        252,
        include_str!("../../data/systemd-252.table"),
        include_str!("../../data/systemd-252.directives"),
    ),
    (
        257,
        include_str!("../../data/systemd-257.table"),
        include_str!("../../data/systemd-257.directives"),
    ),
    (
        262,
        include_str!("../../data/systemd-262.table"),
        include_str!("../../data/systemd-262.directives"),
    ),
];

/// (section, name, parser, ltype) -> (releases as a mask, field in the newest of them).
type Rows = BTreeMap<(String, String, String, String), (u8, String)>;

/// The rows of the `.table` files, folded over the releases as the generator folds them.
fn rows_of_data() -> Rows {
    let mut rows = Rows::new();
    for (i, (_, table, _)) in DATA.iter().enumerate() {
        for line in table.lines().filter(|l| !l.is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 5, "{line:?}");
            let parser = f[2].strip_prefix("config_parse_").unwrap_or(f[2]);
            let key = (f[0].into(), f[1].into(), parser.into(), f[3].into());
            let row = rows.entry(key).or_insert((0, String::new()));
            row.0 |= 1 << i;
            row.1 = f[4].to_owned();
        }
    }
    rows
}

/// The type text the dump of the newest release with `row` gives its name, or "" if none.
fn dump_of(row: &Row) -> String {
    let newest = (0..DATA.len()).rev().find(|i| row.mask & 1 << i != 0);
    let Some((_, _, dump)) = newest.and_then(|i| DATA.get(i)) else {
        return String::new();
    };
    let mut section = "";
    for line in dump.lines() {
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = s;
        } else if let Some((name, text)) = line.split_once('=') {
            if section == row.section && name == row.name {
                return text.to_owned();
            }
        }
    }
    String::new()
}

#[test]
fn the_releases_are_those_of_the_data() {
    let data: Vec<u16> = DATA.iter().map(|d| d.0).collect();
    assert_eq!(VERSIONS, data.as_slice());
}

#[test]
fn the_rows_are_those_of_the_tables() {
    let data = rows_of_data();
    let table: Rows = ROWS
        .iter()
        .map(|r| {
            let key = (r.section, r.name, r.parser, r.ltype);
            let key = (key.0.into(), key.1.into(), key.2.into(), key.3.into());
            (key, (r.mask, r.field.to_owned()))
        })
        .collect();
    let only = |a: &Rows, b: &Rows| -> Vec<String> {
        a.iter()
            .filter(|(k, v)| b.get(*k) != Some(*v))
            .map(|(k, v)| format!("{k:?} {v:?}"))
            .collect()
    };
    let missing = only(&data, &table);
    let extra = only(&table, &data);
    assert!(
        missing.is_empty() && extra.is_empty(),
        "table.rs differs from unit-core/data/; run make-catalogs.py\nin the data only: {missing:#?}\nin table.rs only: {extra:#?}"
    );
    assert_eq!(ROWS.len(), data.len());
}

#[test]
fn the_dump_texts_are_those_of_the_dumps() {
    let wrong: Vec<String> = ROWS
        .iter()
        .filter(|r| r.dump != dump_of(r))
        .map(|r| format!("{}.{}: {:?} vs {:?}", r.section, r.name, r.dump, dump_of(r)))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_parser_reads_enum_tables_of_the_catalog() {
    let tables: BTreeSet<&str> = super::table::ENUMS.iter().map(|t| t.name).collect();
    let parsers: BTreeSet<&str> = ROWS.iter().map(|r| r.parser).collect();
    for ep in super::table::ENUM_PARSERS {
        assert!(tables.contains(ep.table), "{}", ep.table);
        assert!(parsers.contains(ep.parser), "{}", ep.parser);
        let have = ROWS
            .iter()
            .filter(|r| r.parser == ep.parser)
            .fold(0u8, |m, r| m | r.mask);
        assert_eq!(
            ep.mask & !have,
            0,
            "{} outside its rows' releases",
            ep.parser
        );
    }
}
