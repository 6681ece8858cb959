//! Shared helpers of the integration tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use unit_core::Rendered;

/// How many units the libvirt family renders: 67 at libvirt 9.9.0, 68 at 12.8.0.
pub const UNITS: usize = if cfg!(feature = "libvirt-12") { 68 } else { 67 };

/// How many drop-ins the libvirt family renders: none at 9.9.0, one at 12.8.0.
pub const DROPINS: usize = if cfg!(feature = "libvirt-12") { 1 } else { 0 };

/// The directory of the goldens of the libvirt release under test.
pub const GOLDEN: &str = if cfg!(feature = "libvirt-12") {
    "golden-12"
} else {
    "golden"
};

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
/// Every file under `root`, relative to it, sorted.
pub fn files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                out.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

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

/// What one run of a command line printed, and its exit status.
#[derive(Debug)]
pub struct Run {
    pub code: u8,
    pub out: String,
    pub err: String,
}

/// Runs the command line of `family`, named `program`, in-process.
pub fn run_cli(family: &unit_core::Family, program: &str, args: &[&str]) -> Run {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = unit_run::cli::Cli::new(family)
        .name(program)
        .version("0.1.0")
        .run(args.iter().copied(), &mut out, &mut err);
    Run {
        code,
        out: String::from_utf8(out).expect("utf-8 output"),
        err: String::from_utf8(err).expect("utf-8 errors"),
    }
}

/// Runs the `daemons` command line in-process, returning its output, or its error line with
/// the `daemons: ` prefix removed.
pub fn cli(args: &[&str]) -> Result<String, String> {
    let run = run_cli(&daemons::FAMILY, "daemons", args);
    if run.code == 0 {
        Ok(run.out)
    } else {
        let line = run.err.trim_end();
        Err(line.strip_prefix("daemons: ").unwrap_or(line).to_owned())
    }
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

/// The `systemd_unit!` front end as a plain function, outside the proc-macro boundary, so tests
/// can feed it arbitrary token streams.
pub mod dsl {
    /// What `systemd_unit!` expands `tokens` into.
    pub fn expand(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
        unit_macros_core::expand(tokens)
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
