//! What lowering makes: the family's units, options, targets, drop-ins and preset, in the
//! order written, for the checks and the code generator.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use unit_core::catalog::Target;
use unit_core::value::ValueKind;
use unit_core::Unit;

use super::super::provenance::Provenance;
pub use super::dirs::DirsOut;

pub struct OptionOut {
    pub valid: bool,
    pub name: String,
    pub kind: ValueKind,
    pub default: String,
    pub doc: String,
}

pub struct UnitOut {
    /// Lowering this unit reported errors, so checks of what it lacks would only repeat them.
    pub incomplete: bool,
    /// For one of several versions of a unit whose statements depend on `#[cfg]`: the value
    /// of each predicate this version is for.
    pub variant: Vec<(String, bool, TokenStream)>,
    pub unit: Unit,
    pub daemon: String,
    pub cfgs: Vec<TokenStream>,
}

pub struct External {
    pub name: String,
    pub site: u32,
}

/// A `systemd` item: the target, and the predicates it applies under.
pub struct TargetOut {
    /// Each predicate without its `not(...)`, and whether it had one.
    pub cfgs: Vec<(String, bool)>,
    pub tokens: Vec<TokenStream>,
    pub target: Target,
}

#[derive(Default)]
pub struct Family {
    pub target: Target,
    /// Every `systemd` item; empty for the default target.
    pub targets: Vec<TargetOut>,
    pub options: Vec<OptionOut>,
    pub units: Vec<UnitOut>,
    pub externals: Vec<External>,
    /// `family "name";`, when given.
    pub name: Option<String>,
    /// `preset NN { ... }`: its priority and lines.
    pub preset_priority: u8,
    pub preset: Vec<PresetOut>,
    pub dropins: Vec<DropinOut>,
    /// The exposure budget, in tenths, of each unit version that has one, by its index in
    /// `units`.
    pub budgets: Vec<(usize, u64)>,
    /// `dirs { ... }`, with the usual option names for what it leaves out.
    pub dirs: DirsOut,
}

/// One line of the preset.
pub struct PresetOut {
    pub enable: bool,
    pub unit: String,
    pub instances: Vec<String>,
    pub site: u32,
}

/// A drop-in: a unit named after the unit it extends, and its file name.
pub struct DropinOut {
    pub unit: Unit,
    pub file: String,
    pub cfgs: Vec<TokenStream>,
    /// The predicate of each of `cfgs` without its `not(...)`, by the key unit versions know
    /// it by, and whether it had one: the drop-in exists where each has the other value.
    pub gates: Vec<(String, bool)>,
    pub site: u32,
}

/// What lowering returns: the family, where the tokens of templates went, and the templates
/// and snippets nothing uses, lowered on their own.
pub struct Lowered {
    pub family: Family,
    pub provenance: Provenance,
    pub unused: Vec<Unused>,
}

/// A template or snippet that nothing uses, lowered as a unit of its own.
pub struct Unused {
    pub unit: Unit,
    /// The placeholders whose values are known, so that what depends on the others is left to
    /// the units that will use it.
    pub known: Known,
}

pub enum Known {
    /// Every placeholder but these (a template's parameters without a default, `{daemon}`).
    AllBut(HashSet<String>),
    /// These only (a snippet's build options).
    Only(HashSet<String>),
}

impl Known {
    pub fn knows(&self, name: &str) -> bool {
        match self {
            Known::AllBut(unknown) => !unknown.contains(name),
            Known::Only(known) => known.contains(name),
        }
    }
}
