//! `paths.new_article` patterns: checking them when the config is read and expanding them
//! when an article is scaffolded, so no title, slug or desk can steer a path out of the root.

use std::path::{Component, Path, PathBuf};

use super::error::ScaffoldError;

/// The placeholders a `paths.new_article` pattern may use.
pub const PATH_PLACEHOLDERS: &[&str] = &["year", "month", "day", "slug", "desk"];

/// Checks a `paths.new_article` pattern on its own: only known placeholders, a relative
/// `/`-separated path of plain components (no `./`, `..`, empty or hidden components, no
/// backslash), whose file name is exactly `{slug}.md` (or `{slug}.markdown`).
///
/// Each of these is a pattern that would scaffold a file `copydesk lint` never sees (a hidden
/// directory, `.MD`), or one it always fails (FM005 wants the file stem to be the slug), or
/// one outside the newsroom. [`check_pattern_in`] also checks it is under the articles
/// directory.
pub fn check_pattern(pattern: &str) -> Result<(), String> {
    check_placeholders(pattern)?;
    if pattern.contains('\\') {
        return Err(format!(
            "`{pattern}` must separate directories with `/`, not `\\`"
        ));
    }
    if pattern.starts_with('/') || Path::new(pattern).has_root() {
        return Err(format!(
            "`{pattern}` must be a relative path inside the newsroom"
        ));
    }
    let components: Vec<&str> = pattern.split('/').collect();
    for component in &components {
        match *component {
            "" => {
                return Err(format!(
                    "`{pattern}` has an empty path component (`//` or a trailing `/`)"
                ));
            }
            "." => {
                return Err(format!(
                    "`{pattern}` must not contain `./`; write the path from the newsroom root, e.g. `articles/{{year}}/{{slug}}.md`"
                ));
            }
            ".." => {
                return Err(format!(
                    "`{pattern}` must be a relative path inside the newsroom"
                ));
            }
            hidden if hidden.starts_with('.') => {
                return Err(format!(
                    "`{pattern}` has the hidden component `{hidden}`; `copydesk lint` skips hidden files and directories"
                ));
            }
            _ => {}
        }
    }
    let file_name = components.last().copied().unwrap_or_default();
    if !ARTICLE_FILE_NAMES.contains(&file_name) {
        return Err(format!(
            "`{pattern}` must end in `/{{slug}}.md` (found `{file_name}`): the file name of an article is its slug (rule FM005) with the extension `.md`"
        ));
    }
    Ok(())
}

/// The file names a pattern may end in.
const ARTICLE_FILE_NAMES: &[&str] = &["{slug}.md", "{slug}.markdown"];

/// [`check_pattern`], and the pattern's directories start with the articles directory
/// `articles` (`paths.articles`), where `copydesk lint` looks for articles.
pub fn check_pattern_in(pattern: &str, articles: &Path) -> Result<(), String> {
    check_pattern(pattern)?;
    let dir: Vec<&std::ffi::OsStr> = plain_components(articles);
    let pattern_dirs: Vec<&str> = pattern.split('/').collect();
    let pattern_dirs = &pattern_dirs[..pattern_dirs.len() - 1];
    let under = pattern_dirs.len() >= dir.len()
        && dir
            .iter()
            .zip(pattern_dirs)
            .all(|(expected, found)| *expected == std::ffi::OsStr::new(found));
    if !under {
        return Err(format!(
            "`{pattern}` must be under the articles directory `{}` (`paths.articles`), or `copydesk lint` never sees the articles it writes",
            articles.display()
        ));
    }
    Ok(())
}

/// The default `paths.new_article` for an articles directory:
/// `<articles>/{year}/{month}/{slug}.md`.
pub fn default_pattern_for(articles: &Path) -> String {
    let mut pattern = String::new();
    for component in plain_components(articles) {
        pattern.push_str(&component.to_string_lossy());
        pattern.push('/');
    }
    pattern.push_str("{year}/{month}/{slug}.md");
    pattern
}

fn plain_components(path: &Path) -> Vec<&std::ffi::OsStr> {
    path.components()
        .filter_map(|component| match component {
            Component::Normal(name) => Some(name),
            _ => None,
        })
        .collect()
}

