//! `copydesk.toml`: site settings, paths, desks, read-time rates, lint and export settings.
//!
//! `RawConfig` mirrors the file for serde and the JSON Schema; [`Config`] is the validated form
//! the rest of the program uses. Lint selection is validated here so a typo in a code is an
//! error naming the key before any article is read.
//!
//! ```
//! use std::path::Path;
//! use copydesk::Config;
//!
//! let toml = r#"
//! [site]
//! title = "The Ledger"
//! base_url = "https://ledger.example"
//! timezone = "Europe/Berlin"
//!
//! [desks.politics]
//! name = "Politics"
//! "#;
//! let config = Config::parse(Path::new("copydesk.toml"), toml)?;
//! assert_eq!(config.site.timezone.name(), "Europe/Berlin");
//! assert_eq!(config.desk("politics").map(|desk| desk.name.as_str()), Some("Politics"));
//!
//! // An unknown key is an error that names it.
//! let error = Config::parse(Path::new("copydesk.toml"), "[site]\ntitel = \"x\"\n").unwrap_err();
//! assert!(error.to_string().contains("copydesk.toml"));
//! # Ok::<(), copydesk::ConfigError>(())
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{LineColumn, LineIndex, Span};
use crate::error::{ConfigError, ConfigProblem};
use crate::lint::LintSettings;
use crate::read_time::ReadTimeSettings;
use crate::toml_doc;

/// The name of the configuration file.
pub const CONFIG_FILE: &str = "copydesk.toml";

#[doc(hidden)]
/// `copydesk.toml` as written.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "copydesk.toml")]
pub struct RawConfig {
    /// Another configuration file this one inherits, relative to this file: its settings
    /// apply first and this file's override them (tables merge key by key, lists are
    /// replaced, `[[lint.overrides]]` of both apply, the inherited ones first).
    pub extend: Option<String>,
    /// Site-wide settings.
    pub site: Option<RawSite>,
    /// Where content lives.
    pub paths: Option<RawPaths>,
    /// Desks by id.
    pub desks: Option<BTreeMap<String, RawDesk>>,
    /// Read-time rates.
    pub read_time: Option<RawReadTime>,
    /// Lint selection, severities and rule options.
    pub lint: Option<RawLint>,
    /// Export settings.
    pub export: Option<RawExport>,
    /// Scaffolding settings for `copydesk new-article`.
    pub new_article: Option<RawNewArticle>,
    /// Resource limits that keep one odd file from stalling a run.
    pub limits: Option<RawLimits>,
    /// House style: terms, patterns and style files to include.
    pub style: Option<crate::style::RawStyle>,
    /// Spelling: dictionaries and accepted words.
    pub spelling: Option<crate::style::RawSpelling>,
}

#[doc(hidden)]
/// `[limits]`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLimits {
    /// Largest article or author file, in bytes, that is read and parsed; a larger file is
    /// reported as `FM000` and skipped. Defaults to 10485760 (10 MiB).
    pub max_file_bytes: Option<u64>,
}

#[doc(hidden)]
/// `[site]`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    /// Site name.
    pub title: Option<String>,
    /// Absolute base URL for feeds and JSON-LD.
    pub base_url: Option<String>,
    /// Default BCP 47 language of articles.
    pub language: Option<String>,
    /// IANA time zone for human-readable times.
    pub timezone: Option<String>,
    /// One-line description for feeds.
    pub description: Option<String>,
}

#[doc(hidden)]
/// `[paths]`, relative to the newsroom root.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPaths {
    /// Directory of articles.
    pub articles: Option<String>,
    /// Directory of author files.
    pub authors: Option<String>,
    /// Pattern for new articles: `{year}`, `{month}`, `{day}`, `{slug}`, `{desk}`.
    pub new_article: Option<String>,
}

#[doc(hidden)]
/// `[desks.<id>]`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDesk {
    /// Display name.
    pub name: Option<String>,
    /// What the desk covers.
    pub description: Option<String>,
}

