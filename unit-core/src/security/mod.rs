//! The exposure score of `systemd-analyze security`, computed as systemd computes it.
//!
//! Each release's checks and weights come from its `src/analyze/analyze-security.c`
//! (generated into [`table`] by `unit-core/data/make-security.py`); [`gather`] works out
//! the settings a unit ends up with when systemd loads it (defaults, drop-ins, the
//! implications of `DynamicUser=`, `PrivateDevices=`, `ProtectClock=`, ...), and [`score`]
//! judges them. A [`Policy`] is systemd's `--security-policy=FILE.json`.
//!
//! ```
//! use unit_core::security::{score, Policy};
//! let unit = unit_core::parse(
//!     "demo.service",
//!     "[Service]\nExecStart=/usr/bin/demo\nPrivateNetwork=yes\nDynamicUser=yes\n",
//! )
//! .unwrap();
//! let report = score(&[&unit], 252, &Policy::default());
//! // `systemd-analyze security --offline=yes` of systemd 252 says 7.9 EXPOSED too.
//! assert_eq!(report.exposure_text(), "7.9");
//! assert_eq!(report.level().0, "EXPOSED");
//! ```

mod assess;
mod check;
mod info;
mod policy;
mod syscalls;
/// The checks and system call groups of each release, generated from systemd's sources.
pub mod table;
mod text;
mod values;

pub use check::{Assess, Check, Field, SyscallSet};
pub use info::{gather, Info};
pub use policy::Policy;
pub use values::{capability_bit, CAPABILITIES};

use crate::model::Unit;

/// The most a unit of a family may score (`exposure <= N;` in its definition), in tenths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// The unit's name.
    pub unit: &'static str,
    /// Its budget in tenths (0 to 100).
    pub exposure: u8,
}

/// One check's verdict on one unit.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// The check.
    pub check: &'static Check,
    /// Its weight, after the policy.
    pub weight: u64,
    /// Its range, after the policy.
    pub range: u64,
    /// Its badness, from 0 (good) to `range`; `None` where it does not apply.
    pub badness: Option<u64>,
    /// What it says about the unit.
    pub description: String,
}

impl Verdict {
    /// Whether the check passed: `Some(true)` good, `Some(false)` bad, `None` not applicable.
    pub fn passed(&self) -> Option<bool> {
        self.badness.map(|b| b == 0)
    }
}

/// The score of one unit under one release.
#[derive(Debug, Clone)]
pub struct Report {
    /// The unit's name.
    pub unit: String,
    /// The systemd release whose checks were used.
    pub release: u16,
    /// Every check, in systemd's table order.
    pub verdicts: Vec<Verdict>,
    /// The overall exposure in tenths (0 to 100).
    pub exposure: u64,
}

fn div_round_up(a: u64, b: u64) -> u64 {
    if b == 0 {
        0
    } else {
        a.div_ceil(b)
    }
}

fn sums(verdicts: &[Verdict]) -> (u64, u64) {
    verdicts
        .iter()
        .filter_map(|v| v.badness.map(|b| (b, v)))
        .fold((0, 0), |(bad, weight), (b, v)| {
            (
                bad + div_round_up(b.min(v.range) * v.weight, v.range),
                weight + v.weight,
            )
        })
}

impl Report {
    /// The exposure as systemd prints it: `9.6`.
    pub fn exposure_text(&self) -> String {
        tenths(self.exposure)
    }

    /// systemd's word for the exposure: `UNSAFE`, `EXPOSED`, `MEDIUM`, `OK`, ...
    pub fn level(&self) -> (&'static str, &'static str) {
        level(self.exposure)
    }

    /// The exposure one verdict adds, in tenths, as the table's last column shows it.
    pub fn exposure_of(&self, verdict: &Verdict) -> Option<u64> {
        let (_, weight_sum) = sums(&self.verdicts);
        match verdict.badness {
            None | Some(0) => None,
            Some(b) => Some(div_round_up(
                div_round_up(b * verdict.weight * 100, verdict.range),
                weight_sum,
            )),
        }
    }

