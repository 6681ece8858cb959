//! A family of units as `'static` data, the form `systemd_unit!` expands into.
//!
//! Each unit is its checked text with build options left as placeholders (`{runstatedir}`);
//! they are filled in when the family is rendered, so the same definitions serve `build.rs` and
//! the command line with different paths. Rendering parses and validates every unit again with
//! the real option values.

use crate::model::{Unit, UnitKind};
use crate::value::ValueKind;
use crate::{parse, render, text};

/// Every unit of a project, and the build options its values use.
#[derive(Debug)]
pub struct Family {
    /// The systemd releases the units are checked against.
    pub target: crate::catalog::Target,
    /// The build options, in definition order.
    pub options: &'static [OptionDef],
    /// The units, in definition order.
    pub units: &'static [UnitDef],
    /// The family's name (the crate's package name unless the definitions say `family "name";`):
    /// it names the preset file and the install manifest.
    pub name: &'static str,
    /// Which units are enabled by default: the lines of the family's preset file.
    pub preset: crate::preset::Preset,
    /// Drop-in files extending units of the family or `extern` ones.
    pub dropins: &'static [crate::dropin::DropinDef],
    /// The exposure budgets of the units that have one, as checked at compile time.
    pub budgets: &'static [crate::security::Budget],
    /// Which build options say where the family's files are installed.
    pub dirs: Dirs,
}

/// Which build options are the family's unit directory, preset directory and installation
/// prefix: where `install`, `uninstall`, `verify` and `package` put its files. A family
/// without one of these options gets systemd's usual place for it. `systemd_unit!` takes them
/// from `dirs { unit = ...; preset = ...; prefix = ...; }`, [`Dirs::DEFAULT`] for what it
/// leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dirs {
    /// The option naming the unit directory; without it, `/usr/lib/systemd/system`.
    pub unit: &'static str,
    /// The option naming the preset directory; without it, `system-preset` beside the unit
    /// directory.
    pub preset: &'static str,
    /// The option naming the installation prefix; without it, `/usr`.
    pub prefix: &'static str,
}

impl Dirs {
    /// The options `unitdir`, `presetdir` and `prefix`, as `meson` and autotools name them.
    pub const DEFAULT: Dirs = Dirs {
        unit: "unitdir",
        preset: "presetdir",
        prefix: "prefix",
    };

    /// Whether `option` is one of them.
    pub fn contains(&self, option: &str) -> bool {
        [self.unit, self.preset, self.prefix].contains(&option)
    }
}

/// A build option such as `runstatedir`.
#[derive(Debug)]
pub struct OptionDef {
    /// The name used in placeholders.
    pub name: &'static str,
    /// What its value must look like (`Path`, `Mode` or `Text`).
    pub kind: ValueKind,
    /// The value used when none is given.
    pub default: &'static str,
    /// Its documentation.
    pub doc: &'static str,
}

impl OptionDef {
    /// The environment variable `build.rs` reads it from: `UNIT_` and the upper-case name.
    pub fn env_var(&self) -> String {
        format!("UNIT_{}", self.name.to_ascii_uppercase())
    }
}

/// One unit of a family: its name, its daemon, and its checked text.
///
/// The text is the rendered unit file with build options left as `{name}` placeholders
/// (literal braces doubled). Keeping each unit as one string literal keeps the code the macro
/// generates small, so large families compile in time linear in their size.
#[derive(Debug)]
pub struct UnitDef {
    /// The file name.
    pub name: &'static str,
    /// The daemon it belongs to, or `""` for a unit of the family as a whole.
    pub daemon: &'static str,
    /// The unit file, with build options as placeholders.
    pub text: &'static str,
}

/// Values for a family's build options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Sorted by name, each once: a family has a handful of options.
    values: Vec<(&'static str, String)>,
}

