//! Values and directives that only some releases of the target take: the release is named.

use crate::catalog::{self, Directive, Target};
use crate::parsers::{self, Cx};
use crate::text;

/// For a value the target's oldest release refuses: the message naming the later release
/// whose parser takes it (`PrivateTmp=disconnected` is 257's), if one does.
pub(super) fn newer_release(
    directive: &Directive,
    cx: &Cx<'_>,
    value: &str,
    target: Target,
) -> Option<String> {
    if value.is_empty() {
        return None;
    }
    let (section, key) = (directive.section, directive.name);
    let (i, v) = catalog::VERSIONS
        .iter()
        .enumerate()
        .filter(|(_, v)| **v > cx.version)
        .find(|&(i, &v)| {
            catalog::rows(section, key).iter().any(|r| {
                let later = Directive {
                    parser: r.parser,
                    ltype: r.ltype,
                    ..*directive
                };
                let cx = Cx {
                    version: v,
                    ltype: r.ltype,
                    ..*cx
                };
                r.mask & 1 << i != 0
                    && text::check_line(value).is_ok()
                    && parsers::judge(&later, &cx, value).is_some_and(|r| r.is_ok())
            })
        })?;
    let documented =
        catalog::value_since(section, key, value).filter(|d| *d > cx.version && *d <= *v);
    let targets = target.describe();
    Some(match (documented, i.checked_sub(1).map(|b| catalog::VERSIONS[b])) {
        (Some(since), _) => format!("`{key}={value}` needs systemd {since}; this family targets {targets}"),
        (None, Some(b)) if b > cx.version => format!(
            "`{key}={value}` needs a systemd newer than {b} ({v} has it); this family targets {targets}"
        ),
        (None, _) => format!(
            "`{key}={value}` needs a systemd newer than {} ({v} has it); this family targets {targets}",
            cx.version
        ),
    })
}

/// A value that only some releases of the target take (`Type=notify-reload` before 253).
pub(super) fn check_release(
    directive: &Directive,
    cx: &Cx<'_>,
    value: &str,
    target: Target,
) -> Result<(), String> {
    let (section, key) = (directive.section, directive.name);
    let documented = catalog::value_since(section, key, value);
    // Each release reads the value with its own parser (`RuntimeDirectoryPreserve=` changed
    // parser between releases): the releases that take it are the union over the rows.
    let rows = catalog::rows(section, key);
    let releases = rows
        .iter()
        .filter_map(|r| {
            if parsers::basic::is_enum_parser(r.parser) {
                parsers::basic::enum_releases(r.parser, value).map(|m| m & r.mask)
            } else if rows.len() == 1 {
                // One parser in every release: it judges the value below.
                Some(r.mask)
            } else {
                // Each release's own parser judges the value (`PrivateTmp=` was a boolean
                // before 257); a parser not modelled takes it.
                let release = Directive {
                    parser: r.parser,
                    ltype: r.ltype,
                    ..*directive
                };
                let taken = catalog::VERSIONS
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| r.mask & 1 << i != 0)
                    .filter(|&(_, &version)| {
                        let cx = Cx {
                            version,
                            ltype: r.ltype,
                            ..*cx
                        };
                        parsers::judge(&release, &cx, value).is_none_or(|v| v.is_ok())
                    })
                    .fold(0u8, |m, (i, _)| m | 1 << i);
                Some(taken)
            }
        })
        .reduce(|a, b| a | b)
        .filter(|m| *m != 0);
    let want = target.mask();
    let targets = target.describe();
    if let Some(have) = releases {
        if have & want != want {
            let first = catalog::VERSIONS
                .iter()
                .enumerate()
                .find(|(i, _)| have & 1 << i != 0)
                .map(|(_, v)| *v);
            let removed = catalog::VERSIONS
                .iter()
                .enumerate()
                .find(|(i, v)| want & 1 << i != 0 && have & 1 << i == 0 && Some(**v) > first)
                .map(|(_, v)| *v);
            return Err(match (removed, documented.or(first)) {
                (Some(r), _) if first.is_some_and(|f| f <= target.min) => format!(
                    "`{key}={value}` was removed in systemd {r}; this family targets {targets}"
                ),
                (_, Some(since)) if documented.is_some() => {
                    format!("`{key}={value}` needs systemd {since}; this family targets {targets}")
                }
                (_, Some(since)) => {
                    let before = catalog::VERSIONS.iter().rfind(|v| **v < since);
                    match before {
                        Some(b) => format!(
                            "`{key}={value}` needs a systemd newer than {b} ({since} has it); this family targets {targets}"
                        ),
                        None => format!(
                            "`{key}={value}` needs systemd {since}; this family targets {targets}"
                        ),
                    }
                }
                _ => format!("`{key}={value}` is not taken by every release of {targets}"),
            });
        }
    }
    if let Some(since) = documented.filter(|v| *v > target.min && releases.is_some()) {
        return Err(format!(
            "`{key}={value}` needs systemd {since}; this family targets {targets}"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_unit as unit;
    use crate::model::Unit;
    use crate::validate::validate_for;

    fn messages_for(u: &Unit, target: Target) -> Vec<String> {
        validate_for(u, target)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn values_and_directives_newer_than_the_target() {
        let u = unit(
            "a.service",
            &[
                ("Service", "Type", "notify-reload"),
                ("Service", "ExecStart", "/bin/a"),
            ],
        );
        let m = messages_for(&u, Target::from(252));
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].starts_with("`Type=notify-reload` needs "), "{m:?}");
        assert!(
            m[0].ends_with("this family targets systemd 252 and later"),
            "{m:?}"
        );
        assert!(messages_for(&u, Target::from(253)).is_empty());
        let e = unit(
            "a.service",
            &[
                ("Service", "OpenFile", "/etc/a"),
                ("Service", "ExecStart", "/bin/a"),
            ],
        );
        let m = messages_for(&e, Target::from(252));
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].starts_with("`OpenFile=` needs systemd 253"), "{m:?}");
    }

    #[test]
    fn values_a_later_parser_takes_name_the_release() {
        let u = unit(
            "a.service",
            &[
                ("Service", "PrivateTmp", "disconnected"),
                ("Service", "ExecStart", "/bin/a"),
            ],
        );
        let m = messages_for(&u, Target::from(252));
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(
            m[0],
            "`PrivateTmp=disconnected` needs systemd 257; this family targets systemd 252 and later"
        );
        assert!(messages_for(&u, Target::from(257)).is_empty());
        let typo = unit(
            "a.service",
            &[
                ("Service", "PrivateTmp", "disconected"),
                ("Service", "ExecStart", "/bin/a"),
            ],
        );
        let m = messages_for(&typo, Target::from(252));
        assert!(m[0].starts_with("invalid `PrivateTmp=`"), "{m:?}");
    }

    #[test]
    fn enum_values_with_suggestions() {
        let u = unit(
            "a.service",
            &[
                ("Service", "Type", "notfy"),
                ("Service", "ExecStart", "/bin/a"),
            ],
        );
        let m = messages_for(&u, Target::DEFAULT);
        assert!(m[0].contains("did you mean `notify`?"), "{m:?}");
    }
}

