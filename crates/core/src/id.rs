//! Identifier and URL rules shared by slugs, author ids, desk ids and source ids.

/// Whether `id` is lowercase ASCII words (letters and digits) joined by single hyphens.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The slug for a title: apostrophes dropped (so "Microsoft’s" gives `microsofts`), then
/// lowercase ASCII words joined by hyphens. Empty when nothing readable remains, and for
/// titles with CJK characters, whose transliterations nobody can read: those need a `slug`.
///
/// Other non-Latin scripts still transliterate here, so articles already published under
/// such a slug keep their URL; new articles are refused one (see [`transliterated_script`]
/// and `copydesk new-article`).
pub fn slugify(title: &str) -> String {
    if title.chars().any(crate::read_time::is_cjk) {
        return String::new();
    }
    let without_apostrophes: String = title
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘' | 'ʼ'))
        .collect();
    slug::slugify(without_apostrophes)
}

/// The script of the first letter of `title` that a slug could only transliterate, such as
/// `"Cyrillic"` or `"Han"`; `None` when every letter is Latin.
///
/// Latin letters with diacritics ("Café", "Łódź") fold to readable ASCII, so they are fine;
/// Arabic, Hebrew, Cyrillic, Greek, Thai, CJK and every other script become strings of
/// Latin syllables that neither the writer nor the reader recognises (`ci-fa-zhen-zhang` for
/// "私法扩张"). Digits, punctuation and emoji belong to no script and never count.
pub fn transliterated_script(title: &str) -> Option<&'static str> {
    use unicode_script::{Script, UnicodeScript as _};
    title
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| c.script())
        .find(|script| !matches!(script, Script::Latin | Script::Common | Script::Inherited))
        .map(Script::full_name)
}

/// Whether `text` is an absolute `http` or `https` URL with a host.
pub fn is_web_url(text: &str) -> bool {
    url::Url::parse(text).is_ok_and(|url| {
        matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !h.is_empty())
    })
}

/// Whether `text` may be written into an export as a link target: an absolute `http(s)` URL
/// ([`is_web_url`]) or a relative path that a browser resolves against the site.
///
/// Anything else is refused, whatever its scheme (`javascript:`, `data:`, `vbscript:`,
/// `file:`, …). Browsers drop tabs and newlines inside URLs and treat `\` like `/`, so
/// `java\tscript:` and `/\evil.example` are scheme and host tricks: text with whitespace, a
/// control character or a backslash is refused, and so is `//host` (another site).
pub fn is_safe_link(text: &str) -> bool {
    if text.is_empty()
        || text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return false;
    }
    if is_web_url(text) {
        return true;
    }
    // A relative reference has no scheme: no `:` before the first `/`, `?` or `#`.
    let head = text.split(['/', '?', '#']).next().unwrap_or_default();
    !head.contains(':') && !text.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case() {
        assert!(is_kebab_case("ryan-tanaka"));
        assert!(is_kebab_case("ai2"));
        for bad in ["", "Ryan", "a--b", "-a", "a-", "a_b", "ü"] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
    }

    #[test]
    fn slugs_drop_apostrophes_and_accents() {
        assert_eq!(
            slugify("OpenAI Breaks Microsoft’s Hold"),
            "openai-breaks-microsofts-hold"
        );
        assert_eq!(slugify("Café déjà vu"), "cafe-deja-vu");
        assert_eq!(slugify("¿?"), "");
        assert_eq!(slugify("東京の新しいAI"), "");
        assert_eq!(slugify("Łódź: żółć"), "lodz-zolc");
    }

    #[test]
    fn scripts_that_would_be_transliterated() {
        for (title, script) in [
            ("Новости дня", "Cyrillic"),
            ("أخبار اليوم", "Arabic"),
            ("חדשות היום", "Hebrew"),
            ("Ειδήσεις της ημέρας", "Greek"),
            ("ข่าววันนี้", "Thai"),
            ("東京の新しいAI", "Han"),
            ("ひらがな", "Hiragana"),
            ("한국 뉴스", "Hangul"),
            ("समाचार", "Devanagari"),
            ("OpenAI и Microsoft", "Cyrillic"),
        ] {
            assert_eq!(transliterated_script(title), Some(script), "{title}");
        }
        for title in [
            "Café déjà vu",
            "Łódź 2026",
            "Ærø: 50% 🚀",
            "São Paulo’s “deal”",
            "",
        ] {
            assert_eq!(transliterated_script(title), None, "{title}");
        }
    }

    #[test]
    fn web_urls() {
        assert!(is_web_url("https://news.example.com/a"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("/relative"));
    }

    #[test]
    fn safe_links_are_web_urls_or_relative_paths() {
        for good in [
            "https://news.example.com/a",
            "http://x.example",
            "images/a.jpg",
            "/images/a.jpg",
            "a.jpg?v=1:2",
            "#top",
        ] {
            assert!(is_safe_link(good), "{good}");
        }
        for bad in [
            "",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:image/png;base64,AAAA",
            "vbscript:x",
            "file:///etc/passwd",
            "ftp://x.example/a",
            "//evil.example/a.jpg",
            "/\\evil.example/a.jpg",
            "mailto:a@example.com",
        ] {
            assert!(!is_safe_link(bad), "{bad:?}");
        }
    }
}
