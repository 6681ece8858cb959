//! Integration tests: goldens, the SPEC's facts, round trips, the command line and the real
//! systemd.

mod adopt;
mod catalog;
mod cli;
mod differential;
mod dirs;
mod golden;
mod graph;
mod import;
mod json;
mod output;
mod package;
mod robust;
mod roundtrip;
mod security;
mod spec;
mod spec12;
mod systemd;
mod webapp;
