//! The table `systemd-analyze security UNIT` prints.

use super::{tenths, Report};

fn width(s: &str) -> usize {
    s.chars().count()
}

/// The rows sorted as systemd sorts them (description descending, then name), in columns.
pub fn table(report: &Report) -> String {
    let header = [" ", "NAME", "DESCRIPTION", "EXPOSURE"].map(str::to_owned);
    let mut rows: Vec<[String; 4]> = vec![header];
    for v in &report.verdicts {
        let mark = match v.passed() {
            None => "",
            Some(true) => "\u{2713}",
            Some(false) => "\u{2717}",
        };
        let exposure = match report.exposure_of(v) {
            Some(e) => tenths(e),
            None => String::new(),
        };
        rows.push([
            mark.to_owned(),
            v.check.id.to_owned(),
            v.description.clone(),
            exposure,
        ]);
    }
    rows[1..].sort_by(|a, b| b[2].cmp(&a[2]).then_with(|| a[1].cmp(&b[1])));
    let mut widths = [0; 4];
    for row in &rows {
        for (c, cell) in row.iter().enumerate() {
            widths[c] = widths[c].max(width(cell));
        }
    }
    let mut out = String::new();
    for row in &rows {
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
