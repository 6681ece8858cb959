//! `package --format deb`: a Debian package built with `dpkg-deb`, whose maintainer scripts
//! handle the units as `dh_installsystemd`'s do (through `deb-systemd-helper` and
//! `deb-systemd-invoke`), enabling on first install what the family's preset enables.

use std::ffi::OsStr;
use std::io::Write;

use super::{tool, write_tree, Request, Staging};
use crate::cli::{failed, io, Cli, Command, Error, Result};
use crate::install::File;
use unit_core::family::Family;

/// The units the maintainer scripts name, from the family and its preset.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Units {
    /// Installable units (with `[Install]`, not templates) the preset enables.
    pub enabled: Vec<String>,
    /// The other installable units that are not templates: their state is tracked, not set.
    pub others: Vec<String>,
    /// Instances of templates the preset enables (`worker@1.service`), which
    /// `deb-systemd-helper` cannot handle: enabled with `systemctl` on first install.
    pub instances: Vec<String>,
    /// Every unit that can run (not templates), stopped on removal.
    pub stoppable: Vec<String>,
}

impl Units {
    /// The units of `family`, whose files are `files`.
    pub fn of(family: &Family, files: &[File]) -> Units {
        let mut units = Units::default();
        let text = |name: &str| {
            for f in files {
                if f.path.rsplit('/').next() == Some(name) {
                    return f.text.as_str();
                }
            }
            ""
        };
        for rule in family.preset.rules {
            if !rule.enable {
                continue;
            }
            for i in rule.instances {
                if let Some((head, tail)) = rule.unit.split_once("@.") {
                    units.instances.push(format!("{head}@{i}.{tail}"));
                }
            }
        }
        for def in family.units {
            if unit_core::is_template_name(def.name) {
                continue;
            }
            units.stoppable.push(def.name.to_owned());
            if !text(def.name).lines().any(|l| l == "[Install]") {
                continue;
            }
            let enabled = family
                .preset
                .rules
                .iter()
                .any(|r| r.enable && r.unit == def.name);
            if enabled {
                units.enabled.push(def.name.to_owned());
            } else {
                units.others.push(def.name.to_owned());
            }
        }
        for i in &units.instances {
            units.stoppable.push(i.clone());
        }
        units
    }
}

fn words(names: &[String]) -> String {
    let mut out = String::new();
    for n in names {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&format!("'{n}'"));
    }
    out
}

const CONFIGURING: &str = "if [ \"$1\" = \"configure\" ] || [ \"$1\" = \"abort-upgrade\" ] || [ \"$1\" = \"abort-deconfigure\" ] || [ \"$1\" = \"abort-remove\" ] ; then\n";

