//! Snippets: runs of directives that stand in several bodies of a factored family.

use std::collections::HashMap;

use super::factor::{Atom, Factored, Member, Snippet};
use unit_core::placeholder::{self, Part};

/// Replaces runs of two or more directives that stand in several bodies with snippets, while
/// that saves lines.
pub(super) fn find_snippets(out: &mut Factored) {
    loop {
        let mut counts: HashMap<String, (Vec<Atom>, usize)> = HashMap::new();
        for body in bodies(out) {
            for len in 2..=body.len() {
                for window in body.windows(len) {
                    if window.iter().all(snippable) {
                        counts
                            .entry(format!("{window:?}"))
                            .or_insert_with(|| (window.to_vec(), 0))
                            .1 += 1;
                    }
                }
            }
        }
        // The run that saves most lines; of those the shortest, then the first in text order.
        let mut best: Option<(i64, Vec<Atom>, String)> = None;
        for (key, (run, n)) in counts {
            let saving = (n * run.len()) as i64 - (run.len() + 3 + n) as i64;
            if saving <= 0 {
                continue;
            }
            let better = match &best {
                None => true,
                Some((s, r, k)) => {
                    saving > *s
                        || (saving == *s
                            && (run.len() < r.len() || (run.len() == r.len() && key < *k)))
                }
            };
            if better {
                best = Some((saving, run, key));
            }
        }
        let Some((_, run, _)) = best else { return };
        let ident = format!("s{}", out.snippets.len() + 1);
        for body in bodies_mut(out) {
            let mut i = 0;
            while i + run.len() <= body.len() {
                if body[i..i + run.len()] == run[..] {
                    body.drain(i..i + run.len());
                    body.insert(i, Atom::Use(ident.clone()));
                }
                i += 1;
            }
        }
        let mut entries = Vec::new();
        for a in run {
            if let Atom::Set(mut e) = a {
                if let Some(value) = unescape(&e.value) {
                    e.value = value;
                    entries.push(e);
                }
            }
        }
        out.snippets.push(Snippet { ident, entries });
    }
}

fn snippable(atom: &Atom) -> bool {
    matches!(atom, Atom::Set(e) if unescape(&e.value).is_some())
}

/// Template values are in placeholder syntax, extras hold raw values: both compare as
/// placeholder syntax, and a run is a snippet only if it holds no placeholder.
pub(super) fn unescape(value: &str) -> Option<String> {
    let parts = placeholder::parts(value).ok()?;
    let mut out = String::new();
    for p in parts {
        match p {
            Part::Text(t) => out.push_str(&t),
            Part::Var { .. } => return None,
        }
    }
    Some(out)
}

fn bodies(out: &Factored) -> Vec<Vec<Atom>> {
    let mut all: Vec<Vec<Atom>> = Vec::new();
    for t in &out.templates {
        for (_, a) in &t.sections {
            all.push(a.clone());
        }
    }
    for d in &out.daemons {
        for m in &d.members {
            if let Member::Instance { sections, .. } = m {
                for (_, a) in sections {
                    all.push(a.clone());
                }
            }
        }
    }
    all
}

fn bodies_mut(out: &mut Factored) -> Vec<&mut Vec<Atom>> {
    let mut all: Vec<&mut Vec<Atom>> = Vec::new();
    for t in &mut out.templates {
        for (_, a) in &mut t.sections {
            all.push(a);
        }
    }
    for d in &mut out.daemons {
        for m in &mut d.members {
            if let Member::Instance { sections, .. } = m {
                for (_, a) in sections {
                    all.push(a);
                }
            }
        }
    }
    all
}
