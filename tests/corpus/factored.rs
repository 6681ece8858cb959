//! The corpus through `factor`: each source package's units imported together and factored
//! into templates, daemons and snippets, compiled, rendered, and compared byte for byte with the
//! same units imported one by one (which systemd already read as the originals).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use unit_run::import::{factor, read_paths, write_factored, Layout};

use super::cases::Corpus;
use super::driver::Report;
use super::scratch;

/// Figures of the factored pass.
#[derive(Debug, Default)]
pub struct Factoring {
    /// Sources with two or more units that all compiled one by one.
    pub families: usize,
    /// Their units.
    pub units: usize,
    /// Families with at least one template.
    pub with_templates: usize,
    /// Families the macro accepted.
    pub compiled: usize,
    /// Units of accepted families rendered byte for byte as the plain import renders them.
    pub identical: usize,
    /// Units of accepted families rendered differently, with the family.
    pub different: Vec<String>,
    /// Families the macro refused, with its first message.
    pub refused: Vec<String>,
    /// Lines of the factored families, and of the same units imported one by one.
    pub lines: (usize, usize),
}

impl Factoring {
    /// One line of figures.
    pub fn figures(&self) -> String {
        let mut s = String::new();
        writeln!(s, "factored: {} sources with {} units ({} with a template); compiled {}; units rendered byte for byte as imported one by one: {} (different: {}); lines {} factored vs {} one by one",
            self.families, self.units, self.with_templates, self.compiled, self.identical, self.different.len(), self.lines.0, self.lines.1).ok();
        for r in &self.refused {
            writeln!(s, "  refused: {r}").ok();
        }
        for d in &self.different {
            writeln!(s, "  different: {d}").ok();
        }
        s
    }
}

/// Runs the factored pass over the units of `report` that compiled one by one, whose
/// renderings are in `plain/u<index>/`.
pub fn run(
    corpus: &Corpus,
    report: &Report,
    work: &Path,
    plain: &Path,
    crate_name: &str,
) -> Factoring {
    let mut by_source: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (case, _)) in report.outcomes.iter().enumerate() {
        by_source.entry(case.source.as_str()).or_default().push(i);
    }
    let mut out = Factoring::default();
    let plain_src = plain.parent().unwrap_or(plain).join("crate").join("src");
    let mut families: Vec<(String, String)> = Vec::new();
    let mut members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for cases in by_source.into_values() {
        let all_compiled = cases.iter().all(|&i| report.outcomes[i].1.compiled);
        let mut names: Vec<&str> = cases
            .iter()
            .map(|&i| corpus.cases[i].name.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        if cases.len() < 2 || !all_compiled || names.len() != cases.len() {
            continue;
        }
        let mut paths: Vec<PathBuf> = Vec::new();
        for &i in &cases {
            paths.push(corpus.cases[i].path.clone());
            paths.extend(corpus.cases[i].dropins.iter().cloned());
        }
        let Ok(imported) = read_paths(&paths) else {
            continue;
        };
        let factored = factor(&imported);
        let source_text = write_factored(&factored, &Layout::default());
        out.families += 1;
        out.units += cases.len();
        out.with_templates += usize::from(source_text.contains("\n    template "));
        out.lines.0 += source_text.lines().count();
        out.lines.1 += cases
            .iter()
            .map(|&i| {
                std::fs::read_to_string(plain_src.join(format!("u{i}.rs")))
                    .map(|s| s.lines().count())
                    .unwrap_or(0)
            })
            .sum::<usize>();
        let module = format!("p{}", families.len());
        members.insert(module.clone(), cases);
        families.push((module, source_text));
    }
    let krate = work.join("crate");
    let mut remaining = families;
    for _round in 0..4 {
        scratch::write_crate(&krate, crate_name, &remaining).unwrap();
        let build = scratch::build(&krate);
        if build.ok {
            break;
        }
        let mut failed: BTreeMap<String, String> = BTreeMap::new();
        for line in build.messages.lines() {
            let Some(rest) = line.strip_prefix("src/") else {
                continue;
            };
            let Some((module, msg)) = rest.split_once(".rs:") else {
                continue;
            };
            if let Some((_, m)) = msg.split_once(": error: ") {
                failed
                    .entry(module.to_owned())
                    .or_insert_with(|| m.to_owned());
            }
        }
        assert!(
            !failed.is_empty(),
            "the factored crate does not compile for a reason no family explains:\n{}",
            build.messages
        );
        for (module, msg) in &failed {
            let first = members[module]
                .first()
                .map(|&i| corpus.cases[i].source.clone())
                .unwrap_or_default();
            out.refused.push(format!("{first}: {msg}"));
        }
        remaining.retain(|(m, _)| !failed.contains_key(m));
    }
    out.compiled = remaining.len();
    let rendered = work.join("rendered");
    if !remaining.is_empty() {
        assert!(
            scratch::render(crate_name, &rendered),
            "the factored crate did not render"
        );
    }
    for (module, _) in &remaining {
        for &i in &members[module] {
            let name = &corpus.cases[i].name;
            let ours = std::fs::read(rendered.join(module).join(name)).ok();
            let theirs = std::fs::read(plain.join(format!("u{i}")).join(name)).ok();
            if ours.is_some() && ours == theirs {
                out.identical += 1;
            } else {
                out.different
                    .push(format!("{}: {name}", corpus.cases[i].source));
            }
        }
    }
    out
}