#[cfg(test)]
mod every_value {
    use super::*;
    use crate::catalog::table::{ENUMS, ENUM_PARSERS, ROWS};
    use crate::catalog::Lookup;
    use crate::model::{test_unit, Origin};
    use crate::validate::validate_for;

    /// Every enum value a release after 252 added to a directive 252 has is refused under a
    /// 252 target with the release named, never as an invalid value.
    #[test]
    fn every_later_enum_value_names_its_release() {
        let old = 1u8 << 1; // 252
        let mut checked = 0;
        for row in ROWS.iter().filter(|r| r.mask & !0b11 != 0) {
            if catalog::releases(row.section, row.name) & old == 0 {
                continue;
            }
            let unit_name = match row.section {
                "Unit" | "Install" | "Service" => "a.service".to_owned(),
                s => format!("a.{}", s.to_ascii_lowercase()),
            };
            for ep in ENUM_PARSERS.iter().filter(|p| p.parser == row.parser) {
                let Some(table) = ENUMS.iter().find(|t| t.name == ep.table) else {
                    continue;
                };
                for (value, mask) in table.values {
                    let taken_by_252 = catalog::rows(row.section, row.name).iter().any(|r| {
                        r.mask & old != 0
                            && if parsers::basic::is_enum_parser(r.parser) {
                                parsers::basic::enum_releases(r.parser, value)
                                    .is_some_and(|m| m & old != 0)
                            } else {
                                let d = catalog::lookup(row.section, row.name, Target::from(252));
                                let Lookup::Found(d) = d else { return true };
                                let cx = Cx {
                                    unit: &unit_name,
                                    section: row.section,
                                    key: row.name,
                                    ltype: r.ltype,
                                    version: 252,
                                };
                                parsers::judge(&d, &cx, value).is_none_or(|v| v.is_ok())
                            }
                    });
                    if mask & ep.mask & row.mask & !0b11 == 0 || taken_by_252 {
                        continue;
                    }
                    let u = test_unit(&unit_name, &[(row.section, row.name, value)]);
                    let m: Vec<String> = validate_for(&u, Target::from(252))
                        .into_iter()
                        .filter(|d| d.origin == Origin(10))
                        .map(|d| d.message)
                        .collect();
                    let head = format!("`{}={value}` ", row.name);
                    assert!(
                        m.len() == 1 && m[0].starts_with(&head) && m[0].contains("needs"),
                        "{}.{}={value}: {m:?}",
                        row.section,
                        row.name
                    );
                    checked += 1;
                }
            }
        }
        eprintln!("{checked} values checked");
        assert!(checked > 20, "{checked}");
    }
}