/// `postinst`: the preset's units enabled on first install and kept as the administrator set
/// them on upgrades (`was-enabled` is true when there is no state yet); the others' links only
/// recorded; then, on a running systemd, the enabled ones started (restarted on upgrade).
pub fn postinst(family: &str, u: &Units) -> String {
    let mut s = format!(
        "#!/bin/sh\nset -e\n# Units of `{family}`, handled as dh_installsystemd's scripts do.\n"
    );
    s.push_str(CONFIGURING);
    if !u.enabled.is_empty() {
        s.push_str(&format!(
            "\t# Enabled by the preset: enabled on first install, as left by the administrator after.\n\
             \tfor unit in {}; do\n\
             \t\tdeb-systemd-helper unmask \"$unit\" >/dev/null || true\n\
             \t\tif deb-systemd-helper --quiet was-enabled \"$unit\"; then\n\
             \t\t\tdeb-systemd-helper enable \"$unit\" >/dev/null || true\n\
             \t\telse\n\
             \t\t\tdeb-systemd-helper update-state \"$unit\" >/dev/null || true\n\
             \t\tfi\n\
             \tdone\n",
            words(&u.enabled)
        ));
    }
    if !u.others.is_empty() {
        s.push_str(&format!(
            "\t# Not enabled by the preset: only what the administrator enabled is kept.\n\
             \tfor unit in {}; do\n\
             \t\tif deb-systemd-helper debian-installed \"$unit\"; then\n\
             \t\t\tdeb-systemd-helper unmask \"$unit\" >/dev/null || true\n\
             \t\t\tif deb-systemd-helper --quiet was-enabled \"$unit\"; then\n\
             \t\t\t\tdeb-systemd-helper enable \"$unit\" >/dev/null || true\n\
             \t\t\tfi\n\
             \t\tfi\n\
             \t\tdeb-systemd-helper update-state \"$unit\" >/dev/null || true\n\
             \tdone\n",
            words(&u.others)
        ));
    }
    if !u.instances.is_empty() {
        s.push_str(&format!(
            "\t# Instances of templates the preset enables, on first install.\n\
             \tif [ \"$1\" = \"configure\" ] && [ -z \"$2\" ]; then\n\
             \t\tsystemctl ${{DPKG_ROOT:+--root=\"$DPKG_ROOT\"}} enable {} >/dev/null || true\n\
             \tfi\n",
            words(&u.instances)
        ));
    }
    let mut started = u.enabled.clone();
    started.extend_from_slice(&u.instances);
    s.push_str("\tif [ -z \"${DPKG_ROOT:-}\" ] && [ -d /run/systemd/system ]; then\n\t\tsystemctl --system daemon-reload >/dev/null || true\n");
    if !started.is_empty() {
        s.push_str(&format!(
            "\t\tif [ -n \"$2\" ]; then\n\t\t\t_dh_action=restart\n\t\telse\n\t\t\t_dh_action=start\n\t\tfi\n\
             \t\tdeb-systemd-invoke $_dh_action {} >/dev/null || true\n",
            words(&started)
        ));
    }
    s.push_str("\tfi\nfi\n");
    s
}

/// `prerm`: the units stopped on removal, the template instances disabled while their files
/// are still there.
pub fn prerm(u: &Units) -> String {
    let mut s = "#!/bin/sh\nset -e\n".to_owned();
    if !u.stoppable.is_empty() {
        s.push_str(&format!(
            "if [ -z \"${{DPKG_ROOT:-}}\" ] && [ \"$1\" = remove ] && [ -d /run/systemd/system ] ; then\n\
             \tdeb-systemd-invoke stop {} >/dev/null || true\nfi\n",
            words(&u.stoppable)
        ));
    }
    if !u.instances.is_empty() {
        s.push_str(&format!(
            "if [ \"$1\" = remove ]; then\n\
             \tsystemctl ${{DPKG_ROOT:+--root=\"$DPKG_ROOT\"}} disable {} >/dev/null || true\nfi\n",
            words(&u.instances)
        ));
    }
    s
}

/// `postrm`: on removal the units are masked (their enablement is kept for a reinstall), on
/// purge every trace `deb-systemd-helper` recorded goes.
pub fn postrm(u: &Units) -> String {
    let mut s = "#!/bin/sh\nset -e\n\
        if [ -z \"${DPKG_ROOT:-}\" ] && [ -d /run/systemd/system ] && [ \"$1\" = remove ]; then\n\
        \tsystemctl --system daemon-reload >/dev/null || true\nfi\n"
        .to_owned();
    let mut installable = u.enabled.clone();
    installable.extend_from_slice(&u.others);
    if !installable.is_empty() {
        let w = words(&installable);
        s.push_str(&format!(
            "if [ \"$1\" = \"remove\" ]; then\n\
             \tif [ -x \"/usr/bin/deb-systemd-helper\" ]; then\n\
             \t\tdeb-systemd-helper mask {w} >/dev/null || true\n\
             \tfi\nfi\n\
             if [ \"$1\" = \"purge\" ]; then\n\
             \tif [ -x \"/usr/bin/deb-systemd-helper\" ]; then\n\
             \t\tdeb-systemd-helper purge {w} >/dev/null || true\n\
             \t\tdeb-systemd-helper unmask {w} >/dev/null || true\n\
             \tfi\nfi\n"
        ));
    }
    s
}

