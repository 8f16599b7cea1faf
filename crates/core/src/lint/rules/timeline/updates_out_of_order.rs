use crate::article::Article;
use crate::diagnostic::{Applicability, Edit, Fix, Span};
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::entries;

declare_rule! {
    /// ## What it does
    /// Reports `[[updates]]` entries that are not in chronological order, oldest first.
    ///
    /// ## Why is this bad?
    /// Exports and the page show updates in the order written. Out of order, the timeline
    /// tells readers a story in the wrong sequence, and the latest correction may be buried.
    ///
    /// ## Example
    /// ```toml
    /// [[updates]]
    /// at = 2026-05-07T09:00:00Z
    /// text = "Corrects the size of Microsoft’s stake."
    ///
    /// [[updates]]
    /// at = 2026-05-06T16:00:00Z
    /// text = "Adds Microsoft’s comment."
    /// ```
    ///
    /// Use instead:
    /// ```toml
    /// [[updates]]
    /// at = 2026-05-06T16:00:00Z
    /// text = "Adds Microsoft’s comment."
    ///
    /// [[updates]]
    /// at = 2026-05-07T09:00:00Z
    /// text = "Corrects the size of Microsoft’s stake."
    /// ```
    ///
    /// ## Fix safety
    /// The fix is safe: it moves the text of each `[[updates]]` block (its header, its keys
    /// and any comments among them) into chronological order; entries with equal times keep
    /// their order, and blank lines and comments between blocks stay where they are. No other
    /// byte changes. It is offered only when the updates are consecutive `[[updates]]` blocks
    /// that all parsed; updates written as an inline array, or with other tables or unknown
    /// keys among them, are reported without a fix.
    pub(crate) struct UpdatesOutOfOrder {
        code: "TL003",
        name: "updates-out-of-order",
        severity: Warning,
        fix: Sometimes,
        scope: Article,
        summary: "`[[updates]]` not in chronological order",
        check: check_updates_out_of_order,
    }
}

/// The keys an `[[updates]]` entry may have.
const UPDATE_KEYS: [&str; 4] = ["at", "kind", "text", "source"];

pub(crate) fn check_updates_out_of_order(ctx: &LintContext<'_>, article: &Article) {
    let Some(later) = article
        .updates
        .windows(2)
        .find(|pair| pair[1].at < pair[0].at)
    else {
        return;
    };
    let (earlier_entry, later_entry) = (&later[0], &later[1]);
    let span = ctx.updates().field_span(article, later_entry.span, "at");
    let before = ctx.updates().field_span(article, earlier_entry.span, "at");
    let mut diagnostic = ctx.diagnostic(
        &UpdatesOutOfOrder::META,
        span,
        format!(
            "update at `{}` is listed after a later one at `{}`",
            entries::written(article, span),
            entries::written(article, before)
        ),
    );
    diagnostic = match reorder(article) {
        Some(fix) => diagnostic.with_help(fix.title.clone()).with_fix(fix),
        None => diagnostic.with_help("list the updates oldest first"),
    };
    ctx.push(diagnostic);
}

