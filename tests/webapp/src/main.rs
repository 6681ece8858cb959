//! `webapp`: list, show, render, install, verify and graph the web application's units.
unit_run::cli_main!(webapp::FAMILY);
