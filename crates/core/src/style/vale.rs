//! `copydesk style import`: a Vale style's `substitution` and `existence` rules converted to
//! `[[style.terms]]` and `[[style.patterns]]`, with the rules that could not be converted and
//! why.
//!
//! A Vale style is a directory of YAML files, one rule each (`extends: substitution`,
//! `swap: {bad: good}`; `extends: existence`, `tokens: [...]`). Literal words become terms
//! (fixable when there is one replacement); regular expressions become patterns. Vale's
//! regular expressions are Go's; one that Rust's `regex` cannot compile (look-arounds, back
//! references) is reported instead of guessed at.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_norway::Value;

use crate::error::IoError;

/// A rule that was not converted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Skipped {
    /// The rule's file, relative to the style directory.
    pub file: PathBuf,
    /// Why it was not converted (in part or whole).
    pub reason: String,
}

/// The result of converting a Vale style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Imported {
    /// The converted rules as a style file (`[[style.terms]]`, `[[style.patterns]]`), ready to
    /// be saved and named in `[style] include`.
    pub toml: String,
    /// How many terms and patterns were written.
    pub converted: usize,
    /// How many rule files (`.yml`, `.yaml`) the directory held.
    pub rule_files: usize,
    /// What was left out.
    pub skipped: Vec<Skipped>,
}

/// A term or pattern to write.
enum Entry {
    Term {
        uses: Vec<String>,
        avoid: Vec<String>,
        message: Option<String>,
    },
    Pattern {
        regex: String,
        replace: Option<String>,
        message: Option<String>,
    },
}

/// Converts every `*.yml` and `*.yaml` rule of the Vale style in `dir` (sorted by name).
pub fn import_dir(dir: &Path) -> Result<Imported, IoError> {
    let files = rule_files(dir)?;
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    for path in &files {
        let text =
            std::fs::read_to_string(path).map_err(|e| IoError::new("cannot read", path, e))?;
        let file = PathBuf::from(path.file_name().unwrap_or_default());
        convert_rule(&text, &file, &mut entries, &mut skipped);
    }
    Ok(Imported {
        toml: render(dir, &entries),
        converted: entries.len(),
        rule_files: files.len(),
        skipped,
    })
}

/// The styles under `dir` (a Vale `StylesPath`): its subdirectories that hold rule files, in
/// name order. What to suggest when `dir` itself holds none.
pub fn styles_under(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut styles: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_dir() && rule_files(path).is_ok_and(|files| !files.is_empty()))
        .collect();
    styles.sort();
    styles
}

/// The rule files (`.yml`, `.yaml`) directly in `dir`, in name order.
fn rule_files(dir: &Path) -> Result<Vec<PathBuf>, IoError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| IoError::new("cannot list", dir, e))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_file() && path.extension().is_some_and(|e| e == "yml" || e == "yaml")
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Whether `token` is a plain word or phrase, not a regular expression.
fn is_literal(token: &str) -> bool {
    !token.is_empty()
        && !token.chars().any(|c| {
            matches!(
                c,
                '\\' | '(' | ')' | '[' | ']' | '{' | '}' | '|' | '*' | '+' | '?' | '^' | '$' | '.'
            )
        })
}

