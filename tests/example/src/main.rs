//! `notesd-units`: check, render, install and package the units of notesd.
unit_run::cli_main!(notesd::FAMILY);
