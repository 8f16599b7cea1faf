//! Suppressions: `<!-- copydesk-disable-next-line … -->`, `<!-- copydesk-disable … -->` …
//! `<!-- copydesk-enable … -->` comments in the body and `[lint] ignore` in the front matter.
//!
//! They are applied here, centrally, after the rules ran: rules never look at them. The
//! comments are found in the comrak tree (HTML block and inline nodes), so a comment shown
//! inside a code block is text, not a suppression. What an article's suppressions cover is kept
//! in [`ArticleFacts`](super::ArticleFacts) so that corpus-wide diagnostics are suppressed the
//! same way, and only after those ran is a suppression known to be unused. Problems with
//! suppressions themselves are `MD000` (see `rules/markdown/invalid_suppression.rs`).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use comrak::nodes::{AstNode, NodeValue};
use serde::{Deserialize, Serialize};

use super::context::LintEnv;
use super::registry;
use super::rules::markdown::InvalidSuppression;
use super::settings::{is_known_selector, selector_matches, unknown_selector_hint};
use crate::article::Article;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, LineIndex, Span};
use crate::markdown::BodyPositions;

const NEXT_LINE: &str = "copydesk-disable-next-line";
const DISABLE: &str = "copydesk-disable";
const ENABLE: &str = "copydesk-enable";
const PREFIX: &str = "copydesk-";

/// Where a suppression was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Origin {
    /// `copydesk-disable-next-line`.
    NextLine,
    /// `copydesk-disable` (closed by `copydesk-enable` or the end of the file).
    Range,
    /// The front matter's `[lint] ignore`.
    FrontMatter,
}

/// One code of one suppression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    origin: Origin,
    /// The code, prefix, name or `ALL` as written.
    selector: Box<str>,
    /// The bytes whose diagnostics it silences (a diagnostic counts by its start offset).
    covers: Span,
    /// The code as written, where an unused entry is reported.
    at: Span,
    /// The comment holding it, removed by the fix when all its entries are unused.
    comment: Option<Span>,
    /// What that fix removes: the comment, or its line when it stands alone on it.
    removal: Span,
    used: bool,
}

/// An article's suppressions, with whether each one silenced something yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Suppressions {
    entries: Vec<Entry>,
}