impl Options {
    /// The value of option `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        match self.values.binary_search_by(|(n, _)| (*n).cmp(name)) {
            Ok(i) => Some(&self.values[i].1),
            Err(_) => None,
        }
    }

    fn set(&mut self, name: &'static str, value: String) {
        match self.values.binary_search_by(|(n, _)| (*n).cmp(name)) {
            Ok(i) => self.values[i].1 = value,
            Err(i) => self.values.insert(i, (name, value)),
        }
    }
}

/// One rendered unit file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// The file name.
    pub name: &'static str,
    /// The daemon it belongs to, or `""`.
    pub daemon: &'static str,
    /// The file's text.
    pub text: String,
}

impl Family {
    /// A family with no units, the placeholder the macro emits for a definition with errors.
    pub const EMPTY: Family = Family {
        target: crate::catalog::Target::DEFAULT,
        options: &[],
        units: &[],
        name: "",
        preset: crate::preset::Preset::NONE,
        dropins: &[],
        budgets: &[],
        dirs: Dirs::DEFAULT,
    };

    /// The default value of every option.
    pub fn default_options(&self) -> Options {
        let mut options = Options { values: Vec::new() };
        for o in self.options {
            options.set(o.name, o.default.to_owned());
        }
        options
    }

    /// The defaults with `set` applied; every unknown name and invalid value is an error.
    pub fn options<'a>(
        &self,
        set: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Options, Vec<String>> {
        let mut options = self.default_options();
        let mut errors = Vec::new();
        for (name, value) in set {
            let mut found = None;
            for o in self.options {
                if o.name == name {
                    found = Some(o);
                    break;
                }
            }
            let Some(def) = found else {
                let mut names = Vec::new();
                for o in self.options {
                    names.push(o.name);
                }
                let hint = crate::suggest::closest_in(name, &names)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                errors.push(format!("unknown build option `{name}`{hint}"));
                continue;
            };
            match check_option(def, value) {
                Ok(()) => {
                    options.set(def.name, normalize(def, value));
                }
                Err(e) => errors.push(format!("invalid build option `{name}`: {e}")),
            }
        }
        if errors.is_empty() {
            Ok(options)
        } else {
            Err(errors)
        }
    }

    /// The unit called `name`.
    pub fn unit(&self, name: &str) -> Option<&UnitDef> {
        self.units.iter().find(|u| u.name == name)
    }

    /// Validates and renders every unit with `options`; all problems are returned at once,
    /// each prefixed with its unit's name.
    pub fn render(&self, options: &Options) -> Result<Vec<Rendered>, Vec<String>> {
        all_or_every_error(self.units.iter().map(|def| {
            def.render_for(options, self.target).or_else(|problems| {
                // A problem the family's own drop-ins resolve is none of the unit systemd
                // loads (the drop-ins' own are reported when they are rendered).
                let remains = self.assembled_problems(def, options);
                let kept: Vec<String> = problems
                    .into_iter()
                    .filter(|p| remains.as_ref().is_none_or(|r| r.contains(p)))
                    .collect();
                if kept.is_empty() {
                    let unit = def.resolve(options)?;
                    let text = render(&unit).map_err(|e| {
                        e.into_iter()
                            .map(|d| format!("{}: {}", def.name, d.message))
                            .collect::<Vec<_>>()
                    })?;
                    Ok(Rendered {
                        name: def.name,
                        daemon: def.daemon,
                        text,
                    })
                } else {
                    Err(kept)
                }
            })
        }))
    }

    /// The problems of `def` as systemd assembles it with the family's drop-ins that apply to
    /// it, in the form [`UnitDef::render_for`] gives them; `None` without such drop-ins.
    fn assembled_problems(&self, def: &UnitDef, options: &Options) -> Option<Vec<String>> {
        let mut lines: Vec<(&str, &str, Unit)> = Vec::new();
        for d in self.dropins {
            if crate::dropin::applies_to(d.unit, def.name) {
                if let Ok(unit) = d.lines(options) {
                    lines.push((d.unit, d.file, unit));
                }
            }
        }
        if lines.is_empty() {
            return None;
        }
        let ordered = crate::dropin::ordered_lines(def.name, &lines);
        let base = def.resolve(options).ok()?;
        let unit = crate::dropin::assemble(&base, def.name, &ordered);
        let mut problems = Vec::new();
        for d in crate::validate::validate_for(&unit, self.target) {
            problems.push(format!("{}: {}", def.name, d.message));
        }
        Some(problems)
    }
}

