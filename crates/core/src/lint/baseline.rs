//! Baselines: the findings a newsroom has accepted for now, so a lint reports only new ones.
//!
//! A baseline file (`copydesk lint --write-baseline FILE`, read with `--baseline FILE` or
//! `[lint] baseline`) lists one entry per finding: the file's path relative to the newsroom
//! root, the rule code, the message and a fingerprint of the flagged text with the whole
//! lines around it. No line number takes part, so text added or removed elsewhere in the file
//! keeps an entry matched, while the same fault written again somewhere else is a new finding.
//! Matching counts: two identical entries absorb two identical findings, and a third is
//! reported.
//!
//! The baseline is applied to a finished [`LintRun`], never inside the rules: the rules, the
//! lint index and the fixes know nothing of it. Entries no finding matched are *stale*; only
//! the entries of files and rules the run checked can be stale (see [`LintRun::checked`]), so
//! a `--changed-since` run does not call unchanged files' entries stale, nor a `--select` run
//! the entries of rules it left out.
//!
//! The file is pretty JSON, entries sorted, described by `schemas/baseline.schema.json`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::LintRun;
use super::index::relative_key;
use crate::diagnostic::{Diagnostic, LintReport};
use crate::error::IoError;

/// The version of the baseline file format this copydesk reads and writes.
pub const BASELINE_VERSION: u32 = 1;

/// The largest baseline file read, in bytes: far above the findings of any real archive.
const MAX_BASELINE_BYTES: u64 = 512 * 1024 * 1024;

/// The findings a newsroom accepted: the contents of a baseline file.
///
/// # Example
///
/// Record the findings of a run, then lint again with them: nothing is reported until a new
/// finding appears.
///
/// ```
/// use copydesk::chrono::DateTime;
/// use copydesk::lint::{Baseline, LintRequest, Linter};
///
/// # let dir = tempfile::tempdir()?;
/// # let root = dir.path().to_path_buf();
/// # std::fs::write(root.join("copydesk.toml"), "")?;
/// # std::fs::create_dir_all(root.join("articles"))?;
/// std::fs::write(root.join("articles/draft.md"), "+++\ntitle = \"A draft\"\n+++\n\nText.\n")?;
/// let now = DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z")?;
/// let linter = Linter::load(&root, now)?;
/// let first = linter.lint(&LintRequest::newsroom())?;
/// assert!(!first.report.diagnostics.is_empty());
///
/// let baseline = Baseline::from_report(&root, &first.report);
/// baseline.write(&root.join("copydesk-baseline.json"))?;
///
/// let baseline = Baseline::load(&root.join("copydesk-baseline.json"))?;
/// let mut second = linter.lint(&LintRequest::newsroom())?;
/// let outcome = baseline.apply(&root, &mut second);
/// assert!(second.report.diagnostics.is_empty());
/// assert_eq!(outcome.matched, first.report.diagnostics.len());
/// assert!(outcome.stale.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    /// Sorted, duplicates kept (each stands for one finding).
    entries: Vec<BaselineEntry>,
}

/// One accepted finding.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct BaselineEntry {
    /// The file, relative to the newsroom root, with `/` between directories.
    pub path: String,
    /// The rule code, e.g. `ED003`.
    pub code: String,
    /// 16 hexadecimal digits hashing the code, the message, the flagged text and the whole
    /// lines it is on (whitespace runs read as one space); never a line number.
    pub fingerprint: String,
    /// The finding's message, for a reader of the file; part of the fingerprint.
    pub message: String,
}

/// The file as written: a version and the entries.
#[derive(Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "copydesk baseline")]
pub(crate) struct BaselineFile {
    /// The format version; this copydesk reads and writes version 1.
    version: u32,
    /// One entry per accepted finding, sorted by path, code, fingerprint and message; an
    /// entry listed twice accepts two identical findings.
    entries: Vec<BaselineEntry>,
}

/// What applying a baseline did to a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BaselineOutcome {
    /// How many reported findings an entry matched, and so were removed from the report.
    pub matched: usize,
    /// Entries of files the run checked in full that no finding matched: the finding was
    /// fixed (or the file is gone), and re-writing the baseline drops them.
    pub stale: Vec<BaselineEntry>,
}

/// Why a baseline file could not be read or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BaselineError {
    /// The file could not be read or written.
    #[error(transparent)]
    Io(#[from] IoError),
    /// The file is not a baseline this copydesk reads.
    #[error("invalid baseline `{}`: {message}", .path.display())]
    Invalid {
        /// The baseline file.
        path: PathBuf,
        /// What is wrong, with its line and column.
        message: String,
    },
    /// The file was written by a copydesk with another format.
    #[error(
        "baseline `{}` has version {found}; this copydesk reads version {BASELINE_VERSION} (write it again with `copydesk lint --write-baseline`)",
        .path.display()
    )]
    Version {
        /// The baseline file.
        path: PathBuf,
        /// The version the file names.
        found: u64,
    },
}

