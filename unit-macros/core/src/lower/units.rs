//! Daemons and their units, units of no daemon, drop-ins and the preset.

use syn::LitStr;
use unit_core::{Change, Origin, Unit};

use super::super::ast::{self, Member};
use super::super::attrs::{gates, predicates};
use super::model::{DropinOut, PresetOut, UnitOut};
use super::state::{hint, names, Lowering, Uses};

impl<'a> Lowering<'a, '_> {
    pub(super) fn daemon(&mut self, d: &'a ast::Daemon) {
        let daemon = d.name.to_string();
        let mut used = vec![d.broken; d.args.len()];
        for (i, a) in d.args.iter().enumerate() {
            if d.args[..i].iter().any(|b| b.name == a.name) {
                self.errors.span(
                    a.name.span(),
                    format!(
                        "parameter `{}` is given twice to daemon `{daemon}`; remove one",
                        a.name
                    ),
                );
                used[i] = true;
            }
        }
        for member in &d.members {
            let outs = match member {
                Member::Unit(u) => {
                    let preds = self.predicates_of(&[&u.body]);
                    self.variants(&preds, &mut |l| l.standalone(u, &daemon))
                }
                Member::Instance(inst) => {
                    let template = self.templates.get(&inst.template.to_string()).copied();
                    let mut bodies = vec![&inst.body];
                    bodies.extend(template.map(|t| &t.body));
                    let preds = self.predicates_of(&bodies);
                    self.variants(&preds, &mut |l| l.instance(d, inst, &mut used))
                }
            };
            for mut out in outs {
                out.cfgs.extend(d.attrs.cfgs.iter().cloned());
                self.family.units.push(out);
            }
        }
        for (a, used) in d.args.iter().zip(used) {
            if !used {
                let mut declared: Vec<String> = Vec::new();
                for m in &d.members {
                    let Member::Instance(i) = m else { continue };
                    if let Some(t) = self.templates.get(&i.template.to_string()) {
                        for p in &t.params {
                            declared.push(p.name.to_string());
                        }
                    }
                }
                let declared = names(declared.iter());
                self.errors.span(
                    a.name.span(),
                    format!(
                        "unknown parameter `{}`: no template of daemon `{daemon}` declares it{}",
                        a.name,
                        hint(&a.name.to_string(), &declared)
                    ),
                );
            }
        }
    }

    pub(super) fn standalone(&mut self, u: &ast::UnitItem, daemon: &str) -> Option<UnitOut> {
        let raised = self.errors.raised();
        self.uses = Uses::default();
        let mut unit = Unit::new(u.name.value(), Origin(u.site));
        unit.comments = u.attrs.docs.clone();
        let changes = self.body(&u.body, &|_| None, None, unit.kind());
        self.merge(&mut unit, changes, "this unit");
        let incomplete = self.errors.raised() > raised || u.body.broken;
        Some(UnitOut {
            incomplete,
            variant: Vec::new(),
            unit,
            daemon: daemon.to_owned(),
            cfgs: u.attrs.cfgs.clone(),
        })
    }

    pub(super) fn dropin(&mut self, d: &ast::UnitItem) {
        let path = d.name.value();
        let (unit, file) = match unit_core::dropin::split_path(&path) {
            Ok(parts) => parts,
            Err(e) => {
                self.at(d.site, e);
                return;
            }
        };
        let mut out = Unit::new(unit, Origin(d.site));
        out.comments = d.attrs.docs.clone();
        let changes = self.body(&d.body, &|_| None, None, out.kind());
        self.dropin_entries(&mut out, changes);
        self.family.dropins.push(DropinOut {
            unit: out,
            file: file.to_owned(),
            cfgs: d.attrs.cfgs.clone(),
            gates: gates(&predicates(&d.attrs.cfgs)),
            site: d.site,
        });
    }

    /// A drop-in's directives as systemd reads them: `reset Key;` is the empty assignment
    /// `Key=` that clears what the unit and earlier drop-ins set; a single value replaces the
    /// unit's; `remove` has no equivalent. Within the drop-in, a single-valued directive is
    /// set once, or again with `override`, which replaces the drop-in's earlier line.
    pub(super) fn dropin_entries(&mut self, unit: &mut Unit, changes: Vec<Change>) {
        for c in changes {
            let mut entry = c.entry;
            let single =
                unit_core::validate::directive(&c.section, &entry.key).is_some_and(|d| !d.list);
            let earlier = unit
                .section(&c.section)
                .and_then(|s| {
                    let i = s.entries.iter().rposition(|e| e.key == entry.key)?;
                    (!s.entries[i].value.is_empty()).then_some(i)
                })
                .filter(|_| single);
            match c.op {
                unit_core::Op::Set if earlier.is_some() => {
                    let key = &entry.key;
                    self.at(
                        entry.origin.0,
                        format!("`{key}=` is set twice in `[{}]` but takes one value; remove one, or write `override {key} = ...` to replace the earlier one", c.section),
                    );
                    continue;
                }
                unit_core::Op::Override => {
                    if let Some(i) = earlier {
                        unit.section_mut(&c.section, c.section_origin)
                            .entries
                            .remove(i);
                    }
                }
                unit_core::Op::Set => {}
                unit_core::Op::Reset => entry.value.clear(),
                unit_core::Op::Remove => {
                    self.at(
                        entry.origin.0,
                        format!("a drop-in cannot remove one value of `{}=`; write `reset {};` and set the values to keep", entry.key, entry.key),
                    );
                    continue;
                }
            }
            unit.section_mut(&c.section, c.section_origin)
                .entries
                .push(entry);
        }
    }

    pub(super) fn preset(&mut self, p: &ast::Preset) {
        if !self.family.preset.is_empty() {
            let span = p
                .rules
                .first()
                .map_or_else(proc_macro2::Span::call_site, |r| r.unit.span());
            self.errors
                .span(span, "the preset is given twice; keep one `preset { ... }`");
            return;
        }
        self.family.preset_priority = match &p.priority {
            None => 80,
            Some(n) => match n.base10_parse::<u8>() {
                Ok(v) if v < 100 => v,
                _ => {
                    self.errors.span(
                        n.span(),
                        "a preset priority is a number from 0 to 99, e.g. `80`",
                    );
                    80
                }
            },
        };
        for r in &p.rules {
            self.family.preset.push(PresetOut {
                enable: r.enable,
                unit: r.unit.value(),
                instances: r.instances.iter().map(LitStr::value).collect(),
                site: r.site,
            });
        }
    }
}
