//! Drop-ins: `NAME.d/FILE.conf` files that extend a unit of the family or an `extern` one.
//!
//! A drop-in is read by systemd after the unit it extends: list directives append to the
//! unit's values, single-valued ones replace them, and an empty assignment (`ExecStart=`)
//! resets what came before. [`check`] applies those rules: each entry is checked against the
//! extended unit's type, and when the unit is the family's own, the unit as systemd will see it
//! (the unit followed by the drop-in) must pass every check a unit passes.

use crate::catalog::{catalog, Target};
use crate::family::{Family, Options, UnitDef};
use crate::model::{Diagnostic, Unit};
use crate::validate::{validate_for, validate_lines};
use crate::{parse, render};

/// One drop-in of a family: the unit it extends, its file name and its checked text.
#[derive(Debug)]
pub struct DropinDef {
    /// The unit it extends, e.g. `libvirtd.service`.
    pub unit: &'static str,
    /// The file name inside `NAME.d/`, e.g. `10-secret.conf`.
    pub file: &'static str,
    /// The text, with build options as `{name}` placeholders, as in [`UnitDef::text`].
    pub text: &'static str,
}

/// A drop-in rendered with build options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedDropin {
    /// The unit it extends.
    pub unit: &'static str,
    /// The file name inside `NAME.d/`.
    pub file: &'static str,
    /// The file's text.
    pub text: String,
}

impl RenderedDropin {
    /// Its path relative to the unit directory: `NAME.d/FILE`.
    pub fn path(&self) -> String {
        format!("{}.d/{}", self.unit, self.file)
    }
}

/// Checks a drop-in's file name: a plain name ending in `.conf`.
pub fn check_file_name(file: &str) -> Result<(), String> {
    let stem = file.strip_suffix(".conf").unwrap_or("");
    if stem.is_empty()
        || file.starts_with('.')
        || !file
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.@:".contains(c))
    {
        return Err(format!(
            "`{}` is not a drop-in file name; use letters, digits and `-_.` ending in `.conf`, e.g. `10-limits.conf`",
            file.escape_default()
        ));
    }
    Ok(())
}

/// Splits `"libvirtd.service.d/10-secret.conf"` into the unit and the file name.
pub fn split_path(path: &str) -> Result<(&str, &str), String> {
    let Some((dir, file)) = path.split_once(".d/") else {
        return Err(format!(
            "`{path}` is not a drop-in path; write `UNIT.d/FILE.conf`, e.g. `foo.service.d/10-limits.conf`"
        ));
    };
    crate::value::unit_name(dir)?;
    check_file_name(file)?;
    Ok((dir, file))
}

/// The unit as systemd sees it once `dropin` is applied to `base`: single-valued directives
/// of the drop-in replace the unit's (except `ExecStart=`, which systemd accumulates), list
/// directives append, empty assignments stay and reset what precedes them.
pub fn apply(base: &Unit, dropin: &Unit) -> Unit {
    let mut merged = base.clone();
    for section in &dropin.sections {
        let target = merged.section_mut(&section.name, section.origin);
        for entry in &section.entries {
            let single = catalog()
                .get(&section.name, &entry.key)
                .is_some_and(|d| !d.list && d.name != "ExecStart");
            if single && !entry.value.is_empty() {
                target.entries.retain(|e| e.key != entry.key);
            }
            target.entries.push(entry.clone());
        }
    }
    merged
}

/// Whether a drop-in written for `extends` (`NAME.d/`) applies to `unit`: it is the unit, or
/// the unit is an instance of the template `extends` (`w@.service.d/` applies to `w@1.service`).
pub fn applies_to(extends: &str, unit: &str) -> bool {
    extends == unit || crate::crosscheck::template_of(unit).is_some_and(|t| t == extends)
}

/// The drop-ins among `all` (the unit each extends, its file name, its lines) that systemd
/// applies to `unit`, in its order: by file name, a file of the instance's own directory
/// taking the place of its template's file of the same name.
pub fn in_order<'a>(unit: &str, all: &[(&str, &'a str, &'a Unit)]) -> Vec<(&'a str, &'a Unit)> {
    // Kept sorted by file name as it is filled; each name once.
    let mut chosen: Vec<(&'a str, bool, &'a Unit)> = Vec::new();
    for &(extends, file, lines) in all {
        if !applies_to(extends, unit) {
            continue;
        }
        let own = extends == unit;
        match chosen.binary_search_by(|(f, _, _)| (*f).cmp(file)) {
            Ok(i) if own && !chosen[i].1 => chosen[i] = (file, own, lines),
            Ok(_) => {}
            Err(i) => chosen.insert(i, (file, own, lines)),
        }
    }
    let mut out = Vec::with_capacity(chosen.len());
    for (file, _, lines) in chosen {
        out.push((file, lines));
    }
    out
}

