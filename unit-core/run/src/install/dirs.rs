//! Where a family's files go on the target system, from the build options its
//! [`Dirs`](unit_core::Dirs) names.

use unit_core::{Family, Options};

/// The unit directory under `options`, without a trailing `/`: the family's unit directory
/// option, or `/usr/lib/systemd/system`.
pub fn unit_dir(family: &Family, options: &Options) -> String {
    options
        .get(family.dirs.unit)
        .unwrap_or("/usr/lib/systemd/system")
        .trim_end_matches('/')
        .to_owned()
}

/// The preset directory under `options`, without a trailing `/`: the family's preset directory
/// option, or `system-preset` beside a unit directory that ends in `/system`.
pub fn preset_dir(family: &Family, options: &Options) -> Result<String, String> {
    if let Some(dir) = options.get(family.dirs.preset) {
        return Ok(dir.trim_end_matches('/').to_owned());
    }
    let unitdir = unit_dir(family, options);
    match unitdir.strip_suffix("/system") {
        Some(base) => Ok(format!("{base}/system-preset")),
        None => Err(format!(
            "no preset directory beside `{unitdir}`; add a `{}` build option",
            match family.dirs.preset {
                "" => "presetdir",
                name => name,
            }
        )),
    }
}

/// The installation prefix under `options`, if the family has a prefix option.
pub fn prefix<'o>(family: &Family, options: &'o Options) -> Option<&'o str> {
    options.get(family.dirs.prefix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unit_core::family::OptionDef;
    use unit_core::value::ValueKind;
    use unit_core::Dirs;

    static FAMILY: Family = Family {
        options: &[OptionDef {
            name: "systemunitdir",
            kind: ValueKind::Path,
            default: "/lib/systemd/system/",
            doc: "",
        }],
        dirs: Dirs {
            unit: "systemunitdir",
            preset: "",
            prefix: "",
        },
        ..Family::EMPTY
    };

    #[test]
    fn the_family_names_its_directories() {
        let options = FAMILY.default_options();
        assert_eq!(unit_dir(&FAMILY, &options), "/lib/systemd/system");
        assert_eq!(
            preset_dir(&FAMILY, &options).as_deref(),
            Ok("/lib/systemd/system-preset")
        );
        assert_eq!(prefix(&FAMILY, &options), None);
        let plain = Family::EMPTY.default_options();
        assert_eq!(unit_dir(&Family::EMPTY, &plain), "/usr/lib/systemd/system");
    }
}
