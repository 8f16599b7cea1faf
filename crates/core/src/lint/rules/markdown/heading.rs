//! What the heading rules (MD001–MD003) read of a heading: the text a reader sees, the text as
//! the writer typed it, and the `#` marks of an ATX heading. The text a reader sees is the same
//! text the HTML export derives anchor ids and the table of contents from, so a rule and the
//! export can never disagree about whether two headings read alike.

use comrak::nodes::AstNode;

use crate::diagnostic::Span;

/// The heading's text as rendered: text, code spans and link text, without images, inline HTML
/// or footnote marks; runs of white space as one space. This is the export's anchor text.
pub(crate) fn reader_text<'a>(heading: &'a AstNode<'a>) -> String {
    let mut text = String::new();
    crate::read_time::collect_inline_text(heading, &mut text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The heading's content as written in the source, for messages: an ATX heading without its
/// opening and closing `#` marks, a setext heading without its underline (lines joined by a
/// space). `span` is the heading node's span.
pub(crate) fn as_written(source: &str, span: Span, setext: bool) -> String {
    let Some(text) = source.get(span.start..span.end) else {
        return String::new();
    };
    if setext {
        let mut lines: Vec<&str> = text.lines().collect();
        lines.pop();
        return lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
    }
    let line = text.lines().next().unwrap_or_default();
    match atx_marks_in(line) {
        Some(marks) => line[marks.content.clone()].to_string(),
        None => line.trim().to_string(),
    }
}

/// The parts of one ATX heading line, as byte ranges of the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AtxLine {
    /// The opening run of `#`.
    pub(crate) open: std::ops::Range<usize>,
    /// The content between the marks, trimmed.
    pub(crate) content: std::ops::Range<usize>,
    /// The optional closing run of `#` (`CommonMark`: preceded by a space or tab, or the whole
    /// content, and followed only by spaces or tabs).
    pub(crate) close: Option<std::ops::Range<usize>>,
}

/// The opening and closing marks of the ATX heading whose node spans `heading` in `source`.
pub(crate) fn atx_marks(source: &str, heading: Span) -> Option<(Span, Option<Span>)> {
    let text = source.get(heading.start..heading.end)?;
    let line = text.lines().next()?;
    let marks = atx_marks_in(line)?;
    let at = |r: std::ops::Range<usize>| Span::new(heading.start + r.start, heading.start + r.end);
    Some((at(marks.open), marks.close.map(at)))
}

/// Splits an ATX heading line (`## Title ##`) into its marks and content.
pub(crate) fn atx_marks_in(line: &str) -> Option<AtxLine> {
    let line = line.trim_end_matches(['\r', '\n']);
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let after_indent = &line[indent..];
    let hashes = after_indent.len() - after_indent.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let open = indent..indent + hashes;
    let rest = &line[open.end..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let body_end = line.trim_end_matches([' ', '\t']).len().max(open.end);
    let body = &line[open.end..body_end];
    let closing = body.len() - body.trim_end_matches('#').len();
    let before_closing = &body[..body.len() - closing];
    let close = (closing > 0
        && (before_closing.trim().is_empty() || before_closing.ends_with([' ', '\t'])))
    .then(|| body_end - closing..body_end);
    let content_end = close.as_ref().map_or(body_end, |c| c.start);
    let content = &line[open.end..content_end];
    let lead = content.len() - content.trim_start_matches([' ', '\t']).len();
    let trail = content.len() - content.trim_end_matches([' ', '\t']).len();
    let content = (open.end + lead)..(content_end - trail).max(open.end + lead);
    Some(AtxLine {
        open,
        content,
        close,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(line: &str) -> (String, String, Option<String>) {
        let marks = atx_marks_in(line).expect("an ATX heading");
        (
            line[marks.open].to_string(),
            line[marks.content].to_string(),
            marks.close.map(|c| line[c].to_string()),
        )
    }

    #[test]
    fn atx_lines_split_into_marks_and_content() {
        assert_eq!(
            parts("### Three ###"),
            ("###".into(), "Three".into(), Some("###".into()))
        );
        assert_eq!(
            parts("## The   type"),
            ("##".into(), "The   type".into(), None)
        );
        assert_eq!(
            parts("## C# ##  "),
            ("##".into(), "C#".into(), Some("##".into()))
        );
        assert_eq!(parts("## C#"), ("##".into(), "C#".into(), None));
        assert_eq!(
            parts("## ends \\##"),
            ("##".into(), "ends \\##".into(), None)
        );
        assert_eq!(
            parts("   #### x #"),
            ("####".into(), "x".into(), Some("#".into()))
        );
        assert_eq!(
            parts("## ##"),
            ("##".into(), String::new(), Some("##".into()))
        );
        assert!(atx_marks_in("#hashtag").is_none());
        assert!(atx_marks_in("    ## code").is_none());
        assert!(atx_marks_in("####### seven").is_none());
    }

    proptest::proptest! {
        #[test]
        fn any_line_splits_within_itself(line in "[ #\\\\a-c\t🚀]{0,16}") {
            if let Some(marks) = atx_marks_in(&line) {
                for range in [Some(marks.open), Some(marks.content), marks.close].into_iter().flatten() {
                    proptest::prop_assert!(line.get(range).is_some());
                }
            }
        }
    }
}
