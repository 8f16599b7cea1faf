//! What scaffolding needs to know about a newsroom, read without parsing a single article.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, Config};
use crate::error::LoadError;
use crate::lint::source::load_authors;
use crate::listing::{is_article_path, walk_article_files};
use crate::newsroom::{Newsroom, find_root};

/// The config, the author ids and the article slugs of a newsroom: everything
/// [`check_new_article`](super::check_new_article) and
/// [`plan_new_article`](super::plan_new_article) look at.
///
/// [`NewsroomIndex::load`] reads `copydesk.toml`, parses the author files (they are small, and
/// an author whose file does not parse is not offered) and lists the article files without
/// reading them: an article's slug is taken to be its file stem. Rule FM005 requires exactly
/// that of every article, so in a newsroom that lints clean the stems are the slugs; a file
/// whose front matter says otherwise, or that does not parse at all, still owns its stem here,
/// and `copydesk lint` reports it (FM005, RF003 when two files share a slug, or the parse
/// error). Listing names only keeps
/// `copydesk new-article` fast however many articles the newsroom holds.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct NewsroomIndex {
    /// The directory holding `copydesk.toml`.
    pub root: PathBuf,
    /// The validated configuration.
    pub config: Config,
    /// Ids of the authors whose files parse, sorted.
    pub authors: Vec<String>,
    /// Ids of the authors whose files say `active = false`, sorted.
    pub inactive_authors: Vec<String>,
    /// Article files by slug; of several with one slug, the first in path order.
    articles: HashMap<String, PathBuf>,
}

impl NewsroomIndex {
    /// Indexes the newsroom whose root is `start` or the nearest parent with a `copydesk.toml`.
    ///
    /// # Errors
    /// A missing or invalid configuration, or an articles or authors directory that cannot be
    /// listed.
    pub fn load(start: impl AsRef<Path>) -> Result<NewsroomIndex, LoadError> {
        let root = find_root(start.as_ref())?;
        let config = Config::load(&root.join(CONFIG_FILE))?;
        let files = walk_article_files(&root, &root.join(&config.paths.articles))?;
        let loaded = load_authors(&root, &config)?.authors;
        let inactive_authors = loaded
            .values()
            .filter(|a| !a.active)
            .map(|a| a.id.clone())
            .collect();
        let authors = loaded.into_keys().collect();
        let mut index = NewsroomIndex {
            root,
            config,
            authors,
            inactive_authors,
            articles: HashMap::new(),
        };
        for file in &files {
            index.add_stem_of(file);
        }
        Ok(index)
    }

    /// The index of a newsroom already loaded: every parsed article under its slug and its
    /// file stem, and every article file that did not parse under its file stem.
    #[must_use]
    pub fn from_newsroom(newsroom: &Newsroom) -> NewsroomIndex {
        let mut index = NewsroomIndex {
            root: newsroom.root.clone(),
            config: newsroom.config.clone(),
            authors: newsroom.authors.keys().cloned().collect(),
            inactive_authors: newsroom
                .authors
                .values()
                .filter(|a| !a.active)
                .map(|a| a.id.clone())
                .collect(),
            articles: HashMap::new(),
        };
        for article in &newsroom.articles {
            index.add(article.slug.clone(), &article.path);
            index.add_stem_of(&article.path);
        }
        for diagnostic in &newsroom.diagnostics {
            if is_article_path(&diagnostic.path) {
                index.add_stem_of(&diagnostic.path);
            }
        }
        index
    }

    /// Whether `id` names a known author.
    #[must_use]
    pub fn has_author(&self, id: &str) -> bool {
        self.authors.iter().any(|known| known == id)
    }

    /// The article file that has `slug`, relative to the root when it is under it.
    #[must_use]
    pub fn article_with_slug(&self, slug: &str) -> Option<&Path> {
        self.articles
            .get(slug)
            .map(|path| path.strip_prefix(&self.root).unwrap_or(path))
    }

