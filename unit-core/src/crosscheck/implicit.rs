//! The orderings systemd 252 adds on its own, from `src/core/{service,socket,timer,path,mount,
//! target,unit}.c` and the unit files of its special targets: the "Implicit Dependencies" and
//! "Default Dependencies" of each unit type's man page.

use std::collections::HashMap;

use crate::model::{Origin, Unit, UnitKind};
use crate::value::split_words;

/// Orderings between systemd's own units, `(first, then)`, from the `After=` lines of its
/// target units and their default dependencies.
pub const SPECIAL_ORDER: &[(&str, &str)] = &[
    ("sysinit.target", "basic.target"),
    ("sockets.target", "basic.target"),
    ("paths.target", "basic.target"),
    ("slices.target", "basic.target"),
    ("local-fs.target", "sysinit.target"),
    ("swap.target", "sysinit.target"),
    ("basic.target", "multi-user.target"),
    ("multi-user.target", "graphical.target"),
    ("local-fs-pre.target", "local-fs.target"),
    ("remote-fs-pre.target", "remote-fs.target"),
    ("network-pre.target", "network.target"),
    ("network.target", "network-online.target"),
    ("time-set.target", "time-sync.target"),
    ("sysinit.target", "rescue.target"),
    ("shutdown.target", "final.target"),
    ("umount.target", "final.target"),
    ("basic.target", "shutdown.target"),
    ("sockets.target", "shutdown.target"),
    ("paths.target", "shutdown.target"),
    ("slices.target", "shutdown.target"),
    ("sysinit.target", "shutdown.target"),
    ("multi-user.target", "shutdown.target"),
    ("graphical.target", "shutdown.target"),
    ("network.target", "shutdown.target"),
    ("network-online.target", "shutdown.target"),
];

/// File systems systemd mounts after the network (`fstype_is_network()`).
const NETWORK_FS: &[&str] = &[
    "afs",
    "ceph",
    "cifs",
    "gfs",
    "gfs2",
    "ncp",
    "ncpfs",
    "nfs",
    "nfs4",
    "ocfs2",
    "orangefs",
    "pvfs2",
    "smb3",
    "smbfs",
    "davfs",
    "glusterfs",
    "lustre",
    "sshfs",
];

/// One ordering systemd adds: `first` before `then`, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Implicit {
    /// The unit ordered first.
    pub first: String,
    /// The unit ordered after it.
    pub then: String,
    /// Where to blame it: the entry that causes it, or the unit.
    pub origin: Origin,
    /// Why systemd adds it, e.g. "services are ordered after `basic.target` by default".
    pub why: String,
}

/// Whether `unit` keeps systemd's default dependencies.
pub fn default_dependencies(unit: &Unit) -> bool {
    unit.value("Unit", "DefaultDependencies")
        .is_none_or(|v| crate::value::boolean(v).unwrap_or(true))
}

/// The unit a timer or path unit activates, and the entry that names it.
pub fn triggered(unit: &Unit) -> Option<(String, Origin)> {
    let section = match unit.kind()? {
        UnitKind::Timer => "Timer",
        UnitKind::Path => "Path",
        _ => return None,
    };
    if let Some(e) = unit.last_set(section, "Unit") {
        return Some((e.value.clone(), e.origin));
    }
    let stem = unit.name.rsplit_once('.')?.0;
    Some((format!("{stem}.service"), unit.origin))
}

