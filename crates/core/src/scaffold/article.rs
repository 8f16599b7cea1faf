//! New articles: the slug, the path from `paths.new_article`, and the text of the file.
//!
//! As scaffolded, an article is a draft whose body is placeholder paragraphs under section
//! headings, each starting with `TK:` (the newsroom mark for copy to come). Its one finding is
//! ED009 placeholder-text, at info severity while it is a draft (a draft needs no `published`
//! date or dek), and no rule compares placeholder text, so untouched drafts are never
//! near-duplicates of each other. Once the placeholders are replaced, sources listed and cited
//! and the status set to `published` with a date, the article lints clean.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::error::ScaffoldError;
use super::index::NewsroomIndex;
use super::pattern::{expand_pattern, substitute};
use crate::config::Config;
use crate::error::IoError;

/// Slugs made from long titles are cut at a word boundary to at most this many characters.
pub const MAX_SLUG_CHARS: usize = 80;

/// The body of a new article when `[new_article] template` is not set: a lede placeholder and
/// three sections, each with a placeholder paragraph so no section is empty. Placeholders
/// start with `TK:`, which ED009 reports and every other rule skips.
pub const DEFAULT_BODY: &str = "\
TK: Write the lede here: what happened, who it affects and why it matters now, in one or two sentences.

## What happened

TK: Set out the facts in the order readers need them, and link each claim to a source listed above.

## Why it matters

TK: Give readers the context to judge the news: what changed, who gains and who loses.

## What comes next

TK: Close with the decisions, dates and reactions still to come.
";

/// The placeholders a `[new_article] template` may use, each replaced by its value.
pub const TEMPLATE_PLACEHOLDERS: &[&str] = &["title", "slug", "desk", "year", "month", "day"];

/// What a writer asks for when starting an article.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewArticle {
    /// Headline.
    pub title: String,
    /// Slug given explicitly; `None` derives it from the title.
    pub slug: Option<String>,
    /// Author ids.
    pub authors: Vec<String>,
    /// Desk id.
    pub desk: String,
    /// Tags.
    pub tags: Vec<String>,
    /// The date that fills `{year}`, `{month}` and `{day}`, usually now in the site's zone.
    pub date: DateTime<FixedOffset>,
}

impl NewArticle {
    /// A new article with `title`, dated `date`, and no authors, desk, tags or slug yet.
    pub fn new(title: impl Into<String>, date: DateTime<FixedOffset>) -> NewArticle {
        NewArticle {
            title: title.into(),
            slug: None,
            authors: Vec::new(),
            desk: String::new(),
            tags: Vec::new(),
            date,
        }
    }
}

/// A file ready to be written: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PlannedFile {
    /// Path relative to the newsroom root.
    pub relative: PathBuf,
    /// The same path joined to the root.
    pub path: PathBuf,
    /// The full text of the file.
    pub contents: String,
}

/// The article's slug: the one given, checked, or one made from the title.
///
/// Apostrophes are dropped ("Microsoft’s" gives `microsofts`), accents folded, and a slug
/// longer than [`MAX_SLUG_CHARS`] cut at the last hyphen that fits.
///
/// # Errors
/// An empty or multi-line title, an invalid explicit slug, a title with letters outside the
/// Latin script and no slug ([`ScaffoldError::NonLatinTitle`]: transliterations are
/// unreadable) or a title with nothing to slugify (emoji, punctuation).
pub fn article_slug(new: &NewArticle) -> Result<String, ScaffoldError> {
    check_title(&new.title)?;
    if let Some(slug) = &new.slug {
        if !crate::id::is_kebab_case(slug) {
            return Err(ScaffoldError::InvalidSlug { slug: slug.clone() });
        }
        return Ok(slug.clone());
    }
    let title = new.title.trim();
    if let Some(script) = crate::id::transliterated_script(title) {
        return Err(ScaffoldError::NonLatinTitle {
            title: title.to_string(),
            script,
        });
    }
    // Symbols and emoji would transliterate to their names ("🚀" to `rocket`): only letters,
    // digits and apostrophes (which `slugify` drops) carry meaning into the slug.
    let readable: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '\'' | '’' | '‘' | 'ʼ') {
                c
            } else {
                ' '
            }
        })
        .collect();
    let slug = crate::id::slugify(&readable);
    if slug.is_empty() {
        return Err(ScaffoldError::UnsluggableTitle {
            title: title.to_string(),
        });
    }
    Ok(truncate_slug(&slug))
}

fn check_title(title: &str) -> Result<(), ScaffoldError> {
    if title.trim().is_empty() {
        return Err(ScaffoldError::EmptyTitle);
    }
    if title.chars().any(char::is_control) {
        return Err(ScaffoldError::MultilineTitle);
    }
    Ok(())
}

