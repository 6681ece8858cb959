//! The libvirt family of modular daemons, as checked unit definitions.
//!
//! [`FAMILY`] holds every unit; `build.rs` renders them into `OUT_DIR/units/` (listed in
//! [`RENDERED_DIR`]) and the `daemons` binary renders or installs them elsewhere.

mod family;

pub use family::FAMILY;

/// Where `build.rs` rendered the units of this build, with the build options of its environment.
pub const RENDERED_DIR: &str = concat!(env!("OUT_DIR"), "/units");
