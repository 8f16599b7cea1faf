//! `[style]` and `[spelling]` as written, and their validated form.
//!
//! Style files named in `[style] include` have the shape of `copydesk.toml`'s own `[style]`
//! section (`[[style.terms]]`, `[[style.patterns]]`), so a rule moves between the two by
//! copy and paste. A problem in an included file is reported at its `include` entry, with
//! the included file's own path, line and key in the message.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::matcher::Compiled;
use crate::diagnostic::LineIndex;

#[doc(hidden)]
/// `[style]` in `copydesk.toml`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawStyle {
    /// Style files to read, relative to the newsroom root (`["styles/house.toml"]`); each
    /// holds `[[style.terms]]` and `[[style.patterns]]` like this section.
    pub include: Option<Vec<String>>,
    /// House terms: a form to use, forms to avoid, or both.
    pub terms: Option<Vec<RawTerm>>,
    /// House patterns: regular expressions, with an optional replacement.
    pub patterns: Option<Vec<RawPattern>>,
}

#[doc(hidden)]
/// A style file named in `[style] include`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawStyleFile {
    /// The file's terms and patterns.
    pub style: Option<RawStyleBody>,
}

#[doc(hidden)]
/// `[style]` of an included style file: terms and patterns, no further includes.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawStyleBody {
    /// House terms.
    pub terms: Option<Vec<RawTerm>>,
    /// House patterns.
    pub patterns: Option<Vec<RawPattern>>,
}

#[doc(hidden)]
/// `[[style.terms]]`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    /// The house form, or several acceptable forms. A form with a capital letter is a proper
    /// noun: any other casing of it in prose is reported (ST002).
    #[serde(rename = "use")]
    pub use_: Option<TermForms>,
    /// Forms to report (ST001), matched as whole words with the case as written (and with a
    /// capital first letter at the start of a sentence).
    pub avoid: Option<Vec<String>>,
    /// What the finding says instead of the default message.
    pub message: Option<String>,
}

#[doc(hidden)]
/// One form or several.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum TermForms {
    /// A single form.
    One(String),
    /// Several forms.
    Many(Vec<String>),
}

impl TermForms {
    fn into_vec(self) -> Vec<String> {
        match self {
            TermForms::One(form) => vec![form],
            TermForms::Many(forms) => forms,
        }
    }
}

#[doc(hidden)]
/// `[[style.patterns]]`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPattern {
    /// A regular expression (Rust `regex` syntax), matched against each block of prose.
    pub regex: String,
    /// The replacement, with `$1` or `${name}` for captured groups; makes the finding fixable.
    pub replace: Option<String>,
    /// What the finding says instead of the default message.
    pub message: Option<String>,
}

#[doc(hidden)]
/// `[spelling]`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSpelling {
    /// Hunspell dictionaries by name (`en_US`, `en_GB`, `de_DE`): `<name>.aff` and
    /// `<name>.dic` in the newsroom's `dictionaries/`, else the built-in `en_US`, else the
    /// system's `/usr/share/hunspell`. Defaults to `["en_US"]`.
    pub dictionaries: Option<Vec<String>>,
    /// Words spelling accepts, besides `styles/accept.txt` (one word a line).
    pub accept: Option<Vec<String>>,
    /// Also check capitalised words inside a sentence (most are names). Defaults to false.
    pub check_proper_nouns: Option<bool>,
}

/// A validated house term.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StyleTerm {
    /// The house forms; the first is the fix when there is exactly one.
    pub uses: Vec<String>,
    /// The forms to report.
    pub avoid: Vec<String>,
    /// A custom message.
    pub message: Option<String>,
}

/// A validated house pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StylePattern {
    /// The regular expression's source.
    pub regex: String,
    /// The replacement template.
    pub replace: Option<String>,
    /// A custom message.
    pub message: Option<String>,
}

