use serde::Deserialize;

use crate::article::Article;
use crate::diagnostic::{Applicability, Edit, Fix, Span};
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports quotes and apostrophes of the less used style when an article mixes straight
    /// ones (`'` `"`) with typographic ones (`’` `‘` `“` `”`). The title, the dek and the
    /// body's prose count together; code spans, code blocks, raw HTML and URLs do not. Each
    /// occurrence of the minority style is reported, up to 20 per article (the last one
    /// says how many more there are). A tie counts as typographic.
    ///
    /// ## Why is this bad?
    /// Mixed quote styles are the mark of copy pasted from several places. They look
    /// careless in print, and search or "find in page" for "Microsoft's" misses
    /// "Microsoft’s".
    ///
    /// ## Example
    /// ```markdown
    /// +++
    /// title = "OpenAI Breaks Microsoft's Hold"
    /// +++
    ///
    /// Microsoft will remain OpenAI’s primary cloud partner.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// +++
    /// title = "OpenAI Breaks Microsoft’s Hold"
    /// +++
    ///
    /// Microsoft will remain OpenAI’s primary cloud partner.
    /// ```
    ///
    /// ## Fix safety
    /// The fix converts each reported quote to the other style and is safe: it changes
    /// punctuation only. Straight quotes become opening or closing ones by the character
    /// before them (after a letter, digit or closing punctuation: closing; otherwise
    /// opening). In the front matter the edit is made inside the TOML string, escaping `"`
    /// in a basic string; there is no fix where the result would not be valid TOML (a `'` in
    /// a literal string) or where the text is not verbatim in the file (multi-line strings,
    /// escapes, entities).
    ///
    /// ## Options
    /// `style` (`"typographic"` or `"straight"`): the house style. When set, every quote of
    /// the other style is reported, even in an article that is all one style:
    /// `[lint.options] ED005 = { style = "typographic" }`.
    pub(crate) struct MixedQuotes {
        code: "ED005",
        name: "mixed-quotes",
        severity: Warning,
        fix: Sometimes,
        scope: Article,
        summary: "straight and typographic quotes or apostrophes mixed in one article (title, dek and body together)",
    }
}

/// A quote style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum QuoteStyle {
    /// `'` and `"`.
    Straight,
    /// `’ ‘ “ ”`.
    Typographic,
}

/// Options of ED005.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct MixedQuotesOptions {
    pub(crate) style: Option<QuoteStyle>,
}

/// At most this many occurrences are reported per article.
const CAP: usize = 20;

/// How a string value is written in the TOML, which decides what an edit may put there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Markdown text, verbatim in the file.
    Body,
    /// Inside a TOML basic string (`"…"`): `"` is written `\"`.
    Basic,
    /// Inside a TOML literal string (`'…'`): no `'` possible.
    Literal,
    /// Not verbatim: no edit.
    Opaque,
}

/// One quote character found.
#[derive(Debug, Clone, Copy)]
struct Quote {
    ch: char,
    span: Span,
    /// The character before it, for choosing opening or closing forms.
    previous: Option<char>,
    place: Place,
}

impl Quote {
    fn style(&self) -> QuoteStyle {
        if matches!(self.ch, '\'' | '"') {
            QuoteStyle::Straight
        } else {
            QuoteStyle::Typographic
        }
    }

    /// The text to write instead, in `place`, or `None` when no valid edit exists.
    fn converted(&self) -> Option<String> {
        let closing = self.previous.is_some_and(|c| {
            c.is_alphanumeric() || matches!(c, '.' | ',' | '!' | '?' | ')' | ']' | '’' | '”' | '%')
        });
        let target = match self.ch {
            '\'' if closing => '’',
            '\'' => '‘',
            '"' if closing => '”',
            '"' => '“',
            '’' | '‘' => '\'',
            _ => '"',
        };
        match (self.place, target) {
            (Place::Opaque, _) | (Place::Literal, '\'') => None,
            (Place::Basic, '"') => Some("\\\"".to_string()),
            _ => Some(target.to_string()),
        }
    }
}

