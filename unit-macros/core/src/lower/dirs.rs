//! `dirs { ... }`: which build options are the family's unit directory, preset directory and
//! installation prefix. A key left out keeps its usual option name (`unit_core::Dirs::DEFAULT`).

use syn::Ident;
use unit_core::value::ValueKind;
use unit_core::Dirs;

use super::super::ast::Item;
use super::super::errors::alternatives;
use super::state::{hint, names, Lowering};

const KEYS: &[&str] = &["unit", "preset", "prefix"];

/// The option each directory is read from.
pub struct DirsOut {
    pub unit: String,
    pub preset: String,
    pub prefix: String,
}

impl Default for DirsOut {
    fn default() -> Self {
        DirsOut {
            unit: Dirs::DEFAULT.unit.to_owned(),
            preset: Dirs::DEFAULT.preset.to_owned(),
            prefix: Dirs::DEFAULT.prefix.to_owned(),
        }
    }
}

impl Lowering<'_, '_> {
    /// Reads the `dirs` block against the declared options; runs after the declarations.
    pub(super) fn dirs(&mut self, items: &[Item]) {
        let mut seen = false;
        for item in items {
            let Item::Dirs(d) = item else { continue };
            if seen {
                self.errors.span(
                    d.keyword.span(),
                    "the family's directories are declared twice; keep one `dirs { ... }` block",
                );
                continue;
            }
            seen = true;
            let mut given: Vec<String> = Vec::new();
            let mut named: Vec<(&str, &Ident)> = Vec::new();
            for entry in &d.entries {
                let key = entry.key.to_string();
                if !KEYS.contains(&key.as_str()) {
                    let message = match hint(&key, KEYS) {
                        h if h.is_empty() => format!(
                            "unknown directory `{key}` in `dirs`; use {}",
                            alternatives(KEYS)
                        ),
                        h => format!("unknown directory `{key}` in `dirs`{h}"),
                    };
                    self.errors.span(entry.key.span(), message);
                    continue;
                }
                if given.contains(&key) {
                    self.errors.span(
                        entry.key.span(),
                        format!("`{key}` is given twice in `dirs`; keep one"),
                    );
                    continue;
                }
                given.push(key.clone());
                if let Some(option) = self.dir_option(items, &entry.option) {
                    let (slot, key) = match key.as_str() {
                        "unit" => (&mut self.family.dirs.unit, "unit"),
                        "preset" => (&mut self.family.dirs.preset, "preset"),
                        _ => (&mut self.family.dirs.prefix, "prefix"),
                    };
                    *slot = option;
                    named.push((key, &entry.option));
                }
            }
            self.shared(&named);
        }
    }

    /// Reports an option named for two directories, at its later naming, or at its naming
    /// when the other directory has it by default.
    fn shared(&mut self, named: &[(&str, &Ident)]) {
        let d = &self.family.dirs;
        let dirs = [
            ("unit", &d.unit),
            ("preset", &d.preset),
            ("prefix", &d.prefix),
        ];
        let mut found = Vec::new();
        for (i, (key, option)) in named.iter().enumerate() {
            for (other, value) in dirs {
                if other == *key || **value != option.to_string() {
                    continue;
                }
                let message = if named[..i].iter().any(|(k, _)| *k == other) {
                    format!(
                        "build option `{option}` is already the {}; name another for the {}",
                        what(other),
                        what(key)
                    )
                } else if named.iter().any(|(k, _)| *k == other) {
                    continue;
                } else {
                    format!(
                        "build option `{option}` is the {} unless `dirs` gives `{other} = ...`; name another for the {}, or give `{other}`",
                        what(other),
                        what(key)
                    )
                };
                found.push((option.span(), message));
            }
        }
        for (span, message) in found {
            self.errors.span(span, message);
        }
    }