/// Cuts `slug` (ASCII) to at most [`MAX_SLUG_CHARS`], at a hyphen when there is one.
fn truncate_slug(slug: &str) -> String {
    if slug.len() <= MAX_SLUG_CHARS {
        return slug.to_string();
    }
    let head = &slug[..=MAX_SLUG_CHARS];
    let cut = match head.rfind('-') {
        Some(hyphen) if hyphen > 0 => &slug[..hyphen],
        _ => &slug[..MAX_SLUG_CHARS],
    };
    cut.trim_end_matches('-').to_string()
}

/// The path of the new article: `paths.new_article` expanded under `root`.
///
/// Every placeholder must expand to a single lowercase path component and the result must stay
/// inside the root, whatever the title, slug or desk contain.
///
/// # Errors
/// The errors of [`article_slug`], an invalid desk id, or a pattern that does not expand to a
/// safe relative path.
pub fn new_article_path(
    config: &Config,
    root: &Path,
    new: &NewArticle,
) -> Result<PathBuf, ScaffoldError> {
    Ok(root.join(relative_path(config, new)?))
}

fn relative_path(config: &Config, new: &NewArticle) -> Result<PathBuf, ScaffoldError> {
    let slug = article_slug(new)?;
    check_id("desk", &new.desk)?;
    let (year, month, day) = date_parts(new.date);
    expand_pattern(
        &config.paths.new_article,
        &[
            ("year", &year),
            ("month", &month),
            ("day", &day),
            ("slug", &slug),
            ("desk", &new.desk),
        ],
    )
}

fn date_parts(date: DateTime<FixedOffset>) -> (String, String, String) {
    (
        date.format("%Y").to_string(),
        date.format("%m").to_string(),
        date.format("%d").to_string(),
    )
}

fn check_id(kind: &'static str, id: &str) -> Result<(), ScaffoldError> {
    if id.is_empty() {
        return Err(ScaffoldError::Missing {
            what: if kind == "desk" {
                "a desk"
            } else {
                "an author"
            },
        });
    }
    if !crate::id::is_kebab_case(id) {
        return Err(ScaffoldError::InvalidId {
            kind,
            id: id.to_string(),
        });
    }
    Ok(())
}

/// Checks `new` against the newsroom: a usable title and slug, at least one author, every
/// author and the desk known, and no other article with the same slug.
///
/// Existing slugs are the file stems of the article files (see [`NewsroomIndex`]), so a file
/// that does not even parse still keeps its slug from being reused.
///
/// # Errors
/// [`ScaffoldError::UnknownAuthor`] and [`ScaffoldError::UnknownDesk`] list the known ids and
/// the nearest match; [`ScaffoldError::SlugCollision`] names the other article's file.
pub fn check_new_article(index: &NewsroomIndex, new: &NewArticle) -> Result<(), ScaffoldError> {
    let slug = article_slug(new)?;
    if new.authors.is_empty() {
        return Err(ScaffoldError::Missing { what: "an author" });
    }
    for id in &new.authors {
        check_id("author", id)?;
        if !index.has_author(id) {
            let known = index.authors.clone();
            return Err(ScaffoldError::UnknownAuthor {
                id: id.clone(),
                nearest: crate::suggest::nearest(id, known.iter().map(String::as_str))
                    .map(str::to_string),
                known,
            });
        }
        if index.inactive_authors.contains(id) {
            return Err(ScaffoldError::InactiveAuthor { id: id.clone() });
        }
    }
    check_id("desk", &new.desk)?;
    if index.config.desk(&new.desk).is_none() {
        let known: Vec<String> = index.config.desks.keys().cloned().collect();
        return Err(ScaffoldError::UnknownDesk {
            id: new.desk.clone(),
            nearest: crate::suggest::nearest(&new.desk, known.iter().map(String::as_str))
                .map(str::to_string),
            known,
        });
    }
    if let Some(existing) = index.article_with_slug(&slug) {
        return Err(ScaffoldError::SlugCollision {
            slug,
            existing: existing.to_path_buf(),
        });
    }
    Ok(())
}