/// A fix that moves the `[[updates]]` blocks' text into chronological order, when the
/// updates are simple consecutive blocks.
fn reorder(article: &Article) -> Option<Fix> {
    let source: &str = &article.source;
    let front = article.layout.front_matter;
    let count = entries::Entries::new(article, "updates").written_count();
    if count != article.updates.len() || count < 2 {
        return None;
    }
    let mut blocks = Vec::with_capacity(count);
    for (i, update) in article.updates.iter().enumerate() {
        let header = article.spans.value(&format!("updates[{i}]"))?;
        if header != update.span || !source.get(header.start..header.end)?.starts_with("[[") {
            return None;
        }
        let start = line_start(source, header.start);
        if !source.get(start..header.start)?.trim().is_empty() {
            return None;
        }
        let last = UPDATE_KEYS
            .iter()
            .filter_map(|key| article.spans.value(&format!("updates[{i}].{key}")))
            .map(|span| span.end)
            .max()?;
        blocks.push(Span::new(start, line_end(source, last).min(front.end)));
    }
    // Between and after the blocks there may be only blank lines and comments, so nothing
    // that belongs to an entry is left behind when the blocks move.
    for pair in blocks.windows(2) {
        if !only_trivia(source.get(pair[0].end..pair[1].start)?, false) {
            return None;
        }
    }
    let tail_start = blocks.last()?.end;
    if !only_trivia(source.get(tail_start..front.end)?, true) {
        return None;
    }
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by_key(|&i| article.updates[i].at);
    let edits = blocks
        .iter()
        .zip(&order)
        .enumerate()
        .filter(|(slot, (_, from))| *slot != **from)
        .map(|(_, (span, &from))| {
            let moved = blocks[from];
            Some(Edit {
                span: *span,
                replacement: source.get(moved.start..moved.end)?.to_string(),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Fix {
        title: "sort `[[updates]]` oldest first".to_string(),
        applicability: Applicability::Safe,
        edits,
    })
}

fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |newline| newline + 1)
}

/// The end of the line containing `offset`, before its line break.
fn line_end(text: &str, offset: usize) -> usize {
    let end = text
        .get(offset..)
        .and_then(|after| after.find('\n'))
        .map_or(text.len(), |newline| offset + newline);
    if text.get(..end).is_some_and(|t| t.ends_with('\r')) {
        end - 1
    } else {
        end
    }
}

/// Whether `text` holds only blank lines and comments; with `until_table`, anything from a
/// table header line on is not looked at.
fn only_trivia(text: &str, until_table: bool) -> bool {
    for line in text.lines() {
        let line = line.trim();
        if until_table && line.starts_with('[') {
            // A sub-table of the last update would stay behind and change owner.
            return !line
                .trim_start_matches('[')
                .trim_start()
                .starts_with("updates");
        }
        if !line.is_empty() && !line.starts_with('#') {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn apply(text: &str, fix: &Fix) -> String {
        let mut out = text.to_string();
        for edit in fix.edits.iter().rev() {
            out.replace_range(edit.span.start..edit.span.end, &edit.replacement);
        }
        out
    }

    fn article(text: &str) -> Article {
        let parsed = Article::parse(Path::new("updates.md"), text);
        parsed.article.expect("test article parses")
    }

    const OUT_OF_ORDER: &str = "+++\r\ntitle = \"Updates\"\r\n\r\n[[sources]]\r\nid = \"a\"\r\ntitle = \"A\"\r\n\r\n[[updates]]\r\nat = 2026-05-08T09:00:00Z # third\r\ntext = \"\"\"Third,\r\n[with a bracket line]\"\"\"\r\n\r\n# about the first\r\n[[updates]]\r\nat = 2026-05-06T09:00:00Z\r\ntext = \"First.\"\r\n\r\n[[updates]]\r\nat = 2026-05-07T09:00:00Z\r\nkind = \"correction\"\r\ntext = \"Second.\"\r\n\r\n[extra]\r\nnote = 1\r\n+++\r\n\r\nBody.\r\n";

    #[test]
    fn reorders_blocks_keeping_every_other_byte() {
        let before = article(OUT_OF_ORDER);
        let fix = reorder(&before).expect("simple blocks get a fix");
        let fixed = apply(OUT_OF_ORDER, &fix);
        let after = article(&fixed);
        let texts: Vec<_> = after.updates.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            texts,
            ["First.", "Second.", "Third,\r\n[with a bracket line]"]
        );
        assert!(fixed.contains("# about the first\r\n[[updates]]\r\nat = 2026-05-07"));
        assert!(fixed.ends_with("\r\n\r\n[extra]\r\nnote = 1\r\n+++\r\n\r\nBody.\r\n"));
        assert_eq!(fixed.len(), OUT_OF_ORDER.len());
        assert!(reorder(&after).is_none_or(|fix| fix.edits.is_empty()));
    }

    #[test]
    fn offers_no_fix_for_interleaved_or_inline_updates() {
        let interleaved = "+++\ntitle = \"U\"\n[[updates]]\nat = 2026-05-08T09:00:00Z\ntext = \"B\"\n[[sources]]\nid = \"a\"\ntitle = \"A\"\n[[updates]]\nat = 2026-05-06T09:00:00Z\ntext = \"A\"\n+++\nBody.\n";
        assert!(reorder(&article(interleaved)).is_none());
        let inline = "+++\ntitle = \"U\"\nupdates = [{ at = 2026-05-08T09:00:00Z, text = \"B\" }, { at = 2026-05-06T09:00:00Z, text = \"A\" }]\n+++\nBody.\n";
        assert!(reorder(&article(inline)).is_none());
    }
}
