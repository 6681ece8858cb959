use super::*;

fn cx(
    unit: &'static str,
    section: &'static str,
    key: &'static str,
    ltype: &'static str,
) -> Cx<'static> {
    Cx {
        unit,
        section,
        key,
        ltype,
        version: 252,
    }
}

/// Prints this crate's verdict on every line of the file named by `CALENDAR_SPECS`, for
/// comparison with `systemd-analyze calendar`.
#[test]
#[ignore = "needs a file of calendar specs"]
fn calendar_verdicts() {
    let Ok(path) = std::env::var("CALENDAR_SPECS") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    for line in text.lines() {
        let v = if calendar::valid(line, 252) { "A" } else { "R" };
        println!("VERDICT\t{line}\t{v}");
    }
}