#[doc(hidden)]
/// `[read_time]`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReadTime {
    /// Prose words read per minute.
    pub words_per_minute: Option<u32>,
    /// Han, Hiragana, Katakana and Hangul characters read per minute.
    pub cjk_characters_per_minute: Option<u32>,
    /// Seconds for the first image, one less for each next, never under 3; 0 turns it off.
    pub image_seconds: Option<u32>,
    /// Whether code blocks count as prose.
    pub count_code: Option<bool>,
}

#[doc(hidden)]
/// `[lint]`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLint {
    /// Codes or family prefixes to run; `ALL` for every rule.
    pub select: Option<Vec<String>>,
    /// Codes or family prefixes not to run.
    pub ignore: Option<Vec<String>>,
    /// Per-code severity: `error`, `warning`, `info` or `off`.
    pub severity: Option<BTreeMap<String, String>>,
    /// Per-rule options, by code.
    #[schemars(with = "Option<BTreeMap<String, BTreeMap<String, serde_json::Value>>>")]
    pub options: Option<BTreeMap<String, toml::Table>>,
    /// A baseline file (relative to the file that names it) of accepted findings, which
    /// `copydesk lint` does not report; written by `copydesk lint --write-baseline FILE`.
    pub baseline: Option<String>,
    /// Settings for some articles, by path glob, desk and status, applied in order after
    /// the settings above.
    pub overrides: Option<Vec<RawOverride>>,
}

/// `[[lint.overrides]]`: settings for the articles it matches. An article matches when every
/// condition given holds (`paths` and `desks` and `status`), each by any of its entries.
#[doc(hidden)]
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOverride {
    /// Globs matched against the article's path relative to the newsroom root: `*` stays
    /// within a directory, `**` crosses directories (`articles/opinion/**`).
    pub paths: Option<Vec<String>>,
    /// Desk ids.
    pub desks: Option<Vec<String>>,
    /// Statuses: `draft`, `review`, `scheduled`, `published`, `retracted`.
    pub status: Option<Vec<String>>,
    /// Codes or family prefixes to turn on for these articles.
    pub select: Option<Vec<String>>,
    /// Codes or family prefixes to turn off for these articles.
    pub ignore: Option<Vec<String>>,
    /// Per-code severity for these articles: `error`, `warning`, `info` or `off`.
    pub severity: Option<BTreeMap<String, String>>,
    /// Per-rule options for these articles, by code; they replace the rule's top-level ones.
    #[schemars(with = "Option<BTreeMap<String, BTreeMap<String, serde_json::Value>>>")]
    pub options: Option<BTreeMap<String, toml::Table>>,
}

#[doc(hidden)]
/// `[export]`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawExport {
    /// Keep raw HTML in exported bodies, passed through a sanitiser.
    pub allow_raw_html: Option<bool>,
    /// Number of items in feeds.
    pub feed_items: Option<u32>,
}

#[doc(hidden)]
/// `[new_article]`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawNewArticle {
    /// Path (relative to the root) of a template for new article bodies.
    pub template: Option<String>,
}

/// Site settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// Site name.
    pub title: String,
    /// Absolute base URL, without a trailing slash.
    pub base_url: String,
    /// Default language.
    pub language: String,
    /// Time zone for display strings.
    pub timezone: crate::Timezone,
    /// Description for feeds.
    pub description: Option<String>,
}

/// A desk: a section of the newsroom with its own editors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Desk {
    /// Id used in front matter.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it covers.
    pub description: Option<String>,
}

/// Where content lives, relative to the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Articles directory.
    pub articles: PathBuf,
    /// Authors directory.
    pub authors: PathBuf,
    /// Pattern for new article paths.
    pub new_article: String,
}

/// Export settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSettings {
    /// Keep sanitised raw HTML.
    pub allow_raw_html: bool,
    /// Items per feed.
    pub feed_items: usize,
}

/// Resource limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest file, in bytes, that is read and parsed.
    pub max_file_bytes: u64,
}

