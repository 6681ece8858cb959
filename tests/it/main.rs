//! Integration tests: goldens, the SPEC's facts, round trips, the command line and the real
//! systemd.

mod catalog;
mod cli;
mod golden;
mod import;
mod output;
mod robust;
mod roundtrip;
mod spec;
mod systemd;
