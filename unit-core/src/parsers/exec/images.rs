//! Disk images: root hashes and signatures, partition mount options, and the images mounted
//! or extended into the service's file system.

use super::*;

/// `partition_designator_from_string` of each release.
fn partition_ok(cx: &Cx<'_>, name: &str) -> bool {
    const NOW: &[&str] = &[
        "root",
        "usr",
        "home",
        "srv",
        "esp",
        "xbootldr",
        "swap",
        "root-verity",
        "usr-verity",
        "root-verity-sig",
        "usr-verity-sig",
        "tmp",
        "var",
    ];
    const SECONDARY: &[&str] = &[
        "root-secondary",
        "usr-secondary",
        "root-secondary-verity",
        "usr-secondary-verity",
    ];
    const OTHER: &[&str] = &[
        "root-other",
        "usr-other",
        "root-other-verity",
        "usr-other-verity",
        "root-secondary-verity-sig",
        "root-other-verity-sig",
        "usr-secondary-verity-sig",
        "usr-other-verity-sig",
    ];
    let sig = name.ends_with("-verity-sig");
    NOW.contains(&name) && (cx.version >= 250 || !sig)
        || cx.version < 253 && SECONDARY.contains(&name)
        || (250..253).contains(&cx.version) && OTHER.contains(&name)
}

fn partition_error(name: &str) -> String {
    format!(
        "`{name}` is not a partition name; use one such as `root`, `usr`, `home`, `srv` or `var`"
    )
}

/// Hexadecimal of at least 16 bytes, or an absolute path to a file that holds it.
pub(crate) fn root_hash(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() || c::path_is_absolute(value) {
        return Ok(());
    }
    let hex = value.len() % 2 == 0 && value.bytes().all(|b| b.is_ascii_hexdigit());
    if !hex {
        return Err(format!(
            "`{value}` is neither hexadecimal nor an absolute path; give the root hash in hex or the file that holds it"
        ));
    }
    if value.len() < 32 {
        return Err(format!(
            "root hash `{value}` in `{}=` is too short; it has at least 32 hex digits",
            cx.key
        ));
    }
    Ok(())
}

/// `base64:` and the signature, or an absolute path to a file that holds it.
pub(crate) fn root_hash_sig(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() || c::path_is_absolute(value) {
        return Ok(());
    }
    match value.strip_prefix("base64:") {
        Some(b) => input_data(b).map_err(|_| {
            format!("the signature in `{}=` is not valid base64", cx.key)
        }),
        None => Err(format!(
            "`{value}` is not a path and does not start with `base64:`; write `base64:` and the signature, or a path"
        )),
    }
}

/// The `:` fields of one word, as `extract_many_words` with `CUNESCAPE|UNESCAPE_SEPARATORS`
/// reads them.
fn fields(tuple: &str) -> Result<Vec<String>, String> {
    many_words(
        tuple,
        flags::CUNESCAPE | flags::UNESCAPE_SEPARATORS,
        usize::MAX,
    )
}

/// `PARTITION:OPTIONS` pairs, or one trailing set of options for the root partition.
fn partition_options(cx: &Cx<'_>, rest: &[String]) -> Result<(), String> {
    for pair in rest.chunks(2) {
        match pair {
            [options] => return options_for(cx, None, options),
            [partition, options] => options_for(cx, Some(partition), options)?,
            _ => {}
        }
    }
    Ok(())
}

/// Mount options for `partition`, or for the root partition when there is none.
fn options_for(cx: &Cx<'_>, partition: Option<&str>, options: &str) -> Result<(), String> {
    if let Some(partition) = partition.filter(|p| !partition_ok(cx, p)) {
        return Err(partition_error(partition));
    }
    spec::expand(cx, options, Table::Full).map(drop)
}

pub(crate) fn root_image_options(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    for tuple in split(value, flags::UNQUOTE | flags::RETAIN_ESCAPE)? {
        let f = fields(&tuple)?;
        if f.len() > 2 {
            return Err(format!(
                "`{tuple}` has more than one `:`; write `PARTITION:OPTIONS` or `OPTIONS`"
            ));
        }
        match f.as_slice() {
            [options] | [options, _] if f.len() == 1 || f[1].is_empty() => {
                options_for(cx, None, options)?;
            }
            [partition, options] => options_for(cx, Some(partition), options)?,
            _ => {}
        }
    }
    Ok(())
}

