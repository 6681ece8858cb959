//! The checked-in catalog is systemd's own list of directives.

#[test]
fn checked_in_dump_matches_the_live_systemd() {
    let binary = "/lib/systemd/systemd";
    if !std::path::Path::new(binary).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{binary} is required in CI"
        );
        eprintln!("skipped: {binary} is not installed");
        return;
    }
    let out = std::process::Command::new(binary)
        .arg("--dump-configuration-items")
        .output()
        .unwrap();
    assert!(out.status.success());
    let live = String::from_utf8(out.stdout).unwrap();
    let version = std::process::Command::new("systemctl")
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|v| v.split_whitespace().nth(1)?.parse::<u16>().ok())
        .unwrap_or(252);
    if !unit_core::catalog::VERSIONS.contains(&version) {
        assert!(
            std::env::var_os("CI").is_none(),
            "no catalog for the live systemd {version}"
        );
        eprintln!("skipped: no catalog for the live systemd {version}");
        return;
    }
    let catalog = unit_core::catalog::for_target(unit_core::catalog::Target {
        min: version,
        max: version,
    });
    let mut section = String::new();
    let mut count = 0;
    for line in live.lines().filter(|l| !l.is_empty()) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_owned();
            assert!(
                catalog.sections().contains(&name),
                "section [{name}] is missing"
            );
        } else if let Some((key, syntax)) = line.split_once('=') {
            let d = catalog
                .get(&section, key)
                .unwrap_or_else(|| panic!("[{section}] {key} is missing from the catalog"));
            assert_eq!(d.row.dump, syntax, "[{section}] {key}");
            count += 1;
        }
    }
    assert!(count > 1000, "{count}");
    let kept = unit_core::catalog::SECTIONS
        .iter()
        .flat_map(|s| catalog.directives_in(s))
        .filter(|d| d.parser != "warn_compat")
        .count();
    assert_eq!(
        kept, count,
        "the catalog holds directives the live dump does not"
    );
}
