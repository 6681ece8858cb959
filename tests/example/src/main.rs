//! `notesd-units`: check, render, install and package the units of notesd.
unit_core::cli_main!(notesd::FAMILY);
