//! A small web application's units: an API behind a socket, a worker template with four
//! instances, a nightly cleanup timer, and a drop-in for the database it uses.
//!
//! The second family in this repository, so the libraries are tested on something that is not
//! libvirt.

mod family;

pub use family::FAMILY;

/// Where `build.rs` rendered the units of this build.
pub const RENDERED_DIR: &str = concat!(env!("OUT_DIR"), "/units");
