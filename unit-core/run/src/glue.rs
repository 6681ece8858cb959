//! What a project's glue gets when it asks for a part of `unit-core` it did not enable: a
//! compile error that names the fix, in place of rustc's "cannot find" and a missing `main`.

/// Without the cargo feature `cli`, `cli_main!` is only this error naming the feature to
/// enable; with it, see [`cli`](crate::cli).
#[macro_export]
#[cfg(not(feature = "cli"))]
macro_rules! cli_main {
    ($($family:tt)*) => {
        ::core::compile_error!(
            "`cli_main!` needs the command line of `unit-run`, which is off; enable it in Cargo.toml with `unit-run = { ..., features = [\"cli\"] }`"
        );
        fn main() {}
    };
}
