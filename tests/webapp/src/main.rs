//! `webapp`: list, show, render, install, verify and graph the web application's units.
unit_core::cli_main!(webapp::FAMILY);