/// Validated `[spelling]`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SpellingSettings {
    /// Dictionary names, in order of preference.
    pub dictionaries: Vec<String>,
    /// Accepted words: `accept` plus `styles/accept.txt`.
    pub accept: BTreeSet<String>,
    /// Whether capitalised words inside a sentence are checked.
    pub check_proper_nouns: bool,
    /// The newsroom root, where `dictionaries/` is looked for.
    pub(crate) root: PathBuf,
    /// Whether `copydesk.toml` has a `[spelling]` section: only then does an article in a
    /// language without a dictionary get its info finding (a newsroom that never asked for
    /// spelling is not told about it on every non-English article).
    pub(crate) configured: bool,
    /// The dictionary files as they were when the configuration loaded
    /// ([`crate::style::spelling::dictionaries_stamp`]).
    pub(crate) dictionaries_stamp: u64,
}

impl Default for SpellingSettings {
    fn default() -> Self {
        SpellingSettings {
            dictionaries: vec!["en_US".into()],
            accept: BTreeSet::new(),
            check_proper_nouns: false,
            root: PathBuf::new(),
            configured: false,
            dictionaries_stamp: 0,
        }
    }
}

/// The validated house style and spelling settings, with the matcher compiled from them.
#[derive(Clone, Default)]
#[non_exhaustive]
pub struct StyleSettings {
    /// Terms, from `copydesk.toml` and then the included files in order.
    pub terms: Vec<StyleTerm>,
    /// Patterns, in the same order.
    pub patterns: Vec<StylePattern>,
    /// Spelling.
    pub spelling: SpellingSettings,
    pub(crate) compiled: Arc<Compiled>,
    /// The files read besides `copydesk.toml` (included style files, the accept list), so a
    /// live session reloads the configuration when one changes.
    pub(crate) files: Vec<PathBuf>,
}

// Written out so the lint index's fingerprint (the configuration's `Debug` form) names every
// term, pattern and accepted word, and not the automaton built from them.
impl fmt::Debug for StyleSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StyleSettings")
            .field("terms", &self.terms)
            .field("patterns", &self.patterns)
            .field("spelling", &self.spelling)
            .finish_non_exhaustive()
    }
}

/// The name of the newsroom's list of accepted words, relative to the root.
pub const ACCEPT_FILE: &str = "styles/accept.txt";

/// Where a problem is reported: a key of `copydesk.toml` (`style.terms[2].avoid[0]`).
pub(crate) type Problem = (String, String);

