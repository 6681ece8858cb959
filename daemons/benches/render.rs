//! Rendering throughput of `unit-core`, in units per second, over the libvirt family:
//! - `pipeline`: `Family::render` (fill in build options, validate every unit, write the text)
//! - `render`: `unit_core::render_into` of units already filled in (the text and its safety
//!   checks), into one reused buffer
//!
//! `cargo bench -p daemons --bench render [-- SECONDS]` prints one `name units_per_second` line
//! for each. `benches/run.py` sets these against the Python merge running in one process.

use std::hint::black_box;
use std::time::{Duration, Instant};

fn rate(budget: Duration, units_per_round: usize, mut round: impl FnMut()) -> f64 {
    round();
    let start = Instant::now();
    let mut rounds = 0u64;
    while start.elapsed() < budget {
        round();
        rounds += 1;
    }
    (rounds as f64 * units_per_round as f64) / start.elapsed().as_secs_f64()
}

fn main() {
    let seconds: f64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(3.0);
    let budget = Duration::from_secs_f64(seconds);
    let family = &daemons::FAMILY;
    let options = family.default_options();
    let n = family.units.len();
    let pipeline = rate(budget, n, || {
        black_box(family.render(black_box(&options)).ok());
    });
    let units: Vec<unit_run::unit_core::Unit> = family
        .units
        .iter()
        .filter_map(|u| u.resolve(&options).ok())
        .collect();
    let mut buffer = String::new();
    let render = rate(budget, n, || {
        for u in &units {
            buffer.clear();
            black_box(unit_run::unit_core::render_into(black_box(u), &mut buffer).ok());
        }
    });
    println!("pipeline {pipeline:.0}");
    println!("render {render:.0}");
}
