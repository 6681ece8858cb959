//! Renders every unit of the family into `OUT_DIR/units/`, with the build options taken from
//! `UNIT_<OPTION>` environment variables (`UNIT_RUNSTATEDIR=/var/run`, ...).

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "src/family.rs"]
mod family;

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/family.rs");
    let family = &family::FAMILY;
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
        .and_then(|options| family.render(&options));
    let units = match result {
        Ok(units) => units,
        Err(errors) => {
            for e in errors {
                println!("cargo::error={e}");
            }
            return ExitCode::FAILURE;
        }
    };
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        println!("cargo::error=OUT_DIR is not set; run this through cargo");
        return ExitCode::FAILURE;
    };
    match unit_core::output::write_dir(
        &out.join("units"),
        &units,
        unit_core::output::Track::Manifest,
    ) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            println!(
                "cargo::error=cannot write units into {}: {e}",
                out.display()
            );
            ExitCode::FAILURE
        }
    }
}