/// Debian's rule for package names: lower-case letters, digits, `+`, `-` and `.`, at least two
/// characters, starting with a letter or digit.
fn check_package(name: &str) -> std::result::Result<(), String> {
    let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "+-.".contains(c);
    let first = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if name.len() < 2 || !first || !name.chars().all(ok) {
        return Err(format!(
            "`{name}` is not a Debian package name (lower-case letters, digits, `+`, `-`, `.`); pass `--name`"
        ));
    }
    Ok(())
}

/// Debian's rule for versions, as `dpkg` checks it: starts with a digit, then letters,
/// digits and `.+~-:`.
fn check_version(v: &str) -> std::result::Result<(), String> {
    let ok = |c: char| c.is_ascii_alphanumeric() || ".+~-:".contains(c);
    if !v.starts_with(|c: char| c.is_ascii_digit()) || !v.chars().all(ok) {
        return Err(format!(
            "`{v}` is not a Debian version; start it with a digit and use letters, digits and `.+~-:`"
        ));
    }
    Ok(())
}

pub(crate) fn run(cli: &Cli, request: &Request, files: &[File], out: &mut dyn Write) -> Result<()> {
    let usage = |m: String| Error::Usage(m, Some(Command::Package));
    let name = request.name.as_str();
    check_package(name).map_err(usage)?;
    let version = request
        .get("version")
        .or(Some(cli.version.as_str()).filter(|v| !v.is_empty()))
        .ok_or_else(|| usage("`package --format deb` needs `--version`".into()))?;
    check_version(version).map_err(usage)?;
    let maintainer = request.get("maintainer").ok_or_else(|| {
        usage("`package --format deb` needs `--maintainer \"NAME <EMAIL>\"`".into())
    })?;
    if maintainer.trim().is_empty() || maintainer.contains('\n') {
        return Err(usage(
            "`--maintainer` needs one line, `NAME <EMAIL>`".into(),
        ));
    }
    let family = cli.family();
    let units = Units::of(family, files);
    let control = format!(
        "Package: {name}\nVersion: {version}\nArchitecture: all\nMaintainer: {maintainer}\n\
         Depends: init-system-helpers (>= 1.54~)\nSection: admin\nPriority: optional\n\
         Description: systemd units of {}\n {} unit files, {} drop-ins{}, rendered by `{}`.\n",
        family.name,
        family.units.len(),
        family.dropins.len(),
        if family.preset_file().is_some() {
            " and a preset"
        } else {
            ""
        },
        cli.program()
    );
    let staging = Staging::new(&request.out, name)?;
    write_tree(staging.path(), files)?;
    let debian = [
        ("control", control, 0o644),
        ("postinst", postinst(family.name, &units), 0o755),
        ("prerm", prerm(&units), 0o755),
        ("postrm", postrm(&units), 0o755),
    ];
    for (file, text, mode) in debian {
        let path = staging.path().join("DEBIAN").join(file);
        write_tree(
            staging.path(),
            &[File {
                path: format!("/DEBIAN/{file}"),
                text,
            }],
        )?;
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
            .map_err(|e| failed(format!("cannot write `{}`: {e}", path.display())))?;
    }
    let deb = request.out.join(format!("{name}_{version}_all.deb"));
    let args: [&OsStr; 4] = [
        OsStr::new("--root-owner-group"),
        OsStr::new("--build"),
        staging.path().as_os_str(),
        deb.as_os_str(),
    ];
    tool("dpkg-deb", &args)?;
    writeln!(out, "{}", deb.display()).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_versions() {
        assert!(check_package("webapp").is_ok() && check_package("lib-virt.2").is_ok());
        assert!(check_package("My_App").is_err() && check_package("a").is_err());
        assert!(check_version("1.2.3-1").is_ok() && check_version("2:1.0~rc1").is_ok());
        assert!(check_version("v1").is_err() && check_version("1 2").is_err());
    }
}