fn check_placeholders(pattern: &str) -> Result<(), String> {
    let mut rest = pattern;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!("`{pattern}` has a `}}` without a `{{`"));
        }
        let Some(close) = rest[open..].find('}') else {
            return Err(format!("`{pattern}` has an unclosed `{{`"));
        };
        let name = &rest[open + 1..open + close];
        if !PATH_PLACEHOLDERS.contains(&name) {
            return Err(format!(
                "unknown placeholder `{{{name}}}` in `{pattern}`; use {}",
                PATH_PLACEHOLDERS
                    .iter()
                    .map(|p| format!("{{{p}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        rest = &rest[open + close + 1..];
    }
    Ok(())
}

/// Expands `{name}` placeholders in `pattern` with `values`, checking that every value is a
/// safe single path component and that the result is a relative path inside the root.
///
/// Values must be lowercase ASCII letters, digits and hyphens (slugs, desk ids and zero-padded
/// dates are), so a value can never carry a separator, `..` or a drive prefix into the path.
pub fn expand_pattern(pattern: &str, values: &[(&str, &str)]) -> Result<PathBuf, ScaffoldError> {
    check_pattern(pattern).map_err(|reason| ScaffoldError::InvalidPath {
        path: pattern.to_string(),
        reason,
    })?;
    for (name, value) in values {
        if !is_safe_component(value) {
            return Err(ScaffoldError::InvalidPath {
                path: pattern.to_string(),
                reason: format!(
                    "`{{{name}}}` expands to `{value}`, which is not a single lowercase path component"
                ),
            });
        }
    }
    let expanded = substitute(pattern, values);
    let path = PathBuf::from(&expanded);
    let is_plain = path
        .components()
        .all(|component| matches!(component, Component::Normal(_)));
    if !is_plain || !crate::fs::is_safe_relative(&path) {
        return Err(ScaffoldError::InvalidPath {
            path: expanded,
            reason: "must be a relative path inside the newsroom".into(),
        });
    }
    Ok(path)
}

/// Replaces each known `{name}` in `text` by its value in one pass, so a value that itself
/// contains `{slug}` is inserted literally; unknown `{...}` are left as written.
pub(crate) fn substitute(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let known = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (close, *value))
        });
        if let Some((close, value)) = known {
            out.push_str(value);
            rest = &after[close + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn is_safe_component(value: &str) -> bool {
    !value.is_empty()
        && value != ".."
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && Path::new(value).components().count() == 1
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{check_pattern, check_pattern_in, default_pattern_for, expand_pattern, substitute};

    #[test]
    fn expansion_stays_inside_the_root() {
        let values = [
            ("year", "2026"),
            ("month", "05"),
            ("slug", "a-b"),
            ("desk", "ai"),
        ];
        assert_eq!(
            expand_pattern("articles/{desk}/{year}/{month}/{slug}.md", &values)
                .expect("valid")
                .to_str(),
            Some("articles/ai/2026/05/a-b.md")
        );
        for bad in ["..", "../x", "/abs", "a/b", "a\\b", "", "A"] {
            let values = [("slug", bad)];
            assert!(
                expand_pattern("articles/{slug}.md", &values).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn substitution_is_single_pass() {
        let values = [("title", "{slug}"), ("slug", "x")];
        assert_eq!(
            substitute("# {title} {slug} {other}", &values),
            "# {slug} x {other}"
        );
    }

    #[test]
    fn patterns() {
        assert!(check_pattern("articles/{year}/{month}/{slug}.md").is_ok());
        assert!(check_pattern("articles/{desk}/{slug}.md").is_ok());
        assert!(check_pattern("articles/{desk}/{slug}.markdown").is_ok());
        for bad in [
            "articles/{title}.md",
            "articles/{year}.md",
            "../{slug}.md",
            "/abs/{slug}.md",
            "articles/{slug}.txt",
            "articles/{slug}.MD",
            "articles/{slug}.Md",
            "./articles/{slug}.md",
            "articles/./{slug}.md",
            "articles//{slug}.md",
            "articles/{slug}.md/",
            "articles/.drafts/{slug}.md",
            "articles/{year}/x-{slug}.md",
            "articles/{slug}/index.md",
            "articles/{slug}-{year}.md",
            "articles\\{slug}.md",
            "articles/{slug.md",
            "articles/slug}.md",
            "articles/{}.md",
            "",
        ] {
            assert!(check_pattern(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn patterns_must_be_under_the_articles_directory() {
        let articles = Path::new("articles");
        assert!(check_pattern_in("articles/{year}/{slug}.md", articles).is_ok());
        assert!(check_pattern_in("articles/{slug}.md", articles).is_ok());
        assert!(check_pattern_in("content/{slug}.md", articles).is_err());
        assert!(check_pattern_in("{slug}.md", articles).is_err());
        assert!(check_pattern_in("articles-old/{slug}.md", articles).is_err());
        let nested = Path::new("./content/articles");
        assert!(check_pattern_in("content/articles/{desk}/{slug}.md", nested).is_ok());
        assert!(check_pattern_in("content/{slug}.md", nested).is_err());
        assert!(check_pattern_in("{year}/{slug}.md", Path::new(".")).is_ok());
        assert_eq!(
            default_pattern_for(nested),
            "content/articles/{year}/{month}/{slug}.md"
        );
    }
}
