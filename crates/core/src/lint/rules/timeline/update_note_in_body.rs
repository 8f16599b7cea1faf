use crate::article::{Article, UpdateKind};
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::prose;

declare_rule! {
    /// ## What it does
    /// Reports a paragraph of the body that is an update or correction note ("This story has
    /// been updated…", "Update:", "Correction:", "An earlier version of this article…") when
    /// `[[updates]]` does not record it: a correction note needs a `correction` entry, any
    /// other note an entry of any kind. With several notes, each needs an entry of its own;
    /// the notes beyond the entries recorded are reported.
    ///
    /// The note is recognised at the start of a paragraph (after emphasis, which is dropped),
    /// case-insensitively.
    ///
    /// ## Why is this bad?
    /// The update timeline is what exports show as "Updated …", what feeds and JSON-LD
    /// (`correction`) carry, and what TL003–TL005 check. A note typed into the body is seen on
    /// the page only: feeds, search engines and the corrections log never learn of it.
    ///
    /// ## Example
    /// ```markdown
    /// +++
    /// title = "OpenAI Breaks Microsoft's Hold"
    /// status = "published"
    /// published = 2026-05-06T14:25:00Z
    /// +++
    ///
    /// *Correction: An earlier version of this article misstated the length of the deal.*
    /// ```
    ///
    /// Use instead: record it with `copydesk correct ARTICLE "…"`, which adds
    /// ```toml
    /// updated = 2026-05-07T09:00:00Z
    ///
    /// [[updates]]
    /// at = 2026-05-07T09:00:00Z
    /// kind = "correction"
    /// text = "An earlier version of this article misstated the length of the deal."
    /// ```
    /// and remove the note from the body (exports render the timeline).
    pub(crate) struct UpdateNoteInBody {
        code: "TL007",
        name: "update-note-in-body",
        severity: Warning,
        fix: None,
        scope: Article,
        summary: "the body carries an update or correction note that `[[updates]]` does not record",
        check: check_update_note_in_body,
    }
}

/// Openings of a correction note, lower case.
const CORRECTION_NOTES: &[&str] = &[
    "correction:",
    "corrections:",
    "an earlier version of this article",
    "an earlier version of this story",
    "a previous version of this article",
    "a previous version of this story",
    "this article has been corrected",
    "this story has been corrected",
    "this article was corrected",
    "this story was corrected",
];

/// Openings of any other update note, lower case.
const UPDATE_NOTES: &[&str] = &[
    "update:",
    "updated:",
    "clarification:",
    "editor's note:",
    "editor’s note:",
    "this story has been updated",
    "this article has been updated",
    "this story was updated",
    "this article was updated",
    "this post has been updated",
];

/// Whether `text` opens like a note, and which kind it needs recorded.
fn note_kind(text: &str) -> Option<UpdateKind> {
    let lower = text.trim_start().to_lowercase();
    if CORRECTION_NOTES.iter().any(|note| lower.starts_with(note)) {
        Some(UpdateKind::Correction)
    } else if UPDATE_NOTES.iter().any(|note| lower.starts_with(note)) {
        Some(UpdateKind::Update)
    } else {
        None
    }
}

pub(crate) fn check_update_note_in_body(ctx: &LintContext<'_>, article: &Article) {
    let corrections = article
        .updates
        .iter()
        .filter(|u| u.kind == UpdateKind::Correction)
        .count();
    // A correction entry also records an update note: the reader was told something changed.
    let mut unrecorded_corrections = corrections;
    let mut unrecorded_any = article.updates.len();
    for block in prose::paragraphs(ctx) {
        let Some(kind) = note_kind(&block.text) else {
            continue;
        };
        let recorded = match kind {
            UpdateKind::Correction if unrecorded_corrections > 0 => {
                unrecorded_corrections -= 1;
                unrecorded_any = unrecorded_any.saturating_sub(1);
                true
            }
            UpdateKind::Correction => false,
            _ if unrecorded_any > 0 => {
                unrecorded_any -= 1;
                true
            }
            _ => false,
        };
        if recorded {
            continue;
        }
        let (message, help) = if kind == UpdateKind::Correction {
            (
                "correction note in the body is not recorded in `[[updates]]`",
                "record it with `copydesk correct ARTICLE \"TEXT\"` and remove the note from the body",
            )
        } else {
            (
                "update note in the body is not recorded in `[[updates]]`",
                "record it with `copydesk update ARTICLE \"TEXT\"` and remove the note from the body",
            )
        };
        let first_line_end = article.source[block.span.start..block.span.end]
            .find('\n')
            .map_or(block.span.end, |at| block.span.start + at);
        ctx.push(
            ctx.diagnostic(
                &UpdateNoteInBody::META,
                crate::diagnostic::Span::new(block.span.start, first_line_end),
                message,
            )
            .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_notes_by_their_opening_only() {
        assert_eq!(
            note_kind("Correction: the deal runs to 2030."),
            Some(UpdateKind::Correction)
        );
        assert_eq!(
            note_kind("An earlier version of this story misstated the date."),
            Some(UpdateKind::Correction)
        );
        assert_eq!(
            note_kind("This story has been updated with Microsoft's comment."),
            Some(UpdateKind::Update)
        );
        assert_eq!(note_kind("The company issued a correction: none."), None);
        assert_eq!(note_kind("Updates to the app arrive weekly."), None);
    }
}
