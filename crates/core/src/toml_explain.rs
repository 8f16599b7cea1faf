//! Messages that say how to fix a TOML file, in place of the parser's and serde's wording.
//!
//! `toml` and serde describe what they expected in their own terms ("expected a sequence",
//! "unknown variant", "string values must be quoted"); a writer needs the key, the value and
//! the form that works. Two cases are recognised here: curly quotes around a value (what
//! word processors and macOS type, which TOML does not read as quotes), found by scanning the
//! text when it does not parse, and serde's type and variant errors, rewritten once the
//! offending key is known. [`crate::toml_doc`] calls both; it owns parsing and spans.

use std::fmt::Write as _;

use crate::diagnostic::Span;

/// A replacement of the problem's own span that fixes it without changing what was meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TomlFix {
    /// What the fix does, as a short phrase.
    pub(crate) title: String,
    /// The new text of the span.
    pub(crate) replacement: String,
}

/// A better message for one problem, in the document's coordinates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Explained {
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    pub(crate) fix: Option<TomlFix>,
}

/// A value written between curly quotes, and its straight-quoted form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CurlyValue {
    /// The value from its opening to its closing curly quote.
    pub(crate) span: Span,
    /// The key the value belongs to, when it is written on the same line.
    pub(crate) key: Option<String>,
    /// Whether the value is an element of an array rather than the key's whole value.
    pub(crate) in_array: bool,
    /// The value as a TOML basic string.
    pub(crate) replacement: String,
}

impl CurlyValue {
    pub(crate) fn explain(&self) -> Explained {
        let message = match (&self.key, self.in_array) {
            (Some(key), false) => {
                format!("the value of `{key}` is in curly quotes; use straight quotes `\"`")
            }
            (Some(key), true) => {
                format!("a value in `{key}` is in curly quotes; use straight quotes `\"`")
            }
            (None, _) => "a value is in curly quotes; use straight quotes `\"`".to_string(),
        };
        let help = match (&self.key, self.in_array) {
            (Some(key), false) => format!("write `{key} = {}`", self.replacement),
            _ => format!("write `{}`", self.replacement),
        };
        Explained {
            message,
            help: Some(help),
            fix: Some(TomlFix {
                title: "use straight quotes".into(),
                replacement: self.replacement.clone(),
            }),
        }
    }
}

/// Which kind of quote a typographic quotation mark stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

fn family(c: char) -> Option<Family> {
    match c {
        // “ ” „ ‟ « » (English, German, French and Swiss forms)
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{AB}' | '\u{BB}' => {
            Some(Family::Double)
        }
        // ‘ ’ ‚ ‛ ‹ ›
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2039}' | '\u{203A}' => {
            Some(Family::Single)
        }
        _ => None,
    }
}

fn is_guillemet(c: char) -> bool {
    matches!(c, '\u{AB}' | '\u{BB}' | '\u{2039}' | '\u{203A}')
}

/// Every value of `text` that opens with a curly quotation mark where TOML expects a value
/// (after `=`, `[` or `,`, or `{`), up to the matching closing mark that ends the value (one
/// followed by the end of the line, a comment, `,`, `]` or `}`, so apostrophes inside
/// "‘Microsoft’s hold’" stay part of it). Straight-quoted strings and comments are skipped,
/// so curly quotes inside real strings are never touched.
pub(crate) fn curly_quoted_values(text: &str) -> Vec<CurlyValue> {
    let mut found = Vec::new();
    let mut last_significant: Option<char> = None;
    let mut key_start = 0;
    let mut key: Option<String> = None;
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let width = c.len_utf8();
        match c {
            '#' => {
                i = line_end(text, i);
                continue;
            }
            '"' | '\'' => {
                i = skip_string(text, i, c);
                last_significant = Some(c);
                continue;
            }
            '\n' => {
                key_start = i + 1;
            }
            '=' => {
                key = Some(text[key_start..i].trim().to_string()).filter(|k| !k.is_empty());
                last_significant = Some(c);
            }
            '{' | ',' => {
                key_start = i + 1;
                last_significant = Some(c);
            }
            c if c.is_whitespace() => {}
            c if matches!(last_significant, Some('=' | '[' | ',' | '{')) => {
                if let Some(value) = family(c).and_then(|f| curly_value(text, i, c, f)) {
                    i = value.span.end;
                    found.push(CurlyValue {
                        key: key.clone(),
                        in_array: matches!(last_significant, Some('[' | ',')),
                        ..value
                    });
                    last_significant = Some('"');
                    continue;
                }
                last_significant = Some(c);
            }
            c => last_significant = Some(c),
        }
        i += width;
    }
    found
}