impl Suppressions {
    /// Finds the suppressions of `article` in its body tree and front matter. Malformed ones
    /// come back as `MD000` diagnostics (before configuration is applied).
    pub(crate) fn collect<'a>(
        article: &Article,
        root: &'a AstNode<'a>,
        positions: &BodyPositions,
    ) -> (Suppressions, Vec<Diagnostic>) {
        let mut collector = Collector {
            article,
            index: LineIndex::new(&article.source),
            entries: Vec::new(),
            open: Vec::new(),
            problems: Vec::new(),
        };
        collector.front_matter();
        for node in root.descendants() {
            let data = node.data.borrow();
            if matches!(
                data.value,
                NodeValue::HtmlBlock(_) | NodeValue::HtmlInline(_)
            ) {
                let span = positions.span(data.sourcepos);
                collector.html(span);
            }
        }
        let end = article.source.len();
        for index in collector.open.drain(..) {
            collector.entries[index].covers.end = end;
        }
        (
            Suppressions {
                entries: collector.entries,
            },
            collector.problems,
        )
    }

    /// Drops the diagnostics a suppression covers and marks those suppressions used.
    ///
    /// Linear in the diagnostics and suppressions (up to logarithms): checking every
    /// suppression for every diagnostic made an article of 50,000 `disable-next-line` comments
    /// and as many findings take 30 s. Suppressions are grouped by selector; a diagnostic is
    /// looked up, by binary search, only in the merged ranges of the groups that match its
    /// rule, and each suppression is then marked used if a matching diagnostic starts inside
    /// its range.
    pub(crate) fn apply(&mut self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if self.entries.is_empty() {
            return diagnostics;
        }
        let mut groups: BTreeMap<&str, Group> = BTreeMap::new();
        for (index, entry) in self.entries.iter().enumerate() {
            groups
                .entry(&entry.selector)
                .or_default()
                .entries
                .push(index);
        }
        let mut groups: Vec<(&str, Group)> = groups.into_iter().collect();
        for (_, group) in &mut groups {
            group.merge(&self.entries);
        }
        // The groups whose selector matches a rule, found once per rule code.
        let mut matching: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
        let kept = diagnostics
            .into_iter()
            .filter(|diagnostic| {
                let Some(rule) = registry::find(diagnostic.code.as_str()) else {
                    return true;
                };
                let at = diagnostic.span.start;
                let of_rule = matching.entry(rule.code.as_str()).or_insert_with(|| {
                    (0..groups.len())
                        .filter(|&g| selector_matches(groups[g].0, rule))
                        .collect()
                });
                let mut suppressed = false;
                for &g in of_rule.iter() {
                    let group = &mut groups[g].1;
                    if group.covers(at) {
                        group.hits.push(at);
                        suppressed = true;
                    }
                }
                !suppressed
            })
            .collect();
        let mut used = Vec::new();
        for (_, mut group) in groups {
            group.hits.sort_unstable();
            used.extend(group.entries.iter().copied().filter(|&index| {
                let covers = self.entries[index].covers;
                let first = group.hits.partition_point(|&hit| hit < covers.start);
                group.hits.get(first).is_some_and(|&hit| hit <= covers.end)
            }));
        }
        for index in used {
            self.entries[index].used = true;
        }
        kept
    }

    /// `MD000` for every suppression that silenced nothing although a rule it names is
    /// enabled. Call after every diagnostic of the file, corpus ones included, went through
    /// [`Suppressions::apply`].
    pub(crate) fn unused(&self, path: &Arc<Path>, env: LintEnv<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        // Comments with a used code, found once: searching every entry for each unused one
        // was quadratic in the number of suppression comments.
        let needed: std::collections::BTreeSet<Span> = self
            .entries
            .iter()
            .filter(|entry| entry.used)
            .filter_map(|entry| entry.comment)
            .collect();
        for entry in self.entries.iter().filter(|e| !e.used) {
            let names_enabled_rule = registry::RULES.iter().any(|rule| {
                selector_matches(&entry.selector, rule) && env.config.lint.is_enabled(rule)
            });
            if !names_enabled_rule {
                continue;
            }
            let message = match entry.origin {
                Origin::FrontMatter => {
                    format!(
                        "`[lint] ignore` entry `{}` suppresses nothing",
                        entry.selector
                    )
                }
                Origin::NextLine | Origin::Range => {
                    format!("suppression of `{}` suppresses nothing", entry.selector)
                }
            };
            let mut diagnostic =
                Diagnostic::new(&InvalidSuppression::META, path.clone(), entry.at, message);
            // The comment goes only when none of its codes is still needed.
            let whole_comment_unused = entry
                .comment
                .is_some_and(|comment| !needed.contains(&comment));
            if whole_comment_unused {
                let title = "remove the unused suppression comment";
                diagnostic = diagnostic.with_help(title).with_fix(Fix {
                    title: title.into(),
                    applicability: Applicability::Safe,
                    edits: vec![Edit {
                        span: entry.removal,
                        replacement: String::new(),
                    }],
                });
            } else if entry.origin == Origin::FrontMatter {
                diagnostic = diagnostic.with_help("remove the entry from `[lint] ignore`");
            } else {
                diagnostic = diagnostic.with_help("remove the code from the suppression comment");
            }
            out.push(diagnostic);
        }
        out
    }
}