/// Reads the body template named by `[new_article] template`, if any.
///
/// # Errors
/// [`ScaffoldError::OutsideRoot`] when the template is a link out of the root,
/// [`ScaffoldError::Io`] when it cannot be read, is not a regular file (a FIFO, a device, a
/// directory) or is larger than `limits.max_file_bytes`, [`ScaffoldError::UnknownPlaceholder`]
/// when it names a placeholder other than [`TEMPLATE_PLACEHOLDERS`] (it would be left in every
/// draft).
pub fn load_template(config: &Config, root: &Path) -> Result<Option<String>, ScaffoldError> {
    let Some(relative) = &config.new_article_template else {
        return Ok(None);
    };
    let path = root.join(relative);
    let real_root = root
        .canonicalize()
        .map_err(|e| IoError::new("cannot resolve", root, e))?;
    let real = path
        .canonicalize()
        .map_err(|e| IoError::new("cannot read template", &path, e))?;
    if !real.starts_with(&real_root) {
        return Err(ScaffoldError::OutsideRoot {
            path: relative.clone(),
            root: root.to_path_buf(),
        });
    }
    // The same checked reader as articles: a FIFO or device is refused instead of blocking
    // `new-article` forever, and a huge file is not read.
    let text = crate::fs::read_text(&real, config.limits.max_file_bytes)?;
    let text = text.trim_start_matches('\u{feff}');
    if let Some((name, line)) = unknown_placeholder(text, TEMPLATE_PLACEHOLDERS) {
        return Err(ScaffoldError::UnknownPlaceholder {
            name,
            path: relative.clone(),
            line,
            known: TEMPLATE_PLACEHOLDERS,
        });
    }
    Ok(Some(text.to_string()))
}

/// The first `{name}` in `text` whose name looks like a placeholder (letters, digits, `_`,
/// `-`, starting with a letter) but is not one of `known`, with its 1-based line. Other
/// braces (`{ "json": 1 }`, `{}`) are text and stay as written.
fn unknown_placeholder(text: &str, known: &[&str]) -> Option<(String, usize)> {
    let mut rest = text;
    let mut consumed = 0;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(close) = after.find('}') {
            let name = &after[..close];
            let looks_like_placeholder =
                name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if looks_like_placeholder && !known.contains(&name) {
                let line = text[..consumed + open].matches('\n').count() + 1;
                return Some((name.to_string(), line));
            }
        }
        consumed += open + 1;
        rest = after;
    }
    None
}