/// The curly-quoted value opening with `open` at `start`, if it closes on the same line.
fn curly_value(text: &str, start: usize, open: char, family_of_open: Family) -> Option<CurlyValue> {
    let content_start = start + open.len_utf8();
    let end_of_line = line_end(text, start);
    let line = &text[content_start..end_of_line];
    let (close_at, close) = line.char_indices().find(|&(at, c)| {
        family(c) == Some(family_of_open) && {
            let rest = line[at + c.len_utf8()..].trim_start_matches([' ', '\t', '\r']);
            rest.is_empty() || rest.starts_with(['#', ',', ']', '}'])
        }
    })?;
    let mut content = &line[..close_at];
    if is_guillemet(open) {
        // French and Swiss typography puts (narrow) spaces inside guillemets.
        content = content.trim_matches([' ', '\u{A0}', '\u{202F}']);
    }
    Some(CurlyValue {
        span: Span::new(start, content_start + close_at + close.len_utf8()),
        key: None,
        in_array: false,
        replacement: basic_string(content),
    })
}

/// `content` as a TOML basic string: `\` and `"` escaped, control characters as `\uXXXX`.
pub(crate) fn basic_string(content: &str) -> String {
    let mut out = String::with_capacity(content.len() + 2);
    out.push('"');
    for c in content.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\t' => out.push('\t'),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn line_end(text: &str, from: usize) -> usize {
    text[from..].find('\n').map_or(text.len(), |n| from + n)
}

/// The offset just past the string opening with `quote` at `start` (basic or literal, one
/// line or multi-line); the end of the line or text when it never closes.
fn skip_string(text: &str, start: usize, quote: char) -> usize {
    let triple = if quote == '"' { "\"\"\"" } else { "'''" };
    let escapes = quote == '"';
    if text[start..].starts_with(triple) {
        let body = start + 3;
        let mut at = body;
        while at < text.len() {
            if escapes && text[at..].starts_with('\\') {
                at += 1 + text[at + 1..].chars().next().map_or(0, char::len_utf8);
                continue;
            }
            if text[at..].starts_with(triple) {
                // Up to two more quotes may belong to the content (`""""x""""`).
                let mut end = at + 3;
                while text[end..].starts_with(quote) && end < at + 5 {
                    end += 1;
                }
                return end;
            }
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        }
        return text.len();
    }
    let end_of_line = line_end(text, start);
    let mut at = start + 1;
    while at < end_of_line {
        if escapes && text[at..].starts_with('\\') {
            at += 1 + text[at + 1..].chars().next().map_or(0, char::len_utf8);
            continue;
        }
        if text[at..].starts_with(quote) {
            return at + 1;
        }
        at += text[at..].chars().next().map_or(1, char::len_utf8);
    }
    end_of_line
}

/// Rewrites serde's message for the value at `path` (written as `written`) into one that
/// names the key and the form that works; `None` keeps serde's message.
pub(crate) fn explain_value_error(message: &str, path: &str, written: &str) -> Option<Explained> {
    let key = last_key(path);
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (given, expected) = rest.split_once('`')?;
        let valid = backticked(expected);
        return Some(unknown_variant(path, given, &valid, written));
    }
    let rest = message.strip_prefix("invalid type: ")?;
    let (unexpected, expected) = rest.split_once(", expected ")?;
    let kind = unexpected_kind(unexpected);
    let explained = match expected {
        "a sequence" => {
            let (help, fix) = if unexpected.starts_with("string ") {
                let fixed = format!("[{written}]");
                (
                    format!("write a list in brackets: `{key} = {fixed}`"),
                    Some(TomlFix {
                        title: "wrap the value in a list".into(),
                        replacement: fixed,
                    }),
                )
            } else {
                (
                    format!("write a list in brackets, like `{key} = [\"first\", \"second\"]`"),
                    None,
                )
            };
            Explained {
                message: format!("`{path}` must be a list, not {kind}"),
                help: Some(help),
                fix,
            }
        }
        "a string" => Explained {
            message: format!("`{path}` must be a string, not {kind}"),
            help: Some(if kind == "a list" {
                format!("`{key}` takes one value: `{key} = \"…\"`")
            } else {
                format!("put the value in double quotes: `{key} = \"…\"`")
            }),
            fix: None,
        },
        "a boolean" => Explained {
            message: format!("`{path}` must be `true` or `false`, not {kind}"),
            help: Some(format!(
                "write `{key} = true` or `{key} = false`, without quotes"
            )),
            fix: None,
        },
        number if is_integer_type(number) => Explained {
            message: format!("`{path}` must be a whole number, not {kind}"),
            help: Some(format!("write the number without quotes, like `{key} = 6`")),
            fix: None,
        },
        table if table.starts_with("struct ") || table == "a map" => Explained {
            message: format!("`{path}` must be a table, not {kind}"),
            help: Some(format!(
                "write `[{path}]` on a line of its own, then one `key = value` per line"
            )),
            fix: None,
        },
        other => Explained {
            message: format!("`{path}` must be {other}, not {kind}"),
            help: None,
            fix: None,
        },
    };
    Some(explained)
}

