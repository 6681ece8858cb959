//! The libvirt family of modular daemons, as checked unit definitions.
//!
//! The definitions are in `src/family.rs`; `build.rs` checks them (expanding `systemd_unit!`),
//! renders every unit into `OUT_DIR/units/` (listed in [`RENDERED_DIR`]) and writes the family
//! as data, which [`FAMILY`] is: the definitions are expanded once per build. The `daemons`
//! binary renders or installs the units elsewhere.

unit_run::include_family!();

/// Where `build.rs` rendered the units of this build, with the build options of its environment.
pub const RENDERED_DIR: &str = concat!(env!("OUT_DIR"), "/units");

/// The definitions expanded in this crate, to check what `build.rs` wrote against them.
#[cfg(test)]
#[path = "family.rs"]
mod expanded;

#[cfg(test)]
mod tests {
    #[test]
    fn the_family_build_rs_wrote_is_the_family_the_macro_expands() {
        assert_eq!(
            format!("{:#?}", super::FAMILY),
            format!("{:#?}", super::expanded::FAMILY)
        );
    }
}
