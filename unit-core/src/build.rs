//! What a project's `build.rs` does with its family: render every unit and drop-in into
//! `OUT_DIR/units/`, with build options from `UNIT_<OPTION>` environment variables.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::family::Family;
use crate::output::{write_atomic, write_dir, Track};

/// Renders `family` into `OUT_DIR/units/` (units flat, drop-ins in `UNIT.d/`), taking each
/// build option from the environment variable [`OptionDef::env_var`](crate::family::OptionDef::env_var)
/// names, and tells cargo to rerun when one of them changes. Problems become `cargo::error`
/// lines and a failed build script.
///
/// ```ignore
/// // build.rs
/// #[path = "src/family.rs"]
/// mod family;
///
/// fn main() -> std::process::ExitCode {
///     unit_core::build::render(&family::FAMILY)
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
    let result = family
        .options(set.iter().map(|(n, v)| (*n, v.as_str())))
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
    let written = write_dir(&dir, &units, Track::Manifest).and_then(|_| {
        dropins.iter().try_for_each(|d| {
            let sub = dir.join(format!("{}.d", d.unit));
            std::fs::create_dir_all(&sub)?;
            write_atomic(&sub, d.file, d.text.as_bytes())
        })
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
