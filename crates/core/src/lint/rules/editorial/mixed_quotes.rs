use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::diagnostic::{Applicability, Edit, Fix, Span};
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports quotes and apostrophes of the less used style when an article mixes straight
    /// ones (`'` `"`) with typographic ones (`’` `‘` `“` `”`). The title, the dek and the
    /// body's prose count together; code spans, code blocks, raw HTML and URLs do not. The
    /// habit is reported once per article, at the first mark of the minority style, with a
    /// note at each of the next eight and a count of the rest. A tie counts as typographic.
    ///
    /// Separately, and whatever the house style, each quotation opened in one style and
    /// closed in the other (`“…"`, `"…”`, `‘…'`, `'…’`) is reported at its closing mark:
    /// software that pairs quotes (smart-quote conversion, search, screen readers) reads
    /// the rest of the paragraph as still quoted. Marks pair within one text (the title,
    /// the dek, one block); a `'` or `’` closes only when no letter follows it, so
    /// apostrophes inside words never pair.
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
    /// A mismatched closing mark is replaced by the closing form of the opening's style.
    /// The fix of the mixed habit converts each minority quote to the other style and is safe: it changes
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
        check: check_mixed_quotes,
        options: MixedQuotesOptions,
    }
}

/// A quote style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum QuoteStyle {
    /// `'` and `"`.
    Straight,
    /// `’ ‘ “ ”`.
    Typographic,
}

/// Options of ED005.
#[derive(Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct MixedQuotesOptions {
    pub(crate) style: Option<QuoteStyle>,
}

/// At most this many further occurrences of a habit get a note of their own.
const NOTES: usize = 8;

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
    /// The character after it.
    next: Option<char>,
    place: Place,
    /// Which text it is in (title, dek, a body block): quotations pair within one.
    unit: usize,
}

impl Quote {
    /// Whether a single mark sits where a quotation can close: after a letter or
    /// punctuation and before anything but a letter ("it's" is an apostrophe).
    fn closes_word(&self) -> bool {
        self.previous.is_some_and(|c| !c.is_whitespace())
            && !self.next.is_some_and(char::is_alphanumeric)
    }

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
    let options = ctx.options::<MixedQuotesOptions>();
    let mut quotes = Vec::new();
    for (unit, key) in ["title", "dek"].into_iter().enumerate() {
        if let Some(span) = article.spans.value(key) {
            front_matter_quotes(article, key, span, unit, &mut quotes);
        }
    }
    for (unit, block) in ctx.prose_blocks().iter().enumerate() {
        // Every quote is `'`, `"` or a character whose UTF-8 starts with E2 (‘ ’ “ ”).
        let text = &block.text;
        for i in memchr::memchr3_iter(b'\'', b'"', 0xE2, text.as_bytes()) {
            let Some(ch) = text[i..].chars().next() else {
                continue;
            };
            let previous = text[..i].chars().next_back();
            if is_quote(ch) {
                let range = i..i + ch.len_utf8();
                let next = text[range.end..].chars().next();
                let (span, place) = match block.exact_span_of(range.clone()) {
                    Some(span) => (span, Place::Body),
                    None => (block.span_of(range), Place::Opaque),
                };
                quotes.push(Quote {
                    ch,
                    span,
                    previous,
                    next,
                    place,
                    unit: unit + 2,
                });
            }
        }
    }
    // A quotation opened in one style and closed in the other is a fault of its own,
    // whatever the house style: report each, and leave those marks out of the count below.
    let mismatched = mismatched_closings(&quotes);
    for &(open, close) in &mismatched {
        report_mismatch(ctx, &quotes[open], &quotes[close]);
    }
    let quotes: Vec<Quote> = quotes
        .iter()
        .enumerate()
        .filter(|(i, _)| !mismatched.iter().any(|&(_, close)| close == *i))
        .map(|(_, quote)| *quote)
        .collect();
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
    let minority: Vec<&Quote> = quotes.iter().filter(|q| q.style() != house).collect();
    if minority.is_empty() || (options.style.is_none() && minority.len() == quotes.len()) {
        return;
    }
    let (house_name, reason) = match (house, options.style) {
        (QuoteStyle::Typographic, None) => ("typographic", "mostly uses"),
        (QuoteStyle::Straight, None) => ("straight", "mostly uses"),
        (QuoteStyle::Typographic, Some(_)) => ("typographic", "is set to"),
        (QuoteStyle::Straight, Some(_)) => ("straight", "is set to"),
    };
    // One finding for the habit, at the first mark of the minority style, with notes at
    // the others and one fix for them all: nine straight apostrophes are one fault of the
    // article, not nine.
    let first = minority[0];
    let marks = minority.len();
    let message = if marks == 1 {
        let kind = match first.ch {
            '\'' => "straight apostrophe or quote",
            '"' => "straight quote",
            '’' => "typographic apostrophe or quote",
            _ => "typographic quote",
        };
        format!(
            "{kind} `{}` in an article that {reason} {house_name} quotes",
            first.ch
        )
    } else {
        let style = if house == QuoteStyle::Typographic {
            "straight"
        } else {
            "typographic"
        };
        format!(
            "{marks} {style} quotes or apostrophes in an article that {reason} {house_name} quotes"
        )
    };
    let title = format!("use {house_name} quotes");
    let mut diagnostic = ctx
        .diagnostic(&MixedQuotes::META, first.span, message)
        .with_help(title.clone());
    for other in minority.iter().skip(1).take(NOTES) {
        diagnostic = diagnostic.with_related(ctx.note(other.span.start, "and here"));
    }
    if marks > NOTES + 1 {
        diagnostic = diagnostic.with_related(ctx.note(
            minority[NOTES + 1].span.start,
            format!("and {} more from here on", marks - NOTES - 1),
        ));
    }
    let edits: Vec<Edit> = minority
        .iter()
        .filter_map(|quote| {
            Some(Edit {
                span: quote.span,
                replacement: quote.converted()?,
            })
        })
        .collect();
    if !edits.is_empty() {
        diagnostic = diagnostic.with_fix(Fix {
            title,
            applicability: Applicability::Safe,
            edits,
        });
    }
    ctx.push(diagnostic);
}

