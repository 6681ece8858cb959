//! Renders the family into `OUT_DIR/units/`, with build options from `UNIT_<OPTION>`.

#[path = "src/family.rs"]
mod family;

fn main() -> std::process::ExitCode {
    unit_run::build::render(&family::FAMILY)
}