impl Baseline {
    /// A baseline of every finding of `report`, whose files lie under the newsroom `root`.
    pub fn from_report(root: &Path, report: &LintReport) -> Baseline {
        let mut entries: Vec<BaselineEntry> = report
            .diagnostics
            .iter()
            .filter_map(|diagnostic| entry_of(root, report, diagnostic))
            .collect();
        entries.sort();
        Baseline { entries }
    }

    /// Reads the baseline file at `path`.
    ///
    /// # Errors
    /// [`BaselineError::Io`] when it cannot be read, [`BaselineError::Invalid`] when it is
    /// not a baseline, [`BaselineError::Version`] when it has another format version.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let text = crate::fs::read_text(path, MAX_BASELINE_BYTES)?;
        Baseline::parse(path, &text)
    }

    /// Reads the text of a baseline file; `path` is only used in errors.
    ///
    /// # Errors
    /// As [`Baseline::load`], without the I/O.
    pub fn parse(path: &Path, text: &str) -> Result<Baseline, BaselineError> {
        let invalid = |message: String| BaselineError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| invalid(format!("not JSON ({e})")))?;
        // The version first, so a file of a later format is named as such rather than as a
        // list of unknown fields.
        let Some(found) = value.get("version").and_then(serde_json::Value::as_u64) else {
            return Err(invalid(
                "not a copydesk baseline: expected a JSON object with `version` and `entries`, as `copydesk lint --write-baseline` writes it".into(),
            ));
        };
        if found != u64::from(BASELINE_VERSION) {
            return Err(BaselineError::Version {
                path: path.to_path_buf(),
                found,
            });
        }
        let file: BaselineFile =
            serde_json::from_value(value).map_err(|e| invalid(e.to_string()))?;
        let mut entries = file.entries;
        entries.sort();
        Ok(Baseline { entries })
    }

    /// The file text: pretty JSON, entries sorted, a final newline.
    ///
    /// # Panics
    /// Never: the file holds only strings and numbers, which always serialise.
    #[must_use]
    pub fn to_file_text(&self) -> String {
        let file = BaselineFile {
            version: BASELINE_VERSION,
            entries: self.entries.clone(),
        };
        let mut text = serde_json::to_string_pretty(&file)
            .expect("strings and numbers always serialise to JSON");
        text.push('\n');
        text
    }

    /// Writes the baseline to `path` atomically (a temporary file renamed over it).
    ///
    /// # Errors
    /// [`BaselineError::Io`] when the file cannot be written.
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        crate::fs::replace_file(path, self.to_file_text().as_bytes())?;
        Ok(())
    }

    /// The entries, sorted.
    pub fn entries(&self) -> &[BaselineEntry] {
        &self.entries
    }

    /// How many findings the baseline accepts.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the baseline accepts no finding.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The baseline to write after `run`: the findings of `report`, and this baseline's
    /// entries of every file and rule `run` did not check, so re-writing a baseline from a
    /// partial run (some paths, `--changed-since`, `--select`) keeps the rest of it. Stale
    /// entries of what was checked are dropped.
    #[must_use]
    pub fn updated(&self, root: &Path, run: &LintRun, report: &LintReport) -> Baseline {
        let mut next = Baseline::from_report(root, report);
        next.entries.extend(
            self.entries
                .iter()
                .filter(|entry| !run.checked(&root.join(&entry.path), &entry.code))
                .cloned(),
        );
        next.entries.sort();
        next
    }

    /// Removes from `run`'s report every finding an entry matches, each entry matching at
    /// most one finding, and returns how many matched and which entries of files the run
    /// checked in full matched none.
    pub fn apply(&self, root: &Path, run: &mut LintRun) -> BaselineOutcome {
        let mut remaining: BTreeMap<&BaselineEntry, usize> = BTreeMap::new();
        for entry in &self.entries {
            *remaining.entry(entry).or_default() += 1;
        }
        let report = &mut run.report;
        let mut matched = 0;
        let mut kept = Vec::with_capacity(report.diagnostics.len());
        for diagnostic in std::mem::take(&mut report.diagnostics) {
            let hit = entry_of(root, report, &diagnostic)
                .and_then(|entry| remaining.get_mut(&entry))
                .filter(|count| **count > 0);
            match hit {
                Some(count) => {
                    *count -= 1;
                    matched += 1;
                }
                None => kept.push(diagnostic),
            }
        }
        report.diagnostics = kept;
        // Texts are kept for excerpts; a file whose findings all matched needs none.
        let shown: BTreeSet<&Path> = report.diagnostics.iter().map(|d| &*d.path).collect();
        report.sources.retain(|path, _| shown.contains(&**path));
        let stale = remaining
            .into_iter()
            .filter(|(entry, count)| {
                *count > 0 && run.checked(&root.join(&entry.path), &entry.code)
            })
            .flat_map(|(entry, count)| std::iter::repeat_n(entry.clone(), count))
            .collect();
        BaselineOutcome { matched, stale }
    }
}

