//! `SystemCallFilter=` as systemd's `config_parse_syscall_filter()` and
//! `seccomp_parse_syscall_filter()` build it: the names of the system calls the filter lists.

use super::table::{SYSCALL_SETS, UNRESOLVED};

/// The group `name` (`@clock`) as `release` defines it.
pub fn group(name: &str, release: u16) -> Option<&'static [&'static str]> {
    let bit = super::release_bit(release);
    for set in SYSCALL_SETS {
        if set.name == name && set.releases & bit != 0 {
            return Some(set.calls);
        }
    }
    None
}

/// Whether libseccomp knows system call `name` on x86-64 (systemd skips the others).
pub fn resolvable(name: &str) -> bool {
    UNRESOLVED.binary_search(&name).is_err()
}

/// Applies one `SystemCallFilter=` line to the filter `set` (allow or deny list, sorted).
pub fn apply(
    set: &mut Vec<&'static str>,
    allow_list: &mut bool,
    started: &mut bool,
    value: &str,
    release: u16,
) {
    if value.is_empty() {
        set.clear();
        *allow_list = false;
        *started = false;
        return;
    }
    let (invert, rest) = match value.strip_prefix('~') {
        Some(r) => (true, r),
        None => (false, value),
    };
    if !*started {
        *started = true;
        *allow_list = !invert;
        if !invert {
            add(set, "@default", true, release, 0);
        }
    }
    for word in rest.split_ascii_whitespace() {
        let (name, errno) = match word.split_once(':') {
            Some((n, e)) => (n, Some(e)),
            None => (word, None),
        };
        if !invert && errno.is_some() {
            continue;
        }
        add(set, name, invert != *allow_list, release, 0);
    }
}

fn add(set: &mut Vec<&'static str>, name: &str, insert: bool, release: u16, depth: u8) {
    if add_group(set, name, insert, release, depth) {
        return;
    }
    // A name as written: look it up among the groups' to get a `'static` name.
    if let Some(known) = interned(name) {
        add_known(set, known, insert);
    }
}

/// [`add`] for a name a group lists, which is `'static` already.
fn add_listed(
    set: &mut Vec<&'static str>,
    name: &'static str,
    insert: bool,
    release: u16,
    depth: u8,
) {
    if !add_group(set, name, insert, release, depth) {
        add_known(set, name, insert);
    }
}

/// Adds or removes the calls of group `name`, if it is one of `release`'s groups.
fn add_group(
    set: &mut Vec<&'static str>,
    name: &str,
    insert: bool,
    release: u16,
    depth: u8,
) -> bool {
    if !name.starts_with('@') {
        return false;
    }
    let Some(calls) = group(name, release) else {
        return false;
    };
    if depth < 8 {
        for call in calls {
            add_listed(set, call, insert, release, depth + 1);
        }
    }
    true
}

fn add_known(set: &mut Vec<&'static str>, known: &'static str, insert: bool) {
    if !resolvable(known) {
        return;
    }
    match set.binary_search(&known) {
        Ok(_) if insert => {}
        Err(i) if insert => set.insert(i, known),
        Ok(i) => {
            set.remove(i);
        }
        Err(_) => {}
    }
}

fn interned(name: &str) -> Option<&'static str> {
    for set in SYSCALL_SETS {
        for call in set.calls {
            if *call == name {
                return Some(call);
            }
        }
    }
    None
}

/// Whether the filter lets a system call of `group` through: the first such call, as
/// systemd's `syscall_names_in_filter()` finds it.
pub fn offender(
    set: &[&'static str],
    allow_list: bool,
    group_name: &str,
    release: u16,
) -> Option<&'static str> {
    fn walk(
        set: &[&'static str],
        allow_list: bool,
        calls: &'static [&'static str],
        release: u16,
        depth: u8,
    ) -> Option<&'static str> {
        for call in calls {
            if call.starts_with('@') {
                let inner = group(call, release)?;
                if depth < 8 {
                    if let Some(found) = walk(set, allow_list, inner, release, depth + 1) {
                        return Some(found);
                    }
                }
                continue;
            }
            if !resolvable(call) {
                continue;
            }
            if set.binary_search(call).is_ok() == allow_list {
                return Some(call);
            }
        }
        None
    }
    walk(set, allow_list, group(group_name, release)?, release, 0)
}
