//! Integration tests: goldens, the SPEC's facts, round trips, the command line and the real
//! systemd.

mod adopt;
mod catalog;
mod cli;
mod golden;
mod output;
mod robust;
mod roundtrip;
mod spec;
mod systemd;
mod webapp;
