//! From file text to a validated [`Article`] and the problems found on the way.
//!
//! Stages: split the `+++` block, read the TOML against the front matter schema (FM000 syntax,
//! FM002 unknown keys, FM003 wrong types), then convert to the typed model (FM001 missing
//! nested fields, FM003 bad dates, ids and URLs). Checks that need only the finished article
//! (missing top-level fields, slugs, lengths) are lint rules in `lint::rules::front_matter`.

use std::path::Path;
use std::sync::Arc;

use super::fault::ParseFault;
use super::model::{Article, Image, Layout, Retraction, Source, Status, Update};
use super::raw::{RawFrontMatter, RawImage, RawRetraction, RawSource, RawUpdate};
use super::split::{SplitError, split};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Span};
use crate::id;
use crate::toml_doc::{self, SpanMap, TomlProblemKind};

/// The result of parsing one article file.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ParsedArticle {
    /// The article, unless the front matter could not be read at all.
    pub article: Option<Article>,
    /// Problems found while parsing, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

struct Reporter {
    path: Arc<Path>,
    diagnostics: Vec<Diagnostic>,
}

impl Reporter {
    fn report(
        &mut self,
        fault: ParseFault,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diagnostics
            .push(fault.diagnostic(self.path.clone(), span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }
}

impl Article {
    /// Parses an article from the text of its file. Never panics; every content problem is a
    /// diagnostic.
    pub fn parse(path: impl AsRef<Path>, text: &str) -> ParsedArticle {
        let path: Arc<Path> = Arc::from(path.as_ref());
        let source: Arc<str> = Arc::from(text);
        let mut reporter = Reporter {
            path: path.clone(),
            diagnostics: Vec::new(),
        };
        let article = parse_article(&path, &source, &mut reporter);
        ParsedArticle {
            article,
            diagnostics: reporter.diagnostics,
        }
    }

    /// Parses bytes that may not be UTF-8: invalid UTF-8 is reported (FM000) at the first bad
    /// byte, with the text decoded lossily for display.
    pub fn parse_bytes(path: impl AsRef<Path>, bytes: &[u8]) -> (ParsedArticle, Arc<str>) {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                let parsed = Article::parse(path, text);
                let source = parsed
                    .article
                    .as_ref()
                    .map_or_else(|| Arc::from(text), |a| a.source.clone());
                (parsed, source)
            }
            Err(error) => {
                let path: Arc<Path> = Arc::from(path.as_ref());
                let offset = error.valid_up_to();
                let text: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).as_ref());
                let diagnostic = ParseFault::Unreadable
                    .diagnostic(
                        path,
                        // The lossy text holds U+FFFD where the bad bytes were: cover that
                        // character, so the span stays on character boundaries of `text`.
                        Span::new(offset, offset + char::REPLACEMENT_CHARACTER.len_utf8()),
                        format!("file is not valid UTF-8 (invalid byte at offset {offset})"),
                    )
                    .with_help(utf8_help(bytes));
                (
                    ParsedArticle {
                        article: None,
                        diagnostics: vec![diagnostic],
                    },
                    text,
                )
            }
        }
    }

    /// Reads and parses the article at `path`.
    pub fn load(path: impl AsRef<Path>) -> Result<ParsedArticle, crate::error::IoError> {
        let path = path.as_ref();
        let bytes =
            std::fs::read(path).map_err(|e| crate::error::IoError::new("cannot read", path, e))?;
        Ok(Article::parse_bytes(path, &bytes).0)
    }
}

fn utf8_help(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        "the file looks like UTF-16; save it as UTF-8".into()
    } else {
        "save the file as UTF-8".into()
    }
}