/// Every result's value, or every error of all of them.
pub(crate) fn all_or_every_error<T>(
    results: impl Iterator<Item = Result<T, Vec<String>>>,
) -> Result<Vec<T>, Vec<String>> {
    let mut done = Vec::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(r) => done.push(r),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(done)
    } else {
        Err(errors)
    }
}

/// Checks a build option's value against its kind, with the rules its uses in unit files get
/// at compile time: one line of printable text, `%` only as a systemd specifier or `%%`, no
/// braces. Paths and modes are single words (systemd splits command lines at white space) and
/// take no `%` at all: a specifier in a path would be expanded by systemd, not by the build.
pub fn check_option(def: &OptionDef, value: &str) -> Result<(), String> {
    let word = matches!(def.kind, ValueKind::Path | ValueKind::Mode);
    text::check(value, false, !word)?;
    if value.contains(['{', '}']) {
        return Err(format!(
            "`{value}` contains a brace; build options are plain values"
        ));
    }
    if word {
        if let Some(c) = value.chars().find(|c| c.is_whitespace()) {
            return Err(format!(
                "`{value}` contains white space (`{}`), where systemd would split it into words; use a path without spaces",
                c.escape_default()
            ));
        }
        if value.contains('%') {
            return Err(format!(
                "`{value}` contains `%`, which systemd would read as a specifier; use a literal path"
            ));
        }
    }
    match def.kind {
        ValueKind::Path => crate::value::absolute_path(value),
        kind => kind.check(def.name, value),
    }
}

/// A path option without its trailing `/` (the root stays `/`), so `{sbindir}/x` never gives `//`.
fn normalize(def: &OptionDef, value: &str) -> String {
    match def.kind {
        ValueKind::Path if value.len() > 1 => {
            let trimmed = value.trim_end_matches('/');
            if trimmed.is_empty() { "/" } else { trimmed }.to_owned()
        }
        _ => value.to_owned(),
    }
}

impl UnitDef {
    /// The kind given by the name's suffix.
    pub fn kind(&self) -> Option<UnitKind> {
        UnitKind::of_name(self.name)
    }

    /// The unit file with `options` filled in, before any check.
    pub fn text_with(&self, options: &Options) -> Result<String, String> {
        let malformed = || format!("{}: malformed placeholder in the unit text", self.name);
        let mut out = String::with_capacity(self.text.len() + 64);
        let mut rest = self.text;
        while let Some(i) = rest.find(['{', '}']) {
            out.push_str(&rest[..i]);
            let tail = &rest[i..];
            if let Some(after) = tail.strip_prefix("{{") {
                out.push('{');
                rest = after;
            } else if let Some(after) = tail.strip_prefix("}}") {
                out.push('}');
                rest = after;
            } else if let Some(inner) = tail.strip_prefix('{') {
                let end = inner.find('}').ok_or_else(malformed)?;
                let name = &inner[..end];
                let value = options
                    .get(name)
                    .ok_or_else(|| format!("{}: unknown build option `{name}`", self.name))?;
                rest = &inner[end + 1..];
                // The root as a path option: `{sbindir}/x` gives `/x`, not `//x`.
                let value = if value == "/" && rest.starts_with('/') {
                    ""
                } else {
                    value
                };
                out.push_str(value);
            } else {
                return Err(malformed());
            }
        }
        out.push_str(rest);
        Ok(out)
    }

    /// The owned unit with `options` filled in. Each entry's origin is its line.
    pub fn resolve(&self, options: &Options) -> Result<Unit, Vec<String>> {
        let text = self.text_with(options).map_err(|e| vec![e])?;
        parse(self.name, &text).map_err(|e| vec![format!("{}: {e}", self.name)])
    }

