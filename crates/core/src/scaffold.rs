//! Scaffolding support: new-article path patterns.

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

#[cfg(test)]
mod tests {
    use super::check_pattern;

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