/// (opening, closing) indices into `quotes` of quotations whose closing mark is not the
/// opening's style: “…" and "…”, ‘…' and '…’ (a `'` counts as closing only before a
/// non-letter, so apostrophes inside words never do). Marks pair within one text (the
/// title, the dek, one block), in order.
fn mismatched_closings(quotes: &[Quote]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut open_double: Option<usize> = None;
    let mut open_single: Option<usize> = None;
    for (i, quote) in quotes.iter().enumerate() {
        if i > 0 && quotes[i - 1].unit != quote.unit {
            open_double = None;
            open_single = None;
        }
        match quote.ch {
            '“' => open_double = Some(i),
            '”' => {
                if let Some(open) = open_double.take()
                    && quotes[open].ch == '"'
                {
                    found.push((open, i));
                }
            }
            '"' => match open_double {
                Some(open) if quotes[open].ch == '“' => {
                    found.push((open, i));
                    open_double = None;
                }
                Some(_) => open_double = None,
                None if !quote.previous.is_some_and(char::is_alphanumeric) => {
                    open_double = Some(i);
                }
                None => {}
            },
            '‘' => open_single = Some(i),
            '\'' if quote.closes_word() => {
                if let Some(open) = open_single.take()
                    && quotes[open].ch == '‘'
                {
                    found.push((open, i));
                }
            }
            '’' if quote.closes_word() => {
                if let Some(open) = open_single.take()
                    && quotes[open].ch == '\''
                {
                    found.push((open, i));
                }
            }
            // "'90s" is an elision, not an opening quote.
            '\'' if !quote.previous.is_some_and(char::is_alphanumeric)
                && !quote.next.is_some_and(|c| c.is_ascii_digit()) =>
            {
                open_single = Some(i);
            }
            _ => {}
        }
    }
    found
}

fn report_mismatch(ctx: &LintContext<'_>, open: &Quote, close: &Quote) {
    let mut diagnostic = ctx
        .diagnostic(
            &MixedQuotes::META,
            close.span,
            format!(
                "quotation opened with `{}` is closed with `{}`",
                open.ch, close.ch
            ),
        )
        .with_help("close a quotation with the same style of mark that opens it")
        .with_related(ctx.note(open.span.start, "the quotation opens here"));
    let replacement = match open.ch {
        '“' => "”",
        '‘' => "’",
        '"' => "\"",
        _ => "'",
    };
    let fixable = match (close.place, replacement) {
        (Place::Opaque, _) | (Place::Literal, "'") => None,
        (Place::Basic, "\"") => Some("\\\"".to_string()),
        _ => Some(replacement.to_string()),
    };
    if let Some(replacement) = fixable {
        diagnostic = diagnostic.with_fix(Fix {
            title: "match the opening mark".into(),
            applicability: Applicability::Safe,
            edits: vec![Edit {
                span: close.span,
                replacement,
            }],
        });
    }
    ctx.push(diagnostic);
}

fn is_quote(ch: char) -> bool {
    matches!(ch, '\'' | '"' | '’' | '‘' | '“' | '”')
}

/// The quotes of a front matter string value, with spans inside the TOML string.
fn front_matter_quotes(
    article: &Article,
    key: &str,
    span: Span,
    unit: usize,
    out: &mut Vec<Quote>,
) {
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
        let value = value.unwrap_or_default();
        let mut previous = None;
        for (i, ch) in value.char_indices() {
            if is_quote(ch) {
                out.push(Quote {
                    ch,
                    span,
                    previous,
                    next: value[i + ch.len_utf8()..].chars().next(),
                    place,
                    unit,
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
                        next: content[j + 1..].chars().next(),
                        place,
                        unit,
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
                next: content[i + ch.len_utf8()..].chars().next(),
                place,
                unit,
            });
        }
        previous = Some(ch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quotes of `text` as one body block.
    fn quotes(text: &str) -> Vec<Quote> {
        text.char_indices()
            .filter(|(_, ch)| is_quote(*ch))
            .map(|(i, ch)| Quote {
                ch,
                span: Span::new(i, i + ch.len_utf8()),
                previous: text[..i].chars().next_back(),
                next: text[i + ch.len_utf8()..].chars().next(),
                place: Place::Body,
                unit: 2,
            })
            .collect()
    }

    fn mismatched(text: &str) -> Vec<(char, char)> {
        let quotes = quotes(text);
        mismatched_closings(&quotes)
            .into_iter()
            .map(|(open, close)| (quotes[open].ch, quotes[close].ch))
            .collect()
    }

    #[test]
    fn quotations_closed_in_the_other_style_are_found() {
        assert_eq!(mismatched("“It works,\" she said."), [('“', '"')]);
        assert_eq!(mismatched("\"It works,” she said."), [('"', '”')]);
        assert_eq!(mismatched("a ‘map drawn blind' here"), [('‘', '\'')]);
    }

    #[test]
    fn apostrophes_and_elisions_never_pair() {
        assert!(mismatched("In the '90s the riders’ groups won.").is_empty());
        assert!(mismatched("‘It’s done,’ they said; it's over.").is_empty());
        assert!(mismatched("“Fine,” he said. \"Done,\" she said.").is_empty());
    }
}