/// serde's "invalid value: integer `-1`, expected u32" and the like.
pub(crate) fn explain_invalid_value(message: &str, path: &str) -> Option<Explained> {
    let rest = message.strip_prefix("invalid value: ")?;
    let (unexpected, expected) = rest.split_once(", expected ")?;
    let value = backticked(unexpected)
        .into_iter()
        .next()
        .unwrap_or(unexpected);
    let expected = if is_integer_type(expected) && expected.starts_with('u') {
        "a whole number of 0 or more"
    } else if is_integer_type(expected) {
        "a whole number"
    } else {
        expected
    };
    Some(Explained {
        message: format!("`{path}` must be {expected}, not `{value}`"),
        help: None,
        fix: None,
    })
}

fn unknown_variant(path: &str, given: &str, valid: &[&str], written: &str) -> Explained {
    let key = last_key(path);
    let same_but_case = valid.iter().find(|v| v.eq_ignore_ascii_case(given.trim()));
    let nearest = same_but_case
        .copied()
        .or_else(|| crate::suggest::nearest(given, valid.iter().copied()));
    let list = valid
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let message = match nearest {
        Some(best) => format!(
            "unknown `{key}` value `{given}`; {}",
            crate::suggest::did_you_mean(best)
        ),
        None => format!("unknown `{key}` value `{given}`"),
    };
    // Only a difference of case (or stray spaces) is fixed unasked: anything else may be
    // another word the writer meant.
    let fix = same_but_case
        .filter(|_| written.starts_with(['"', '\'']))
        .map(|best| TomlFix {
            title: format!("write `{best}`"),
            replacement: basic_string(best),
        });
    Explained {
        message,
        help: Some(format!("`{key}` is one of {list}, in lower case")),
        fix,
    }
}

/// The last key of a dotted path, without an array index: `kind` for `updates[0].kind`.
fn last_key(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or(path);
    last.split('[').next().unwrap_or(last)
}

/// The words between backticks in `text`, in order.
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn is_integer_type(name: &str) -> bool {
    matches!(
        name,
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
    )
}