/// The default `limits.max_file_bytes`: far above any real article, far below what would
/// stall a lint run in CI.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// The validated configuration.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// Site settings.
    pub site: Site,
    /// Content paths.
    pub paths: Paths,
    /// Desks by id, in id order.
    pub desks: BTreeMap<String, Desk>,
    /// Read-time rates.
    pub read_time: ReadTimeSettings,
    /// Lint settings from `[lint]`.
    pub lint: LintSettings,
    /// Export settings.
    pub export: ExportSettings,
    /// Template for new articles, relative to the root.
    pub new_article_template: Option<PathBuf>,
    /// Resource limits.
    pub limits: Limits,
    /// The baseline file of `[lint] baseline`, resolved against the file that names it.
    pub baseline: Option<PathBuf>,
    /// The files read: this configuration file first, then each file it extends in turn.
    pub files: Vec<PathBuf>,
    /// The file that set each key last, by dotted key (`lint.severity.ED004`).
    pub(crate) origins: BTreeMap<String, PathBuf>,
    /// House style and spelling (`[style]`, `[spelling]`).
    pub style: crate::style::StyleSettings,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            site: Site {
                title: "Newsroom".into(),
                base_url: "https://example.com".into(),
                language: "en".into(),
                timezone: crate::Timezone::UTC,
                description: None,
            },
            paths: Paths {
                articles: PathBuf::from("articles"),
                authors: PathBuf::from("authors"),
                new_article: DEFAULT_NEW_ARTICLE.into(),
            },
            desks: BTreeMap::new(),
            read_time: ReadTimeSettings::default(),
            lint: LintSettings::default(),
            export: ExportSettings {
                allow_raw_html: false,
                feed_items: 20,
            },
            new_article_template: None,
            limits: Limits {
                max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            },
            baseline: None,
            files: Vec::new(),
            origins: BTreeMap::new(),
            style: crate::style::StyleSettings::default(),
        }
    }
}

const DEFAULT_NEW_ARTICLE: &str = "articles/{year}/{month}/{slug}.md";

/// Collects problems with their positions while validating.
struct Problems<'a> {
    text: &'a str,
    index: LineIndex,
    spans: toml_doc::SpanMap,
    list: Vec<ConfigProblem>,
}

impl Problems<'_> {
    fn push_span(&mut self, span: Span, message: String, help: Option<String>) {
        self.list.push(ConfigProblem {
            position: self.index.position(self.text, span.start),
            span,
            message,
            help,
        });
    }

    fn push(&mut self, path: &str, message: String) {
        let span = self.spans.value(path).unwrap_or(Span::at(0));
        self.push_span(span, message, None);
    }
}

/// Reports each desk an override names that the configuration does not define: the override
/// would match no article. Problems of overrides written in `path` point at the desk; those of
/// an extended file name that file.
fn unknown_override_desks(config: &Config, path: &Path, problems: &mut Problems<'_>) {
    for found in config.lint.overrides() {
        for (j, desk) in found.desks.iter().enumerate() {
            if config.desks.contains_key(desk) {
                continue;
            }
            let known = config.desks.keys().map(String::as_str);
            let hint = match crate::suggest::nearest(desk, known) {
                Some(best) => format!("; {}", crate::suggest::did_you_mean(best)),
                None => "; the desks are the tables under `[desks]`".to_string(),
            };
            match &found.origin {
                Some((file, n)) if file != path => problems.push_span(
                    Span::at(0),
                    format!(
                        "unknown desk `{desk}` in `[[lint.overrides]]` {} of `{}`{hint}",
                        n + 1,
                        file.display()
                    ),
                    None,
                ),
                origin => {
                    let n = origin.as_ref().map_or(0, |(_, n)| *n);
                    problems.push(
                        &format!("lint.overrides[{n}].desks[{j}]"),
                        format!("unknown desk `{desk}`{hint}"),
                    );
                }
            }
        }
    }
}

