//! Renders every unit and drop-in of the family into `OUT_DIR/units/`, with the build options
//! taken from `UNIT_<OPTION>` environment variables (`UNIT_RUNSTATEDIR=/var/run`, ...).

#[path = "src/family.rs"]
mod family;

fn main() -> std::process::ExitCode {
    unit_run::build::render(&family::FAMILY)
}