    /// The checks that lower the exposure most when they pass, with how much (in tenths),
    /// the most first.
    pub fn remedies(&self) -> Vec<(&Verdict, u64)> {
        let mut out: Vec<(&Verdict, u64)> = Vec::new();
        for (i, v) in self.verdicts.iter().enumerate() {
            if v.badness.unwrap_or(0) == 0 {
                continue;
            }
            let mut fixed = self.verdicts.clone();
            fixed[i].badness = Some(0);
            let (bad, weight) = sums(&fixed);
            let gain = self
                .exposure
                .saturating_sub(div_round_up(bad * 100, weight));
            if gain > 0 {
                out.push((v, gain));
            }
        }
        out.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.weight.cmp(&a.0.weight)));
        out
    }

    /// The table `systemd-analyze security UNIT` prints, with its overall exposure line.
    pub fn table(&self) -> String {
        text::table(self)
    }
}

/// A number of tenths as systemd prints it: `0.4`.
pub fn tenths(n: u64) -> String {
    format!("{}.{}", n / 10, n % 10)
}

/// systemd's name and face for an exposure in tenths.
pub fn level(exposure: u64) -> (&'static str, &'static str) {
    const LEVELS: [(u64, &str, &str); 7] = [
        (100, "DANGEROUS", "\u{1F631}"),
        (90, "UNSAFE", "\u{1F628}"),
        (75, "EXPOSED", "\u{1F641}"),
        (50, "MEDIUM", "\u{1F610}"),
        (10, "OK", "\u{1F642}"),
        (1, "SAFE", "\u{1F600}"),
        (0, "PERFECT", "\u{1F60E}"),
    ];
    LEVELS
        .iter()
        .find(|(min, _, _)| exposure >= *min)
        .map_or(("PERFECT", "\u{1F60E}"), |(_, n, f)| (*n, *f))
}

/// Scores `units` (the unit file first, then its drop-ins, in the order systemd reads them)
/// with the checks of `release` (a release of [`crate::catalog::VERSIONS`], or the newest
/// older one), weighted by `policy`.
pub fn score(units: &[&Unit], release: u16, policy: &Policy) -> Report {
    let name = units.first().map(|u| u.name.clone()).unwrap_or_default();
    let kind = crate::model::UnitKind::of_name(&name);
    let entries = units.iter().flat_map(|u| {
        u.sections.iter().flat_map(|s| {
            s.entries
                .iter()
                .map(move |e| (s.name.as_str(), e.key.as_str(), e.value.as_str()))
        })
    });
    let release = catalog_release(release);
    let info = gather(kind, entries, release);
    score_info(&name, &info, release, policy)
}

/// The release whose checks stand for `release`: itself, or the newest older one with a table.
pub fn catalog_release(release: u16) -> u16 {
    let versions = crate::catalog::VERSIONS;
    versions
        .iter()
        .copied()
        .rfind(|v| *v <= release)
        .or_else(|| versions.first().copied())
        .unwrap_or(release)
}

/// The bit of `release` in the masks over [`crate::catalog::VERSIONS`], 0 if it has none.
fn release_bit(release: u16) -> u8 {
    match crate::catalog::bit_of(release) {
        Some(i) => 1 << i,
        None => 0,
    }
}

/// Scores the settings `info` of unit `name`.
pub fn score_info(name: &str, info: &Info, release: u16, policy: &Policy) -> Report {
    let bit = release_bit(release);
    let mut verdicts = Vec::new();
    for check in table::CHECKS {
        if check.releases & bit == 0 {
            continue;
        }
        let weight = policy.weight(check);
        let range = policy.range(check).max(1);
        let (badness, own) = if check.default_dependencies_only && !info.default_dependencies {
            (
                None,
                Some("Service runs in special boot phase, option is not appropriate".to_owned()),
            )
        } else if weight == 0 {
            (None, Some("Option excluded by policy, skipping".to_owned()))
        } else {
            assess::assess(check, info, release)
        };
        let description = own.unwrap_or_else(|| {
            let fixed = match badness {
                None => policy.description(check, "description_na", check.na),
                Some(b) if b == check.range => {
                    policy.description(check, "description_bad", check.bad)
                }
                Some(0) => policy.description(check, "description_good", check.good),
                Some(_) => None,
            };
            fixed.unwrap_or_default().to_owned()
        });
        verdicts.push(Verdict {
            check,
            weight,
            range,
            badness,
            description,
        });
    }
    let (bad, weight) = sums(&verdicts);
    Report {
        unit: name.to_owned(),
        release,
        exposure: div_round_up(bad * 100, weight),
        verdicts,
    }
}

#[cfg(test)]
mod tests;
