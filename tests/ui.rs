//! Compile-fail cases (`ui/<category>/<subject>-<problem>.rs`, each with its `.stderr`) and
//! pass cases (`pass/*.rs`, compiled and run). Regenerate snapshots with
//! `TRYBUILD=overwrite cargo test -p tests --test ui` and review them in `git diff`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*/*.rs");
    t.pass("pass/*.rs");
}