/// The text of the new article: front matter with every value TOML-encoded, then the body.
///
/// The front matter holds `title`, `slug` (always written, so editing the headline later
/// does not move the URL), `authors`, `desk`, `tags` and `status = "draft"`, with commented
/// hints for `dek`, `published` and a `[[sources]]` entry. The body is `template` with
/// `{title}`, `{slug}`, `{desk}`, `{year}`, `{month}` and `{day}` replaced, or
/// [`DEFAULT_BODY`].
///
/// # Errors
/// The errors of [`article_slug`].
pub fn render_new_article(
    new: &NewArticle,
    template: Option<&str>,
) -> Result<String, ScaffoldError> {
    let slug = article_slug(new)?;
    let title = new.title.trim();
    let (year, month, day) = date_parts(new.date);
    let strings = |items: &[String]| {
        toml::Value::Array(
            items
                .iter()
                .map(|s| toml::Value::from(s.as_str()))
                .collect(),
        )
    };
    let published = new.date.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut text = String::new();
    text.push_str("+++\n");
    push_line(&mut text, "title", &toml::Value::from(title));
    push_line(&mut text, "slug", &toml::Value::from(slug.as_str()));
    text.push_str(
        "# dek = \"One or two sentences that sell the story, under the headline and in feeds\"\n",
    );
    push_line(&mut text, "authors", &strings(&new.authors));
    push_line(&mut text, "desk", &toml::Value::from(new.desk.as_str()));
    push_line(&mut text, "tags", &strings(&new.tags));
    push_line(&mut text, "status", &toml::Value::from("draft"));
    let _ = writeln!(
        text,
        "# published = {published}  # required once status is \"published\""
    );
    text.push_str(
        "\n# List every source the story relies on and cite it in the body as\n\
         # [what it says](source:short-id):\n\
         # [[sources]]\n\
         # id = \"short-id\"\n\
         # title = \"Title of the cited document\"\n\
         # url = \"https://example.com/document\"\n\
         # publisher = \"Who published it\"\n\
         # published = 2026-01-31\n",
    );
    text.push_str("+++\n\n");
    let body = match template {
        Some(template) => substitute(
            template,
            &[
                ("title", title),
                ("slug", &slug),
                ("desk", &new.desk),
                ("year", &year),
                ("month", &month),
                ("day", &day),
            ],
        ),
        None => DEFAULT_BODY.to_string(),
    };
    text.push_str(body.trim_start_matches(['\n', '\r']));
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

fn push_line(text: &mut String, key: &str, value: &toml::Value) {
    let _ = writeln!(text, "{key} = {value}");
}

/// Everything `copydesk new-article` does short of writing: checks `new` against the newsroom,
/// computes the path and renders the text with the configured template.
///
/// # Errors
/// The errors of [`check_new_article`], [`new_article_path`] and [`load_template`].
pub fn plan_new_article(
    index: &NewsroomIndex,
    new: &NewArticle,
) -> Result<PlannedFile, ScaffoldError> {
    check_new_article(index, new)?;
    let relative = relative_path(&index.config, new)?;
    let template = load_template(&index.config, &index.root)?;
    let contents = render_new_article(new, template.as_deref())?;
    Ok(PlannedFile {
        path: index.root.join(&relative),
        relative,
        contents,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::Article;

    fn date() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-05-06T14:25:00+02:00").expect("valid date")
    }

    fn article(title: &str) -> NewArticle {
        let mut new = NewArticle::new(title, date());
        new.authors = vec!["ryan-tanaka".into()];
        new.desk = "ai".into();
        new
    }

    #[test]
    fn slugs_from_titles() {
        let slug = |title: &str| article_slug(&article(title));
        assert_eq!(
            slug("OpenAI Breaks Microsoft’s Hold").expect("slug"),
            "openai-breaks-microsofts-hold"
        );
        assert_eq!(
            slug("Café déjà vu: l’été").expect("slug"),
            "cafe-deja-vu-lete"
        );
        assert!(matches!(slug(""), Err(ScaffoldError::EmptyTitle)));
        assert!(matches!(slug("  "), Err(ScaffoldError::EmptyTitle)));
        assert!(matches!(slug("a\nb"), Err(ScaffoldError::MultilineTitle)));
        for title in [
            "東京の新しいAI",
            "Новости дня",
            "أخبار اليوم",
            "חדשות היום",
            "Ειδήσεις",
            "ข่าววันนี้",
        ] {
            assert!(
                matches!(slug(title), Err(ScaffoldError::NonLatinTitle { .. })),
                "{title}"
            );
        }
        assert!(matches!(
            slug("🚀🔥"),
            Err(ScaffoldError::UnsluggableTitle { .. })
        ));
        let long = slug(&"word ".repeat(200)).expect("slug");
        assert!(
            long.len() <= MAX_SLUG_CHARS && !long.ends_with('-'),
            "{long}"
        );
        assert!(long.starts_with("word-word"));
        let one_word = slug(&"a".repeat(1000)).expect("slug");
        assert_eq!(one_word.len(), MAX_SLUG_CHARS);
    }

    #[test]
    fn explicit_slugs_are_checked() {
        for bad in ["../etc", "a/b", "A", "a--b", "..", ""] {
            let mut new = article("Title");
            new.slug = Some(bad.into());
            assert!(
                matches!(article_slug(&new), Err(ScaffoldError::InvalidSlug { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn paths_stay_under_the_root() {
        let config = Config::default();
        let root = Path::new("/newsroom");
        for title in ["../../etc/passwd", "/abs", "C:\\x", "a/b/c", "🚀 launch"] {
            let path = new_article_path(&config, root, &article(title)).expect("sluggable");
            let relative = path.strip_prefix(root).expect("under the root");
            assert!(crate::fs::is_safe_relative(relative), "{}", path.display());
            assert!(relative.starts_with("articles/2026/05"));
        }
        assert!(new_article_path(&config, root, &article("..")).is_err());
        let mut hostile = article("Title");
        hostile.desk = "../x".into();
        let mut config = Config::default();
        config.paths.new_article = "articles/{desk}/{slug}.md".into();
        assert!(matches!(
            new_article_path(&config, root, &hostile),
            Err(ScaffoldError::InvalidId { .. })
        ));
    }

    #[test]
    fn rendered_article_round_trips_hostile_titles() {
        for title in [
            "He said \"no\" \\ then left",
            "+++ in a title",
            "Quotes ' and ’ and '''",
            "Ends with a backslash \\",
        ] {
            let text = render_new_article(&article(title), None).expect("renders");
            let parsed = Article::parse("x.md", &text);
            assert!(
                parsed.diagnostics.is_empty(),
                "{title}: {:?}",
                parsed.diagnostics
            );
            let parsed = parsed.article.expect("parses");
            assert_eq!(parsed.title, title);
        }
    }

    #[test]
    fn unknown_template_placeholders_are_found_with_their_line() {
        let known = TEMPLATE_PLACEHOLDERS;
        assert_eq!(unknown_placeholder("{title}\n{slug} {day}", known), None);
        assert_eq!(
            unknown_placeholder("# {title}\n\nBy {author}.\n", known),
            Some(("author".into(), 3))
        );
        assert_eq!(
            unknown_placeholder("```json\n{ \"a\": 1 } {} {{title}}\n```", known),
            None
        );
        assert_eq!(
            unknown_placeholder("{Title}", known),
            Some(("Title".into(), 1))
        );
    }

    #[test]
    fn templates_replace_the_body() {
        let text = render_new_article(
            &article("A {slug} Title"),
            Some("Lede for {title} on {desk}, {year}-{month}-{day} ({slug}) {unknown}.\n"),
        )
        .expect("renders");
        assert!(
            text.ends_with(
                "+++\n\nLede for A {slug} Title on ai, 2026-05-06 (a-slug-title) {unknown}.\n"
            ),
            "{text}"
        );
    }
}
