//! Property tests: generated valid units survive render -> parse -> render; the parser and the
//! macro front end never panic on arbitrary or mutated input; merging follows its rules.
//! Seeds are fixed so a failure reproduces; `PROPTEST_CASES` raises the number of cases.

use std::panic::{catch_unwind, AssertUnwindSafe};

use proc_macro2::{TokenStream, TokenTree};
use tests::Rng;
use unit_core::{merge, Change, Entry, Op, Origin, Unit};

fn cases(default: usize) -> usize {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

const TEXT: &[&str] = &[
    "a",
    "B-c",
    "/usr/bin/x",
    "%%",
    "%n",
    "x y",
    "\"q\"",
    "=",
    "{}",
    "ü",
    "1",
    "$X",
];

/// A random value that is safe to render: printable, trimmed, no trailing backslash.
fn safe_text(rng: &mut Rng) -> String {
    let n = 1 + rng.below(4);
    (0..n)
        .map(|_| *rng.pick(TEXT))
        .collect::<Vec<_>>()
        .join(" ")
}

fn random_unit(rng: &mut Rng) -> Unit {
    let kind = *rng.pick(&unit_core::UnitKind::ALL);
    let mut unit = Unit::new(format!("gen{}.{kind}", rng.below(100)), Origin::NONE);
    for _ in 0..rng.below(3) {
        unit.comments.push(safe_text(rng));
    }
    let catalog = unit_core::catalog::catalog();
    for section in kind.sections() {
        let keys: Vec<&str> = catalog.directives_in(section).map(|d| d.name).collect();
        if keys.is_empty() {
            continue;
        }
        for _ in 0..rng.below(6) {
            let key = *rng.pick(&keys);
            let value = if rng.below(8) == 0 {
                String::new()
            } else {
                safe_text(rng)
            };
            let mut entry = Entry::new(key, value, Origin::NONE);
            if rng.below(4) == 0 {
                let indent = " ".repeat(rng.below(3));
                entry.comments.push(format!("{indent}{}", safe_text(rng)));
            }
            unit.section_mut(section, Origin::NONE).entries.push(entry);
        }
    }
    unit
}

#[test]
fn generated_units_round_trip() {
    let mut rng = Rng::new(1);
    for _ in 0..cases(2000) {
        let unit = random_unit(&mut rng);
        let text = unit_core::render(&unit).unwrap_or_else(|e| panic!("{e:?}\n{unit:?}"));
        let parsed = unit_core::parse(&unit.name, &text).unwrap();
        assert_eq!(unit_core::render(&parsed).unwrap(), text);
    }
}

#[test]
fn the_parser_never_panics_on_arbitrary_bytes() {
    let mut rng = Rng::new(2);
    let seeds: Vec<String> = tests::rendered().into_iter().map(|u| u.text).collect();
    for i in 0..cases(3000) {
        let bytes: Vec<u8> = if i % 2 == 0 {
            (0..rng.below(300)).map(|_| rng.next_u64() as u8).collect()
        } else {
            let mut b = rng.pick(&seeds).clone().into_bytes();
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(b.len());
                match rng.below(3) {
                    0 => b[at] = *rng.pick(b"\\\n[]=#; \0\r%"),
                    1 => drop(b.remove(at)),
                    _ => b.insert(at, rng.next_u64() as u8),
                }
            }
            b
        };
        let text = String::from_utf8_lossy(&bytes);
        let result = catch_unwind(|| {
            if let Ok(unit) = unit_core::parse("fuzz.service", &text) {
                let _ = unit_core::validate(&unit);
                if let Ok(rendered) = unit_core::render(&unit) {
                    let again = unit_core::parse("fuzz.service", &rendered).unwrap();
                    assert_eq!(unit_core::render(&again).unwrap(), rendered);
                }
            }
        });
        assert!(result.is_ok(), "panicked on {text:?}");
    }
}

fn macro_inputs() -> Vec<TokenStream> {
    let mut files = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../daemons/src/family.rs"
    ))];
    for dir in ["ui", "pass"] {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut stack = vec![root];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    files.push(p);
                }
            }
        }
    }
    files
        .iter()
        .filter_map(|f| {
            let src = std::fs::read_to_string(f).unwrap();
            let start = src.find("systemd_unit! {")? + "systemd_unit! ".len();
            let group: TokenStream = src[start..].parse().ok().or_else(|| {
                let end = src.rfind("\n}\n")? + 2;
                src[start..end].parse().ok()
            })?;
            match group.into_iter().next()? {
                TokenTree::Group(g) => Some(g.stream()),
                _ => None,
            }
        })
        .collect()
}

