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
use crate::validate::validate_for;
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

/// Every problem of a drop-in (a unit named after the unit it extends), and of `base` with it
/// applied when the extended unit is the family's own, for the systemd releases of `target`
/// (the family's, as for its units). Requirements on whole units (a service needs
/// `ExecStart=`) concern the unit, not the drop-in, so they apply only to the merged unit.
pub fn check(dropin: &Unit, base: Option<&Unit>, target: Target) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = validate_for(dropin, target)
        .into_iter()
        .filter(|d| d.origin != dropin.origin)
        .collect();
    if let (Some(base), true) = (base, out.is_empty()) {
        let merged = apply(base, dropin);
        let before: Vec<String> = validate_for(base, target)
            .into_iter()
            .map(|d| d.message)
            .collect();
        for d in validate_for(&merged, target) {
            if !before.contains(&d.message) {
                let origin = if d.origin == merged.origin {
                    dropin.origin
                } else {
                    d.origin
                };
                out.push(Diagnostic { origin, ..d });
            }
        }
    }
    out
}

impl DropinDef {
    /// Fills in `options`, checks the drop-in (against the family's unit it extends, if any) and
    /// renders it.
    pub fn render(
        &self,
        family: &Family,
        options: &Options,
    ) -> Result<RenderedDropin, Vec<String>> {
        let label = format!("{}.d/{}", self.unit, self.file);
        let prefix = |m: String| format!("{label}: {m}");
        let as_unit = UnitDef {
            name: self.unit,
            daemon: "",
            text: self.text,
        };
        let text = as_unit.text_with(options).map_err(|e| vec![prefix(e)])?;
        let unit = parse(self.unit, &text).map_err(|e| vec![prefix(e.to_string())])?;
        let base = match family.unit(self.unit) {
            Some(def) => Some(def.resolve(options)?),
            None => None,
        };
        let problems = check(&unit, base.as_ref(), family.target);
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
