//! "Did you mean" hints.
//!
//! Candidates are ranked by Jaro-Winkler similarity of their ASCII-lowercased forms. The
//! similarity is computed here rather than by the `strsim` crate, which the tests use as the
//! reference: a dependency of this crate delays the start of its compilation, which heads the
//! critical path of every cold build of the macro (`BENCHMARKS.md`).

use std::cmp::Ordering;

/// The candidate closest to `input`, if it is close enough to be a likely typo.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    closest_in(input, &candidates)
}

/// [`closest`] among a slice of candidates: the most similar, the first in alphabetical order
/// of equally similar ones.
pub fn closest_in<'a>(input: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if candidates.contains(&input) {
        return None;
    }
    let lower = input.to_ascii_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for &c in candidates {
        let folded = c.to_ascii_lowercase();
        let mut score = jaro_winkler(&lower, &folded);
        if folded == lower {
            score = score.max(0.99);
        }
        if score < 0.85 {
            continue;
        }
        if let Some((top, name)) = best {
            if score.total_cmp(&top).then_with(|| name.cmp(c)) == Ordering::Less {
                continue;
            }
        }
        best = Some((score, c));
    }
    match best {
        Some((_, c)) => Some(c),
        None => None,
    }
}

/// The Jaro similarity of `a` and `b` (by characters): 1 for equal strings, 0 for strings with
/// nothing in common.
///
/// Two characters match when they are equal and no further apart than half the longer
/// string's length, less one; each character matches at most once, the earliest free one. With
/// `m` matches and `t` half the number of matched characters that come in a different order,
/// the similarity is `(m / |a| + m / |b| + (m - t) / m) / 3`.
fn jaro(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return if a.len() == b.len() { 1.0 } else { 0.0 };
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut taken = vec![false; b.len()];
    let mut matched_a = Vec::new();
    for (i, &ca) in a.iter().enumerate() {
        let low = i.saturating_sub(window);
        let high = b.len().min(i + window + 1);
        for j in low..high {
            if !taken[j] && b[j] == ca {
                taken[j] = true;
                matched_a.push(ca);
                break;
            }
        }
    }
    let matches = matched_a.len();
    if matches == 0 {
        return 0.0;
    }
    let matched_b = b.iter().zip(&taken).filter(|(_, t)| **t).map(|(c, _)| c);
    let out_of_order = matched_a
        .iter()
        .zip(matched_b)
        .filter(|(x, y)| x != y)
        .count();
    let transpositions = out_of_order / 2;
    let m = matches as f64;
    (m / a.len() as f64 + m / b.len() as f64 + (matches - transpositions) as f64 / m) / 3.0
}

/// The Jaro-Winkler similarity: [`jaro`], raised for a common prefix of up to four characters
/// (by a tenth of the distance to 1 per character) when it is above 0.7.
fn jaro_winkler(a: &str, b: &str) -> f64 {
    let sim = jaro(a, b);
    if sim <= 0.7 {
        return sim;
    }
    let prefix = a
        .chars()
        .zip(b.chars())
        .take(4)
        .take_while(|(x, y)| x == y)
        .count();
    sim + 0.1 * prefix as f64 * (1.0 - sim)
}

#[cfg(test)]
mod tests {
    use super::{closest, jaro_winkler};

    #[test]
    fn finds_typos_only() {
        let keys = ["ExecStart", "ExecStop", "ExecReload", "Type"];
        assert_eq!(closest("ExecStrat", keys), Some("ExecStart"));
        assert_eq!(closest("execstart", keys), Some("ExecStart"));
        assert_eq!(closest("Banana", keys), None);
        assert_eq!(closest("ExecStart", keys), None);
    }

    #[test]
    fn equally_close_ones_go_by_name() {
        let hint = Some("ExecStarx");
        assert_eq!(closest("ExecStarz", ["ExecStary", "ExecStarx"]), hint);
        assert_eq!(closest("ExecStarz", ["ExecStarx", "ExecStary"]), hint);
        assert_eq!(
            closest("execstarx", ["ExecStary", "ExecStarX"]),
            Some("ExecStarX")
        );
    }

    /// Every pair of the catalog's directive names, each also against its typos (two letters
    /// swapped, one dropped, one doubled), and some non-ASCII and empty strings: the same
    /// similarity as `strsim`'s, to the bit.
    #[test]
    fn agrees_with_strsim() {
        let mut words: Vec<String> = crate::catalog::table::ROWS
            .iter()
            .map(|r| r.name.to_ascii_lowercase())
            .collect();
        words.sort();
        words.dedup();
        let mut typos = Vec::new();
        for w in words.iter().step_by(7) {
            let c: Vec<char> = w.chars().collect();
            for i in 0..c.len().saturating_sub(1) {
                let mut s = c.clone();
                s.swap(i, i + 1);
                typos.push(s.iter().collect::<String>());
                let mut d = c.clone();
                d.remove(i);
                typos.push(d.iter().collect());
                let mut e = c.clone();
                e.insert(i, c[i]);
                typos.push(e.iter().collect());
            }
        }
        let odd = [
            "",
            "a",
            "é",
            "naïve",
            "naive",
            "ÅngströmSec",
            "AngstromSec",
            "日本語",
        ];
        let mut pairs = 0;
        let all: Vec<&str> = words
            .iter()
            .step_by(3)
            .map(String::as_str)
            .chain(odd)
            .collect();
        for a in &all {
            for b in all
                .iter()
                .chain(&typos.iter().map(String::as_str).collect::<Vec<_>>())
            {
                let ours = jaro_winkler(a, b);
                let theirs = strsim::jaro_winkler(a, b);
                assert_eq!(
                    ours.to_bits(),
                    theirs.to_bits(),
                    "{a:?} {b:?}: {ours} against {theirs}"
                );
                pairs += 1;
            }
        }
        assert!(pairs > 100_000, "only {pairs} pairs");
    }
}