    /// Validates and renders this unit with `options`, for [`Target::DEFAULT`].
    ///
    /// [`Target::DEFAULT`]: crate::catalog::Target::DEFAULT
    pub fn render(&self, options: &Options) -> Result<Rendered, Vec<String>> {
        self.render_for(options, crate::catalog::Target::DEFAULT)
    }

    /// Validates this unit for the systemd releases of `target` and renders it with `options`.
    pub fn render_for(
        &self,
        options: &Options,
        target: crate::catalog::Target,
    ) -> Result<Rendered, Vec<String>> {
        let unit = self.resolve(options)?;
        let prefix = |d: crate::Diagnostic| format!("{}: {}", self.name, d.message);
        let problems = crate::validate::validate_for(&unit, target);
        if !problems.is_empty() {
            return Err(problems.into_iter().map(prefix).collect());
        }
        let text = render(&unit).map_err(|e| e.into_iter().map(prefix).collect::<Vec<_>>())?;
        Ok(Rendered {
            name: self.name,
            daemon: self.daemon,
            text,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static FAMILY: Family = Family {
        target: crate::catalog::Target::DEFAULT,
        options: &[OptionDef {
            name: "runstatedir",
            kind: ValueKind::Path,
            default: "/run",
            doc: "",
        }],
        units: &[UnitDef {
            name: "demo.socket",
            daemon: "demo",
            text: "# Demo {{braces}}.\n\n[Socket]\nListenStream={runstatedir}/demo-sock\n\n[Install]\nWantedBy=sockets.target\n",
        }],
        ..Family::EMPTY
    };

    #[test]
    fn renders_with_defaults_and_overrides() {
        let out = FAMILY.render(&FAMILY.default_options()).unwrap();
        assert_eq!(
            out[0].text,
            "# Demo {braces}.\n\n[Socket]\nListenStream=/run/demo-sock\n\n[Install]\nWantedBy=sockets.target\n"
        );
        let opts = FAMILY.options([("runstatedir", "/var/run")]).unwrap();
        assert!(FAMILY.render(&opts).unwrap()[0]
            .text
            .contains("/var/run/demo-sock"));
    }

    #[test]
    fn bad_options_are_refused() {
        let e = FAMILY
            .options([("runstatdir", "/x"), ("runstatedir", "run")])
            .unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(e[0].contains("did you mean `runstatedir`?"), "{e:?}");
        assert!(e[1].contains("not an absolute path"), "{e:?}");
        assert!(FAMILY.options([("runstatedir", "/x\n")]).is_err());
        assert!(FAMILY.options([("runstatedir", "/{x}")]).is_err());
        // A path systemd takes, but too long for a socket address once the unit adds to it.
        let long = format!("/{}", "r".repeat(100));
        let opts = FAMILY.options([("runstatedir", long.as_str())]).unwrap();
        let e = FAMILY.render(&opts).unwrap_err();
        assert!(
            e[0].starts_with("demo.socket: invalid `ListenStream=`"),
            "{e:?}"
        );
        for (bad, why) in [
            ("/usr/s bin", "white space"),
            ("/usr/%n", "specifier"),
            ("/usr/x%", "specifier"),
            ("usr", "not an absolute path"),
            ("/usr/../x", "`..`"),
            ("/x//", "`//`"),
        ] {
            let e = FAMILY.options([("runstatedir", bad)]).unwrap_err();
            assert!(
                e[0].starts_with("invalid build option `runstatedir`"),
                "{e:?}"
            );
            assert!(e[0].contains(why), "{bad}: {e:?}");
        }
        for (given, rendered) in [("/", "/demo-sock"), ("/var/run/", "/var/run/demo-sock")] {
            let opts = FAMILY.options([("runstatedir", given)]).unwrap();
            let text = &FAMILY.render(&opts).unwrap()[0].text;
            assert!(
                text.contains(&format!("ListenStream={rendered}\n")),
                "{given}: {text}"
            );
        }
    }
}
