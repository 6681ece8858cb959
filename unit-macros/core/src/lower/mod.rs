//! Lowering: the parsed items become `unit_core` units, with template parameters substituted,
//! snippets spliced in and daemon extras merged. Build options stay as `{name}` placeholders.
//!
//! By concern: `declarations` (options, snippets, templates, externals), `dirs` (which options
//! say where the files go), `units` (daemons, units, drop-ins, the preset), `templates`
//! (parameters and instances), `body` (statements and placeholders), `snippets` (`use`), `cfg`
//! (targets and `#[cfg]` versions), `alone` (templates and snippets nothing uses, lowered on
//! their own); `state` is what they share and `model` what lowering returns, with the
//! `Provenance` table.

mod alone;
mod body;
mod cfg;
mod declarations;
mod dirs;
mod model;
mod snippets;
mod state;
mod templates;
mod units;

use std::collections::{HashMap, HashSet};

use super::ast::Item;
use super::errors::Errors;
use super::provenance::Provenance;
use super::sites::Sites;
pub use model::{Family, Lowered, OptionOut, UnitOut, Unused};
use state::{Lowering, Uses};

/// Lowers `items`, raising their errors in `errors`; `sites` numbers the tokens.
pub fn lower(items: &[Item], sites: &Sites, errors: &mut Errors) -> Lowered {
    let mut l = Lowering {
        errors,
        sites,
        provenance: Provenance::default(),
        daemon: None,
        assignment: Vec::new(),
        in_snippet: false,
        options: Vec::new(),
        snippets: HashMap::new(),
        templates: HashMap::new(),
        family: Family::default(),
        bad_names: HashSet::new(),
        uses: Uses::default(),
        params: Vec::new(),
    };
    l.declarations(items);
    l.dirs(items);
    for item in items {
        match item {
            Item::Daemon(d) => l.daemon(d),
            Item::Unit(u) => {
                let preds = l.predicates_of(&[&u.body]);
                let outs = l.variants(&preds, &mut |l| l.standalone(u, ""));
                l.family.units.extend(outs);
            }
            Item::Family(name) => l.family_name(name),
            Item::Preset(p) => l.preset(p),
            Item::Dropin(d) => l.dropin(d),
            _ => {}
        }
    }
    let unused = l.unused(items);
    Lowered {
        family: l.family,
        provenance: l.provenance,
        unused,
    }
}
