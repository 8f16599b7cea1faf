//! The default human format: a rustc-style excerpt with a caret, via annotate-snippets.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{LintReport, Positions, RenderOptions};
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
        let (text, start, _) = positions.of(diagnostic);
        let path = options.display_path(&diagnostic.path);
        let excerpt = Excerpt::around(&text, diagnostic);
        let level = match diagnostic.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let title = level
            .primary_title(diagnostic.message.as_str())
            .id(diagnostic.code.as_str());
        let group = match &excerpt {
            Some(excerpt) => title.element(
                Snippet::source(excerpt.text)
                    .line_start(start.line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(excerpt.span.clone())),
            ),
            None => title.element(annotate_snippets::Origin::path(path.as_str())),
        };
        let mut notes: Vec<String> = Vec::new();
        for related in &diagnostic.related {
            notes.push(format!(
                "{}: {}:{}:{}",
                related.message,
                options.display_path(&related.path),
                related.position.line,
                related.position.column
            ));
        }
        let mut group = group;
        for note in &notes {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        if let Some(help) = &diagnostic.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let report: [Group<'_>; 1] = [group];
        writeln!(out, "{}\n", renderer.render(&report))?;
    }
    Ok(())
}

/// The lines a span covers, with the span made relative to them.
struct Excerpt<'t> {
    text: &'t str,
    span: std::ops::Range<usize>,
}

impl<'t> Excerpt<'t> {
    fn around(text: &'t str, diagnostic: &Diagnostic) -> Option<Excerpt<'t>> {
        if text.is_empty() {
            return None;
        }
        let index = LineIndex::new(text);
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
        Some(Excerpt {
            text: excerpt,
            span: span_start..span_end,
        })
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}
