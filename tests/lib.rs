//! Shared helpers of the integration tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use unit_core::Rendered;

/// The libvirt family rendered with the default build options.
pub fn rendered() -> Vec<Rendered> {
    let family = &daemons::FAMILY;
    family
        .render(&family.default_options())
        .expect("the family renders with its defaults")
}

/// A fresh directory under the system's temporary directory, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("unit-tests-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temporary directory");
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Whether `program` can be run here.
pub fn have(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok()
}

/// Skips the calling test with a message unless `program` is installed, and fails it instead
/// when running under CI, where the tools must be there.
#[macro_export]
macro_rules! require {
    ($program:expr) => {
        if !$crate::have($program) {
            assert!(
                std::env::var_os("CI").is_none(),
                "{} is required in CI; .ci/run installs it",
                $program
            );
            eprintln!("skipped: {} is not installed", $program);
            return;
        }
    };
}

/// Runs the `daemons` command line in-process, returning its output or its error line.
pub fn cli(args: &[&str]) -> Result<String, String> {
    let mut out = Vec::new();
    daemons::cli::run(args.iter().map(Into::into), &mut out)?;
    Ok(String::from_utf8(out).expect("utf-8 output"))
}

/// The rendered text without comment lines, for comparing directives.
pub fn directives(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .trim_start_matches('\n')
        .to_owned()
}

#[path = "../unit-macros/src/ast.rs"]
mod ast;
#[path = "../unit-macros/src/attrs.rs"]
mod attrs;
#[path = "../unit-macros/src/check.rs"]
mod check;
#[path = "../unit-macros/src/codegen.rs"]
mod codegen;
#[path = "../unit-macros/src/errors.rs"]
mod errors;
#[path = "../unit-macros/src/expand.rs"]
mod expand;
#[path = "../unit-macros/src/fallback.rs"]
mod fallback;
#[path = "../unit-macros/src/lower.rs"]
mod lower;
#[path = "../unit-macros/src/snippets.rs"]
mod snippets;
#[path = "../unit-macros/src/unused.rs"]
mod unused;
#[path = "../unit-macros/src/versions.rs"]
mod versions;
#[path = "../unit-macros/src/words.rs"]
mod words;

/// The `systemd_unit!` front end as a plain function, outside the proc-macro boundary, so tests
/// can feed it arbitrary token streams.
pub mod dsl {
    /// What `systemd_unit!` expands `tokens` into.
    pub fn expand(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
        super::expand::expand(tokens)
    }
}

/// A small deterministic pseudo-random generator (xorshift64*) for property tests, so runs
/// are reproducible from their seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}
