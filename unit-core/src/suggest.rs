//! "Did you mean" hints.

/// The candidate closest to `input`, if it is close enough to be a likely typo.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = input.to_ascii_lowercase();
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if candidates.contains(&input) {
        return None;
    }
    candidates
        .into_iter()
        .map(|c| {
            let folded = if c.to_ascii_lowercase() == lower {
                0.99
            } else {
                0.0
            };
            (
                strsim::jaro_winkler(&lower, &c.to_ascii_lowercase()).max(folded),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_typos_only() {
        let keys = ["ExecStart", "ExecStop", "ExecReload", "Type"];
        assert_eq!(closest("ExecStrat", keys), Some("ExecStart"));
        assert_eq!(closest("execstart", keys), Some("ExecStart"));
        assert_eq!(closest("Banana", keys), None);
        assert_eq!(closest("ExecStart", keys), None);
    }
}