    fn add_stem_of(&mut self, path: &Path) {
        if let Some(stem) = path.file_stem().and_then(|stem| stem.to_str()) {
            self.add(stem.to_string(), path);
        }
    }

    fn add(&mut self, slug: String, path: &Path) {
        match self.articles.entry(slug) {
            Entry::Vacant(entry) => {
                entry.insert(path.to_path_buf());
            }
            // Listings come in directory order: keep the first path in sorted order, as a
            // sorted listing would.
            Entry::Occupied(mut entry) => {
                if path < entry.get().as_path() {
                    entry.insert(path.to_path_buf());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use chrono::DateTime;

    use super::*;
    use crate::scaffold::{NewArticle, ScaffoldError, check_new_article};

    fn newsroom() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        fs::write(
            root.join("copydesk.toml"),
            "[site]\ntitle = \"Desk\"\n[desks.ai]\nname = \"AI\"\n",
        )
        .expect("config");
        fs::create_dir_all(root.join("authors")).expect("authors");
        fs::write(root.join("authors/ryan-tanaka.toml"), "name = \"Ryan\"\n").expect("author");
        // An author file that does not parse names no author.
        fs::write(root.join("authors/broken.toml"), "name = \n").expect("author");
        fs::create_dir_all(root.join("articles/2026/01")).expect("articles");
        dir
    }

    fn new_article(title: &str) -> NewArticle {
        let date = DateTime::parse_from_rfc3339("2026-05-06T14:25:00Z").expect("valid date");
        let mut new = NewArticle::new(title, date);
        new.authors = vec!["ryan-tanaka".into()];
        new.desk = "ai".into();
        new
    }

    #[test]
    fn slugs_are_file_stems_even_of_files_that_do_not_parse() {
        let dir = newsroom();
        fs::write(
            dir.path().join("articles/2026/01/broken-story.md"),
            "+++\ntitle = [\n",
        )
        .expect("article");
        fs::write(dir.path().join("articles/2026/01/not-markdown.txt"), "x").expect("other");
        let index = NewsroomIndex::load(dir.path()).expect("indexes");
        assert_eq!(
            index.article_with_slug("broken-story"),
            Some(Path::new("articles/2026/01/broken-story.md"))
        );
        assert_eq!(index.article_with_slug("not-markdown"), None);
        assert!(matches!(
            check_new_article(&index, &new_article("Broken Story")),
            Err(ScaffoldError::SlugCollision { existing, .. })
                if existing == Path::new("articles/2026/01/broken-story.md")
        ));
        assert!(check_new_article(&index, &new_article("Fresh Story")).is_ok());
        assert_eq!(index.authors, ["ryan-tanaka"]);
    }

    #[test]
    fn of_two_files_with_one_slug_the_first_in_path_order_is_named() {
        let dir = newsroom();
        for year in ["2026", "2024", "2025"] {
            let folder = dir.path().join("articles").join(year);
            fs::create_dir_all(&folder).expect("dir");
            fs::write(folder.join("twice.md"), "+++\ntitle = \"Twice\"\n+++\n").expect("write");
        }
        let index = NewsroomIndex::load(dir.path()).expect("indexes");
        assert_eq!(
            index.article_with_slug("twice"),
            Some(Path::new("articles/2024/twice.md"))
        );
    }

    #[test]
    fn a_loaded_newsroom_gives_the_same_answers() {
        let dir = newsroom();
        fs::write(
            dir.path().join("articles/2026/01/broken-story.md"),
            "+++\ntitle = [\n",
        )
        .expect("article");
        let loaded = NewsroomIndex::from_newsroom(&Newsroom::load(dir.path()).expect("loads"));
        let listed = NewsroomIndex::load(dir.path()).expect("indexes");
        assert_eq!(loaded.authors, listed.authors);
        assert_eq!(loaded.articles, listed.articles);
    }
}
