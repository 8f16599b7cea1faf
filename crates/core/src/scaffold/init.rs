//! `copydesk init`: a working newsroom with one desk, one author and one published sample
//! article that lints clean, so a writer starts from something that passes.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, SecondsFormat};

use super::error::ScaffoldError;
use super::write::write_new_file;
use crate::config::CONFIG_FILE;
use crate::error::IoError;

/// One file of a new newsroom.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InitFile {
    /// Path relative to the newsroom root.
    pub relative: PathBuf,
    /// The text of the file.
    pub contents: String,
    /// Whether an existing file of this name is kept rather than refused (`.gitignore`).
    pub keep_existing: bool,
}

const CONFIG: &str = r#"# copydesk.toml: the settings of this newsroom. Unknown keys are errors, so a typo
# is reported with its line and the nearest valid key. Every setting is documented at
# https://github.com/copydesk/copydesk/blob/main/docs/configuration.md

[site]
title = "Newsroom"                      # the site's name, shown in feeds and exports
base_url = "https://news.example.com"   # absolute URL of the site, for links in feeds and JSON-LD
language = "en"                         # BCP 47 language of articles; picks read-time rates
timezone = "UTC"                        # IANA time zone for dates shown to readers, e.g. "Europe/Berlin"

[paths]
articles = "articles"                   # where articles live, relative to this file
authors = "authors"                     # one <author-id>.toml per author
# Where `copydesk new-article` writes; placeholders: {year} {month} {day} {slug} {desk}.
new_article = "articles/{year}/{month}/{slug}.md"

# One table per desk: the id after `desks.` goes in an article's `desk` field.
# Add desks with `copydesk new-desk ID --name "NAME"`.
[desks.news]
name = "News"                           # display name

[read_time]
words_per_minute = 200                  # prose words read per minute
cjk_characters_per_minute = 500         # Han, Hiragana, Katakana and Hangul characters per minute
image_seconds = 12                      # first image 12 s, the next 11 s, ... never under 3 s; 0 = off
count_code = false                      # whether code blocks count as prose

[lint]
select = ["ALL"]                        # rules to run: "ALL", codes ("FM003") or families ("ED")
ignore = []                             # rules not to run
# [lint.severity]                       # per-rule severity: "error" | "warning" | "info" | "off"
# ED004 = "warning"
# [lint.options]                        # per-rule options, see `copydesk rule <CODE>`
# FM006 = { max_chars = 110 }

[style]
include = ["styles/house.toml"]         # the house style (rules ST001-ST003); see that file
# [spelling]                            # rule SP001
# dictionaries = ["en_US"]              # Hunspell dictionaries by name; en_US is built in
# accept = ["Bedrock"]                  # words spelling accepts, besides styles/accept.txt

# [new_article]
# template = "templates/article.md"     # body of new articles; {title} {slug} {desk} {year} {month} {day}
"#;

const AUTHOR_ID: &str = "alex-rivera";

const AUTHOR: &str = r#"# An author: the id is the file name, used in an article's `authors` list.
# Rename this file and change the name to your own, or add authors with `copydesk new-author`.
name = "Alex Rivera"
beat = "News"
bio = "Alex Rivera edits the newsroom and writes about how it works."
# avatar = "images/authors/alex-rivera.jpg"
# url = "https://news.example.com/authors/alex-rivera"
"#;

const ARTICLE_SLUG: &str = "how-this-newsroom-keeps-its-stories";

const ARTICLE_BODY: &str = r"
This newsroom keeps each story as a plain text file that any editor can open and any reviewer can read in a pull request. The block at the top holds the facts about the story, written in [TOML, a small configuration format](source:toml-spec), and everything below it is the story itself.

## The front matter

The headline, the dek, the byline, the desk and the publication time live in the front matter, so feeds, search pages and structured data all read the same values. Each document the story relies on gets a `[[sources]]` entry with a short id, and the body cites it with a link whose target is `source:` and that id.

## The body

The story is written in [CommonMark, a precise dialect of Markdown](source:commonmark-spec): blank lines separate paragraphs, two hash signs start a section heading, and links look like the one in this sentence. The headline belongs in the front matter, so the body starts with the lede rather than with a heading.

## Before publishing

Run `copydesk lint` to catch missing fields, uncited sources, broken links and typographic slips, and start the next story with `copydesk new-article`, which fills in all of this for you.
";

const GITIGNORE: &str = "# Output of `copydesk export --out public`\n/public/\n";

/// The files of a new newsroom, with the sample article published at `now`.
///
/// The sample is dated `now` (never later), so the timeline rules accept it as soon as it is
/// written; every rule of the catalogue passes on the result.
pub fn render_init(now: DateTime<FixedOffset>) -> Vec<InitFile> {
    let published = now.to_rfc3339_opts(SecondsFormat::Secs, true);
    let article = format!(
        r#"+++
title = "How This Newsroom Keeps Its Stories"
slug = "{ARTICLE_SLUG}"
dek = "Every story is a Markdown file with TOML front matter, checked by copydesk before it goes live."
authors = ["{AUTHOR_ID}"]
desk = "news"
tags = ["newsroom", "guide"]
status = "published"
published = {published}

[[sources]]
id = "toml-spec"
title = "TOML v1.0.0"
url = "https://toml.io/en/v1.0.0"
publisher = "TOML"
published = 2021-01-11

[[sources]]
id = "commonmark-spec"
title = "CommonMark Spec, version 0.31.2"
url = "https://spec.commonmark.org/0.31.2/"
publisher = "CommonMark"
published = 2024-01-28
+++
{ARTICLE_BODY}"#
    );
    let article_path = PathBuf::from("articles")
        .join(now.format("%Y").to_string())
        .join(now.format("%m").to_string())
        .join(format!("{ARTICLE_SLUG}.md"));
    vec![
        InitFile {
            relative: PathBuf::from(".gitignore"),
            contents: GITIGNORE.into(),
            keep_existing: true,
        },
        InitFile {
            relative: PathBuf::from("authors").join(format!("{AUTHOR_ID}.toml")),
            contents: AUTHOR.into(),
            keep_existing: false,
        },
        InitFile {
            relative: article_path,
            contents: article,
            keep_existing: false,
        },
        InitFile {
            relative: PathBuf::from(crate::style::STARTER_STYLE_PATH),
            contents: crate::style::STARTER_STYLE.into(),
            keep_existing: false,
        },
        // Last, so an interrupted init can simply be run again.
        InitFile {
            relative: PathBuf::from(CONFIG_FILE),
            contents: CONFIG.into(),
            keep_existing: false,
        },
    ]
}