impl Config {
    /// Reads and validates `copydesk.toml` at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        // A FIFO or a huge file named `copydesk.toml` is refused, not waited on or read whole.
        let text = crate::fs::read_text(path, DEFAULT_MAX_FILE_BYTES).map_err(ConfigError::Read)?;
        Config::parse(path, &text)
    }

    /// Validates the text of the configuration file at `path`, and reads the files it
    /// extends (`extend = "…"`, relative to `path`), each validated on its own so a problem
    /// names its own file and line.
    ///
    /// # Errors
    /// [`ConfigError::Invalid`] for a problem in any of the files (an `extend` that cannot
    /// be read is one, at its key), [`ConfigError::ExtendCycle`] when the files extend each
    /// other in a circle.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let mut chain = Vec::new();
        let layered = Layered::read(path, text, &mut chain)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let raw: RawConfig =
            toml::Value::Table(layered.table)
                .try_into()
                .map_err(|error: toml::de::Error| ConfigError::Invalid {
                    path: path.to_path_buf(),
                    problems: vec![ConfigProblem {
                        position: LineColumn { line: 1, column: 1 },
                        span: Span::at(0),
                        message: format!(
                            "the merged configuration is invalid: {}",
                            error.message()
                        ),
                        help: None,
                    }],
                })?;
        let mut problems = Problems {
            text,
            index: LineIndex::new(text),
            spans: toml_doc::parse::<RawConfig>(text).spans,
            list: Vec::new(),
        };
        // Style files and the accept list are read once, for the whole chain, from the
        // newsroom root (the directory of the file named on the command line).
        let root = path.parent().unwrap_or(Path::new(""));
        let mut config = Config::from_raw(raw, Some(root), &mut problems);
        config.lint.set_override_origins(layered.overrides);
        // Only the whole chain knows every desk: an extended file may name desks the file
        // extending it defines.
        unknown_override_desks(&config, path, &mut problems);
        if !problems.list.is_empty() {
            return Err(ConfigError::Invalid {
                path: path.to_path_buf(),
                problems: problems.list,
            });
        }
        config.baseline = layered.baseline;
        config.files = chain;
        config.origins = layered.origins;
        Ok(config)
    }

    /// The file that set `key` (dotted, such as `lint.select`) last, if any file did.
    pub fn origin_of(&self, key: &str) -> Option<&Path> {
        self.origins.get(key).map(PathBuf::as_path)
    }

    /// Validates the text of one configuration file on its own, ignoring what it extends.
    fn parse_one(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let parsed = toml_doc::parse::<RawConfig>(text);
        let mut problems = Problems {
            text,
            index: LineIndex::new(text),
            spans: parsed.spans,
            list: Vec::new(),
        };
        for problem in parsed.problems {
            problems.push_span(problem.span, problem.message, problem.help);
        }
        if text.starts_with("---")
            && let Some(first) = problems.list.first_mut()
        {
            first.help =
                Some("`copydesk.toml` is TOML (`key = \"value\"`, `[section]`), not YAML".into());
        }
        let config = parsed
            .value
            .map(|raw| Config::from_raw(raw, None, &mut problems));
        match config {
            Some(config) if problems.list.is_empty() => Ok(config),
            _ => Err(ConfigError::Invalid {
                path: path.to_path_buf(),
                problems: problems.list,
            }),
        }
    }

    /// Validates one file's settings, or the merged settings of an extend chain. `root`, the
    /// newsroom root, is given for the merged settings only: included style files are read
    /// then, once.
    fn from_raw(raw: RawConfig, root: Option<&Path>, problems: &mut Problems<'_>) -> Config {
        let mut config = Config::default();
        let mut style_problems = Vec::new();
        config.style = crate::style::StyleSettings::from_raw(
            raw.style,
            raw.spelling,
            root,
            &mut style_problems,
        );
        for (key, message) in style_problems {
            problems.push(&key, message);
        }
        let site = raw.site.unwrap_or_default();
        if let Some(title) = site.title {
            config.site.title = title;
        }
        if let Some(base_url) = site.base_url {
            if crate::id::is_web_url(&base_url) {
                config.site.base_url = base_url.trim_end_matches('/').to_string();
            } else {
                problems.push(
                    "site.base_url",
                    format!("`{base_url}` is not an absolute http(s) URL"),
                );
            }
        }
        if let Some(language) = site.language {
            config.site.language = language;
        }
        if let Some(zone) = site.timezone {
            match zone.parse::<crate::Timezone>() {
                Ok(tz) => config.site.timezone = tz,
                Err(unknown) => problems.push("site.timezone", unknown.to_string()),
            }
        }
        config.site.description = site.description;

        let paths = raw.paths.unwrap_or_default();
        for (key, value) in [
            ("paths.articles", &paths.articles),
            ("paths.authors", &paths.authors),
        ] {
            if let Some(dir) = value
                .as_deref()
                .filter(|dir| !crate::fs::is_safe_relative(Path::new(dir)))
            {
                problems.push(
                    key,
                    format!("`{dir}` must be a relative path inside the newsroom"),
                );
            }
        }
        let articles_set = paths.articles.is_some();
        if let Some(dir) = paths.articles {
            config.paths.articles = PathBuf::from(dir);
        }
        if let Some(dir) = paths.authors {
            config.paths.authors = PathBuf::from(dir);
        }
        if let Some(pattern) = paths.new_article {
            if let Err(message) =
                crate::scaffold::check_pattern_in(&pattern, &config.paths.articles)
            {
                problems.push(
                    "paths.new_article",
                    format!("`paths.new_article`: {message}"),
                );
            }
            config.paths.new_article = pattern;
        } else if articles_set {
            // The default pattern must follow the articles directory, or `new-article` would
            // write files that `lint` never looks at.
            config.paths.new_article = crate::scaffold::default_pattern_for(&config.paths.articles);
        }

        for (id, desk) in raw.desks.unwrap_or_default() {
            if !crate::id::is_kebab_case(&id) {
                let span = problems
                    .spans
                    .key(&format!("desks.{id}"))
                    .unwrap_or_default();
                problems.push_span(
                    span,
                    format!("desk id `{id}` must be lowercase kebab-case"),
                    None,
                );
            }
            let name = desk.name.unwrap_or_else(|| id.clone());
            config.desks.insert(
                id.clone(),
                Desk {
                    id,
                    name,
                    description: desk.description,
                },
            );
        }

        let read_time = raw.read_time.unwrap_or_default();
        for (key, value) in [
            ("read_time.words_per_minute", read_time.words_per_minute),
            (
                "read_time.cjk_characters_per_minute",
                read_time.cjk_characters_per_minute,
            ),
        ] {
            if value == Some(0) {
                problems.push(key, "a reading rate must be at least 1".into());
            }
        }
        let defaults = ReadTimeSettings::default();
        config.read_time = ReadTimeSettings {
            words_per_minute: read_time
                .words_per_minute
                .filter(|v| *v > 0)
                .unwrap_or(defaults.words_per_minute),
            cjk_characters_per_minute: read_time
                .cjk_characters_per_minute
                .filter(|v| *v > 0)
                .unwrap_or(defaults.cjk_characters_per_minute),
            image_seconds: read_time.image_seconds.unwrap_or(defaults.image_seconds),
            count_code: read_time.count_code.unwrap_or(defaults.count_code),
        };

        match LintSettings::from_raw(raw.lint.unwrap_or_default()) {
            Ok(lint) => config.lint = lint,
            Err(errors) => {
                for (path, message) in errors {
                    problems.push(&path, message);
                }
            }
        }

        let export = raw.export.unwrap_or_default();
        config.export.allow_raw_html = export.allow_raw_html.unwrap_or(false);
        if let Some(items) = export.feed_items {
            if items == 0 {
                problems.push("export.feed_items", "a feed needs at least 1 item".into());
            } else {
                config.export.feed_items = items as usize;
            }
        }
        if let Some(max) = raw.limits.and_then(|l| l.max_file_bytes) {
            if max == 0 {
                problems.push(
                    "limits.max_file_bytes",
                    "the file size limit must be at least 1 byte".into(),
                );
            } else {
                config.limits.max_file_bytes = max;
            }
        }
        if let Some(template) = raw.new_article.and_then(|n| n.template) {
            if crate::fs::is_safe_relative(Path::new(&template)) {
                config.new_article_template = Some(PathBuf::from(template));
            } else {
                problems.push(
                    "new_article.template",
                    format!("`{template}` must be a relative path inside the newsroom"),
                );
            }
        }
        config
    }

    /// The desk with `id`.
    pub fn desk(&self, id: &str) -> Option<&Desk> {
        self.desks.get(id)
    }
}

