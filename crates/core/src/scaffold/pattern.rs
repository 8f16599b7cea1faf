//! `paths.new_article` patterns: checking them when the config is read and expanding them
//! when an article is scaffolded, so no title, slug or desk can steer a path out of the root.

use std::path::{Component, Path, PathBuf};

use super::error::ScaffoldError;

/// The placeholders a `paths.new_article` pattern may use.
pub const PATH_PLACEHOLDERS: &[&str] = &["year", "month", "day", "slug", "desk"];

/// Checks a `paths.new_article` pattern: relative, inside the root, ends in `.md`, names
/// `{slug}`, and uses only known placeholders.
pub fn check_pattern(pattern: &str) -> Result<(), String> {
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
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
    if !pattern.contains("{slug}") {
        return Err(format!(
            "`{pattern}` must contain `{{slug}}` so articles get distinct files"
        ));
    }
    if !std::path::Path::new(pattern)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("md"))
    {
        return Err(format!("`{pattern}` must end in `.md`"));
    }
    if !crate::fs::is_safe_relative(std::path::Path::new(pattern)) {
        return Err(format!(
            "`{pattern}` must be a relative path inside the newsroom"
        ));
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
    use super::{check_pattern, expand_pattern, substitute};

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
        assert!(check_pattern("articles/{title}.md").is_err());
        assert!(check_pattern("articles/{year}.md").is_err());
        assert!(check_pattern("../{slug}.md").is_err());
        assert!(check_pattern("/abs/{slug}.md").is_err());
        assert!(check_pattern("articles/{slug}.txt").is_err());
    }
}
