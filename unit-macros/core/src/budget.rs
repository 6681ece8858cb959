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
use super::attrs::{gates, holds, values};
use super::check::{dropin_sets, left_out, not_everywhere, noted, targets_for, Checks};
use super::errors::Errors;
use super::exposure::Budget;
use super::sites::BySite;

/// Which budget each unit has: by the site the lowered unit's origin is (an instance's
/// template name, a unit's name), and the family's for services without one.
struct Budgets<'i> {
    family: Vec<&'i Budget>,
    by_site: BySite<Vec<&'i Budget>>,
}

fn budgets<'i>(items: &'i [Item], errors: &mut Errors) -> Budgets<'i> {
    let mut out = Budgets {
        family: Vec::new(),
        by_site: BySite::default(),
    };
    let mut templates: HashMap<String, &'i [Budget]> = HashMap::new();
    for item in items {
        if let Item::Template(t) = item {
            templates.insert(t.name.to_string(), t.body.budgets.as_slice());
        }
    }
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
                let mut all = Vec::new();
                for b in &u.body.budgets {
                    all.push(b);
                }
                out.by_site.insert(u.site, all);
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
                    let mut all: Vec<&Budget> = Vec::new();
                    for b in template.unwrap_or_default().iter().chain(own) {
                        all.push(b);
                    }
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
fn applies(cfgs: &[TokenStream], variant: &[(String, bool, TokenStream)]) -> bool {
    holds(&gates(cfgs), &values(variant))
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
    for (index, out) in family.units.iter().enumerate() {
        if out.incomplete {
            continue;
        }
        let applicable = |list: &[&Budget]| -> Option<Budget> {
            for b in list.iter().rev() {
                if applies(&b.cfgs, &out.variant) {
                    return Some((*b).clone());
                }
            }
            None
        };
        let mut budget = match budgets.by_site.get(out.unit.origin.0) {
            Some(list) => applicable(list),
            None => None,
        };
        if budget.is_none() && out.unit.kind() == Some(UnitKind::Service) {
            budget = applicable(&budgets.family);
        }
        let Some(budget) = budget else { continue };
        held.push((index, budget.tenths));
        let unit = checks.unit(index);
        // The unit with the drop-ins it has in each configuration it exists in, in file-name
        // order: it must meet its budget in each.
        let sets = dropin_sets(family, checks.configs(), index, &|j| {
            family.dropins[j].unit.name == unit.name
        });
        let mut assemblies: Vec<(&[usize], Vec<&Unit>)> = Vec::with_capacity(sets.len());
        for set in &sets {
            // In file-name order.
            let mut mine: Vec<(&str, usize)> = Vec::with_capacity(set.len());
            for &j in set {
                mine.push((family.dropins[j].file.as_str(), j));
            }
            mine.sort_unstable();
            let mut files: Vec<&Unit> = vec![unit];
            for (_, j) in mine {
                files.push(checks.dropin(j));
            }
            assemblies.push((set.as_slice(), files));
        }
        // Every release with a catalog in the targets; for a target newer than every catalog,
        // the newest older one, as the directive checks do.
        let targets = targets_for(family, &out.variant);
        let mut releases: Vec<u16> = Vec::new();
        for &v in unit_core::catalog::VERSIONS {
            if targets.iter().any(|t| t.min <= v && v <= t.max) {
                releases.push(v);
            }
        }
        if releases.is_empty() {
            for t in &targets {
                releases.push(t.reference());
            }
        }
        let mut worst: Option<(&[usize], Report)> = None;
        for (set, files) in &assemblies {
            for &v in &releases {
                let report = security::score(files, v, &Policy::default());
                if worst
                    .as_ref()
                    .is_none_or(|(_, w)| report.exposure > w.exposure)
                {
                    worst = Some((set, report));
                }
            }
        }
        let Some((set, report)) = worst else { continue };
        if report.exposure > budget.tenths {
            // A drop-in the worst configuration lacks, which another has.
            let mut others: Vec<usize> = Vec::new();
            for s in &sets {
                others.extend_from_slice(s);
            }
            let note = match not_everywhere(&others, &[set.to_vec()]) {
                Some(j) => left_out(family, j),
                None => String::new(),
            };
            let known = over
                .iter()
                .any(|o| o.unit == unit.name && o.budget.site == budget.site);
            if !known {
                over.push(Over {
                    unit: unit.name.clone(),
                    report,
                    budget,
                    note,
                });
            }
        }
    }
    let mut sites: Vec<u32> = Vec::with_capacity(over.len());
    for o in &over {
        sites.push(o.budget.site);
    }
    sites.sort_unstable();
    sites.dedup();
    for site in sites {
        let mut here: Vec<&Over> = Vec::new();
        for o in &over {
            if o.budget.site == site {
                here.push(o);
            }
        }
        errors.at(site, message(&here));
    }
    held
}

fn message(over: &[&Over]) -> String {
    let Some(mut worst) = over.first() else {
        return String::new();
    };
    for o in over {
        if o.report.exposure > worst.report.exposure {
            worst = o;
        }
    }
    let budget = security::tenths(worst.budget.tenths);
    let release = worst.report.release;
    let mut remedies: Vec<String> = Vec::new();
    for (v, gain) in worst.report.remedies().into_iter().take(3) {
        remedies.push(format!(
            "`{}` would lower it by {} (weight {})",
            remedy(v.check),
            security::tenths(gain),
            v.weight
        ));
    }
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
    let mut scores: Vec<String> = Vec::with_capacity(over.len());
    for o in over {
        scores.push(format!(
            "`{}` {}{}",
            o.unit,
            o.report.exposure_text(),
            o.note
        ));
    }
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