/// `config_parse_mount_images`.
pub(crate) fn mount_images(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    images(cx, value, true)
}

/// `config_parse_extension_images`.
pub(crate) fn extension_images(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    images(cx, value, false)
}

/// `MountImages=` (`SOURCE:DEST[:OPTIONS...]`) and `ExtensionImages=` (`SOURCE[:OPTIONS...]`).
fn images(cx: &Cx<'_>, value: &str, mount: bool) -> Result<(), String> {
    let key = cx.key;
    for tuple in split(value, flags::UNQUOTE | flags::RETAIN_ESCAPE)? {
        let f = fields(&tuple)?;
        let Some(first) = f.first() else {
            continue;
        };
        let source = first.strip_prefix('-').unwrap_or(first);
        let s = spec::expand(cx, source, Table::Full)?;
        c::path_check(&s, true).map_err(|e| format!("{e} in `{key}=`"))?;
        let api_vfs = |p: &str| {
            let simple = c::simplify(p);
            cx.version >= 256 && below_api_vfs(&simple) && (!mount || !simple.starts_with("/dev"))
        };
        if api_vfs(&s) {
            return Err(format!(
                "`{s}` in `{key}=` is below `/sys` or `/proc`; name an image file"
            ));
        }
        let rest = if mount {
            let Some(dest) = f.get(1).filter(|d| !d.is_empty()) else {
                return Err(format!("`{key}=` needs `SOURCE:DEST`; add the destination"));
            };
            let d = spec::expand(cx, dest, Table::Full)?;
            c::path_check(&d, true).map_err(|e| format!("{e} in `{key}=`"))?;
            if api_vfs(&d) {
                return Err(format!(
                    "`{d}` in `{key}=` is below `/sys` or `/proc`; choose another place"
                ));
            }
            &f[2..]
        } else {
            &f[1..]
        };
        partition_options(cx, rest)?;
    }
    Ok(())
}

const POLICY_FLAGS: &[&str] = &[
    "verity",
    "signed",
    "encrypted",
    "unprotected",
    "unused",
    "absent",
    "open",
    "ignore",
    "read-only-on",
    "read-only-off",
    "growfs-on",
    "growfs-off",
];

/// `image_policy_from_string`: `-`, `*`, `~`, or `PARTITION=FLAG+FLAG` rules separated by `:`,
/// with an empty partition for the default. From 258 on, unknown partitions and flags are
/// skipped ("graceful").
pub(crate) fn image_policy(cx: &Cx<'_>, value: &str) -> Result<(), String> {
    if value.is_empty() || ["-", "*", "~"].contains(&value) {
        return Ok(());
    }
    let key = cx.key;
    let graceful = cx.version >= 258;
    let mut p = Some(value.as_bytes());
    let mut seen: Vec<String> = Vec::new();
    while let Some(rule) = c::extract_first_word(&mut p, b":", flags::DONT_COALESCE_SEPARATORS)
        .map_err(|_| syntax(value))?
    {
        let rule = String::from_utf8_lossy(&rule).into_owned();
        let Some((d, f)) = rule.split_once('=') else {
            return Err(format!(
                "rule `{rule}` of `{key}=` has no `=`; write `PARTITION=FLAGS`, such as `root=verity+signed`"
            ));
        };
        let d = d.trim_matches([' ', '\t', '\n', '\r']);
        if !d.is_empty() && !partition_ok(cx, d) {
            if graceful {
                continue;
            }
            return Err(partition_error(d));
        }
        if seen.iter().any(|s| s == d) {
            return Err(format!(
                "`{key}=` gives a rule for `{}` twice; keep one",
                if d.is_empty() { "the default" } else { d }
            ));
        }
        seen.push(d.to_owned());
        let f = f.trim_matches([' ', '\t', '\n', '\r']);
        if f.is_empty() || f == "-" {
            continue;
        }
        for flag in f.split('+') {
            let flag = flag.trim_matches([' ', '\t', '\n', '\r']);
            if !POLICY_FLAGS.contains(&flag) && !graceful {
                basic::one_of(cx, flag, POLICY_FLAGS)?;
            }
        }
    }
    Ok(())
}
