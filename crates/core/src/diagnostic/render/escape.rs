//! Keeps content from driving the terminal: control characters in file names, front matter
//! values or Markdown reach human-readable output written visibly, never raw.
//!
//! A slug, key or file name holding ESC or BEL could otherwise write to the clipboard
//! (OSC 52), erase lines or retitle the window of whoever runs `copydesk lint`. Every control
//! character (C0 `U+0000`–`U+001F`, DEL `U+007F`, C1 `U+0080`–`U+009F`) except tab and
//! newline is written as Rust writes it in a string literal, `\u{1b}`, the one form used in
//! every human-readable format. Newlines are kept where a format has lines (the excerpt of
//! `full`) and are left to each format elsewhere. JSON and SARIF escape through serde (C0 as
//! `\u001b`) plus [`json_formatter`] for DEL and C1, which JSON allows raw.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;
use std::ops::Range;

/// Whether `c` is escaped in human-readable output: every control character but tab and
/// newline.
pub fn is_escaped_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// `text` with every control character but tab and newline written as `\u{…}`
/// (`"\u{1b}]52;c;…"` for an ESC), borrowed when there is none.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_escaped_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

fn push_escaped(out: &mut String, c: char) {
    if is_escaped_control(c) {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    } else {
        out.push(c);
    }
}

/// `text` escaped like [`escape_controls`], with `range` (byte offsets into `text`) moved to
/// the same characters of the escaped text, for excerpts whose annotations point into them.
/// A CR that ends a line (before LF) is part of the line break and kept.
pub(crate) fn escape_with_range(text: &str, range: Range<usize>) -> (Cow<'_, str>, Range<usize>) {
    if !text.chars().any(is_escaped_control) {
        return (Cow::Borrowed(text), range);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let (mut start, mut end) = (None, None);
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if start.is_none() && at >= range.start {
            start = Some(out.len());
        }
        if end.is_none() && at >= range.end {
            end = Some(out.len());
        }
        if c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n') {
            out.push(c);
        } else {
            push_escaped(&mut out, c);
        }
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len()).max(start);
    (Cow::Owned(out), start..end)
}

/// A `serde_json` pretty formatter that also escapes DEL and C1 controls as `\u00XX`:
/// JSON allows them raw, but a terminal showing `--format json` may act on them.
pub(crate) fn json_formatter() -> ControlEscaping {
    ControlEscaping(serde_json::ser::PrettyFormatter::new())
}

/// See [`json_formatter`].
pub(crate) struct ControlEscaping(serde_json::ser::PrettyFormatter<'static>);

// Every method but `write_string_fragment` forwards to the pretty formatter.
impl serde_json::ser::Formatter for ControlEscaping {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // serde_json escapes C0 itself; the fragments it hands over hold the rest raw.
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| c.is_control()) {
            writer.write_all(&rest.as_bytes()[..at])?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

/// Writes `value` as pretty JSON with every control character escaped.
pub(crate) fn write_json<T: serde::Serialize + ?Sized>(
    out: &mut dyn io::Write,
    value: &T,
) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, json_formatter());
    value.serialize(&mut serializer).map_err(io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_written_visibly_and_tab_and_newline_kept() {
        assert_eq!(
            escape_controls("a\u{1b}]52;c;eA==\u{7}b\tc\nd\u{7f}\u{9b}2K\r"),
            "a\\u{1b}]52;c;eA==\\u{7}b\tc\nd\\u{7f}\\u{9b}2K\\u{d}"
        );
        assert!(matches!(escape_controls("plain ünïcode"), Cow::Borrowed(_)));
    }

    #[test]
    fn ranges_follow_their_characters() {
        let text = "\u{1b}[2Kslug\u{9b}x";
        let start = text.find("slug").expect("present");
        let (escaped, range) = escape_with_range(text, start..start + 4);
        assert_eq!(escaped, "\\u{1b}[2Kslug\\u{9b}x");
        assert_eq!(&escaped[range], "slug");
        let (escaped, range) = escape_with_range(text, text.len()..text.len());
        assert_eq!(range, escaped.len()..escaped.len());
        let (escaped, _) = escape_with_range("a\r\nb\rc\u{7}", 0..1);
        assert_eq!(escaped, "a\r\nb\\u{d}c\\u{7}");
    }

    #[test]
    fn json_escapes_c0_del_and_c1() {
        let mut out = Vec::new();
        write_json(&mut out, &["\u{1b}\u{7f}\u{85}\u{9f}é"]).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.contains(r"\u001b\u007f\u0085\u009fé"), "{text}");
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
        let back: Vec<String> = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, ["\u{1b}\u{7f}\u{85}\u{9f}é"]);
    }
}