/// The comment, or its whole line when it stands alone on it.
fn removal_span(source: &str, comment: Span) -> Span {
    let line_start = source[..comment.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[comment.end..]
        .find('\n')
        .map_or(source.len(), |i| comment.end + i + 1);
    let before = &source[line_start..comment.start];
    let after = &source[comment.end..line_end];
    if before.trim().is_empty() && after.trim().is_empty() {
        Span::new(line_start, line_end)
    } else {
        comment
    }
}

/// The suppressions of one selector, with the union of what they cover.
#[derive(Default)]
struct Group {
    /// Indexes into the entries.
    entries: Vec<usize>,
    /// Disjoint, sorted, inclusive ranges covered by at least one entry.
    merged: Vec<(usize, usize)>,
    /// Starts of the diagnostics this group covered.
    hits: Vec<usize>,
}

impl Group {
    fn merge(&mut self, entries: &[Entry]) {
        let mut ranges: Vec<(usize, usize)> = self
            .entries
            .iter()
            .map(|&index| (entries[index].covers.start, entries[index].covers.end))
            .collect();
        ranges.sort_unstable();
        for (start, end) in ranges {
            match self.merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => self.merged.push((start, end)),
            }
        }
    }

    /// Whether an entry of the group covers offset `at` (ends are inclusive).
    fn covers(&self, at: usize) -> bool {
        #[cfg(test)]
        tests::CHECKS.with(|checks| checks.set(checks.get() + 1));
        let after = self.merged.partition_point(|&(start, _)| start <= at);
        after > 0 && at <= self.merged[after - 1].1
    }
}

struct Collector<'a> {
    article: &'a Article,
    index: LineIndex,
    entries: Vec<Entry>,
    /// Indexes of `copydesk-disable` entries not yet closed.
    open: Vec<usize>,
    problems: Vec<Diagnostic>,
}

