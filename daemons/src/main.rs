//! `daemons`: list, show, render, install, verify and graph the libvirt family's units.
unit_core::cli_main!(daemons::FAMILY);
