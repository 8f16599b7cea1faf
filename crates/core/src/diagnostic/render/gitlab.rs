//! GitLab Code Quality reports (`artifacts:reports:codequality`): a JSON array of issues,
//! the subset of the Code Climate issue format GitLab reads, which it shows in the merge
//! request widget and diff.
//!
//! GitLab tells a new finding from an old one by its `fingerprint` alone, comparing the
//! reports of the merge request's base and head. So the fingerprint must survive edits that
//! do not touch the finding: it hashes the path, the rule code, the flagged text and the
//! whole lines around it, never a line number, so text added above a finding keeps it the
//! same finding. Two findings that would hash alike (the same mistake twice on identical
//! lines) are told apart by their order among such twins, which unrelated edits keep.
//!
//! Severities map to GitLab's scale: error to `major`, warning to `minor`, info to `info`
//! (`critical` and `blocker` are left for what would stop a release, which no content rule
//! claims to know).

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{LintReport, Located, Positions, RenderOptions};
use crate::diagnostic::{Diagnostic, Severity};

/// One Code Quality issue.
#[derive(Debug, Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Debug, Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Debug, Serialize)]
struct Lines {
    begin: usize,
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// The fingerprint of `diagnostic` before twins are told apart: path, code, flagged bytes
/// and the bytes of the lines they are on, each length-prefixed so no two splits of the
/// same bytes hash alike.
fn content_hash(diagnostic: &Diagnostic, path: &str, located: &Located<'_>) -> blake3::Hash {
    let bytes = located.text.as_bytes();
    let clamp = |offset: usize| offset.min(bytes.len());
    let (start, end) = (clamp(diagnostic.span.start), clamp(diagnostic.span.end));
    let index = located.index;
    let context_start = index.line_start(index.line_of(start));
    let context_end = clamp(index.line_start(index.line_of(end) + 1));
    let flagged = bytes.get(start..end).unwrap_or_default();
    let context = bytes
        .get(context_start..context_end.max(context_start))
        .unwrap_or_default()
        .trim_ascii();
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"copydesk gitlab fingerprint 1");
    for part in [
        path.as_bytes(),
        diagnostic.code.as_str().as_bytes(),
        flagged,
        context,
    ] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize()
}

fn issues(report: &LintReport, options: &RenderOptions) -> Vec<Issue> {
    let mut positions = Positions::new(report);
    // How many findings with each content hash came before, to tell twins apart.
    let mut seen: HashMap<blake3::Hash, u64> = HashMap::new();
    report
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let path = options.display_path(&diagnostic.path);
            let located = positions.of(diagnostic);
            let line = located.start.line;
            let hash = content_hash(diagnostic, &path, &located);
            let twin = seen.entry(hash).or_insert(0);
            let mut hasher = blake3::Hasher::new();
            hasher.update(hash.as_bytes());
            hasher.update(&twin.to_le_bytes());
            *twin += 1;
            let mut fingerprint = hasher.finalize().to_hex().to_string();
            // 128 bits, the length of the MD5 fingerprints GitLab's documentation shows.
            fingerprint.truncate(32);
            let mut description = format!("{}: {}", diagnostic.code, diagnostic.message);
            if let Some(help) = &diagnostic.help {
                description.push_str(" (help: ");
                description.push_str(help);
                description.push(')');
            }
            Issue {
                description,
                check_name: diagnostic.code.as_str(),
                fingerprint,
                severity: severity(diagnostic.severity),
                location: Location {
                    path,
                    lines: Lines { begin: line },
                },
            }
        })
        .collect()
}

pub(super) fn render(
    report: &LintReport,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    super::escape::write_json(out, &issues(report, options))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::SourceMap;
    use crate::diagnostic::Span;
    use crate::lint::RULES;

    /// Fingerprints of findings of `RULES[0]` at each `(start, end)` of `text`.
    fn fingerprints(text: &str, spans: &[(usize, usize)]) -> Vec<String> {
        let path: Arc<Path> = Arc::from(Path::new("a.md"));
        let diagnostics = spans
            .iter()
            .map(|&(start, end)| {
                Diagnostic::new(&RULES[0], path.clone(), Span::new(start, end), "found")
            })
            .collect();
        let mut sources = SourceMap::new();
        sources.insert(path, Arc::from(text));
        let report = LintReport::new(diagnostics, sources, 1);
        issues(&report, &RenderOptions::default())
            .into_iter()
            .map(|issue| issue.fingerprint)
            .collect()
    }

    #[test]
    fn fingerprints_ignore_lines_added_above() {
        let text = "+++\ntitle = \"x\"\n+++\nThe bad word here.\n";
        let at = text.find("bad").expect("present");
        let before = fingerprints(text, &[(at, at + 3)]);
        let body = text.find("The").expect("present");
        let edited = format!("{}A new paragraph.\n\n{}", &text[..body], &text[body..]);
        let moved = edited.find("bad").expect("present");
        assert_eq!(before, fingerprints(&edited, &[(moved, moved + 3)]));
        // Editing the finding's own line makes it a different finding.
        let reworded = text.replace("here", "there");
        assert_ne!(before, fingerprints(&reworded, &[(at, at + 3)]));
    }

    #[test]
    fn twins_get_distinct_stable_fingerprints() {
        let text = "bad\nbad\n";
        let both = fingerprints(text, &[(0, 3), (4, 7)]);
        assert_eq!(both.len(), 2);
        assert_ne!(both[0], both[1]);
        assert_eq!(both[0], fingerprints(text, &[(0, 3)])[0]);
        assert!(both.iter().all(|f| f.len() == 32));
    }

    #[test]
    fn spans_past_the_text_do_not_panic() {
        assert_eq!(fingerprints("short", &[(3, 99), (99, 120)]).len(), 2);
    }
}