/// The lines of the drop-ins among `all` that systemd applies to `unit`, in its order
/// ([`in_order`]).
pub(crate) fn ordered_lines<'a>(unit: &str, all: &'a [(&str, &'a str, Unit)]) -> Vec<&'a Unit> {
    let mut table = Vec::with_capacity(all.len());
    for (extends, file, lines) in all {
        table.push((*extends, *file, lines));
    }
    let mut out = Vec::new();
    for (_, lines) in in_order(unit, &table) {
        out.push(lines);
    }
    out
}

/// `base` as systemd assembles it for the unit called `name` (an instance of a template
/// `base`, or `base` itself) with `dropins` read after it, in the order given.
pub fn assemble(base: &Unit, name: &str, dropins: &[&Unit]) -> Unit {
    let mut unit = base.clone();
    unit.name = name.to_owned();
    for d in dropins {
        unit = apply(&unit, d);
    }
    unit
}

/// The messages of `base` assembled as the unit `name` with `dropins`.
fn messages(base: &Unit, name: &str, dropins: &[&Unit], target: Target) -> Vec<String> {
    let mut out = Vec::new();
    for d in validate_for(&assemble(base, name, dropins), target) {
        out.push(d.message);
    }
    out
}

/// The problems of a drop-in's own lines: each must be a directive of the extended unit's
/// type, with a value that type's parser takes. What the lines make together is judged on the
/// unit they are merged into ([`check_assembled`]).
pub fn check_lines(dropin: &Unit, target: Target) -> Vec<Diagnostic> {
    validate_lines(dropin, target)
}

/// The problems `dropins` (in systemd's order, each with its origin) bring to `base` once
/// systemd has assembled the unit called `name` from them: each a problem of the assembled
/// unit that `base` alone does not have. A problem of the whole unit (no `ExecStart=` left)
/// is blamed on the drop-in from which on it stays.
pub fn check_assembled(
    base: &Unit,
    name: &str,
    dropins: &[&Unit],
    target: Target,
) -> Vec<Diagnostic> {
    let before = messages(base, name, &[], target);
    let mut prefixes = Vec::new();
    for n in 1..dropins.len() {
        prefixes.push(messages(base, name, &dropins[..n], target));
    }
    let mut out = Vec::new();
    for d in validate_for(&assemble(base, name, dropins), target) {
        if before.contains(&d.message) {
            continue;
        }
        let origin = if d.origin == base.origin {
            // The first drop-in after which every assembly has the problem.
            let mut from = prefixes.len();
            while from > 0 && prefixes[from - 1].contains(&d.message) {
                from -= 1;
            }
            match dropins.get(from) {
                Some(u) => u.origin,
                None => d.origin,
            }
        } else {
            d.origin
        };
        out.push(Diagnostic { origin, ..d });
    }
    out
}

/// Every problem of one drop-in (a unit named after the unit it extends), and of `base` with
/// it applied when the extended unit is the family's own, for the systemd releases of
/// `target`.
pub fn check(dropin: &Unit, base: Option<&Unit>, target: Target) -> Vec<Diagnostic> {
    let mut out = check_lines(dropin, target);
    if let (Some(base), true) = (base, out.is_empty()) {
        out = check_assembled(base, &dropin.name, &[dropin], target);
    }
    out
}

impl DropinDef {
    /// The drop-in's lines with `options` filled in.
    pub(crate) fn lines(&self, options: &Options) -> Result<Unit, String> {
        let as_unit = UnitDef {
            name: self.unit,
            daemon: "",
            text: self.text,
        };
        let text = as_unit.text_with(options)?;
        parse(self.unit, &text).map_err(|e| e.to_string())
    }

    /// Fills in `options`, checks the drop-in (its lines, and the family's unit it extends
    /// as systemd assembles it with every drop-in of the family that applies to it) and
    /// renders it.
    pub fn render(
        &self,
        family: &Family,
        options: &Options,
    ) -> Result<RenderedDropin, Vec<String>> {
        let label = format!("{}.d/{}", self.unit, self.file);
        let prefix = |m: String| format!("{label}: {m}");
        let unit = self.lines(options).map_err(|e| vec![prefix(e)])?;
        let mut problems = check_lines(&unit, family.target);
        let base = family
            .unit(self.unit)
            .or_else(|| crate::crosscheck::template_of(self.unit).and_then(|t| family.unit(&t)));
        if let (Some(def), true) = (base, problems.is_empty()) {
            let base = def.resolve(options)?;
            // Each drop-in's lines get origins of their own, so the problems that concern
            // this one are told apart from the others'.
            let mut all = Vec::new();
            for (i, d) in family.dropins.iter().enumerate() {
                let Ok(mut lines) = d.lines(options) else {
                    continue;
                };
                shift(&mut lines, i as u32 + 1);
                all.push((d.unit, d.file, lines));
            }
            let ordered = ordered_lines(self.unit, &all);
            let mut me = 0;
            for (i, d) in family.dropins.iter().enumerate() {
                if std::ptr::eq(d, self) {
                    me = i as u32 + 1;
                    break;
                }
            }
            // A problem on a line of the unit itself goes with the last drop-in.
            let last = match ordered.last() {
                Some(u) => u.origin.0 >> SHIFT,
                None => 0,
            };
            for d in check_assembled(&base, self.unit, &ordered, family.target) {
                let of = d.origin.0 >> SHIFT;
                if of == me || (of == 0 && last == me) {
                    problems.push(d);
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems.into_iter().map(|d| prefix(d.message)).collect());
        }
        let text = render(&unit)
            .map_err(|e| e.into_iter().map(|d| prefix(d.message)).collect::<Vec<_>>())?;
        Ok(RenderedDropin {
            unit: self.unit,
            file: self.file,
            text,
        })
    }
}

const SHIFT: u32 = 20;

/// Gives `unit` and its lines origins of the drop-in numbered `n`.
fn shift(unit: &mut Unit, n: u32) {
    let tag = |o: crate::Origin| crate::Origin(n << SHIFT | o.0);
    unit.origin = tag(unit.origin);
    for s in &mut unit.sections {
        for e in &mut s.entries {
            e.origin = tag(e.origin);
        }
    }
}

impl Family {
    /// Renders every drop-in with `options`; all problems are returned at once.
    pub fn render_dropins(&self, options: &Options) -> Result<Vec<RenderedDropin>, Vec<String>> {
        crate::family::all_or_every_error(self.dropins.iter().map(|d| d.render(self, options)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, text: &str) -> Unit {
        parse(name, text).unwrap()
    }

    #[test]
    fn lists_append_singles_replace_and_empty_resets() {
        let base = unit(
            "a.service",
            "[Unit]\nAfter=x.service\n[Service]\nType=simple\nExecStart=/usr/bin/a\n",
        );
        let ok = unit(
            "a.service",
            "[Unit]\nAfter=y.service\n[Service]\nType=notify\nExecStart=\nExecStart=/usr/bin/b\n",
        );
        assert_eq!(check(&ok, Some(&base), Target::DEFAULT), []);
        let merged = apply(&base, &ok);
        assert_eq!(merged.values("Unit", "After"), ["x.service", "y.service"]);
        assert_eq!(merged.values("Service", "Type"), ["notify"]);
        let twice = unit("a.service", "[Service]\nExecStart=/usr/bin/b\n");
        let e = check(&twice, Some(&base), Target::DEFAULT);
        assert!(e.iter().any(|d| d.message.contains("ExecStart")), "{e:?}");
        let wrong = unit("a.service", "[Socket]\nListenStream=/run/a\n");
        assert!(!check(&wrong, None, Target::DEFAULT).is_empty());
        let extern_ok = unit("b.service", "[Service]\nEnvironment=A=1\n");
        assert_eq!(check(&extern_ok, None, Target::DEFAULT), []);
    }

    #[test]
    fn drop_ins_are_judged_in_the_assembled_unit() {
        let base = unit(
            "app.service",
            "[Service]\nType=notify\nExecStart=/usr/bin/app\n",
        );
        let restart = unit("app.service", "[Service]\nRestart=always\n");
        // Alone, without `Type=` and `ExecStart=`, it would be a oneshot service.
        assert_eq!(check(&restart, Some(&base), Target::DEFAULT), []);
        let mut reset = unit("app.service", "[Service]\nExecStart=\n");
        reset.origin = crate::Origin(77);
        let e = check_assembled(&base, "app.service", &[&restart, &reset], Target::DEFAULT);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].message.contains("no `ExecStart=`"), "{e:?}");
        assert_eq!(e[0].origin, crate::Origin(77));
        let again = unit("app.service", "[Service]\nExecStart=/usr/bin/app --again\n");
        let fixed = check_assembled(&base, "app.service", &[&reset, &again], Target::DEFAULT);
        assert_eq!(fixed, []);
    }

    #[test]
    fn instances_take_their_templates_drop_ins_in_file_name_order() {
        let t10 = unit("w@.service", "[Service]\nNice=1\n");
        let i10 = unit("w@1.service", "[Service]\nNice=2\n");
        let i05 = unit("w@1.service", "[Service]\nNice=3\n");
        let other = unit("w@2.service", "[Service]\nNice=4\n");
        let all = [
            ("w@.service", "10-a.conf", &t10),
            ("w@1.service", "10-a.conf", &i10),
            ("w@1.service", "05-b.conf", &i05),
            ("w@2.service", "10-a.conf", &other),
        ];
        let order: Vec<&str> = in_order("w@1.service", &all)
            .iter()
            .map(|(f, _)| *f)
            .collect();
        assert_eq!(order, ["05-b.conf", "10-a.conf"]);
        assert!(std::ptr::eq(in_order("w@1.service", &all)[1].1, &i10));
        assert_eq!(in_order("w@.service", &all).len(), 1);
        let template = unit(
            "w@.service",
            "[Service]\nType=oneshot\nExecStart=/bin/w %i\n",
        );
        let ordered: Vec<&Unit> = in_order("w@1.service", &all)
            .into_iter()
            .map(|(_, u)| u)
            .collect();
        let merged = assemble(&template, "w@1.service", &ordered);
        assert_eq!(merged.name, "w@1.service");
        assert_eq!(merged.value("Service", "Nice"), Some("2"));
        let restart = unit("w@1.service", "[Service]\nRestart=always\n");
        let e = check_assembled(&template, "w@1.service", &[&restart], Target::DEFAULT);
        assert!(e[0].message.contains("`Type=oneshot`"), "{e:?}");
    }

    #[test]
    fn rendering_judges_each_drop_in_in_its_assembled_unit() {
        static UNITS: [UnitDef; 1] = [UnitDef {
            name: "w@.service",
            daemon: "",
            text: "[Service]\nType=notify\nExecStart=/usr/bin/w %i\n",
        }];
        static DROPINS: [DropinDef; 3] = [
            DropinDef {
                unit: "w@1.service",
                file: "10-restart.conf",
                text: "[Service]\nRestart=always\n",
            },
            DropinDef {
                unit: "w@2.service",
                file: "10-quiet.conf",
                text: "[Service]\nExecStart=\n",
            },
            DropinDef {
                unit: "w@2.service",
                file: "20-fine.conf",
                text: "[Service]\nNice=5\n",
            },
        ];
        let family = Family {
            units: &UNITS,
            dropins: &DROPINS,
            ..Family::EMPTY
        };
        let options = family.default_options();
        assert!(DROPINS[0].render(&family, &options).is_ok());
        let e = DROPINS[1].render(&family, &options).unwrap_err();
        assert!(e[0].starts_with("w@2.service.d/10-quiet.conf: "), "{e:?}");
        assert!(e[0].contains("no `ExecStart=`"), "{e:?}");
        assert!(DROPINS[2].render(&family, &options).is_ok());
    }

    #[test]
    fn paths() {
        assert_eq!(
            split_path("libvirtd.service.d/10-secret.conf"),
            Ok(("libvirtd.service", "10-secret.conf"))
        );
        for bad in [
            "x.service/10.conf",
            "x.service.d/../a.conf",
            "x.service.d/a",
            "x.servce.d/a.conf",
        ] {
            assert!(split_path(bad).is_err(), "{bad}");
        }
    }
}
