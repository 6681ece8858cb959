//! A scratch crate that compiles generated `systemd_unit!` families against this workspace's
//! `unit-core` and `unit-macros` and renders each family into its own directory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root.
pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Writes a crate at `dir` with one module per family: `(module name, source)`.
pub fn write_crate(dir: &Path, name: &str, families: &[(String, String)]) -> std::io::Result<()> {
    let ws = workspace().canonicalize()?;
    let src = dir.join("src");
    if src.exists() {
        std::fs::remove_dir_all(&src)?;
    }
    std::fs::create_dir_all(&src)?;
    let manifest = format!(
        "[package]\nname = \"{1}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nunit-core = {{ path = \"{0}/unit-core\" }}\nunit-run = {{ path = \"{0}/unit-core/run\" }}\nunit-macros = {{ path = \"{0}/unit-macros\" }}\n\n[workspace]\n\n[profile.dev]\ndebug = false\n",
        ws.display(),
        name
    );
    std::fs::write(dir.join("Cargo.toml"), manifest)?;
    let lock = ws.join("Cargo.lock");
    if lock.exists() && !dir.join("Cargo.lock").exists() {
        std::fs::copy(lock, dir.join("Cargo.lock"))?;
    }
    let mut main = String::from("#![allow(unused)]\n");
    for (name, source) in families {
        writeln!(main, "mod {name};").ok();
        std::fs::write(src.join(format!("{name}.rs")), source)?;
    }
    main.push_str("\nfn main() {\n    let out = std::path::PathBuf::from(std::env::args().nth(1).unwrap());\n    let families: &[(&str, &unit_core::Family)] = &[\n");
    for (name, _) in families {
        writeln!(main, "        (\"{name}\", &{name}::FAMILY),").ok();
    }
    main.push_str(RENDER_ALL);
    std::fs::write(src.join("main.rs"), main)
}

/// The end of the scratch crate's `main`: renders each family's units, drop-ins (in
/// `NAME.d/`) and preset file into `out/<module>/`, or its errors into `ERROR`.
const RENDER_ALL: &str = r#"    ];
    for (name, family) in families {
        let dir = out.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let options = family.default_options();
        let mut files: Vec<(String, String)> = Vec::new();
        let mut errors = Vec::new();
        match family.render(&options) {
            Ok(units) => files.extend(units.into_iter().map(|u| (u.name.to_string(), u.text))),
            Err(e) => errors.extend(e),
        }
        match family.render_dropins(&options) {
            Ok(dropins) => files.extend(dropins.into_iter().map(|d| (d.path(), d.text))),
            Err(e) => errors.extend(e),
        }
        files.extend(family.preset_file());
        if !errors.is_empty() {
            std::fs::write(dir.join("ERROR"), errors.join("
")).unwrap();
            continue;
        }
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }
}
"#;

/// The result of building the scratch crate.
pub struct Build {
    /// Whether it compiled.
    pub ok: bool,
    /// The compiler's messages, short form.
    pub messages: String,
}

fn target_dir() -> PathBuf {
    workspace().join("target").join("import-scratch")
}

/// Builds the crate at `dir` (its own target directory, so a running `cargo test` does not
/// hold its lock).
pub fn build(dir: &Path) -> Build {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--quiet", "--message-format=short", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .unwrap();
    Build {
        ok: output.status.success(),
        messages: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs the built crate, rendering every family into `out/<module>/`.
pub fn render(name: &str, out: &Path) -> bool {
    let bin = target_dir().join("debug").join(name);
    Command::new(bin)
        .arg(out)
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether `rustfmt --check` accepts `source` (edition 2021).
pub fn rustfmt_clean(source: &str, scratch: &Path) -> Result<(), String> {
    let file = scratch.join("fmt-check.rs");
    std::fs::write(&file, source).map_err(|e| e.to_string())?;
    let output = Command::new("rustfmt")
        .args(["--check", "--edition", "2021"])
        .arg(&file)
        .output()
        .map_err(|e| format!("cannot run rustfmt: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stdout).into_owned())
    }
}
