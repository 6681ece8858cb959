//! Finding a directive: its rows for a section, a unit type and the releases of a target.

use super::{bit_of, catalog, sections_of, Directive, Row, Target, ROWS, VERSIONS};
use crate::model::UnitKind;

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
    /// `section` has no such directive, but `home` has: `allowed` when the unit type asked
    /// about may have that section.
    Elsewhere {
        /// The section the directive belongs in.
        home: &'static str,
        /// Whether the unit type may have `home`.
        allowed: bool,
    },
    /// No release has it.
    Unknown,
}

fn rows_of(section: &str, name: &str) -> &'static [Row] {
    // A directive is looked up several times in a row as its line is checked: the last rows
    // found are tried first.
    thread_local! {
        static LAST: std::cell::Cell<&'static [Row]> = const { std::cell::Cell::new(&[]) };
    }
    let last = LAST.get();
    if let Some(r) = last.first() {
        if r.name == name && r.section == section {
            return last;
        }
    }
    let found = search(section, name);
    LAST.set(found);
    found
}

/// The rows of `name` in `section`, by binary search.
fn search(section: &str, name: &str) -> &'static [Row] {
    // Sections first, then names, as the table is sorted.
    let start = ROWS.partition_point(|r| r.section.cmp(section).then(r.name.cmp(name)).is_lt());
    let mut end = start;
    while end < ROWS.len() && ROWS[end].section == section && ROWS[end].name == name {
        end += 1;
    }
    &ROWS[start..end]
}

/// The releases any of `rows` is in, as a mask over [`VERSIONS`].
fn mask_of(rows: &[Row]) -> u8 {
    let mut mask = 0;
    for r in rows {
        mask |= r.mask;
    }
    mask
}

/// Every row of `name` in `section`: one per parser it had over the releases.
pub fn rows(section: &str, name: &str) -> &'static [Row] {
    rows_of(section, name)
}

/// The releases in which `section` has `name`, as a mask over [`VERSIONS`].
pub fn releases(section: &str, name: &str) -> u8 {
    mask_of(rows_of(section, name))
}

/// The release that added `name` to `section`: the man pages' word, else the oldest catalog
/// with it (`None` if no catalog has it, `Some(0)` if older than every catalog).
pub fn since(section: &str, name: &str) -> Option<u16> {
    since_in(rows_of(section, name))
}

/// [`since`] of the directive whose rows are `rows`.
fn since_in(rows: &[Row]) -> Option<u16> {
    let first = mask_of(rows).trailing_zeros() as usize;
    let oldest = *VERSIONS.get(first)?;
    // The man pages' word counts only where the catalogs agree with it: after the last
    // release without the directive and no later than the first with it.
    let mut word = 0;
    for r in rows {
        word = word.max(r.since);
    }
    let after_previous = match first.checked_sub(1) {
        Some(i) => word > VERSIONS[i],
        None => true,
    };
    if word > 0 && word <= oldest && after_previous {
        Some(word)
    } else if first == 0 {
        Some(0)
    } else {
        Some(oldest)
    }
}

/// Looks up `name` in `section` for the releases of `target`.
pub fn lookup(section: &str, name: &str, target: Target) -> Lookup {
    let rows = rows_of(section, name);
    if rows.is_empty() {
        return Lookup::Unknown;
    }
    let want = target.mask();
    let have = mask_of(rows);
    let added = since_in(rows).unwrap_or(u16::MAX);
    // A release that only keeps the name to say it ignores it has removed the directive.
    let mut legacy = 0;
    for r in rows {
        if r.parser == "warn_compat" {
            legacy |= r.mask;
        }
    }
    let working = have & !legacy;
    if working != 0 && legacy & want != 0 && working & want != 0 {
        let mut removed = None;
        for (i, v) in VERSIONS.iter().enumerate() {
            if legacy & want & 1 << i != 0 {
                removed = Some(*v);
                break;
            }
        }
        let renamed = renamed_to(rows);
        return Lookup::Version {
            since: None,
            removed,
            renamed,
        };
    }
    if have & want == want && want != 0 && added <= target.min {
        let bit = bit_of(target.reference()).unwrap_or(0);
        let row = row_in(rows, 1 << bit)
            .or_else(|| row_in(rows, want))
            .unwrap_or(&rows[0]);
        return Lookup::Found(Directive::of(row));
    }
    if have & want == 0 && want == 0 {
        // No catalog in range: judge by the newest catalog older than the range.
        if let Some(bit) = bit_of(target.reference()) {
            if let Some(row) = row_in(rows, 1 << bit) {
                if added <= target.min {
                    return Lookup::Found(Directive::of(row));
                }
            }
        }
    }
    let since = (added > target.min).then_some(added);
    let mut removed = None;
    if since.is_none() {
        for (i, v) in VERSIONS.iter().enumerate() {
            if *v > added.min(target.min) && want & 1 << i != 0 && have & 1 << i == 0 {
                removed = Some(*v);
                break;
            }
        }
    }
    let renamed = match removed {
        Some(_) => renamed_to(rows),
        None => None,
    };
    Lookup::Version {
        since,
        removed,
        renamed,
    }
}

/// The first of `rows` in one of the releases of `mask`.
fn row_in(rows: &[Row], mask: u8) -> Option<&Row> {
    rows.iter().find(|r| r.mask & mask != 0)
}

/// The current name of a directive whose rows write the same field as another name's.
fn renamed_to(rows: &[Row]) -> Option<&'static str> {
    let row = rows.last()?;
    if row.field.is_empty() || row.field == "0" {
        return None;
    }
    let newest = 1u8 << (VERSIONS.len() - 1);
    for r in ROWS {
        if r.section == row.section
            && r.name != row.name
            && r.field == row.field
            && r.parser == row.parser
            && r.mask & newest != 0
        {
            return Some(r.name);
        }
    }
    None
}

/// Finds `key` in `section` of a unit of type `kind` for the releases of `target`: the row
/// whose parser reads its values, the releases it lacks, or the section it belongs in.
pub fn find(section: &str, key: &str, kind: Option<UnitKind>, target: Target) -> Lookup {
    match lookup(section, key, target) {
        Lookup::Unknown => match home_section(kind, key) {
            Some(home) => Lookup::Elsewhere {
                home,
                allowed: kind.is_some_and(|k| k.sections().contains(&home)),
            },
            None => Lookup::Unknown,
        },
        found => found,
    }
}

/// The section `key` belongs in for a unit of `kind`: one the kind allows if possible.
pub fn home_section(kind: Option<UnitKind>, key: &str) -> Option<&'static str> {
    let homes = sections_of(key);
    let allowed = match kind {
        Some(k) => k.sections(),
        None => Vec::new(),
    };
    for h in &homes {
        if allowed.contains(h) {
            return Some(*h);
        }
    }
    if homes.contains(&"Service") {
        return Some("Service");
    }
    homes.first().copied()
}

/// The catalog entry for `key` in `section` for [`Target::DEFAULT`], if every release of it
/// has the directive.
pub fn directive(section: &str, key: &str) -> Option<Directive> {
    catalog().get(section, key)
}

/// The release the man pages say added `value` to `key` of `section`, if they say one.
pub fn value_since(section: &str, key: &str, value: &str) -> Option<u16> {
    for &(s, k, v, since) in super::table::VALUE_SINCE {
        if k == key && v == value && s == section {
            return Some(since);
        }
    }
    None
}