fn parse_article(path: &Arc<Path>, source: &Arc<str>, reporter: &mut Reporter) -> Option<Article> {
    let text: &str = source;
    let layout = match split(text) {
        Ok(layout) => layout,
        Err(SplitError::Missing { yaml: true, span }) => {
            reporter
                .report(ParseFault::Unreadable, span, "front matter must be TOML between `+++` lines, not YAML")
                .help = Some("replace the `---` lines with `+++` and convert the fields to TOML (`key = \"value\"`)".into());
            return None;
        }
        Err(SplitError::Missing { span, .. }) => {
            reporter
                .report(
                    ParseFault::Unreadable,
                    span,
                    "no `+++` front matter block at the start of the file",
                )
                .help = Some(
                "start the file with a `+++` line, the TOML fields, and a closing `+++` line"
                    .into(),
            );
            return None;
        }
        Err(SplitError::Unterminated { open }) => {
            reporter
                .report(
                    ParseFault::Unreadable,
                    open,
                    "front matter opened here is never closed",
                )
                .help = Some("add a line containing only `+++` after the last field".into());
            return None;
        }
    };

    let toml_text = &text[layout.front_matter.start..layout.front_matter.end];
    let parsed = toml_doc::parse::<RawFrontMatter>(toml_text);
    let offset = layout.front_matter.start;
    for problem in &parsed.problems {
        let (rule, message) = match problem.kind {
            TomlProblemKind::Syntax => (
                ParseFault::Unreadable,
                format!("invalid TOML: {}", problem.message),
            ),
            TomlProblemKind::CurlyQuotes => (ParseFault::Unreadable, problem.message.clone()),
            TomlProblemKind::UnknownKey => (ParseFault::UnknownField, problem.message.clone()),
            TomlProblemKind::InvalidValue => (ParseFault::InvalidValue, problem.message.clone()),
        };
        let span = problem.span.shifted(offset);
        let diagnostic = reporter.report(rule, span, message);
        diagnostic.help.clone_from(&problem.help);
        diagnostic.fix = problem.fix.as_ref().map(|fix| Fix {
            title: fix.title.clone(),
            applicability: Applicability::Safe,
            edits: vec![Edit {
                span,
                replacement: fix.replacement.clone(),
            }],
        });
    }
    let raw = parsed.value?;
    let mut spans = parsed.spans;
    spans.shift(offset);
    let mut builder = Builder {
        reporter,
        spans: &spans,
        layout: &layout,
    };
    let article = builder.build(raw, path.clone(), source.clone(), parsed.pruned);
    Some(Article { spans, ..article })
}

struct Builder<'r> {
    reporter: &'r mut Reporter,
    spans: &'r SpanMap,
    layout: &'r Layout,
}