pub(crate) fn check_mixed_quotes(ctx: &LintContext<'_>, article: &Article) {
    let options: MixedQuotesOptions = ctx.options(&MixedQuotes::META);
    let mut quotes = Vec::new();
    for key in ["title", "dek"] {
        if let Some(span) = article.spans.value(key) {
            front_matter_quotes(article, key, span, &mut quotes);
        }
    }
    for block in ctx.prose_blocks() {
        // Every quote is `'`, `"` or a character whose UTF-8 starts with E2 (‘ ’ “ ”).
        let text = &block.text;
        for i in memchr::memchr3_iter(b'\'', b'"', 0xE2, text.as_bytes()) {
            let Some(ch) = text[i..].chars().next() else {
                continue;
            };
            let previous = text[..i].chars().next_back();
            if is_quote(ch) {
                let range = i..i + ch.len_utf8();
                let (span, place) = match block.exact_span_of(range.clone()) {
                    Some(span) => (span, Place::Body),
                    None => (block.span_of(range), Place::Opaque),
                };
                quotes.push(Quote {
                    ch,
                    span,
                    previous,
                    place,
                });
            }
        }
    }
    let straight = quotes
        .iter()
        .filter(|q| q.style() == QuoteStyle::Straight)
        .count();
    let typographic = quotes.len() - straight;
    let house = options.style.unwrap_or(if straight > typographic {
        QuoteStyle::Straight
    } else {
        QuoteStyle::Typographic
    });
    let minority: Vec<_> = quotes.iter().filter(|q| q.style() != house).collect();
    if minority.is_empty() || (options.style.is_none() && minority.len() == quotes.len()) {
        return;
    }
    let (house_name, reason) = match (house, options.style) {
        (QuoteStyle::Typographic, None) => ("typographic", "mostly uses"),
        (QuoteStyle::Straight, None) => ("straight", "mostly uses"),
        (QuoteStyle::Typographic, Some(_)) => ("typographic", "is set to"),
        (QuoteStyle::Straight, Some(_)) => ("straight", "is set to"),
    };
    for (n, quote) in minority.iter().take(CAP).enumerate() {
        let kind = match quote.ch {
            '\'' => "straight apostrophe or quote",
            '"' => "straight quote",
            '’' => "typographic apostrophe or quote",
            _ => "typographic quote",
        };
        let mut message = format!(
            "{kind} `{}` in an article that {reason} {house_name} quotes",
            quote.ch
        );
        if n + 1 == CAP && minority.len() > CAP {
            message = format!("{message} ({} more not shown)", minority.len() - CAP);
        }
        let title = format!("use {house_name} quotes");
        let mut diagnostic = ctx
            .diagnostic(&MixedQuotes::META, quote.span, message)
            .with_help(title.clone());
        if let Some(replacement) = quote.converted() {
            diagnostic = diagnostic.with_fix(Fix {
                title,
                applicability: Applicability::Safe,
                edits: vec![Edit {
                    span: quote.span,
                    replacement,
                }],
            });
        }
        ctx.push(diagnostic);
    }
}

fn is_quote(ch: char) -> bool {
    matches!(ch, '\'' | '"' | '’' | '‘' | '“' | '”')
}

/// The quotes of a front matter string value, with spans inside the TOML string.
fn front_matter_quotes(article: &Article, key: &str, span: Span, out: &mut Vec<Quote>) {
    let Some(raw) = article.source.get(span.start..span.end) else {
        return;
    };
    let place = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        Place::Opaque
    } else if raw.starts_with('"') {
        Place::Basic
    } else if raw.starts_with('\'') {
        Place::Literal
    } else {
        return;
    };
    if place == Place::Opaque {
        // Escapes and line continuations make positions unreliable: point at the value.
        let value = if key == "title" {
            Some(article.title.as_str())
        } else {
            article.dek.as_deref()
        };
        let mut previous = None;
        for ch in value.unwrap_or_default().chars() {
            if is_quote(ch) {
                out.push(Quote {
                    ch,
                    span,
                    previous,
                    place,
                });
            }
            previous = Some(ch);
        }
        return;
    }
    let content_start = span.start + 1;
    let Some(content) = raw
        .get(1..raw.len().saturating_sub(1))
        .filter(|_| raw.len() >= 2 && raw.ends_with(&raw[..1]))
    else {
        return;
    };
    let mut previous = None;
    let mut chars = content.char_indices();
    while let Some((i, ch)) = chars.next() {
        let at = content_start + i;
        if ch == '\\' && place == Place::Basic {
            if let Some((j, escaped)) = chars.next() {
                if escaped == '"' {
                    out.push(Quote {
                        ch: '"',
                        span: Span::new(at, content_start + j + 1),
                        previous,
                        place,
                    });
                }
                previous = Some(escaped);
            }
            continue;
        }
        if is_quote(ch) {
            out.push(Quote {
                ch,
                span: Span::new(at, at + ch.len_utf8()),
                previous,
                place,
            });
        }
        previous = Some(ch);
    }
}
