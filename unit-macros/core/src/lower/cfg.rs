//! `#[cfg]`: the `systemd` target items, and the versions of a unit whose statements depend on
//! predicates, one for each combination of their values.

use proc_macro2::TokenStream;
use unit_core::catalog::{Target, VERSIONS};

use super::super::ast::{self, Body, Stmt};
use super::super::attrs::{gates, holds, split_not};
use super::super::errors::Errors;
use super::model::{TargetOut, UnitOut};
use super::state::Lowering;

/// The text of a `#[cfg]` predicate, the key it is known by.
pub(super) fn pred_key(p: &TokenStream) -> String {
    p.to_string()
}

impl<'a> Lowering<'a, '_> {
    pub(super) fn target(&mut self, t: &ast::Systemd) {
        let release = |lit: &syn::LitInt, errors: &mut Errors| match lit.base10_parse::<u16>() {
            Ok(v) => Some(v),
            Err(_) => {
                errors.span(
                    lit.span(),
                    "expected a systemd release number such as `252`",
                );
                None
            }
        };
        let Some(min) = release(&t.min, self.errors) else {
            return;
        };
        let max = match &t.max {
            Some(lit) => match release(lit, self.errors) {
                Some(v) => v,
                None => return,
            },
            None if t.open => u16::MAX,
            None => min,
        };
        let oldest = VERSIONS.first().copied().unwrap_or(0);
        if min < oldest {
            self.errors.span(
                t.min.span(),
                format!("systemd {min} is older than every release this crate knows; target {oldest} or later"),
            );
        } else if max < min {
            let span = t.max.as_ref().map_or_else(|| t.min.span(), |m| m.span());
            self.errors.span(
                span,
                format!("the target range ends at {max}, before it starts at {min}; write `{min}..={min}` or a later end"),
            );
        } else {
            let target = Target { min, max };
            if t.cfgs.is_empty() {
                self.family.target = target;
            }
            self.family.targets.push(TargetOut {
                cfgs: gates(&t.cfgs),
                tokens: t.cfgs.clone(),
                target,
            });
        }
    }

    /// Whether statements under `cfgs` are part of the version being lowered.
    pub(crate) fn active(&self, cfgs: &[TokenStream]) -> bool {
        holds(&gates(cfgs), &self.assignment)
    }

    /// The `#[cfg]` predicates the statements of `bodies` (and the snippets they use) depend on.
    pub(super) fn predicates_of(&self, bodies: &[&Body]) -> Vec<TokenStream> {
        let mut out: Vec<TokenStream> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        let mut add = |cfgs: &[TokenStream], out: &mut Vec<TokenStream>| {
            for c in cfgs {
                let (base, _) = split_not(c);
                let key = pred_key(&base);
                if !keys.contains(&key) {
                    keys.push(key);
                    out.push(base);
                }
            }
        };
        let mut stack: Vec<(&Body, usize)> = Vec::with_capacity(bodies.len());
        for b in bodies {
            stack.push((b, 0));
        }
        while let Some((body, depth)) = stack.pop() {
            for stmt in &body.stmts {
                match stmt {
                    Stmt::Directive(d) => add(&d.cfgs, &mut out),
                    Stmt::Use { name, cfgs, .. } => {
                        add(cfgs, &mut out);
                        if let Some(snippet) = self.snippets.get(&name.to_string()) {
                            if depth < 2 {
                                stack.push((&snippet.body, depth + 1));
                            }
                        }
                    }
                    Stmt::Section { .. } | Stmt::BrokenSection => {}
                }
            }
        }
        out
    }

    /// Lowers a unit once for each combination of the predicates `preds`, each version marked
    /// with the values it was lowered for.
    pub(super) fn variants(
        &mut self,
        preds: &[TokenStream],
        lower: &mut dyn FnMut(&mut Self) -> Option<UnitOut>,
    ) -> Vec<UnitOut> {
        const MAX: usize = 4;
        if preds.is_empty() {
            return match lower(self) {
                Some(out) => vec![out],
                None => Vec::new(),
            };
        }
        let preds = if preds.len() > MAX {
            self.errors.span(
                proc_macro2::Span::call_site(),
                format!("a unit's statements depend on {} different `#[cfg]` predicates; at most {MAX} are supported, so move some differences into units of their own", preds.len()),
            );
            &preds[..MAX]
        } else {
            preds
        };
        let mut outs = Vec::new();
        for bits in 0..1u32 << preds.len() {
            self.assignment.clear();
            for (i, p) in preds.iter().enumerate() {
                self.assignment.push((pred_key(p), bits & 1 << i != 0));
            }
            if let Some(mut out) = lower(self) {
                let mut variant = Vec::with_capacity(preds.len());
                for (i, p) in preds.iter().enumerate() {
                    variant.push((pred_key(p), bits & 1 << i != 0, p.clone()));
                }
                out.variant = variant;
                outs.push(out);
            }
        }
        self.assignment.clear();
        outs
    }
}