/// "a string", "an integer"… for serde's description of the value found.
fn unexpected_kind(unexpected: &str) -> &'static str {
    let word = unexpected.split([' ', '`']).next().unwrap_or(unexpected);
    match word {
        "string" | "char" => "a string",
        "integer" => "an integer",
        "floating" => "a decimal number",
        "boolean" => "a boolean",
        "sequence" => "a list",
        "map" => "a table",
        _ => "a value of another type",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> String {
        let mut out = text.to_string();
        for value in curly_quoted_values(text).iter().rev() {
            out.replace_range(value.span.start..value.span.end, &value.replacement);
        }
        out
    }

    #[test]
    fn curly_quoted_values_in_every_form_become_basic_strings() {
        for (text, expected) in [
            ("title = “Smart quotes”\n", "title = \"Smart quotes\"\n"),
            ("title = ‘Smart’\n", "title = \"Smart\"\n"),
            ("title = „Schlagzeile“\n", "title = \"Schlagzeile\"\n"),
            ("title = « Titre »\n", "title = \"Titre\"\n"),
            ("title = ”Both closing”\n", "title = \"Both closing\"\n"),
            (
                "title = ‘Microsoft’s hold’ # note\n",
                "title = \"Microsoft’s hold\" # note\n",
            ),
            (
                "title = “He said \"no\" \\ then”\n",
                "title = \"He said \\\"no\\\" \\\\ then\"\n",
            ),
            (
                "tags = [“a, b”, ‘c’]\nx = { y = “z” }\r\n",
                "tags = [\"a, b\", \"c\"]\nx = { y = \"z\" }\r\n",
            ),
            (
                "authors = [\n  “maya”,\n]\n",
                "authors = [\n  \"maya\",\n]\n",
            ),
        ] {
            assert_eq!(fixed(text), expected, "{text}");
            let parsed: Result<toml::Table, _> = toml::from_str(&fixed(text));
            assert!(parsed.is_ok(), "{text}: {parsed:?}");
        }
    }

    proptest::proptest! {
        /// Any text, TOML or not, is scanned without a panic, and every value found lies on
        /// character boundaries inside it.
        #[test]
        fn scanning_never_panics(text in "(?s).{0,200}|[=\\[,{ \n\"'#a“”‘’„«»]{0,60}") {
            for value in curly_quoted_values(&text) {
                proptest::prop_assert!(text.get(value.span.start..value.span.end).is_some());
            }
        }

        /// Whatever a writer typed between curly quotes, the fix gives a TOML string that
        /// reads back as exactly that text.
        #[test]
        fn the_fix_keeps_the_text(content in "[^\n\r“”„‟«»‘’‚‛‹›]{0,40}", open in 0..4usize) {
            let (left, right) = [("“", "”"), ("‘", "’"), ("„", "“"), ("”", "”")][open];
            let text = format!("title = {left}{content}{right}\n");
            let values = curly_quoted_values(&text);
            proptest::prop_assert_eq!(values.len(), 1);
            let table: toml::Table = toml::from_str(&fixed(&text)).expect("fixed text parses");
            proptest::prop_assert_eq!(table["title"].as_str(), Some(content.as_str()));
        }
    }

    #[test]
    fn curly_quotes_inside_strings_and_comments_are_left_alone() {
        for text in [
            "title = \"“Quoted” inside\"\n",
            "title = 'It’s fine'\n",
            "# “comment”\ntitle = \"x\"\n",
            "dek = \"\"\"\n“multi” line\n\"\"\"\n",
            "title = Microsoft’s\n",
        ] {
            assert!(curly_quoted_values(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn keys_are_named() {
        let values = curly_quoted_values("title = “A”\n[image]\nalt = “B”\n");
        let keys: Vec<_> = values.iter().map(|v| v.key.as_deref()).collect();
        assert_eq!(keys, [Some("title"), Some("alt")]);
    }

    #[test]
    fn serde_messages_become_instructions() {
        let explained = explain_value_error(
            "invalid type: string \"maya-okafor\", expected a sequence",
            "authors",
            "\"maya-okafor\"",
        )
        .expect("explained");
        assert_eq!(explained.message, "`authors` must be a list, not a string");
        assert_eq!(
            explained.help.as_deref(),
            Some("write a list in brackets: `authors = [\"maya-okafor\"]`")
        );
        let explained = explain_value_error(
            "unknown variant `Published`, expected one of `draft`, `review`, `published`, `retracted`",
            "status",
            "\"Published\"",
        )
        .expect("explained");
        assert_eq!(
            explained.message,
            "unknown `status` value `Published`; did you mean `published`?"
        );
        assert_eq!(
            explained.fix.map(|f| f.replacement).as_deref(),
            Some("\"published\"")
        );
        let explained = explain_value_error(
            "unknown variant `corection`, expected one of `update`, `correction`, `clarification`",
            "updates[0].kind",
            "\"corection\"",
        )
        .expect("explained");
        assert_eq!(
            explained.message,
            "unknown `kind` value `corection`; did you mean `correction`?"
        );
        assert!(
            explained.fix.is_none(),
            "a misspelling is not fixed unasked"
        );
        let explained = explain_value_error(
            "invalid type: string \"6\", expected u32",
            "read_time",
            "\"6\"",
        )
        .expect("explained");
        assert_eq!(
            explained.message,
            "`read_time` must be a whole number, not a string"
        );
    }
}
