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