/// The entry that would accept `diagnostic`; `None` for a file outside the newsroom.
fn entry_of(root: &Path, report: &LintReport, diagnostic: &Diagnostic) -> Option<BaselineEntry> {
    let path = relative_key(root, &diagnostic.path)?;
    let text = report
        .sources
        .get(&diagnostic.path)
        .map(|text| &**text)
        .unwrap_or_default();
    Some(BaselineEntry {
        path,
        code: diagnostic.code.as_str().to_string(),
        fingerprint: fingerprint(diagnostic, text),
        message: diagnostic.message.clone(),
    })
}

/// The fingerprint of `diagnostic` in its file's `text`: the code, the message, the flagged
/// text and the whole lines it spans, with whitespace runs read as one space (so re-indenting
/// or CRLF line ends change nothing), each part length-prefixed so no two splits of the same
/// bytes hash alike.
fn fingerprint(diagnostic: &Diagnostic, text: &str) -> String {
    let bytes = text.as_bytes();
    let clamp = |offset: usize| offset.min(bytes.len());
    let (start, end) = (clamp(diagnostic.span.start), clamp(diagnostic.span.end));
    let line_start = bytes[..start]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |at| at + 1);
    let line_end = bytes[end..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |at| end + at);
    let flagged = normalize(bytes.get(start..end).unwrap_or_default());
    let context = normalize(bytes.get(line_start..line_end).unwrap_or_default());
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"copydesk baseline 1");
    for part in [
        diagnostic.code.as_str().as_bytes(),
        diagnostic.message.as_bytes(),
        &flagged,
        &context,
    ] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    let mut hex = hasher.finalize().to_hex().to_string();
    hex.truncate(16);
    hex
}

/// `bytes` with each run of ASCII whitespace read as one space, trimmed.
fn normalize(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for word in bytes
        .split(u8::is_ascii_whitespace)
        .filter(|word| !word.is_empty())
    {
        if !out.is_empty() {
            out.push(b' ');
        }
        out.extend_from_slice(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::{SourceMap, Span};
    use crate::lint::registry;

    fn report(text: &str, spans: &[(usize, usize)]) -> LintReport {
        let path: Arc<Path> = Arc::from(Path::new("/news/articles/a.md"));
        let rule = registry::find("ED006").expect("ED006 exists");
        let diagnostics = spans
            .iter()
            .map(|&(start, end)| {
                Diagnostic::new(rule, path.clone(), Span::new(start, end), "filler")
            })
            .collect();
        let sources = SourceMap::from([(path, Arc::from(text))]);
        LintReport::new(diagnostics, sources, 1)
    }

    fn fingerprints(text: &str, spans: &[(usize, usize)]) -> Vec<String> {
        Baseline::from_report(Path::new("/news"), &report(text, spans))
            .entries
            .into_iter()
            .map(|entry| entry.fingerprint)
            .collect()
    }

    #[test]
    fn fingerprints_ignore_lines_added_above_and_whitespace() {
        let text = "+++\n+++\n\nIn conclusion, it works.\n";
        let at = text.find("In conclusion").expect("present");
        let before = fingerprints(text, &[(at, at + 13)]);
        let edited = "+++\n+++\n\nA new lede.\n\n  In  conclusion, it works.\r\n";
        let moved = edited.find("In  conclusion").expect("present");
        assert_eq!(before, fingerprints(edited, &[(moved, moved + 14)]));
        let reworded = text.replace("it works", "it fails");
        assert_ne!(before, fingerprints(&reworded, &[(at, at + 13)]));
    }

    #[test]
    fn entries_are_relative_sorted_and_round_trip() {
        let text = "b b\na a\n";
        let baseline = Baseline::from_report(Path::new("/news"), &report(text, &[(4, 5), (0, 1)]));
        assert_eq!(baseline.entries[0].path, "articles/a.md");
        let mut sorted = baseline.entries.clone();
        sorted.sort();
        assert_eq!(sorted, baseline.entries);
        let text = baseline.to_file_text();
        assert!(
            text.starts_with("{\n  \"version\": 1,\n  \"entries\": ["),
            "{text}"
        );
        assert_eq!(
            Baseline::parse(Path::new("b.json"), &text).expect("reads"),
            baseline
        );
    }

    #[test]
    fn other_versions_and_malformed_files_are_errors() {
        let error = Baseline::parse(Path::new("b.json"), "{\"version\": 2, \"entries\": []}")
            .expect_err("version 2");
        assert!(matches!(error, BaselineError::Version { found: 2, .. }));
        let error = Baseline::parse(Path::new("b.json"), "{\"version\": 1, \"entris\": []}")
            .expect_err("typo");
        assert!(error.to_string().contains("entris"), "{error}");
        let error = Baseline::parse(Path::new("b.json"), "not json").expect_err("not JSON");
        assert!(error.to_string().contains("line 1"), "{error}");
    }
}