/// Writes a new newsroom into `dir` (created if missing) and returns the paths written.
///
/// # Errors
/// [`ScaffoldError::AlreadyInitialised`] when `dir` has a `copydesk.toml`;
/// [`ScaffoldError::Exists`] when any other file would be overwritten (checked before
/// anything is written); I/O errors.
pub fn init(dir: &Path, now: DateTime<FixedOffset>) -> Result<Vec<PathBuf>, ScaffoldError> {
    let config = dir.join(CONFIG_FILE);
    if std::fs::symlink_metadata(&config).is_ok() {
        return Err(ScaffoldError::AlreadyInitialised { path: config });
    }
    let files = render_init(now);
    for file in &files {
        let path = dir.join(&file.relative);
        if !file.keep_existing && std::fs::symlink_metadata(&path).is_ok() {
            return Err(ScaffoldError::Exists { path });
        }
    }
    let created_dirs = missing_dirs(dir, &files);
    std::fs::create_dir_all(dir).map_err(|e| IoError::new("cannot create directory", dir, e))?;
    let mut written = Vec::new();
    for file in files {
        match write_new_file(dir, &file.relative, &file.contents) {
            Ok(path) => written.push(path),
            Err(ScaffoldError::Exists { .. }) if file.keep_existing => {}
            Err(error) => {
                // Half a newsroom would make the next `init` refuse (its files exist) while
                // nothing works: take back exactly what this run wrote, so it can be re-run.
                roll_back(&written, &created_dirs);
                return Err(error);
            }
        }
    }
    Ok(written)
}

/// The directories `init` will create for `files` in `dir` (`dir` included when missing),
/// deepest first, so removing them in order removes children before parents.
fn missing_dirs(dir: &Path, files: &[InitFile]) -> Vec<PathBuf> {
    let mut missing = std::collections::BTreeSet::new();
    for file in files {
        let path = dir.join(&file.relative);
        for ancestor in path.ancestors().skip(1) {
            if !ancestor.starts_with(dir) && ancestor != dir {
                break;
            }
            if std::fs::symlink_metadata(ancestor).is_ok() {
                break;
            }
            missing.insert(ancestor.to_path_buf());
            if ancestor == dir {
                break;
            }
        }
    }
    let mut missing: Vec<PathBuf> = missing.into_iter().collect();
    missing.sort_by_key(|path| std::cmp::Reverse(path.components().count()));
    missing
}

/// Removes the files `init` wrote and the directories it created, if they are still empty
/// (best effort: what cannot be removed is left, and the original error is what is reported).
fn roll_back(written: &[PathBuf], created_dirs: &[PathBuf]) {
    for path in written.iter().rev() {
        let _ = std::fs::remove_file(path);
    }
    for dir in created_dirs {
        let _ = std::fs::remove_dir(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Newsroom;

    #[test]
    fn init_lints_clean_and_refuses_twice() {
        let dir = tempfile::tempdir().expect("temp dir");
        let now = DateTime::parse_from_rfc3339("2026-05-06T14:25:00Z").expect("date");
        std::fs::write(dir.path().join(".gitignore"), "target/\n").expect("write");
        let written = init(dir.path(), now).expect("init");
        // Author, article, starter style and copydesk.toml: the existing .gitignore is kept.
        assert_eq!(written.len(), 4, "the existing .gitignore is kept");
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".gitignore")).expect("read"),
            "target/\n"
        );
        let newsroom = Newsroom::load(dir.path()).expect("loads");
        assert_eq!(newsroom.articles.len(), 1);
        let report = newsroom.lint(now);
        assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
        assert!(matches!(
            init(dir.path(), now),
            Err(ScaffoldError::AlreadyInitialised { .. })
        ));
    }

    #[test]
    fn a_failed_init_takes_back_what_it_wrote_and_can_be_run_again() {
        let parent = tempfile::tempdir().expect("temp dir");
        let dir = parent.path().join("newsroom");
        let now = DateTime::parse_from_rfc3339("2026-05-06T14:25:00Z").expect("date");
        std::fs::create_dir_all(&dir).expect("mkdir");
        // A file where the articles directory must go: the author file is written first,
        // then the article cannot be.
        std::fs::write(dir.join("articles"), "in the way").expect("write");
        let error = init(&dir, now).expect_err("the article cannot be written");
        assert!(matches!(error, ScaffoldError::Io(_)), "{error:?}");
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            ["articles"],
            "the author file and the `authors` directory init created are gone"
        );

        std::fs::remove_file(dir.join("articles")).expect("clear the way");
        assert_eq!(init(&dir, now).expect("init runs again").len(), 5);
    }
}
