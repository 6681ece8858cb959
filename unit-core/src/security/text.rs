//! The table `systemd-analyze security UNIT` prints.

use super::{tenths, Report};

fn width(s: &str) -> usize {
    s.chars().count()
}

/// The rows sorted as systemd sorts them (description descending, then name), in columns.
pub fn table(report: &Report) -> String {
    let mut rows: Vec<[String; 4]> = report
        .verdicts
        .iter()
        .map(|v| {
            let mark = match v.passed() {
                None => "",
                Some(true) => "\u{2713}",
                Some(false) => "\u{2717}",
            };
            [
                mark.to_owned(),
                v.check.id.to_owned(),
                v.description.clone(),
                report.exposure_of(v).map(tenths).unwrap_or_default(),
            ]
        })
        .collect();
    rows.sort_by(|a, b| b[2].cmp(&a[2]).then_with(|| a[1].cmp(&b[1])));
    let header = [" ", "NAME", "DESCRIPTION", "EXPOSURE"].map(str::to_owned);
    let widths: Vec<usize> = (0..4)
        .map(|c| {
            std::iter::once(&header)
                .chain(&rows)
                .map(|r| width(&r[c]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c].saturating_sub(width(cell)));
            if c == 3 {
                // systemd pads an empty last cell not at all.
                if !cell.is_empty() {
                    out.push_str(&pad);
                }
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&pad);
                out.push(' ');
            }
        }
        out.push('\n');
    }
    let (name, face) = report.level();
    out.push_str(&format!(
        "\n\u{2192} Overall exposure level for {}: {} {name} {face}\n",
        report.unit,
        report.exposure_text()
    ));
    out
}