/// The files of an `extend` chain merged into one TOML table, with what came from where.
struct Layered {
    /// The merged table: the inherited files' keys, replaced by the extending file's.
    table: toml::Table,
    /// `[lint] baseline`, resolved against the file that names it.
    baseline: Option<PathBuf>,
    /// The file of each `[[lint.overrides]]` table and its place in that file, in order.
    overrides: Vec<(PathBuf, usize)>,
    /// The file that set each dotted key last.
    origins: BTreeMap<String, PathBuf>,
}

impl Layered {
    /// Reads the configuration file at `path` with `text` and, first, the files it extends;
    /// `chain` holds the files read so far, to refuse a cycle.
    fn read(path: &Path, text: &str, chain: &mut Vec<PathBuf>) -> Result<Layered, ConfigError> {
        Config::parse_one(path, text)?;
        chain.push(path.to_path_buf());
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // Valid on its own, so it is a TOML table.
        let mut table: toml::Table = text.parse().unwrap_or_default();
        let dir = path.parent().unwrap_or(Path::new(""));
        let mut base = match table.remove("extend") {
            Some(toml::Value::String(extend)) => {
                let next = crate::fs::normalize(&dir.join(&extend));
                let same = |seen: &PathBuf| {
                    *seen == next
                        || std::fs::canonicalize(seen)
                            .ok()
                            .zip(std::fs::canonicalize(&next).ok())
                            .is_some_and(|(a, b)| a == b)
                };
                if chain.iter().any(same) {
                    let mut cycle = chain.clone();
                    cycle.push(next);
                    return Err(ConfigError::ExtendCycle { chain: cycle });
                }
                let base_text =
                    crate::fs::read_text(&next, DEFAULT_MAX_FILE_BYTES).map_err(|error| {
                        let spans = toml_doc::parse::<RawConfig>(text).spans;
                        let span = spans.value("extend").unwrap_or(Span::at(0));
                        let reason = std::error::Error::source(&error)
                            .map_or_else(|| error.to_string(), ToString::to_string);
                        ConfigError::Invalid {
                            path: path.to_path_buf(),
                            problems: vec![ConfigProblem {
                                position: LineIndex::new(text).position(text, span.start),
                                span,
                                message: format!("cannot read `{}`: {reason}", next.display()),
                                help: None,
                            }],
                        }
                    })?;
                Layered::read(&next, &base_text, chain)?
            }
            _ => Layered {
                table: toml::Table::new(),
                baseline: None,
                overrides: Vec::new(),
                origins: BTreeMap::new(),
            },
        };
        let lint = table.get_mut("lint").and_then(toml::Value::as_table_mut);
        if let Some(lint) = lint {
            if let Some(toml::Value::String(baseline)) = lint.remove("baseline") {
                base.baseline = Some(crate::fs::normalize(&dir.join(baseline)));
                base.origins
                    .insert("lint.baseline".into(), path.to_path_buf());
            }
            if let Some(toml::Value::Array(mine)) = lint.remove("overrides") {
                base.overrides
                    .extend((0..mine.len()).map(|i| (path.to_path_buf(), i)));
                let mut all = match base
                    .table
                    .get_mut("lint")
                    .and_then(toml::Value::as_table_mut)
                    .and_then(|lint| lint.remove("overrides"))
                {
                    Some(toml::Value::Array(inherited)) => inherited,
                    _ => Vec::new(),
                };
                all.extend(mine);
                lint.insert("overrides".into(), toml::Value::Array(all));
            }
        }
        merge(&mut base.table, table, "", path, &mut base.origins);
        Ok(base)
    }
}