fn mutate(tokens: TokenStream, rng: &mut Rng) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    if trees.is_empty() {
        return TokenStream::new();
    }
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(trees.len());
        match rng.below(5) {
            0 if trees.len() > 1 => drop(trees.remove(at)),
            1 => {
                let t = trees[rng.below(trees.len())].clone();
                trees.insert(at, t);
            }
            2 => {
                let other = rng.below(trees.len());
                trees.swap(at, other);
            }
            3 => {
                if let TokenTree::Group(g) = &trees[at] {
                    let inner = mutate(g.stream(), rng);
                    trees[at] = TokenTree::Group(proc_macro2::Group::new(g.delimiter(), inner));
                }
            }
            _ => {
                let lit = proc_macro2::Literal::string(&safe_text(rng));
                trees[at] = TokenTree::Literal(lit);
            }
        }
    }
    trees.into_iter().collect()
}

#[test]
fn the_macro_front_end_never_panics_on_mutated_definitions() {
    let inputs = macro_inputs();
    assert!(inputs.len() > 80, "{}", inputs.len());
    let mut rng = Rng::new(3);
    for _ in 0..cases(1500) {
        let input = mutate(rng.pick(&inputs).clone(), &mut rng);
        let text = input.to_string();
        let result = catch_unwind(AssertUnwindSafe(|| tests::dsl::expand(input)));
        assert!(result.is_ok(), "panicked on {text}");
    }
}

#[test]
fn merging_follows_the_per_directive_rules() {
    let mut rng = Rng::new(4);
    let keys = [
        ("Unit", "After"),
        ("Unit", "Wants"),
        ("Service", "Type"),
        ("Service", "KillMode"),
        ("Install", "Also"),
    ];
    let values = ["a.service", "b.service", "notify", "simple"];
    for _ in 0..cases(3000) {
        let mut unit = Unit::new("m.service", Origin(1));
        for i in 0..rng.below(6) {
            let (s, k) = *rng.pick(&keys);
            let v = *rng.pick(&values);
            let list = unit_core::catalog::catalog().get(s, k).unwrap().list;
            if list && unit.values(s, k).contains(&v) || !list && !unit.values(s, k).is_empty() {
                continue;
            }
            unit.section_mut(s, Origin::NONE)
                .entries
                .push(Entry::new(k, v, Origin(10 + i as u32)));
        }
        let (s, k) = *rng.pick(&keys);
        let v = *rng.pick(&values);
        let op = *rng.pick(&[Op::Set, Op::Override, Op::Remove, Op::Reset]);
        let list = unit_core::catalog::catalog().get(s, k).unwrap().list;
        let before = unit
            .values(s, k)
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>();
        let mut after_unit = unit.clone();
        let diags = merge(
            &mut after_unit,
            vec![Change::new(s, Entry::new(k, v, Origin(99)), op)],
            "base",
        );
        let after = after_unit
            .values(s, k)
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>();
        let has = before.iter().any(|b| b == v);
        let expected: Option<Vec<String>> = match op {
            Op::Set if list && !has => Some([before.clone(), vec![v.to_owned()]].concat()),
            Op::Set if !list && before.is_empty() => Some(vec![v.to_owned()]),
            Op::Override if !list && !before.is_empty() => Some(vec![v.to_owned()]),
            Op::Remove if has => {
                let mut b = before.clone();
                let i = b.iter().position(|x| x == v).unwrap();
                b.remove(i);
                Some(b)
            }
            Op::Reset if !before.is_empty() => Some(Vec::new()),
            _ => None,
        };
        match expected {
            Some(values) => {
                assert!(diags.is_empty(), "{op:?} {k}={v} on {before:?}: {diags:?}");
                assert_eq!(after, values, "{op:?} {k}={v} on {before:?}");
            }
            None => {
                assert_eq!(
                    diags.len(),
                    1,
                    "{op:?} {k}={v} on {before:?} should be refused"
                );
                assert_eq!(
                    after, before,
                    "a refused change must leave the unit as it was"
                );
            }
        }
    }
}

#[test]
fn gated_dropins_past_the_configuration_cap_keep_the_checks_bounded() {
    // Eight drop-ins, each under a predicate of its own: the checks combine six (64
    // configurations) and take the others to hold. The first unit has its `ExecStart=` only
    // from the drop-in under the first predicate, so lacks it where that one is false.
    let mut text = String::new();
    for i in 0..8 {
        let exec = if i == 0 {
            String::new()
        } else {
            format!("ExecStart = \"/usr/bin/s{i}\";")
        };
        text += &format!("unit \"s{i}.service\" {{ [Service] Type = oneshot; {exec} }}\n");
        text += &format!(
            "#[cfg(feature = \"f{i}\")] dropin \"s{i}.service.d/10-x.conf\" {{ [Service] ExecStart = \"/usr/bin/x{i}\"; }}\n"
        );
    }
    let start = std::time::Instant::now();
    let out = tests::dsl::expand(text.parse().unwrap()).to_string();
    let elapsed = start.elapsed();
    let errors: Vec<&str> = out.split("compile_error").skip(1).collect();
    assert_eq!(errors.len(), 1, "{out}");
    assert!(
        errors[0].contains("`s0.service` has no `ExecStart=`")
            && errors[0].contains("drop-in `s0.service.d/10-x.conf` is left out by"),
        "{out}"
    );
    eprintln!("8 gated drop-ins, 64 configurations: {elapsed:?}");
}