    /// The option `name` names, if it is a declared path option; else reports why not (once:
    /// an option whose declaration was refused is not reported again).
    fn dir_option(&mut self, items: &[Item], name: &Ident) -> Option<String> {
        let text = name.to_string();
        if let Some(o) = self.family.options.iter().find(|o| o.name == text) {
            if o.kind == ValueKind::Path {
                return Some(text);
            }
            let kind = if o.kind == ValueKind::Mode {
                "mode"
            } else {
                "text"
            };
            self.errors.span(
                name.span(),
                format!("build option `{text}` is a `{kind}` option, and a directory is a `path` one; declare `{text}: path = \"...\"` or name a `path` option"),
            );
            return None;
        }
        let mut declared = false;
        for i in items {
            if let Item::Options(options) = i {
                declared |= options.iter().any(|o| o.name == text);
            }
        }
        if !declared {
            let message = match hint(&text, &names(self.options.iter())) {
                h if h.is_empty() => format!(
                    "unknown build option `{text}` in `dirs`; declare it in `options {{ ... }}` as `{text}: path = \"...\"`"
                ),
                h => format!("unknown build option `{text}` in `dirs`{h}"),
            };
            self.errors.span(name.span(), message);
        }
        None
    }
}

fn what(key: &str) -> &'static str {
    match key {
        "unit" => "unit directory",
        "preset" => "preset directory",
        _ => "installation prefix",
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    /// The messages of the compile errors `tokens` expand into, in order.
    fn errors(tokens: proc_macro2::TokenStream) -> Vec<String> {
        let text = crate::expand(tokens).to_string();
        text.split("compile_error !")
            .skip(1)
            .map(|e| e.split('"').nth(1).unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn declared_dirs_reach_the_family_and_the_rest_keep_their_names() {
        let text = crate::expand(quote! {
            options { systemdsystemunitdir: path = "/lib/systemd/system" }
            dirs { unit = systemdsystemunitdir; }
            unit "a.service" { [Service] ExecStart = "/usr/bin/a"; }
        })
        .to_string();
        assert!(
            text.contains(r#"Dirs { unit : "systemdsystemunitdir" , preset : "presetdir" , prefix : "prefix" }"#),
            "{text}"
        );
    }

    #[test]
    fn an_option_nothing_resembles_gets_the_declaration_to_write() {
        let found = errors(quote! {
            options { bindir: path = "/usr/bin" }
            dirs { unit = systemdsystemunitdir; }
            unit "a.service" { [Service] ExecStart = "/usr/bin/a"; }
        });
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("unknown build option `systemdsystemunitdir` in `dirs`; declare it in `options { ... }` as `systemdsystemunitdir: path = "),
            "{found:?}"
        );
    }

    #[test]
    fn an_option_whose_declaration_failed_is_reported_once() {
        let found = errors(quote! {
            options { unitdir: paht = "/lib/systemd/system" }
            dirs { unit = unitdir; unt = unitdir; }
            unit "a.service" { [Service] ExecStart = "/usr/bin/a"; }
        });
        assert_eq!(
            found,
            [
                "unknown option type `paht`; use `path`, `mode` or `text`; did you mean `path`?",
                "unknown directory `unt` in `dirs`; did you mean `unit`?",
            ]
        );
    }

    #[test]
    fn an_option_a_directory_has_by_default_is_not_named_for_another() {
        let found = errors(quote! {
            options { presetdir: path = "/lib/systemd/system-preset" }
            dirs { unit = presetdir; }
            unit "a.service" { [Service] ExecStart = "/usr/bin/a"; }
        });
        assert_eq!(
            found,
            ["build option `presetdir` is the preset directory unless `dirs` gives `preset = ...`; name another for the unit directory, or give `preset`"]
        );
        let found = errors(quote! {
            options { presetdir: path = "/lib/systemd/system", p: path = "/p" }
            dirs { unit = presetdir; preset = p; }
            unit "a.service" { [Service] ExecStart = "/usr/bin/a"; }
        });
        assert_eq!(found, Vec::<String>::new());
    }
}
