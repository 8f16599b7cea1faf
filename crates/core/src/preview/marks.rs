//! Findings highlighted where they are in the rendered body.
//!
//! Why markers and not comrak's `render.sourcepos`: the body the page shows is the export
//! model's `body_html`, which rewrites citations, resolves `article:` links and goes through
//! the sanitiser; `data-sourcepos` attributes would have to survive all of that, and they only
//! locate whole blocks and inlines, not the bytes of a finding inside a sentence. Instead each
//! finding's span is bracketed in the Markdown source by two private-use characters the file
//! does not contain, the export model renders that text as it renders any other, and the
//! characters are then turned into `<mark>` elements (or dropped where they landed inside a
//! tag, such as an image's `alt`). Markers are only put inside text nodes, never in a link
//! target, a code block or raw HTML, so the rendering around them is unchanged.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use comrak::Arena;
use comrak::nodes::NodeValue;

use super::findings::{Finding, Section};
use crate::article::Article;
use crate::markdown::{self, BodyPositions};

/// The private-use ranges markers are taken from: two characters per finding. The second
/// range is used when the file itself contains characters of the first.
const PLANES: [(u32, u32); 2] = [(0xF_0000, 0xF_FFFD), (0x10_0000, 0x10_FFFD)];

/// The markers of one article: the range used and how many findings carry them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Markers {
    first: u32,
    count: usize,
}

impl Markers {
    fn start(self, i: usize) -> char {
        char::from_u32(self.first + 2 * i as u32).expect("markers stay inside a private-use plane")
    }

    fn end(self, i: usize) -> char {
        char::from_u32(self.first + 2 * i as u32 + 1)
            .expect("markers stay inside a private-use plane")
    }

    /// The finding index and whether it opens, for a character of this range.
    fn decode(self, c: char) -> Option<(usize, bool)> {
        let code = c as u32;
        let offset = code.checked_sub(self.first)? as usize;
        (offset < 2 * self.count).then_some((offset / 2, offset.is_multiple_of(2)))
    }
}

/// The article's text with the body findings bracketed by markers, and the markers used;
/// `None` when no finding lands in the body text. Sets `marked` on the findings that got one.
pub(crate) fn insert(article: &Article, findings: &mut [Finding]) -> Option<(String, Markers)> {
    let text: &str = &article.source;
    let (first, last) = PLANES
        .into_iter()
        .find(|&(first, last)| !text.chars().any(|c| (first..=last).contains(&(c as u32))))?;
    let capacity = (last - first).div_ceil(2) as usize;
    let markers = Markers {
        first,
        count: findings.len().min(capacity),
    };
    let body = article.layout.body;
    let ranges = text_ranges(text.get(body.start..body.end)?, body.start);
    // (offset, order, marker): ends sort before starts at the same offset so a finding that
    // ends where another begins does not swallow it; zero-width findings keep start first.
    let mut inserts: Vec<(usize, u8, usize, char)> = Vec::new();
    for (i, finding) in findings.iter_mut().enumerate().take(markers.count) {
        if finding.section != Section::Body {
            continue;
        }
        let Some((start, end)) = place(&ranges, finding.span) else {
            continue;
        };
        finding.marked = true;
        inserts.push((start, u8::from(start != end), i, markers.start(i)));
        inserts.push((end, u8::from(start == end), i, markers.end(i)));
    }
    if inserts.is_empty() {
        return None;
    }
    inserts.sort_unstable();
    let mut marked = String::with_capacity(text.len() + inserts.len() * 4);
    let mut at = 0;
    for (offset, _, _, marker) in inserts {
        marked.push_str(&text[at..offset]);
        marked.push(marker);
        at = offset;
    }
    marked.push_str(&text[at..]);
    Some((marked, markers))
}

/// Byte ranges (whole-file offsets) of the body's plain text: text nodes outside links whose
/// text is their own target (autolinks), so a marker never changes a URL.
fn text_ranges(body: &str, body_start: usize) -> Vec<(usize, usize)> {
    let arena = Arena::new();
    let root = markdown::parse(&arena, body);
    let positions = BodyPositions::new(body, body_start);
    let mut ranges = Vec::new();
    for node in root.descendants() {
        let data = node.data.borrow();
        let NodeValue::Text(literal) = &data.value else {
            continue;
        };
        let in_autolink = node.parent().is_some_and(|parent| {
            matches!(&parent.data.borrow().value, NodeValue::Link(link)
                if link.url.ends_with(literal.as_ref() as &str) || literal.contains("://"))
        });
        if in_autolink || data.sourcepos.start.line == 0 {
            continue;
        }
        let span = positions.span(data.sourcepos);
        let (start, end) = (span.start, span.end);
        // A text node whose source is not its literal text (escapes, entities) keeps its
        // markers at its edges, where they cannot split an escape.
        let source = &body[start - body_start..end - body_start];
        if source == literal.as_ref() as &str {
            ranges.push((start, end));
        } else {
            ranges.push((start, start));
            ranges.push((end, end));
        }
    }
    ranges.sort_unstable();
    ranges
}

