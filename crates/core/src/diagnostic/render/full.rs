//! The default human format: a rustc-style excerpt with a caret, via annotate-snippets.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use std::borrow::Cow;

use super::escape::escape_with_range;
use super::{LintReport, Positions, RenderOptions, escape_controls};
use crate::diagnostic::{Diagnostic, LineIndex, Severity};

/// At most this many bytes of a line are shown; longer lines are cut around the span.
const MAX_EXCERPT: usize = 240;

pub(super) fn render(
    report: &LintReport,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut positions = Positions::new(report);
    for diagnostic in &report.diagnostics {
        let located = positions.of(diagnostic);
        let start = located.start;
        // Content reaches the terminal only escaped (see `escape`): path, message, excerpt,
        // notes and help alike.
        let path = escape_controls(&options.display_path(&diagnostic.path)).into_owned();
        let message = escape_controls(&diagnostic.message);
        let excerpt = Excerpt::around(located.text, located.index, diagnostic);
        let level = match diagnostic.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let title = level
            .primary_title(message.as_ref())
            .id(diagnostic.code.as_str());
        let group = match &excerpt {
            Some(excerpt) => title.element(
                Snippet::source(excerpt.text.as_ref())
                    .line_start(start.line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(excerpt.span.clone())),
            ),
            None => title.element(annotate_snippets::Origin::path(path.as_str())),
        };
        let mut notes: Vec<String> = Vec::new();
        for related in &diagnostic.related {
            let note = format!(
                "{}: {}:{}:{}",
                related.message,
                options.display_path(&related.path),
                related.position.line,
                related.position.column
            );
            notes.push(escape_controls(&note).into_owned());
        }
        let mut group = group;
        for note in &notes {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        let help = diagnostic.help.as_deref().map(escape_controls);
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_ref()));
        }
        let report: [Group<'_>; 1] = [group];
        writeln!(out, "{}\n", renderer.render(&report))?;
    }
    Ok(())
}

/// The lines a span covers, with the span made relative to them.
struct Excerpt<'t> {
    /// The lines, control characters escaped.
    text: Cow<'t, str>,
    span: std::ops::Range<usize>,
}

impl<'t> Excerpt<'t> {
    /// `index` is the file's, shared with the other renderers: building one per diagnostic
    /// made the default format quadratic in the size of a file with many findings.
    fn around(text: &'t str, index: &LineIndex, diagnostic: &Diagnostic) -> Option<Excerpt<'t>> {
        if text.is_empty() {
            return None;
        }
        let start = floor_char_boundary(text, diagnostic.span.start.min(text.len()));
        let end = floor_char_boundary(text, diagnostic.span.end.min(text.len()).max(start));
        let first_line = index.line_of(start);
        let last_line = index
            .line_of(end.saturating_sub(usize::from(end > start)))
            .max(first_line);
        let mut from = index.line_start(first_line);
        let mut to = index.line_start(last_line + 1).min(text.len());
        // Keep excerpts of huge lines readable: cut around the span.
        if to - from > MAX_EXCERPT * 2 {
            from = floor_char_boundary(text, start.saturating_sub(MAX_EXCERPT / 2).max(from));
            to = floor_char_boundary(text, (end + MAX_EXCERPT / 2).min(to));
        }
        let excerpt = text[from..to].trim_end_matches(['\n', '\r']);
        let span_start = (start - from).min(excerpt.len());
        let span_end = (end.max(start) - from).min(excerpt.len());
        let (text, span) = escape_with_range(excerpt, span_start..span_end);
        Some(Excerpt { text, span })
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}
