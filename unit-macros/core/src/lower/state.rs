//! The state of lowering, shared by its stages, and the helpers they share.

use std::collections::{HashMap, HashSet};

use unit_core::placeholder::Part;
use unit_core::{suggest, Diagnostic, UnitKind};

use super::super::ast::{self, Stmt};
use super::super::errors::Errors;
use super::super::provenance::Provenance;
use super::super::sites::Sites;
use super::model::Family;

/// The built-in placeholder: a daemon's name, in templates.
pub(crate) const BUILTIN: &str = "daemon";

pub(crate) struct Lowering<'a, 'e> {
    pub(crate) errors: &'e mut Errors,
    pub(crate) sites: &'e Sites,
    /// Where the tokens of templates went, for reporting their errors once.
    pub(crate) provenance: Provenance,
    /// The daemon whose template instance is being lowered.
    pub(crate) daemon: Option<String>,
    /// The value of each `#[cfg]` predicate for the version of a unit being lowered.
    pub(crate) assignment: Vec<(String, bool)>,
    /// Whether a snippet with sections is being expanded.
    pub(crate) in_snippet: bool,
    /// The build options declared, by name.
    pub(crate) options: Vec<String>,
    pub(crate) snippets: HashMap<String, &'a ast::Snippet>,
    pub(crate) templates: HashMap<String, &'a ast::Template>,
    pub(crate) family: Family,
    /// Templates whose unit name is wrong whatever the daemon: reported once, at the name.
    pub(crate) bad_names: HashSet<String>,
    /// The unit being lowered: the snippets it uses, by name, and the `use` that brought in
    /// each snippet directive, by the directive's site.
    pub(crate) uses: Uses,
    /// The parameter names of the template being lowered, for "did you mean".
    pub(crate) params: Vec<String>,
}

impl Lowering<'_, '_> {
    /// An error at a site, for the daemon being lowered if any.
    pub(crate) fn at(&mut self, site: u32, message: impl Into<String>) {
        self.errors.at_for(self.daemon.as_deref(), site, message);
    }

    /// A diagnostic, for the daemon being lowered if any.
    pub(crate) fn diag(&mut self, d: Diagnostic) {
        self.errors.diag_for(self.daemon.as_deref(), d);
    }
}

#[derive(Default)]
pub(crate) struct Uses {
    pub(crate) snippets: HashMap<String, u32>,
    /// The site of the `use` and the snippet's name, by the site of the directive; a few.
    pub(crate) directives: Vec<(u32, (u32, String))>,
}

/// Where a `use` stands: the section it is under and how values are filled in there.
pub(crate) struct UseContext<'c> {
    pub section: Option<&'c (String, u32)>,
    pub kind: Option<UnitKind>,
    pub params: &'c dyn Fn(&str) -> Option<String>,
    pub template: Option<&'c str>,
}

pub(crate) fn hint(input: &str, candidates: &[&str]) -> String {
    match suggest::closest_in(input, candidates) {
        Some(s) => format!("; did you mean `{s}`?"),
        None => String::new(),
    }
}

/// The names of `names`, as `&str`s, for [`hint`].
pub(crate) fn names<'n>(names: impl Iterator<Item = &'n String>) -> Vec<&'n str> {
    let mut out = Vec::new();
    for n in names {
        out.push(n.as_str());
    }
    out
}

/// Whether a snippet holds whole sections (it starts with a `[Section]` header) rather than
/// directives of the section where it is used.
pub(crate) fn spans_sections(s: &ast::Snippet) -> bool {
    matches!(s.body.stmts.first(), Some(Stmt::Section { .. }))
}

pub(crate) fn join_text(parts: &[Part]) -> String {
    let mut out = String::new();
    for p in parts {
        match p {
            Part::Text(t) => out.push_str(t),
            Part::Var { name, .. } => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
    }
    out
}
