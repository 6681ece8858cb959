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
        let best = counts
            .into_values()
            .map(|(run, n)| {
                let saving = (n * run.len()) as i64 - (run.len() + 3 + n) as i64;
                let key = format!("{run:?}");
                (saving, run, key)
            })
            .filter(|(s, _, _)| *s > 0)
            .max_by(|a, b| {
                a.0.cmp(&b.0)
                    .then_with(|| b.1.len().cmp(&a.1.len()))
                    .then_with(|| b.2.cmp(&a.2))
            });
        let Some((_, run, _)) = best else { return };
        let ident = format!("s{}", out.snippets.len() + 1);
        for body in bodies_mut(out) {
            let mut i = 0;
            while i + run.len() <= body.len() {
                if body[i..i + run.len()] == run[..] {
                    body.splice(i..i + run.len(), [Atom::Use(ident.clone())]);
                }
                i += 1;
            }
        }
        let entries = run
            .into_iter()
            .filter_map(|a| match a {
                Atom::Set(mut e) => {
                    e.value = unescape(&e.value)?;
                    Some(e)
                }
                _ => None,
            })
            .collect();
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
    parts
        .into_iter()
        .map(|p| match p {
            Part::Text(t) => Some(t),
            Part::Var { .. } => None,
        })
        .collect()
}

fn bodies(out: &Factored) -> Vec<Vec<Atom>> {
    let mut all: Vec<Vec<Atom>> = out
        .templates
        .iter()
        .flat_map(|t| t.sections.iter().map(|(_, a)| a.clone()))
        .collect();
    for d in &out.daemons {
        for m in &d.members {
            if let Member::Instance { sections, .. } = m {
                all.extend(sections.iter().map(|(_, a)| a.clone()));
            }
        }
    }
    all
}

fn bodies_mut(out: &mut Factored) -> Vec<&mut Vec<Atom>> {
    let mut all: Vec<&mut Vec<Atom>> = Vec::new();
    for t in &mut out.templates {
        all.extend(t.sections.iter_mut().map(|(_, a)| a));
    }
    for d in &mut out.daemons {
        for m in &mut d.members {
            if let Member::Instance { sections, .. } = m {
                all.extend(sections.iter_mut().map(|(_, a)| a));
            }
        }
    }
    all
}