impl StyleSettings {
    /// Validates `[style]` and `[spelling]`. With the newsroom `root`, included files and
    /// `styles/accept.txt` are read from it and the matcher is compiled; without (one file of
    /// an extend chain checked on its own) only what the file itself says is checked.
    /// Problems name the key of `copydesk.toml` they belong to.
    pub(crate) fn from_raw(
        style: Option<RawStyle>,
        spelling: Option<RawSpelling>,
        root: Option<&Path>,
        problems: &mut Vec<Problem>,
    ) -> StyleSettings {
        let mut settings = StyleSettings::default();
        let style = style.unwrap_or_default();
        let mut sources = vec![StyleSource {
            file: None,
            body: RawStyleBody {
                terms: style.terms,
                patterns: style.patterns,
            },
        }];
        let includes = match root {
            Some(_) => style.include.unwrap_or_default(),
            None => Vec::new(),
        };
        for (i, include) in includes.iter().enumerate() {
            let key = format!("style.include[{i}]");
            let root = root.unwrap_or(Path::new(""));
            match read_style_file(root, include) {
                Ok((body, file)) => {
                    settings.files.push(root.join(include));
                    sources.push(StyleSource {
                        file: Some((key, file)),
                        body,
                    });
                }
                Err(message) => problems.push((key, message)),
            }
        }
        // Where each kept term came from, to report a form both used and avoided.
        let mut term_origins = Vec::new();
        let mut regexes = Vec::new();
        let mut files = Vec::with_capacity(sources.len());
        for (index, source) in sources.into_iter().enumerate() {
            let StyleSource { file, body } = source;
            files.push(file);
            let file = &files[index];
            for (i, term) in body.terms.unwrap_or_default().into_iter().enumerate() {
                let base = format!("style.terms[{i}]");
                let uses = term.use_.map(TermForms::into_vec).unwrap_or_default();
                let avoid = term.avoid.unwrap_or_default();
                if uses.is_empty() && avoid.is_empty() {
                    problems.push(locate(
                        file.as_ref(),
                        &base,
                        format!("`{base}` needs `use`, `avoid` or both"),
                    ));
                    continue;
                }
                for (field, forms) in [("use", &uses), ("avoid", &avoid)] {
                    for (j, form) in forms.iter().enumerate() {
                        if form.trim().is_empty() || form.trim() != form {
                            let path = if field == "use" && forms.len() == 1 {
                                format!("{base}.use")
                            } else {
                                format!("{base}.{field}[{j}]")
                            };
                            problems.push(locate(
                                file.as_ref(),
                                &path,
                                format!(
                                    "`{path}`: a term form must be non-empty, without spaces around it"
                                ),
                            ));
                        }
                    }
                }
                // The source's index, not a copy of its file: a style has hundreds of terms.
                term_origins.push((index, base));
                settings.terms.push(StyleTerm {
                    uses,
                    avoid,
                    message: term.message,
                });
            }
            for (i, pattern) in body.patterns.unwrap_or_default().into_iter().enumerate() {
                let path = format!("style.patterns[{i}].regex");
                let problem = match regex::Regex::new(&pattern.regex) {
                    Err(error) => Some(format!(
                        "`{path}` is not a valid regular expression: {}",
                        regex_problem(&error)
                    )),
                    Ok(regex) if regex.is_match("") => Some(format!(
                        "`{path}` matches the empty text, so it would match everywhere"
                    )),
                    Ok(regex) => {
                        regexes.push(regex);
                        None
                    }
                };
                if let Some(message) = problem {
                    problems.push(locate(file.as_ref(), &path, message));
                    continue;
                }
                settings.patterns.push(StylePattern {
                    regex: pattern.regex,
                    replace: pattern.replace,
                    message: pattern.message,
                });
            }
        }
        // A form both used and avoided would make a fix that the next run reports again.
        let used: BTreeSet<&str> = settings
            .terms
            .iter()
            .flat_map(|term| term.uses.iter().map(String::as_str))
            .collect();
        for (term, (index, base)) in settings.terms.iter().zip(&term_origins) {
            let file = &files[*index];
            for (j, form) in term.avoid.iter().enumerate() {
                if used.contains(form.as_str()) {
                    let path = format!("{base}.avoid[{j}]");
                    problems.push(locate(
                        file.as_ref(),
                        &path,
                        format!("`{path}`: `{form}` is both a form to use and a form to avoid"),
                    ));
                }
            }
        }

        settings.spelling.configured = spelling.is_some();
        let spelling = spelling.unwrap_or_default();
        settings.spelling.root = root.map(Path::to_path_buf).unwrap_or_default();
        settings.spelling.dictionaries_stamp =
            super::spelling::dictionaries_stamp(&settings.spelling.root);
        if let Some(names) = spelling.dictionaries {
            for (i, name) in names.iter().enumerate() {
                if !is_dictionary_name(name) {
                    problems.push((
                        format!("spelling.dictionaries[{i}]"),
                        format!("`{name}` is not a dictionary name such as `en_US` or `de_DE`"),
                    ));
                }
            }
            settings.spelling.dictionaries = names;
        }
        settings.spelling.check_proper_nouns = spelling.check_proper_nouns.unwrap_or(false);
        settings.spelling.accept = spelling
            .accept
            .unwrap_or_default()
            .into_iter()
            .map(|word| word.trim().to_string())
            .filter(|word| !word.is_empty())
            .collect();
        let Some(root) = root else {
            return settings;
        };
        settings.files.push(root.join(ACCEPT_FILE));
        match std::fs::read_to_string(root.join(ACCEPT_FILE)) {
            Ok(text) => settings.spelling.accept.extend(read_accept_list(&text)),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => problems.push((
                "spelling".into(),
                format!("cannot read `{ACCEPT_FILE}`: {error}"),
            )),
        }
        if problems.is_empty() {
            match Compiled::new(&settings.terms, &settings.patterns, regexes) {
                Ok(compiled) => settings.compiled = Arc::new(compiled),
                Err(message) => problems.push(("style".into(), message)),
            }
        }
        settings
    }

