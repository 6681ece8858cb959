//! `package --format sysext`: a systemd system extension (systemd-sysext(8)), as a directory
//! tree and, where `systemd-repart` can build one, a disk image.

use std::ffi::OsStr;
use std::io::Write;
use std::path::Path;

use super::{tool, write_tree, Request, Staging};
use crate::cli::{failed, io, Error, Result};
use crate::install::File;

/// The `extension-release.NAME` file: `ID=_any` unless `--id` names the OS, then
/// `VERSION_ID=`/`SYSEXT_LEVEL=` when given (os-release(5)). `EXTENSION_RELOAD_MANAGER=1` has
/// systemd 255 and later reload the service manager after merging, so the units appear;
/// earlier releases ignore it.
pub fn extension_release(request: &Request) -> std::result::Result<String, String> {
    for flag in ["id", "version-id", "sysext-level"] {
        if let Some(v) = request.get(flag) {
            os_release_word(v).map_err(|e| format!("invalid `--{flag}`: {e}"))?;
        }
    }
    let mut text = String::new();
    match request.get("id") {
        None | Some("_any") => {
            for flag in ["version-id", "sysext-level"] {
                if request.get(flag).is_some() {
                    return Err(format!(
                        "`--{flag}` only counts for a named OS; add `--id` with the OS's `ID=`"
                    ));
                }
            }
            text.push_str("ID=_any\n");
        }
        Some(id) => {
            text.push_str(&format!("ID={id}\n"));
            if let Some(v) = request.get("version-id") {
                text.push_str(&format!("VERSION_ID={v}\n"));
            }
            if let Some(v) = request.get("sysext-level") {
                text.push_str(&format!("SYSEXT_LEVEL={v}\n"));
            }
        }
    }
    text.push_str("EXTENSION_RELOAD_MANAGER=1\n");
    Ok(text)
}

/// os-release(5)'s rule for `ID=`, `VERSION_ID=` and `SYSEXT_LEVEL=`: `0-9`, `a-z`, `.`, `_`
/// and `-`.
fn os_release_word(v: &str) -> std::result::Result<(), String> {
    let ok = |c: char| c.is_ascii_digit() || c.is_ascii_lowercase() || "._-".contains(c);
    if v.is_empty() || !v.chars().all(ok) {
        return Err(format!(
            "`{v}` is not a lower-case word of `0-9`, `a-z`, `.`, `_` and `-`"
        ));
    }
    Ok(())
}

/// An image name systemd accepts (`image_name_is_valid`): a file name of letters, digits,
/// `-`, `_` and `.`, not starting with `.`.
fn check_name(name: &str) -> std::result::Result<(), String> {
    let ok = |c: char| c.is_ascii_alphanumeric() || "-_.".contains(c);
    if name.is_empty() || name.starts_with('.') || !name.chars().all(ok) {
        return Err(format!(
            "`{name}` cannot name a system extension; use letters, digits, `-`, `_` and `.`"
        ));
    }
    Ok(())
}

pub(crate) fn run(request: &Request, files: &[File], out: &mut dyn Write) -> Result<()> {
    let name = &request.name;
    check_name(name).map_err(|m| Error::Usage(m, Some(crate::cli::Command::Package)))?;
    if let Some(f) = files
        .iter()
        .find(|f| !f.path.starts_with("/usr/") && !f.path.starts_with("/opt/"))
    {
        return Err(failed(format!(
            "`{}` is outside `/usr` and `/opt`, which is all a system extension holds; pass `--unitdir /usr/lib/systemd/system`",
            f.path
        )));
    }
    let release = extension_release(request)
        .map_err(|m| Error::Usage(m, Some(crate::cli::Command::Package)))?;
    let staging = Staging::new(&request.out, name)?;
    write_tree(staging.path(), files)?;
    write_tree(
        staging.path(),
        &[File {
            path: format!("/usr/lib/extension-release.d/extension-release.{name}"),
            text: release,
        }],
    )?;
    let tree = request.out.join(name);
    staging.finish(&tree)?;
    writeln!(
        out,
        "{} files and extension-release.{name} in {}",
        files.len(),
        tree.display()
    )
    .map_err(io)?;
    image(request, &tree, files, out)
}