impl Builder<'_> {
    fn span(&self, path: &str) -> Span {
        self.spans.value(path).unwrap_or(self.layout.open_delimiter)
    }

    fn invalid(&mut self, path: &str, message: String) {
        let span = self.span(path);
        self.reporter
            .report(ParseFault::InvalidValue, span, message);
    }

    /// Adds "use `bob-smith`" to the diagnostic just reported for the malformed id `value`.
    fn help_kebab(&mut self, value: &str) {
        let kebab = id::slugify(value);
        if let Some(last) = self.reporter.diagnostics.last_mut()
            && !kebab.is_empty()
        {
            last.help = Some(format!("use `{kebab}`"));
        }
    }

    fn missing(&mut self, table: &str, field: &str) {
        let span = self.span(table);
        self.reporter.report(
            ParseFault::MissingField,
            span,
            format!("`{table}` has no `{field}`"),
        );
    }

    /// Keeps the ids of `list` that are kebab-case, reporting the rest.
    fn ids(&mut self, key: &str, what: &str, list: Option<Vec<String>>) -> Vec<String> {
        let mut kept = Vec::new();
        for (i, value) in list.unwrap_or_default().into_iter().enumerate() {
            if id::is_kebab_case(&value) {
                kept.push(value);
            } else {
                self.invalid(
                    &format!("{key}[{i}]"),
                    format!("{what} `{value}` must be lowercase kebab-case (letters, digits, single hyphens)"),
                );
                self.help_kebab(&value);
            }
        }
        kept
    }

    fn build(
        &mut self,
        raw: RawFrontMatter,
        path: Arc<Path>,
        source: Arc<str>,
        pruned: Vec<String>,
    ) -> Article {
        let title = raw.title.map(|t| t.trim().to_string()).unwrap_or_default();
        let has_explicit_slug = raw.slug.is_some();
        let slug = raw.slug.unwrap_or_else(|| id::slugify(&title));
        let authors = self.ids("authors", "author id", raw.authors);
        let related = self.ids("related", "related slug", raw.related);
        let aliases = self.ids("aliases", "alias", raw.aliases);
        let retraction = raw.retraction.and_then(|r| self.retraction(r));
        let desk = match raw.desk {
            Some(desk) if !desk.is_empty() && !id::is_kebab_case(&desk) => {
                self.invalid(
                    "desk",
                    format!("desk id `{desk}` must be lowercase kebab-case"),
                );
                self.help_kebab(&desk);
                None
            }
            other => other,
        };
        let mut tags = Vec::new();
        for (i, tag) in raw.tags.unwrap_or_default().into_iter().enumerate() {
            let tag = tag.trim().to_string();
            if tag.is_empty() {
                self.invalid(&format!("tags[{i}]"), "a tag must not be empty".into());
            } else {
                tags.push(tag);
            }
        }
        let published = self.datetime("published", raw.published.as_ref());
        let updated = self.datetime("updated", raw.updated.as_ref());
        if raw.read_time == Some(0) {
            self.invalid("read_time", "`read_time` must be at least 1 minute".into());
        }
        let image = raw.image.and_then(|image| self.image(image));
        let sources = raw
            .sources
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .filter_map(|(i, s)| self.source(i, s))
            .collect();
        let updates = raw
            .updates
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .filter_map(|(i, u)| self.update(i, u))
            .collect();
        // Codes are checked against the rule table by the linter, which reports unknown ones.
        let lint_ignore = raw.lint.and_then(|l| l.ignore).unwrap_or_default();
        Article {
            path,
            source,
            layout: self.layout.clone(),
            spans: SpanMap::default(),
            title,
            slug,
            has_explicit_slug,
            dek: raw.dek.map(|d| d.trim().to_string()),
            authors,
            desk,
            tags,
            status: raw.status.unwrap_or(Status::Draft),
            has_status: raw.status.is_some(),
            published,
            updated,
            related,
            aliases,
            retraction,
            language: raw.language,
            read_time: raw.read_time.filter(|m| *m > 0),
            image,
            sources,
            updates,
            lint_ignore,
            extra: raw.extra.unwrap_or_default(),
            invalid_fields: pruned,
        }
    }

    fn datetime(
        &mut self,
        key: &str,
        raw: Option<&crate::date::RawDate>,
    ) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        match raw?.to_datetime() {
            Ok(datetime) => Some(datetime),
            Err(error) => {
                self.invalid(key, format!("`{key}`: {error}"));
                None
            }
        }
    }

    fn image(&mut self, raw: RawImage) -> Option<Image> {
        let Some(src) = raw.src.filter(|s| !s.trim().is_empty()) else {
            self.missing("image", "src");
            return None;
        };
        // The export leaves such an image out too; saying so here lets lint catch it first.
        if !id::is_safe_link(&src) {
            self.invalid(
                "image.src",
                format!("`image.src`: `{src}` is not an http(s) URL or a relative path"),
            );
            return None;
        }
        Some(Image {
            src,
            alt: raw.alt.unwrap_or_default(),
            credit: raw.credit,
        })
    }

    fn source(&mut self, index: usize, raw: RawSource) -> Option<Source> {
        let key = format!("sources[{index}]");
        let span = self.span(&key);
        let Some(source_id) = raw.id.filter(|s| !s.is_empty()) else {
            self.missing(&key, "id");
            return None;
        };
        if !id::is_kebab_case(&source_id) {
            self.invalid(
                &format!("{key}.id"),
                format!("source id `{source_id}` must be lowercase kebab-case"),
            );
            self.help_kebab(&source_id);
        }
        let title = raw
            .title
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| {
                self.missing(&key, "title");
                String::new()
            });
        let url = match raw.url {
            Some(url) if !id::is_web_url(&url) => {
                self.invalid(
                    &format!("{key}.url"),
                    format!("`{url}` is not an absolute http(s) URL"),
                );
                None
            }
            other => other,
        };
        let published = match raw.published.map(|d| d.to_date_or_datetime()) {
            Some(Ok(date)) => Some(date),
            Some(Err(error)) => {
                self.invalid(
                    &format!("{key}.published"),
                    format!("`{key}.published`: {error}"),
                );
                None
            }
            None => None,
        };
        Some(Source {
            id: source_id,
            title,
            url,
            publisher: raw.publisher,
            published,
            span,
        })
    }

    fn retraction(&mut self, raw: RawRetraction) -> Option<Retraction> {
        let Some(raw_at) = raw.at else {
            self.missing("retraction", "at");
            return None;
        };
        let at = self.datetime("retraction.at", Some(&raw_at))?;
        let Some(reason) = raw.reason.filter(|r| !r.trim().is_empty()) else {
            self.missing("retraction", "reason");
            return None;
        };
        Some(Retraction { at, reason })
    }

    fn update(&mut self, index: usize, raw: RawUpdate) -> Option<Update> {
        let key = format!("updates[{index}]");
        let span = self.span(&key);
        let Some(raw_at) = raw.at else {
            self.missing(&key, "at");
            return None;
        };
        let at = self.datetime(&format!("{key}.at"), Some(&raw_at))?;
        let Some(text) = raw.text.filter(|t| !t.trim().is_empty()) else {
            self.missing(&key, "text");
            return None;
        };
        Some(Update {
            at,
            kind: raw.kind.unwrap_or_default(),
            text,
            source: raw.source,
            span,
        })
    }
}