    /// Whether any term or pattern is configured.
    pub fn has_style(&self) -> bool {
        !self.terms.is_empty() || !self.patterns.is_empty()
    }
}

/// The words of an accept list (`styles/accept.txt`): one a line, blank lines and `#`
/// comments skipped.
pub(crate) fn read_accept_list(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
}

/// A dictionary name is a file stem: letters, digits, `_` and `-`, so it can never reach
/// outside the directories it is looked up in.
fn is_dictionary_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// What is wrong with a pattern, on one line: `regex` shows a syntax error as the pattern with
/// a caret under the place and the problem below it, which read as one line would run together.
fn regex_problem(error: &regex::Error) -> String {
    let regex::Error::Syntax(shown) = error else {
        return error
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
    };
    let lines: Vec<&str> = shown.lines().collect();
    let problem = lines
        .iter()
        .find_map(|line| line.strip_prefix("error: "))
        .unwrap_or(shown.as_str());
    // The caret line is indented as the pattern line above it is.
    let column = lines.windows(2).find_map(|pair| {
        let caret = pair[1].find('^')?;
        let indent = pair[0].len() - pair[0].trim_start().len();
        (pair[1].trim().chars().all(|c| c == '^')).then(|| caret.saturating_sub(indent) + 1)
    });
    match column {
        Some(column) => format!("{problem} (at column {column} of the pattern)"),
        None => problem.to_string(),
    }
}

/// An included style file's text and key spans, to name the line of a problem in it.
#[derive(Clone)]
pub(crate) struct StyleFile {
    include: String,
    text: String,
    spans: crate::toml_doc::SpanMap,
}

/// Terms and patterns from `copydesk.toml` (`file` is `None`) or an included file (with the
/// `include` key that names it).
struct StyleSource {
    file: Option<(String, StyleFile)>,
    body: RawStyleBody,
}

/// A problem at `key`: in `copydesk.toml`, that key; in an included file, the `include`
/// entry, with the file's own path, line, column and key in the message.
fn locate(file: Option<&(String, StyleFile)>, key: &str, message: String) -> Problem {
    match file {
        None => (key.to_string(), message),
        Some((include_key, file)) => {
            let span = file.spans.value(key).or_else(|| file.spans.key(key));
            let at = match span {
                Some(span) => {
                    let position = LineIndex::new(&file.text).position(&file.text, span.start);
                    format!("{}:{}:{}", file.include, position.line, position.column)
                }
                None => file.include.clone(),
            };
            (include_key.clone(), format!("{at}: {message}"))
        }
    }
}

/// Reads an included style file; unknown keys and values of the wrong type are errors that
/// name the file, line and key.
fn read_style_file(root: &Path, include: &str) -> Result<(RawStyleBody, StyleFile), String> {
    if !crate::fs::is_safe_relative(Path::new(include)) {
        return Err(format!(
            "`{include}` must be a relative path inside the newsroom"
        ));
    }
    let path = root.join(include);
    let text = crate::fs::read_text(&path, crate::config::DEFAULT_MAX_FILE_BYTES)
        .map_err(|error| format!("cannot read style file `{include}`: {}", error.source))?;
    let parsed = crate::toml_doc::parse::<RawStyleFile>(&text);
    if let Some(problem) = parsed.problems.first() {
        let position = LineIndex::new(&text).position(&text, problem.span.start);
        return Err(format!(
            "{include}:{}:{}: {}",
            position.line, position.column, problem.message
        ));
    }
    let body = parsed.value.and_then(|file| file.style).unwrap_or_default();
    Ok((
        body,
        StyleFile {
            include: include.to_string(),
            text,
            spans: parsed.spans,
        },
    ))
}
