//! `daemons`: list, show, render, install, verify and graph the libvirt family's units.
unit_run::cli_main!(daemons::FAMILY);