/// The forms `ignorecase` stands for: as written, lower case, first letter capital.
fn case_variants(token: &str, ignore_case: bool) -> Vec<String> {
    let mut forms = vec![token.to_string()];
    if ignore_case {
        let lower = token.to_lowercase();
        let mut chars = lower.chars();
        let capital: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        for form in [lower, capital] {
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms
}

/// Vale's message with its `%s` placeholders filled in.
fn message_for(template: Option<&str>, args: &[&str]) -> Option<String> {
    let template = template?;
    let mut out = String::new();
    let mut args = args.iter();
    let mut parts = template.split("%s").peekable();
    while let Some(part) = parts.next() {
        out.push_str(part);
        if parts.peek().is_some() {
            out.push_str(args.next().copied().unwrap_or(""));
        }
    }
    Some(out)
}

/// The message of a converted pattern: Vale fills `%s` with the text each match found, which
/// a fixed message cannot, so such a message is dropped for copydesk's own (which quotes the
/// match) rather than showing the regular expression to writers.
fn static_message(template: Option<&str>, filled: Option<String>) -> Option<String> {
    if template.is_some_and(|t| t.contains("%s")) {
        None
    } else {
        filled
    }
}

fn convert_rule(text: &str, file: &Path, entries: &mut Vec<Entry>, skipped: &mut Vec<Skipped>) {
    let mut skip = |reason: String| {
        skipped.push(Skipped {
            file: file.to_path_buf(),
            reason,
        });
    };
    let rule: Value = match serde_norway::from_str(text) {
        Ok(value) => value,
        Err(error) => return skip(format!("not valid YAML: {error}")),
    };
    let get = |key: &str| rule.get(key);
    let extends = get("extends").and_then(Value::as_str).unwrap_or_default();
    let ignore_case = get("ignorecase").and_then(Value::as_bool).unwrap_or(false);
    let nonword = get("nonword").and_then(Value::as_bool).unwrap_or(false);
    let template = get("message").and_then(Value::as_str);
    for key in ["exceptions", "scope", "raw", "append"] {
        if get(key).is_some() {
            skip(format!(
                "`{key}` has no copydesk equivalent and was ignored"
            ));
        }
    }
    let wrap = |token: &str| {
        let flags = if ignore_case { "(?i)" } else { "" };
        if nonword {
            format!("{flags}(?:{token})")
        } else {
            format!(r"{flags}\b(?:{token})\b")
        }
    };
    let push_pattern = |regex: String,
                        replace: Option<String>,
                        message: Option<String>,
                        entries: &mut Vec<Entry>,
                        skip: &mut dyn FnMut(String)| {
        match regex::Regex::new(&regex) {
            Ok(_) => entries.push(Entry::Pattern {
                regex,
                replace,
                message,
            }),
            Err(error) => skip(format!(
                "`{regex}` is not a regular expression Rust's `regex` supports (look-arounds and back references are not): {}",
                error.to_string().lines().last().unwrap_or_default().trim()
            )),
        }
    };
    match extends {
        "substitution" => {
            let Some(swap) = get("swap").and_then(Value::as_mapping) else {
                return skip("a `substitution` rule without a `swap` map".into());
            };
            for (bad, good) in swap {
                let (Some(bad), Some(good)) = (bad.as_str(), good.as_str()) else {
                    skip("a `swap` entry that is not text: text".into());
                    continue;
                };
                let uses: Vec<String> = good
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                let message = message_for(template, &[good, bad]);
                if is_literal(bad) && !nonword {
                    if uses.iter().any(|u| u.eq_ignore_ascii_case(bad)) && uses.len() == 1 {
                        // A casing swap ("Github: GitHub"): the house form, checked for case.
                        entries.push(Entry::Term {
                            uses,
                            avoid: Vec::new(),
                            message,
                        });
                        continue;
                    }
                    let avoid: Vec<String> = case_variants(bad, ignore_case)
                        .into_iter()
                        .filter(|form| !uses.contains(form))
                        .collect();
                    entries.push(Entry::Term {
                        uses,
                        avoid,
                        message,
                    });
                } else {
                    let replace = (uses.len() == 1).then(|| uses[0].clone());
                    let message = static_message(template, message);
                    push_pattern(wrap(bad), replace, message, entries, &mut skip);
                }
            }
        }
        "existence" => {
            let Some(tokens) = get("tokens").and_then(Value::as_sequence) else {
                return skip("an `existence` rule without `tokens`".into());
            };
            for token in tokens {
                let Some(token) = token.as_str() else {
                    skip("a token that is not text".into());
                    continue;
                };
                let message = message_for(template, &[token]);
                if is_literal(token) && !nonword {
                    entries.push(Entry::Term {
                        uses: Vec::new(),
                        avoid: case_variants(token, ignore_case),
                        message,
                    });
                } else {
                    let message = static_message(template, message);
                    push_pattern(wrap(token), None, message, entries, &mut skip);
                }
            }
        }
        "" => skip("no `extends`: not a Vale rule".into()),
        other => skip(format!(
            "`extends: {other}` has no copydesk equivalent (only `substitution` and `existence` convert)"
        )),
    }
}

/// A TOML string literal.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn render(dir: &Path, entries: &[Entry]) -> String {
    let mut out = format!(
        "# Converted from the Vale style `{}` by `copydesk style import`.\n",
        dir.file_name().unwrap_or(dir.as_os_str()).to_string_lossy()
    );
    for entry in entries {
        match entry {
            Entry::Term {
                uses,
                avoid,
                message,
            } => {
                out.push_str("\n[[style.terms]]\n");
                match uses.as_slice() {
                    [] => {}
                    [one] => {
                        let _ = writeln!(out, "use = {}", quoted(one));
                    }
                    many => {
                        let list: Vec<String> = many.iter().map(|u| quoted(u)).collect();
                        let _ = writeln!(out, "use = [{}]", list.join(", "));
                    }
                }
                if !avoid.is_empty() {
                    let list: Vec<String> = avoid.iter().map(|a| quoted(a)).collect();
                    let _ = writeln!(out, "avoid = [{}]", list.join(", "));
                }
                if let Some(message) = message {
                    let _ = writeln!(out, "message = {}", quoted(message));
                }
            }
            Entry::Pattern {
                regex,
                replace,
                message,
            } => {
                out.push_str("\n[[style.patterns]]\n");
                let _ = writeln!(out, "regex = {}", quoted(regex));
                if let Some(replace) = replace {
                    let _ = writeln!(out, "replace = {}", quoted(replace));
                }
                if let Some(message) = message {
                    let _ = writeln!(out, "message = {}", quoted(message));
                }
            }
        }
    }
    out
}
