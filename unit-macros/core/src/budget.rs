//! Exposure budgets: `exposure <= 7.9;` for the whole family (every service), in a template
//! (every unit it makes), or in a unit's or instance's body (that unit). The unit's score is
//! `systemd-analyze security`'s, computed by `unit_core::security` on the unit as assembled
//! (template, extras, drop-ins, build options at their defaults), and must stay within the
//! budget under every systemd release the family targets.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use unit_core::security::{self, Policy, Report};
use unit_core::{Unit, UnitKind};

use super::ast::{Item, Member};
use super::attrs::split_not;
use super::check::{dropin_sets, left_out, not_everywhere, noted, targets_for, Checks};
use super::errors::Errors;
use super::exposure::Budget;

/// Which budget each unit has: by the site the lowered unit's origin is (an instance's
/// template name, a unit's name), and the family's for services without one.
struct Budgets<'i> {
    family: Vec<&'i Budget>,
    by_site: HashMap<u32, Vec<&'i Budget>>,
}

fn budgets<'i>(items: &'i [Item], errors: &mut Errors) -> Budgets<'i> {
    let mut out = Budgets {
        family: Vec::new(),
        by_site: HashMap::new(),
    };
    let templates: HashMap<String, &'i [Budget]> = items
        .iter()
        .filter_map(|i| match i {
            Item::Template(t) => Some((t.name.to_string(), t.body.budgets.as_slice())),
            _ => None,
        })
        .collect();
    for item in items {
        match item {
            Item::Budget(b) => out.family.push(b),
            Item::Snippet(s) => {
                for b in &s.body.budgets {
                    errors.at(b.site, "an exposure budget in a snippet applies to nothing; put it in the template, unit or daemon instance, or at the top of the family");
                }
            }
            Item::Dropin(d) => {
                for b in &d.body.budgets {
                    errors.at(b.site, format!("an exposure budget in a drop-in applies to nothing; put it in the definition of `{}`, or at the top of the family", d.name.value().split(".d/").next().unwrap_or_default()));
                }
            }
            Item::Unit(u) if !u.body.budgets.is_empty() => {
                out.by_site.insert(u.site, u.body.budgets.iter().collect());
            }
            Item::Daemon(d) => {
                for m in &d.members {
                    let (site, own, template) = match m {
                        Member::Unit(u) => (u.site, &u.body.budgets, None),
                        Member::Instance(i) => (
                            i.site,
                            &i.body.budgets,
                            templates.get(&i.template.to_string()).copied(),
                        ),
                    };
                    // The instance's own budgets come after the template's, so they win.
                    let all: Vec<&Budget> = template
                        .unwrap_or_default()
                        .iter()
                        .chain(own.iter())
                        .collect();
                    if !all.is_empty() {
                        out.by_site.insert(site, all);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether a budget under `cfgs` applies to the unit version for `variant`: each predicate
/// the version was made for must have the value the budget needs; the others are unknown here
/// and taken to hold.
fn holds(cfgs: &[TokenStream], variant: &[(String, bool, TokenStream)]) -> bool {
    cfgs.iter().all(|p| {
        let (inner, negated) = split_not(p);
        variant
            .iter()
            .find(|(k, _, _)| *k == inner.to_string())
            .is_none_or(|(_, v, _)| *v != negated)
    })
}

/// A unit over its budget under one release.
struct Over {
    unit: String,
    report: Report,
    budget: Budget,
    /// Said of the score when it is one without a drop-in some other configuration has.
    note: String,
}

/// Reports every unit over its budget, once per budget, at the budget's number.
/// Returns the budget of each unit version that has one, by its index in the family's units.
pub fn check(items: &[Item], checks: &Checks<'_>, errors: &mut Errors) -> Vec<(usize, u64)> {
    let family = checks.family();
    let budgets = budgets(items, errors);
    let mut held = Vec::new();
    if budgets.family.is_empty() && budgets.by_site.is_empty() {
        return held;
    }
    let mut over: Vec<Over> = Vec::new();
    for (index, out) in family
        .units
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.incomplete)
    {
        let applicable = |list: &[&'_ Budget]| -> Option<Budget> {
            list.iter()
                .rev()
                .find(|b| holds(&b.cfgs, &out.variant))
                .map(|b| (*b).clone())
        };
        let budget = budgets
            .by_site
            .get(&out.unit.origin.0)
            .and_then(|l| applicable(l))
            .or_else(|| {
                applicable(&budgets.family).filter(|_| out.unit.kind() == Some(UnitKind::Service))
            });
        let Some(budget) = budget else { continue };
        held.push((index, budget.tenths));
        let unit = checks.unit(index);
        // The unit with the drop-ins it has in each configuration it exists in, in file-name
        // order: it must meet its budget in each.
        let sets = dropin_sets(family, checks.configs(), index, |j| {
            family.dropins[j].unit.name == unit.name
        });
        let assemblies: Vec<(&[usize], Vec<&Unit>)> = sets
            .iter()
            .map(|set| {
                let mut mine = set.clone();
                mine.sort_by(|&a, &b| family.dropins[a].file.cmp(&family.dropins[b].file));
                let mut files: Vec<&Unit> = vec![unit];
                files.extend(mine.iter().map(|&j| checks.dropin(j)));
                (set.as_slice(), files)
            })
            .collect();
        // Every release with a catalog in the targets; for a target newer than every catalog,
        // the newest older one, as the directive checks do.
        let targets = targets_for(family, &out.variant);
        let mut releases: Vec<u16> = unit_core::catalog::VERSIONS
            .iter()
            .copied()
            .filter(|v| targets.iter().any(|t| (t.min..=t.max).contains(v)))
            .collect();
        if releases.is_empty() {
            releases.extend(targets.iter().map(|t| t.reference()));
        }
        let worst = assemblies
            .iter()
            .flat_map(|(set, files)| {
                releases
                    .iter()
                    .map(|v| (*set, security::score(files, *v, &Policy::default())))
            })
            .reduce(|a, b| if b.1.exposure > a.1.exposure { b } else { a });
        if let Some((set, report)) = worst.filter(|(_, r)| r.exposure > budget.tenths) {
            // A drop-in the worst configuration lacks, which another has.
            let others: Vec<usize> = sets.iter().flatten().copied().collect();
            let note = not_everywhere(&others, &[set.to_vec()])
                .map(|j| left_out(family, j))
                .unwrap_or_default();
            if !over
                .iter()
                .any(|o| o.unit == unit.name && o.budget.site == budget.site)
            {
                over.push(Over {
                    unit: unit.name.clone(),
                    report,
                    budget,
                    note,
                });
            }
        }
    }
    let mut sites: Vec<u32> = over.iter().map(|o| o.budget.site).collect();
    sites.sort_unstable();
    sites.dedup();
    for site in sites {
        let here: Vec<&Over> = over.iter().filter(|o| o.budget.site == site).collect();
        errors.at(site, message(&here));
    }
    held
}

fn message(over: &[&Over]) -> String {
    let Some(worst) = over.iter().reduce(|a, b| {
        if b.report.exposure > a.report.exposure {
            b
        } else {
            a
        }
    }) else {
        return String::new();
    };
    let budget = security::tenths(worst.budget.tenths);
    let release = worst.report.release;
    let remedies: Vec<String> = worst
        .report
        .remedies()
        .into_iter()
        .take(3)
        .map(|(v, gain)| {
            format!(
                "`{}` would lower it by {} (weight {})",
                remedy(v.check),
                security::tenths(gain),
                v.weight
            )
        })
        .collect();
    let remedies = if remedies.is_empty() {
        "raise the budget".to_owned()
    } else {
        remedies.join(", ")
    };
    if let [one] = over {
        let message = format!(
            "`{}` scores {}, over its exposure budget {budget} (systemd {release}, as `systemd-analyze security` scores it); {remedies}",
            one.unit,
            one.report.exposure_text()
        );
        return noted(&message, &one.note);
    }
    let scores: Vec<String> = over
        .iter()
        .map(|o| format!("`{}` {}{}", o.unit, o.report.exposure_text(), o.note))
        .collect();
    format!(
        "{} units score over their exposure budget {budget} (as `systemd-analyze security` of systemd {release} scores them): {}; for `{}`, {remedies}",
        over.len(),
        scores.join(", "),
        worst.unit
    )
}

/// The setting that makes check `c` pass, in the words of a unit file.
fn remedy(c: &security::Check) -> String {
    use security::Assess as A;
    match c.assess {
        A::Bool(security::Field::Delegate, _) => "Delegate=no".to_owned(),
        A::Bool(
            security::Field::AfInet
            | security::Field::AfUnix
            | security::Field::AfNetlink
            | security::Field::AfPacket
            | security::Field::AfOther,
            _,
        ) => c.id.to_owned(),
        A::Bool(..) => format!("{}yes", c.id),
        A::User => "DynamicUser=yes".to_owned(),
        A::ProtectSystem => "ProtectSystem=strict".to_owned(),
        A::ProtectHome => "ProtectHome=yes".to_owned(),
        A::ProtectProc => "ProtectProc=invisible".to_owned(),
        A::ProcSubset => "ProcSubset=pid".to_owned(),
        A::SystemCallArchitectures => "SystemCallArchitectures=native".to_owned(),
        A::IpAddressAllow => "IPAddressDeny=any".to_owned(),
        A::DeviceAllow => "DevicePolicy=closed".to_owned(),
        A::Umask => "UMask=0077".to_owned(),
        A::KeyringMode => "KeyringMode=private".to_owned(),
        A::RemoveIpc => "RemoveIPC=yes".to_owned(),
        A::RootDirectory => "RootDirectory=".to_owned(),
        A::NotifyAccess => "NotifyAccess=main".to_owned(),
        A::SupplementaryGroups => "SupplementaryGroups=".to_owned(),
        A::AmbientCapabilities => "AmbientCapabilities=".to_owned(),
        A::Capabilities(_) | A::Namespace(_) | A::SystemCallFilter(_) => c.id.to_owned(),
    }
}
