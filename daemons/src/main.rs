//! `daemons`: list, show, render, install and verify the libvirt family's units.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match daemons::cli::run(std::env::args_os().skip(1), &mut stdout) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e == daemons::cli::CLOSED_STDOUT => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("daemons: {e}");
            ExitCode::FAILURE
        }
    }
}
