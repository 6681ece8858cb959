//! What a project's `build.rs` does with its family: render every unit and drop-in into
//! `OUT_DIR/units/`, with build options from `UNIT_<OPTION>` environment variables, and write
//! the family as Rust data into `OUT_DIR/family.rs` for [`include_family!`](crate::include_family).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::output::{write_dir, write_if_changed, Track};
use unit_core::dropin::RenderedDropin;
use unit_core::family::Family;

/// Renders `family` into `OUT_DIR/units/` (units flat, drop-ins in `UNIT.d/`, nothing else:
/// what an earlier build left there and this one does not render is removed), taking each
/// build option from the environment variable [`OptionDef::env_var`](unit_core::family::OptionDef::env_var)
/// names, and tells cargo to rerun when one of them changes. Problems become `cargo::error`
/// lines and a failed build script. It also writes `family` as Rust data into
/// `OUT_DIR/family.rs`, so the library can take it from there with
/// [`include_family!`](crate::include_family) instead of expanding the definitions a second time.
///
/// ```ignore
/// // build.rs
/// #[path = "src/family.rs"]
/// mod family;
///
/// fn main() -> std::process::ExitCode {
///     unit_run::build::render(&family::FAMILY)
/// }
/// ```
pub fn render(family: &Family) -> ExitCode {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src");
    let mut set = Vec::new();
    for option in family.options {
        let var = option.env_var();
        println!("cargo::rerun-if-env-changed={var}");
        if let Ok(value) = std::env::var(&var) {
            set.push((option.name, value));
        }
    }
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for (n, v) in &set {
        pairs.push((n, v));
    }
    let result = family
        .options(pairs)
        .and_then(|options| Ok((family.render(&options)?, family.render_dropins(&options)?)));
    let (units, dropins) = match result {
        Ok(files) => files,
        Err(errors) => {
            for e in errors {
                println!("cargo::error={e}");
            }
            return ExitCode::FAILURE;
        }
    };
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        println!("cargo::error=`OUT_DIR` is not set; run this through cargo");
        return ExitCode::FAILURE;
    };
    let dir = out.join("units");
    let source = source(family);
    let written = write_dir(&dir, &units, Track::Owned).and_then(|_| {
        dropins.iter().try_for_each(|d| {
            let sub = dir.join(format!("{}.d", d.unit));
            std::fs::create_dir_all(&sub)?;
            write_if_changed(&sub, d.file, d.text.as_bytes()).map(drop)
        })?;
        remove_stale_dropins(&dir, &dropins)?;
        write_if_changed(&out, "family.rs", source.as_bytes()).map(drop)
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            println!(
                "cargo::error=cannot write units into `{}`: {e}",
                dir.display()
            );
            ExitCode::FAILURE
        }
    }
}

/// Removes what `dir` (the build script's own `OUT_DIR/units/`) holds in its subdirectories
/// besides `dropins`: the drop-ins of an earlier build that this one no longer renders.
fn remove_stale_dropins(dir: &Path, dropins: &[RenderedDropin]) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if !entry.file_type()?.is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let mut mine: Vec<&str> = Vec::new();
        for d in dropins {
            if format!("{}.d", d.unit) == name {
                mine.push(d.file);
            }
        }
        if mine.is_empty() {
            std::fs::remove_dir_all(entry.path())?;
            continue;
        }
        for file in std::fs::read_dir(entry.path())? {
            let file = file?;
            if !mine.iter().any(|m| file.file_name() == **m) {
                std::fs::remove_file(file.path())?;
            }
        }
    }
    Ok(())
}

/// The Rust source of `family`'s `FAMILY` static, as this build sees it: `#[cfg]`s already
/// decided by the package's features, strings as Rust literals.
pub fn source(family: &Family) -> String {
    unit_core::source::of(
        family,
        "Every unit of this family, as checked at compile time (written by `build.rs`).",
    )
}

/// Defines the `FAMILY` static from what [`render`] wrote into `OUT_DIR/family.rs`: in a
/// library whose `build.rs` renders the family, this takes the place of `mod family;` and
/// spares the second expansion of the definitions on every edit. The data is the build
/// script's view of the family, which has the package's features: a family that depends on
/// other `#[cfg]`s of the target platform keeps `mod family;` instead.
///
/// ```ignore
/// // src/lib.rs
/// unit_run::include_family!();
/// ```
#[macro_export]
macro_rules! include_family {
    () => {
        ::core::include!(::core::concat!(
            ::core::env!(
                "OUT_DIR",
                "`include_family!` takes the family that `build.rs` writes, and this package has no `build.rs`; add a `build.rs` whose `main` returns `unit_run::build::render(&family::FAMILY)`, or write `mod family; pub use family::FAMILY;` in place of `unit_run::include_family!()`"
            ),
            "/family.rs"
        ));
    };
}