impl Collector<'_> {
    fn problem(&mut self, span: Span, message: String) {
        self.problems.push(Diagnostic::new(
            &InvalidSuppression::META,
            self.article.path.clone(),
            span,
            message,
        ));
    }

    /// `[lint] ignore`; a code no rule has is reported as a suppression comment's is (MD000).
    fn front_matter(&mut self) {
        let whole = Span::new(0, self.article.source.len());
        for (i, selector) in self.article.lint_ignore.iter().enumerate() {
            if !is_known_selector(selector) {
                let at = self
                    .article
                    .spans
                    .value(&format!("lint.ignore[{i}]"))
                    .unwrap_or(self.article.layout.open_delimiter);
                self.problem(
                    at,
                    format!(
                        "unknown rule code or family `{selector}` in `[lint] ignore`{}",
                        unknown_selector_hint(selector)
                    ),
                );
                continue;
            }
            let at = self
                .article
                .spans
                .value(&format!("lint.ignore[{i}]"))
                .filter(|span| {
                    let text = self.article.source.get(span.start..span.end).unwrap_or("");
                    text.trim_matches(['"', '\'']) == selector.as_str()
                })
                .or_else(|| self.article.spans.value("lint.ignore"))
                .unwrap_or(self.article.layout.open_delimiter);
            self.entries.push(Entry {
                origin: Origin::FrontMatter,
                selector: selector.as_str().into(),
                covers: whole,
                at,
                comment: None,
                removal: at,
                used: false,
            });
        }
    }

    /// Every comment in the HTML at `span`.
    fn html(&mut self, span: Span) {
        let source = self.article.source.clone();
        let Some(html) = source.get(span.start..span.end) else {
            return;
        };
        let mut from = 0;
        while let Some(open) = html[from..].find("<!--") {
            let inner_start = from + open + 4;
            let Some(close) = html[inner_start..].find("-->") else {
                break;
            };
            let inner_end = inner_start + close;
            let comment = Span::new(span.start + from + open, span.start + inner_end + 3);
            self.comment(
                comment,
                span.start + inner_start,
                &html[inner_start..inner_end],
            );
            from = inner_end + 3;
        }
    }

    /// One comment; `inner` is its text between `<!--` and `-->`, starting at `offset`.
    fn comment(&mut self, comment: Span, offset: usize, inner: &str) {
        let leading = inner.len() - inner.trim_start().len();
        let text = inner.trim_start();
        if !text.starts_with(PREFIX) {
            return;
        }
        let directive_len = text.find(|c: char| c.is_whitespace()).unwrap_or(text.len());
        let directive = &text[..directive_len];
        let directive_span = Span::new(offset + leading, offset + leading + directive_len);
        let kind = match directive {
            NEXT_LINE => Origin::NextLine,
            DISABLE => Origin::Range,
            ENABLE => {
                let codes = codes(&text[directive_len..], offset + leading + directive_len);
                self.enable(comment, directive_span, &codes);
                return;
            }
            _ => {
                self.problem(
                    directive_span,
                    format!(
                        "unknown suppression `{directive}`; use `{NEXT_LINE}`, `{DISABLE}` or `{ENABLE}`"
                    ),
                );
                return;
            }
        };
        let codes = codes(&text[directive_len..], offset + leading + directive_len);
        if codes.is_empty() {
            self.problem(
                directive_span,
                format!(
                    "`{directive}` names no rule; give a code, a family such as `ED`, or `ALL`"
                ),
            );
            return;
        }
        let covers = match kind {
            Origin::NextLine => self.next_line(comment.end),
            _ => Span::new(comment.end, comment.end),
        };
        for (code, at) in codes {
            if !is_known_selector(code) {
                self.problem(
                    at,
                    format!(
                        "unknown rule code or family `{code}` in suppression{}",
                        unknown_selector_hint(code)
                    ),
                );
                continue;
            }
            if kind == Origin::Range {
                self.open.push(self.entries.len());
            }
            self.entries.push(Entry {
                origin: kind,
                selector: code.into(),
                covers,
                at,
                comment: Some(comment),
                removal: removal_span(&self.article.source, comment),
                used: false,
            });
        }
    }

    fn enable(&mut self, comment: Span, directive_span: Span, codes: &[(&str, Span)]) {
        if codes.is_empty() {
            self.problem(
                directive_span,
                format!("`{ENABLE}` names no rule; give the codes of the `{DISABLE}` it ends"),
            );
            return;
        }
        let mut unmatched = Vec::new();
        for &(code, at) in codes {
            let before = self.open.len();
            let entries = &mut self.entries;
            self.open.retain(|&index| {
                let entry = &mut entries[index];
                let closes =
                    code.eq_ignore_ascii_case("ALL") || entry.selector.eq_ignore_ascii_case(code);
                if closes {
                    entry.covers.end = comment.start;
                }
                !closes
            });
            if self.open.len() == before {
                unmatched.push((code, at));
            }
        }
        // A comment that ends nothing does nothing: removing it is safe, but only when none
        // of its codes ends a range.
        let removable = unmatched.len() == codes.len();
        let title = "remove the `copydesk-enable` comment";
        for (code, at) in unmatched {
            let mut diagnostic = Diagnostic::new(
                &InvalidSuppression::META,
                self.article.path.clone(),
                at,
                format!("`{ENABLE} {code}` has no open `{DISABLE} {code}` before it"),
            );
            if removable {
                diagnostic = diagnostic.with_help(title).with_fix(Fix {
                    title: title.into(),
                    applicability: Applicability::Safe,
                    edits: vec![Edit {
                        span: removal_span(&self.article.source, comment),
                        replacement: String::new(),
                    }],
                });
            }
            self.problems.push(diagnostic);
        }
    }

    /// The next non-blank line after the one where a comment ends, skipping lines that hold
    /// only other suppression comments (so several can be stacked).
    fn next_line(&self, after: usize) -> Span {
        let source = &*self.article.source;
        let mut line = self.index.line_of(after) + 1;
        while line < self.index.line_count() {
            let start = self.index.line_start(line);
            let end = self.index.line_start(line + 1);
            let text = source.get(start..end).unwrap_or("");
            let trimmed = text.trim();
            let only_suppression = trimmed.starts_with("<!--")
                && trimmed.ends_with("-->")
                && trimmed[4..].trim_start().starts_with(PREFIX);
            if !trimmed.is_empty() && !only_suppression {
                let content_end = start + text.trim_end_matches(['\n', '\r']).len();
                return Span::new(start, content_end);
            }
            line += 1;
        }
        Span::at(source.len())
    }
}