/// The orderings systemd adds for `unit` because of its type and default dependencies.
pub fn implicit(unit: &Unit, mounts: &HashMap<String, &Unit>) -> Vec<Implicit> {
    let Some(kind) = unit.kind() else {
        return Vec::new();
    };
    let me = unit.name.as_str();
    let mut out = Vec::new();
    let mut add = |first: &str, then: &str, origin: Origin, why: String| {
        out.push(Implicit {
            first: first.to_owned(),
            then: then.to_owned(),
            origin,
            why,
        })
    };
    if let Some((target, origin)) = triggered(unit).filter(|(t, _)| t != me) {
        add(
            me,
            &target,
            origin,
            format!("a {kind} is ordered before the unit it activates"),
        );
    }
    // A unit runs in its slice, and systemd orders it after it (`unit_add_slice_dependencies()`),
    // with or without default dependencies; a slice's parent follows from its name.
    let own = kind.own_section().filter(|_| {
        matches!(
            kind,
            UnitKind::Service | UnitKind::Socket | UnitKind::Mount | UnitKind::Swap
        )
    });
    let slice = match own {
        Some(section) => unit.last_entry(section, "Slice"),
        None => None,
    };
    if let Some(e) = slice.filter(|e| e.value.ends_with(".slice") && !e.value.contains('%')) {
        add(
            &e.value,
            me,
            e.origin,
            format!(
                "a unit is ordered after its slice; `Slice={}` puts `{me}` in it",
                e.value
            ),
        );
    }
    if kind == UnitKind::Slice {
        let stem = me.trim_end_matches(".slice");
        if let Some((parent, _)) = stem.rsplit_once('-').filter(|(p, _)| !p.is_empty()) {
            add(
                &format!("{parent}.slice"),
                me,
                unit.origin,
                "a slice is ordered after its parent slice".to_owned(),
            );
        }
    }
    if kind == UnitKind::Mount {
        for parent in parents(unit, mounts) {
            add(
                &parent,
                me,
                unit.origin,
                "a mount is ordered after the mounts of its parent directories".to_owned(),
            );
        }
    }
    let mut paths = Vec::new();
    for v in unit.values("Unit", "RequiresMountsFor") {
        if let Ok(words) = split_words(v) {
            paths.extend(words);
        }
    }
    for path in paths {
        for mount in covering(&path, mounts) {
            if mount == me {
                continue;
            }
            add(
                &mount,
                me,
                unit.origin,
                format!("`RequiresMountsFor={path}` orders it after `{mount}`"),
            );
        }
    }
    if !default_dependencies(unit) {
        return out;
    }
    let by_default =
        |what: &str| format!("{what} by default; `DefaultDependencies=no` turns that off");
    let plural = format!("{kind}s");
    let after = |target: &str| (target.to_owned(), me.to_owned());
    let before = |target: &str| (me.to_owned(), target.to_owned());
    let mut defaults: Vec<(String, String)> = Vec::new();
    match kind {
        UnitKind::Service => {
            defaults.extend([after("sysinit.target"), after("basic.target")]);
        }
        UnitKind::Socket => defaults.extend([before("sockets.target"), after("sysinit.target")]),
        UnitKind::Timer => {
            defaults.extend([before("timers.target"), after("sysinit.target")]);
            if unit
                .values("Timer", "OnCalendar")
                .iter()
                .any(|v| !v.is_empty())
            {
                defaults.extend([after("time-sync.target"), after("time-set.target")]);
            }
        }
        UnitKind::Path => defaults.extend([before("paths.target"), after("sysinit.target")]),
        UnitKind::Mount => defaults.extend(mount_defaults(unit)),
        _ => {}
    }
    if matches!(
        kind,
        UnitKind::Service | UnitKind::Socket | UnitKind::Timer | UnitKind::Path | UnitKind::Target
    ) && me != "shutdown.target"
    {
        defaults.push(before("shutdown.target"));
    }
    for (first, then) in defaults {
        let what = if first == me {
            format!("{plural} are ordered before `{then}`")
        } else {
            format!("{plural} are ordered after `{first}`")
        };
        add(&first, &then, unit.origin, by_default(&what));
    }
    out
}

fn mount_defaults(unit: &Unit) -> Vec<(String, String)> {
    let me = unit.name.as_str();
    let Some(place) = unit.value("Mount", "Where") else {
        return Vec::new();
    };
    if place == "/" || place == "/usr" || place.starts_with("/usr/") {
        return Vec::new();
    }
    let options = unit.value("Mount", "Options").unwrap_or_default();
    let fstype = unit.value("Mount", "Type").unwrap_or_default();
    let fstype = fstype.strip_prefix("fuse.").unwrap_or(fstype);
    let network = NETWORK_FS.contains(&fstype) || options.split(',').any(|o| o == "_netdev");
    let nofail = options.split(',').any(|o| o == "nofail");
    let (pre, target) = if network {
        ("remote-fs-pre.target", "remote-fs.target")
    } else {
        ("local-fs-pre.target", "local-fs.target")
    };
    let mut out = vec![(pre.to_owned(), me.to_owned())];
    if !nofail {
        out.push((me.to_owned(), target.to_owned()));
    }
    out.push((me.to_owned(), "umount.target".to_owned()));
    if network {
        out.push(("network.target".to_owned(), me.to_owned()));
        out.push(("network-online.target".to_owned(), me.to_owned()));
    }
    out
}

/// The family's mount units by the directory they mount.
pub fn mounts_by_place(units: &[Unit]) -> HashMap<String, &Unit> {
    let mut out = HashMap::new();
    for u in units {
        if u.kind() != Some(UnitKind::Mount) {
            continue;
        }
        if let Some(place) = u.value("Mount", "Where") {
            out.insert(place.trim_end_matches('/').to_owned(), u);
        }
    }
    out
}

/// The names of the family's mounts of `path` and of every directory above it, from the root.
fn covering(path: &str, mounts: &HashMap<String, &Unit>) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = String::new();
    if let Some(u) = mounts.get(&at) {
        out.push(u.name.clone());
    }
    for part in path.trim_end_matches('/').split('/') {
        if part.is_empty() {
            continue;
        }
        at.push('/');
        at.push_str(part);
        if let Some(u) = mounts.get(&at) {
            out.push(u.name.clone());
        }
    }
    out
}

/// The names of the family's mounts of the directories above a mount's `Where=`.
fn parents(unit: &Unit, mounts: &HashMap<String, &Unit>) -> Vec<String> {
    let Some(place) = unit.value("Mount", "Where") else {
        return Vec::new();
    };
    let parent = match place.trim_end_matches('/').rsplit_once('/') {
        Some((p, _)) => p.to_owned(),
        None => return Vec::new(),
    };
    let mut names = covering(&parent, mounts);
    names.retain(|n| *n != unit.name);
    names
}
