//! Authors: one TOML file per author under `authors/`, the id being the file stem.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::article::ParseFault;
use crate::diagnostic::{Diagnostic, Span};
use crate::id;
use crate::toml_doc::{self, TomlProblemKind};

/// An author file as written.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "copydesk author")]
pub struct RawAuthor {
    /// Display name (required).
    pub name: Option<String>,
    /// Beat shown under the byline ("Consumer Tech & Mobile").
    pub beat: Option<String>,
    /// Short biography in Markdown.
    pub bio: Option<String>,
    /// Avatar: a path or an absolute URL.
    pub avatar: Option<String>,
    /// Author page URL.
    pub url: Option<String>,
    /// Contact address.
    pub email: Option<String>,
    /// Other profiles: label to URL.
    pub links: Option<BTreeMap<String, String>>,
    /// Whether the author still writes for the newsroom (default true).
    pub active: Option<bool>,
}

/// A validated author.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Author {
    /// Id: the file stem, lowercase kebab-case.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Beat.
    pub beat: Option<String>,
    /// Biography.
    pub bio: Option<String>,
    /// Avatar path or URL.
    pub avatar: Option<String>,
    /// Author page URL.
    pub url: Option<String>,
    /// Contact address.
    pub email: Option<String>,
    /// Other profiles.
    pub links: BTreeMap<String, String>,
    /// Still active.
    pub active: bool,
}

/// The result of parsing one author file.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ParsedAuthor {
    /// The author, unless the file could not be read as TOML.
    pub author: Option<Author>,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Author {
    /// Parses an author file's text; the id is the file stem of `path`.
    pub fn parse(path: impl AsRef<Path>, text: &str) -> ParsedAuthor {
        let path: Arc<Path> = Arc::from(path.as_ref());
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let parsed = toml_doc::parse::<RawAuthor>(&text[bom..]);
        let mut diagnostics = Vec::new();
        let mut report = |rule, span: Span, message: String, help: Option<String>| {
            let mut diagnostic =
                ParseFault::diagnostic(rule, path.clone(), span.shifted(bom), message);
            diagnostic.help = help;
            diagnostics.push(diagnostic);
        };
        for problem in &parsed.problems {
            let rule = match problem.kind {
                TomlProblemKind::Syntax | TomlProblemKind::CurlyQuotes => ParseFault::Unreadable,
                TomlProblemKind::UnknownKey => ParseFault::UnknownField,
                TomlProblemKind::InvalidValue => ParseFault::InvalidValue,
            };
            report(
                rule,
                problem.span,
                problem.message.clone(),
                problem.help.clone(),
            );
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let author = parsed.value.map(|raw| {
            if !id::is_kebab_case(&stem) {
                let kebab = id::slugify(&stem);
                report(
                    ParseFault::InvalidValue,
                    Span::at(0),
                    format!("author id `{stem}` (the file name) must be lowercase kebab-case"),
                    (!kebab.is_empty()).then(|| format!("rename the file to `{kebab}.toml`")),
                );
            }
            let name = raw.name.map(|n| n.trim().to_string()).unwrap_or_default();
            if name.is_empty() {
                let span = parsed.spans.value("name").unwrap_or(Span::at(0));
                report(
                    ParseFault::MissingField,
                    span,
                    "missing required field `name`".into(),
                    None,
                );
            }
            for key in ["url", "avatar"] {
                let value = if key == "url" { &raw.url } else { &raw.avatar };
                if let Some(value) = value {
                    let is_path = key == "avatar" && id::is_safe_link(value);
                    if !is_path && !id::is_web_url(value) {
                        let span = parsed.spans.value(key).unwrap_or(Span::at(0));
                        report(
                            ParseFault::InvalidValue,
                            span,
                            format!("`{value}` is not an absolute http(s) URL"),
                            None,
                        );
                    }
                }
            }
            for (label, value) in raw.links.iter().flatten() {
                if !id::is_web_url(value) {
                    let span = parsed
                        .spans
                        .value(&format!("links.{label}"))
                        .or_else(|| parsed.spans.value("links"))
                        .unwrap_or(Span::at(0));
                    report(
                        ParseFault::InvalidValue,
                        span,
                        format!("`links.{label}`: `{value}` is not an absolute http(s) URL"),
                        None,
                    );
                }
            }
            Author {
                id: stem,
                name,
                beat: raw.beat,
                bio: raw.bio,
                avatar: raw.avatar,
                url: raw.url,
                email: raw.email,
                links: raw.links.unwrap_or_default(),
                active: raw.active.unwrap_or(true),
            }
        });
        ParsedAuthor {
            author,
            diagnostics,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_full_author() {
        let parsed = Author::parse(
            "authors/ryan-tanaka.toml",
            "name = \"Ryan Tanaka\"\nbeat = \"Consumer Tech & Mobile\"\n[links]\nmastodon = \"https://m.example/@ryan\"\n",
        );
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let author = parsed.author.expect("author");
        assert_eq!(author.id, "ryan-tanaka");
        assert_eq!(author.beat.as_deref(), Some("Consumer Tech & Mobile"));
        assert!(author.active);
    }

    #[test]
    fn reports_missing_name_unknown_key_and_bad_url() {
        let parsed = Author::parse("authors/x.toml", "nmae = \"X\"\nurl = \"ftp:/x\"\n");
        let codes: Vec<_> = parsed.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["FM002", "FM001", "FM003"]);
    }
}