/// The codes of a comment, separated by commas or spaces, each with its file span.
fn codes(text: &str, offset: usize) -> Vec<(&str, Span)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let separator = c == ',' || c.is_whitespace();
        match (start, separator) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                out.push((&text[s..i], Span::new(offset + s, offset + i)));
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use proptest::prelude::*;

    use super::*;

    thread_local! {
        /// Range lookups `apply` made on this thread.
        pub(super) static CHECKS: Cell<usize> = const { Cell::new(0) };
    }

    fn entry(selector: &str, start: usize, end: usize) -> Entry {
        Entry {
            origin: Origin::Range,
            selector: selector.into(),
            covers: Span::new(start, end),
            at: Span::at(start),
            comment: None,
            removal: Span::at(start),
            used: false,
        }
    }

    fn diagnostic(code: &str, at: usize) -> Diagnostic {
        let rule = registry::find(code).expect("known code");
        Diagnostic::new(rule, Arc::from(Path::new("a.md")), Span::at(at), "found")
    }

    /// What `apply` must do, checked pair by pair.
    fn naive(entries: &mut [Entry], diagnostics: &[Diagnostic]) -> Vec<usize> {
        let mut kept = Vec::new();
        for (i, diagnostic) in diagnostics.iter().enumerate() {
            let rule = registry::find(diagnostic.code.as_str()).expect("known");
            let mut suppressed = false;
            for entry in entries.iter_mut() {
                let at = diagnostic.span.start;
                if entry.covers.start <= at
                    && at <= entry.covers.end
                    && selector_matches(&entry.selector, rule)
                {
                    entry.used = true;
                    suppressed = true;
                }
            }
            if !suppressed {
                kept.push(i);
            }
        }
        kept
    }

    proptest! {
        #[test]
        fn grouped_lookup_agrees_with_checking_every_pair(
            ranges in proptest::collection::vec(
                (0usize..6, 0usize..200, 0usize..60), 0..30),
            found in proptest::collection::vec((0usize..4, 0usize..260), 0..40),
        ) {
            const SELECTORS: [&str; 6] = ["ED006", "ED", "MD006", "ALL", "vague-link-text", "FM"];
            const CODES: [&str; 4] = ["ED006", "MD006", "FM006", "ED001"];
            let entries: Vec<Entry> = ranges
                .iter()
                .map(|&(s, start, len)| entry(SELECTORS[s], start, start + len))
                .collect();
            let diagnostics: Vec<Diagnostic> =
                found.iter().map(|&(c, at)| diagnostic(CODES[c], at)).collect();
            let mut expected_entries = entries.clone();
            let expected = naive(&mut expected_entries, &diagnostics);
            let mut suppressions = Suppressions { entries };
            let kept = suppressions.apply(diagnostics.clone());
            let expected: Vec<&Diagnostic> = expected.iter().map(|&i| &diagnostics[i]).collect();
            prop_assert_eq!(kept.iter().collect::<Vec<_>>(), expected);
            let used: Vec<bool> = suppressions.entries.iter().map(|e| e.used).collect();
            let expected_used: Vec<bool> = expected_entries.iter().map(|e| e.used).collect();
            prop_assert_eq!(used, expected_used);
        }
    }

    #[test]
    fn many_suppressions_and_findings_do_not_meet_pair_by_pair() {
        // 5,000 suppressions of MD006 and 5,000 MD006 findings just outside them: every
        // finding used to be checked against every suppression (25,000,000 checks).
        let n = 5_000;
        let entries = (0..n)
            .map(|i| entry("MD006", 100 * i, 100 * i + 5))
            .collect();
        let diagnostics: Vec<Diagnostic> =
            (0..n).map(|i| diagnostic("MD006", 100 * i + 10)).collect();
        let mut suppressions = Suppressions { entries };
        CHECKS.with(|checks| checks.set(0));
        assert_eq!(suppressions.apply(diagnostics).len(), n);
        assert!(CHECKS.with(Cell::get) <= n);
        assert!(suppressions.entries.iter().all(|e| !e.used));
    }

    const TEXT: &str = "+++\ntitle = \"T\"\nauthors = [\"a\"]\ndesk = \"ai\"\nstatus = \"draft\"\n+++\n\n\
        <!-- copydesk-disable-next-line FM006 -->\n\
        <!-- copydesk-disable-next-line FM008 -->\n\
        \n\
        line one\n\
        line two\n\
        <!-- copydesk-disable FM -->\n\
        line three <!-- copydesk-enable FM -->\n\
        line four\n";

    /// The suppressions of `TEXT` and the synthetic diagnostics that survive them.
    fn survivors(at: &[(&str, &str)]) -> (Vec<String>, Suppressions) {
        let article = Article::parse("t.md", TEXT).article.expect("parses");
        let arena = comrak::Arena::new();
        let root = crate::markdown::parse(&arena, article.body());
        let positions = BodyPositions::new(article.body(), article.layout.body.start);
        let (mut suppressions, problems) = Suppressions::collect(&article, root, &positions);
        assert!(problems.is_empty(), "{problems:?}");
        let diagnostics = at
            .iter()
            .map(|(code, needle)| {
                let offset = TEXT.find(needle).expect("needle in text");
                let rule = registry::find(code).expect("known code");
                Diagnostic::new(rule, article.path.clone(), Span::at(offset), *needle)
            })
            .collect();
        let kept = suppressions
            .apply(diagnostics)
            .into_iter()
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        (kept, suppressions)
    }

    #[test]
    fn next_line_skips_blank_lines_and_stacked_comments() {
        let (kept, _) = survivors(&[
            ("FM006", "line one"),
            ("FM008", "ne one"),
            ("FM006", "line two"),
            ("FM001", "line one"),
        ]);
        assert_eq!(kept, vec!["FM006 line two", "FM001 line one"]);
    }

    #[test]
    fn ranges_end_at_their_enable_comment_and_families_match() {
        let (kept, _) = survivors(&[
            ("FM003", "line three"),
            ("FM003", "line four"),
            ("MD000", "line three"),
        ]);
        assert_eq!(kept, vec!["FM003 line four", "MD000 line three"]);
    }

    #[test]
    fn only_suppressions_that_silenced_nothing_are_unused() {
        let (_, suppressions) = survivors(&[("FM006", "line one"), ("FM003", "line three")]);
        let config = crate::Config::default();
        let authors = std::collections::BTreeMap::new();
        let env = LintEnv {
            config: &config,
            authors: &authors,
            now: chrono::DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").expect("valid"),
        };
        let unused: Vec<_> = suppressions
            .unused(&Arc::from(Path::new("t.md")), env)
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert_eq!(unused, vec!["suppression of `FM008` suppresses nothing"]);
    }

    #[test]
    fn codes_split_on_commas_and_spaces_with_spans() {
        let codes = codes(" ED003, ED005 MD ", 10);
        assert_eq!(
            codes,
            vec![
                ("ED003", Span::new(11, 16)),
                ("ED005", Span::new(18, 23)),
                ("MD", Span::new(24, 26)),
            ]
        );
    }

    #[test]
    fn a_comment_alone_on_its_line_is_removed_with_the_line() {
        let source = "a\n<!-- x -->\nb\n";
        assert_eq!(removal_span(source, Span::new(2, 12)), Span::new(2, 13));
        let inline = "a <!-- x --> b\n";
        assert_eq!(removal_span(inline, Span::new(2, 12)), Span::new(2, 12));
    }
}