/// Where a finding's markers go: its span clipped to the text it overlaps, else the nearest
/// text edge at or after its start (a finding on a link target marks the link's text).
fn place(ranges: &[(usize, usize)], (start, end): (usize, usize)) -> Option<(usize, usize)> {
    let overlapping: Vec<_> = ranges
        .iter()
        .filter(|&&(s, e)| s < end.max(start + 1) && start < e.max(s + 1))
        .collect();
    if let (Some(first), Some(last)) = (overlapping.first(), overlapping.last()) {
        let from = start.max(first.0);
        let to = end.min(last.1).max(from);
        return Some((from, to));
    }
    let &(s, e) = ranges
        .iter()
        .find(|&&(s, _)| s >= start)
        .or_else(|| ranges.last())?;
    Some((s, e))
}

/// Turns markers in rendered HTML into highlights: a focusable badge where a finding starts
/// (its code, message and fix in a tooltip shown on hover and focus, linking to the panel)
/// and `<mark>` around every run of text it covers. Markers inside tags are dropped.
pub(crate) fn render(html: &str, markers: Markers, findings: &[Finding]) -> String {
    let mut out = String::with_capacity(html.len() + findings.len() * 300);
    let mut open: BTreeSet<usize> = BTreeSet::new();
    let mut in_mark = false;
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    for c in html.chars() {
        if let Some((i, opens)) = markers.decode(c) {
            if in_tag {
                continue;
            }
            if in_mark {
                out.push_str("</mark>");
                in_mark = false;
            }
            if opens {
                if let Some(finding) = findings.get(i) {
                    badge(&mut out, finding);
                }
                open.insert(i);
            } else {
                open.remove(&i);
            }
            continue;
        }
        if in_tag {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => in_tag = false,
                _ => {}
            }
            out.push(c);
            continue;
        }
        if c == '<' {
            if in_mark {
                out.push_str("</mark>");
                in_mark = false;
            }
            in_tag = true;
            out.push(c);
            continue;
        }
        if !in_mark
            && !c.is_whitespace()
            && let Some(&i) = open.iter().next_back()
        {
            let severity = findings.get(i).map_or("info", |f| f.severity);
            let _ = write!(
                out,
                "<mark class=\"finding finding-{severity}\" data-finding=\"{}\">",
                i + 1
            );
            in_mark = true;
        }
        out.push(c);
    }
    if in_mark {
        out.push_str("</mark>");
    }
    out
}

/// The badge of one finding: keyboard-focusable, described by its tooltip, and linking to the
/// finding's entry in the panel. A symbol and the code say what colour also says.
pub(crate) fn badge(out: &mut String, finding: &Finding) {
    let symbol = match finding.severity {
        "error" => "✖",
        "warning" => "▲",
        _ => "●",
    };
    let _ = write!(
        out,
        "<span class=\"finding-badge finding-{severity}\" id=\"at-{anchor}\" tabindex=\"0\" role=\"note\" aria-describedby=\"tip-{anchor}\" data-target=\"{anchor}\"><span aria-hidden=\"true\">{symbol}</span> {code}<span class=\"finding-tip\" role=\"tooltip\" id=\"tip-{anchor}\"><strong>{code} {severity}</strong>: {message}{help}</span></span>",
        severity = finding.severity,
        anchor = finding.anchor,
        code = finding.code,
        message = escape(&finding.message),
        help = finding
            .help
            .as_deref()
            .map(|help| format!("<br>Fix: {}", escape(help)))
            .unwrap_or_default(),
    );
}

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers() -> Markers {
        Markers {
            first: PLANES[0].0,
            count: 2,
        }
    }

    fn finding(n: usize) -> Finding {
        Finding {
            n,
            anchor: format!("finding-{n}"),
            code: "MD001",
            name: "x",
            severity: "warning",
            message: "a <b> message".into(),
            help: None,
            fixable: false,
            line: 1,
            column: 1,
            field: None,
            section: Section::Body,
            marked: true,
            span: (0, 0),
        }
    }

    #[test]
    fn marks_each_text_run_and_drops_markers_inside_tags() {
        let m = markers();
        let html = format!(
            "<p>a {}b <em>c</em>{} d <img alt=\"x{}y\"></p>",
            m.start(0),
            m.end(0),
            m.start(1)
        );
        let out = render(&html, m, &[finding(1), finding(2)]);
        assert!(out.contains("<mark class=\"finding finding-warning\" data-finding=\"1\">b </mark><em><mark class=\"finding finding-warning\" data-finding=\"1\">c</mark></em>"), "{out}");
        assert!(out.contains("alt=\"xy\""), "{out}");
        assert!(out.contains("a &lt;b&gt; message"), "{out}");
        assert!(!out.chars().any(|c| m.decode(c).is_some()));
    }

    #[test]
    fn a_span_on_a_link_target_marks_the_next_text() {
        let ranges = vec![(10, 20), (30, 40)];
        assert_eq!(place(&ranges, (22, 28)), Some((30, 40)));
        assert_eq!(place(&ranges, (15, 35)), Some((15, 35)));
        assert_eq!(place(&ranges, (50, 55)), Some((30, 40)));
    }
}