/// Merges `top` over `base`: tables key by key, anything else replaced; records the file of
/// each key `top` sets.
fn merge(
    base: &mut toml::Table,
    top: toml::Table,
    prefix: &str,
    file: &Path,
    origins: &mut BTreeMap<String, PathBuf>,
) {
    for (key, value) in top {
        let dotted = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match (base.get_mut(&key), value) {
            // A rule's options are one setting, replaced whole.
            (Some(toml::Value::Table(inner)), toml::Value::Table(value))
                if prefix != "lint.options" =>
            {
                merge(inner, value, &dotted, file, origins);
            }
            (_, value) => {
                if let toml::Value::Table(table) = &value {
                    record(table, &dotted, file, origins);
                } else {
                    origins.insert(dotted, file.to_path_buf());
                }
                base.insert(key, value);
            }
        }
    }
}

/// Records `file` as the origin of every key under `table`.
fn record(table: &toml::Table, prefix: &str, file: &Path, origins: &mut BTreeMap<String, PathBuf>) {
    origins.insert(prefix.to_string(), file.to_path_buf());
    for (key, value) in table {
        let dotted = format!("{prefix}.{key}");
        match value {
            // A rule's options are one setting: the table is its value.
            toml::Value::Table(inner) if !prefix.ends_with("lint.options") => {
                record(inner, &dotted, file, origins);
            }
            _ => {
                origins.insert(dotted, file.to_path_buf());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match Config::parse(Path::new("copydesk.toml"), text) {
            Ok(_) => Vec::new(),
            Err(ConfigError::Invalid { problems, .. }) => problems
                .iter()
                .map(|p| format!("{}:{}: {}", p.position.line, p.position.column, p.message))
                .collect(),
            Err(other) => vec![other.to_string()],
        }
    }

    #[test]
    fn limits_are_read_and_checked() {
        let config = Config::parse(
            Path::new("copydesk.toml"),
            "[limits]\nmax_file_bytes = 2048\n",
        )
        .expect("valid");
        assert_eq!(config.limits.max_file_bytes, 2048);
        assert_eq!(
            Config::default().limits.max_file_bytes,
            DEFAULT_MAX_FILE_BYTES
        );
        assert_eq!(
            problems("[limits]\nmax_file_bytes = 0\n"),
            ["2:18: the file size limit must be at least 1 byte"]
        );
    }

    #[test]
    fn yaml_config_gets_a_hint_and_one_line_error() {
        let error = Config::parse(Path::new("copydesk.toml"), "---\nsite: x\n---\n")
            .expect_err("YAML is not TOML");
        let text = error.to_string();
        let first = text.lines().next().expect("a line");
        assert!(
            first.starts_with("invalid configuration copydesk.toml:1:"),
            "{text}"
        );
        assert!(first.contains("not YAML"), "{text}");
    }

    #[test]
    fn full_config_is_read() {
        let text = r#"
[site]
title = "Tech Desk"
base_url = "https://news.example.com/"
timezone = "Europe/Berlin"
[desks.ai]
name = "AI"
[read_time]
words_per_minute = 250
[lint]
ignore = ["FM00"]
[lint.severity]
FM006 = "error"
[lint.options]
FM006 = { max_chars = 90 }
"#;
        let config = Config::parse(Path::new("copydesk.toml"), text).expect("valid config");
        assert_eq!(config.site.base_url, "https://news.example.com");
        assert_eq!(config.site.timezone.name(), "Europe/Berlin");
        assert_eq!(config.desks["ai"].name, "AI");
        assert_eq!(config.read_time.words_per_minute, 250);
    }

    #[test]
    fn unknown_keys_and_bad_values_name_their_line() {
        assert_eq!(
            problems("[site]\ntitel = \"x\"\ntimezone = \"Mars/Olympus\"\n"),
            [
                "2:1: unknown field `site.titel`, did you mean `title`?",
                "3:12: `Mars/Olympus` is not an IANA time zone such as `Europe/Berlin`"
            ]
        );
        assert_eq!(
            problems("[lint]\nselect = [\"FM999\"]\n[lint.severity]\nFM007 = \"loud\"\n"),
            [
                "2:11: unknown rule code or family `FM999`; use a code such as `FM003`, a family such as `ED`, or `ALL`",
                "4:9: severity `loud` must be one of error, warning, info, off"
            ]
        );
        assert_eq!(problems("[paths]\narticles = \"../elsewhere\"\n").len(), 1);
    }
}