/// Builds the signed image with `systemd-repart --make-ddi=sysext` (systemd 255 and later),
/// or says in one line why not, and succeeds with the tree alone. The partition UUIDs are
/// seeded from the name and the files, so the same tree gives the same image.
fn image(request: &Request, tree: &Path, files: &[File], out: &mut dyn Write) -> Result<()> {
    // An image of an earlier tree must not stay beside this one.
    let raw = request.out.join(format!("{}.raw", request.name));
    let _ = std::fs::remove_file(&raw);
    let help = match std::process::Command::new("systemd-repart")
        .arg("--help")
        .output()
    {
        Ok(o) => String::from_utf8_lossy(&o.stdout).into_owned(),
        Err(_) => String::new(),
    };
    let why = if help.is_empty() {
        "`systemd-repart` is not installed"
    } else if !help.contains("--make-ddi") {
        "this `systemd-repart` has no `--make-ddi=` (systemd 255 and later have it)"
    } else {
        ""
    };
    let (key, certificate) = (request.get("private-key"), request.get("certificate"));
    let (Some(key), Some(certificate), "") = (key, certificate, why) else {
        let why = match (why, key, certificate) {
            ("", None, _) | ("", _, None) => "`systemd-repart --make-ddi=sysext` signs the image; pass `--private-key` and `--certificate`",
            _ => why,
        };
        return writeln!(
            out,
            "no image built: {why}; the tree is a complete extension on its own"
        )
        .map_err(io);
    };
    let args = [
        "--make-ddi=sysext".to_owned(),
        format!("--copy-source={}", tree.display()),
        format!("--private-key={key}"),
        format!("--certificate={certificate}"),
        format!("--seed={}", seed(&request.name, files)),
    ];
    let mut all: Vec<&OsStr> = Vec::new();
    for a in &args {
        all.push(OsStr::new(a));
    }
    all.push(raw.as_os_str());
    tool("systemd-repart", &all).inspect_err(|_| {
        let _ = std::fs::remove_file(&raw);
    })?;
    writeln!(out, "image {}", raw.display()).map_err(io)
}

/// A UUID from the extension's name and files.
fn seed(name: &str, files: &[File]) -> String {
    let mut all = name.as_bytes().to_vec();
    for f in files {
        all.extend(f.path.as_bytes());
        all.push(0);
        all.extend(f.text.as_bytes());
        all.push(0);
    }
    let a = crate::install::fingerprint(&all);
    all.push(1);
    let b = crate::install::fingerprint(&all);
    let hex = format!("{a:016x}{b:016x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(given: &[(&'static str, &str)]) -> Request {
        Request {
            out: "out".into(),
            name: "x".into(),
            given: given.iter().map(|(f, v)| (*f, (*v).to_owned())).collect(),
        }
    }

    #[test]
    fn release_fields() {
        assert_eq!(
            extension_release(&request(&[])).unwrap(),
            "ID=_any\nEXTENSION_RELOAD_MANAGER=1\n"
        );
        let named = request(&[
            ("id", "debian"),
            ("version-id", "12"),
            ("sysext-level", "1.0"),
        ]);
        assert_eq!(
            extension_release(&named).unwrap(),
            "ID=debian\nVERSION_ID=12\nSYSEXT_LEVEL=1.0\nEXTENSION_RELOAD_MANAGER=1\n"
        );
        let e = extension_release(&request(&[("version-id", "12")])).unwrap_err();
        assert!(e.contains("add `--id`"), "{e}");
        let e = extension_release(&request(&[("id", "Debian")])).unwrap_err();
        assert!(e.starts_with("invalid `--id`"), "{e}");
        assert!(check_name(".x").is_err() && check_name("a/b").is_err());
        assert!(check_name("my-app_1.2").is_ok());
    }
}
