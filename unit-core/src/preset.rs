//! Presets: which units of a family are enabled by default, as a `systemd.preset(5)` file.
//!
//! The file is named `NN-<family>.preset` and holds only `enable` lines for the family's own
//! units: units it does not name fall through to the distribution's presets (usually
//! `disable *` in `99-default.preset`), so a family never decides for units it does not own.

use crate::family::Family;

/// The preset of a family: its priority and its lines.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    /// The `NN` of `NN-<family>.preset`; lower numbers take precedence.
    pub priority: u8,
    /// The lines, in definition order.
    pub rules: &'static [PresetRule],
}

impl Preset {
    /// No preset: the family installs no preset file.
    pub const NONE: Preset = Preset {
        priority: 0,
        rules: &[],
    };
}

/// One line of a preset file: `enable foo.socket`, `disable bar.service`, or
/// `enable worker@.service a b` for instances of a template.
#[derive(Debug, Clone, Copy)]
pub struct PresetRule {
    /// `enable` when true, `disable` otherwise.
    pub enable: bool,
    /// The unit name (a template name when `instances` is not empty).
    pub unit: &'static str,
    /// The instances of a template to enable.
    pub instances: &'static [&'static str],
}

impl PresetRule {
    /// The line as systemd reads it.
    pub fn line(&self) -> String {
        let verb = if self.enable { "enable" } else { "disable" };
        let mut line = format!("{verb} {}", self.unit);
        for i in self.instances {
            line.push(' ');
            line.push_str(i);
        }
        line
    }
}

/// Checks a preset against the units of its family: every name is one of the family's units,
/// installable, and a template comes with instances (and only a template does).
pub fn check(rules: &[PresetRule], units: &[(&str, bool)]) -> Vec<String> {
    let mut errors = Vec::new();
    for r in rules {
        errors.append(&mut check_rule(r.enable, r.unit, r.instances, units));
    }
    errors
}

/// The problems of one preset line (see [`check`]).
pub fn check_rule(
    enable: bool,
    name: &str,
    instances: &[&str],
    units: &[(&str, bool)],
) -> Vec<String> {
    let mut errors = Vec::new();
    let mut found = None;
    for &(unit, installable) in units {
        if unit == name {
            found = Some(installable);
            break;
        }
    }
    let Some(installable) = found else {
        let mut names = Vec::new();
        for (unit, _) in units {
            names.push(*unit);
        }
        let hint = crate::suggest::closest_in(name, &names)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_else(|| "; a preset names only units of its own family".to_owned());
        errors.push(format!(
            "preset names `{name}`, which is not a unit of this family{hint}"
        ));
        return errors;
    };
    if enable && !installable {
        errors.push(format!(
            "preset enables `{name}`, which has no `[Install]` section; add `WantedBy=` to it or leave it out of the preset"
        ));
    }
    let template = crate::model::is_template_name(name);
    if enable && template && instances.is_empty() {
        errors.push(format!(
            "preset enables template `{name}` without instances; name them, e.g. `enable \"{name}\"(\"1\", \"2\");`"
        ));
    }
    if !template && !instances.is_empty() {
        errors.push(format!(
            "preset gives instances to `{name}`, which is not a template; only `name@.type` units have instances"
        ));
    }
    for i in instances.iter().filter(|_| template) {
        let instance = name.replacen("@.", &format!("@{i}."), 1);
        if i.is_empty() || crate::value::unit_name(&instance).is_err() {
            errors.push(format!(
                "`{i}` is not a valid instance of `{name}`; use letters, digits and `-_.:`"
            ));
        }
    }
    errors
}

impl Family {
    /// The preset file's name and text, or `None` when the family has no preset.
    pub fn preset_file(&self) -> Option<(String, String)> {
        if self.preset.rules.is_empty() {
            return None;
        }
        let mut text = format!(
            "# Units of `{}` enabled by default; see systemd.preset(5).\n",
            self.name
        );
        for rule in self.preset.rules {
            text.push_str(&rule.line());
            text.push('\n');
        }
        Some((
            format!("{:02}-{}.preset", self.preset.priority, self.name),
            text,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &[PresetRule] = &[
        PresetRule {
            enable: true,
            unit: "api.socket",
            instances: &[],
        },
        PresetRule {
            enable: true,
            unit: "worker@.service",
            instances: &["1", "2"],
        },
    ];

    #[test]
    fn lines_and_checks() {
        assert_eq!(RULES[1].line(), "enable worker@.service 1 2");
        let units = [
            ("api.socket", true),
            ("worker@.service", true),
            ("x.target", false),
        ];
        assert!(check(RULES, &units).is_empty());
        let bad = [
            PresetRule {
                enable: true,
                unit: "api.sockt",
                instances: &[],
            },
            PresetRule {
                enable: true,
                unit: "worker@.service",
                instances: &[],
            },
            PresetRule {
                enable: true,
                unit: "x.target",
                instances: &["a"],
            },
            PresetRule {
                enable: true,
                unit: "worker@.service",
                instances: &["a b"],
            },
        ];
        let e = check(&bad, &units);
        assert!(e[0].contains("did you mean `api.socket`?"), "{e:?}");
        assert!(e[1].contains("without instances"), "{e:?}");
        assert!(e[2].contains("no `[Install]`"), "{e:?}");
        assert!(e[3].contains("not a template"), "{e:?}");
        assert!(e[4].contains("not a valid instance"), "{e:?}");
    }
}
