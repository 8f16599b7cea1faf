//! Safe fixes converge: for every fixable rule, applying the safe fixes found in its failing
//! single-file fixtures and linting again leaves none of the fixed findings, and a case whose
//! findings were all fixable lints clean.

use std::path::{Path, PathBuf};

use copydesk::diagnostic::Applicability;
use copydesk::lint::{FixAvailability, RULES};
use copydesk::{Config, Newsroom};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").expect("valid time")
}

fn lint(root: &Path, file: &Path) -> copydesk::LintReport {
    let config = Config::load(&root.join("copydesk.toml")).expect("fixture config is valid");
    Newsroom::load_files(root.to_path_buf(), config, &[file.to_path_buf()])
        .expect("fixture newsroom loads")
        .lint(now())
}

/// A copy of the fixture newsroom (configuration and authors, no articles).
fn scratch_newsroom() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::copy(
        fixtures().join("copydesk.toml"),
        dir.path().join("copydesk.toml"),
    )
    .expect("copy config");
    let authors = dir.path().join("authors");
    std::fs::create_dir(&authors).expect("authors directory");
    for entry in std::fs::read_dir(fixtures().join("authors")).expect("fixture authors") {
        let path = entry.expect("author entry").path();
        std::fs::copy(&path, authors.join(path.file_name().expect("file name")))
            .expect("copy author");
    }
    dir
}

#[test]
fn safe_fixes_converge() {
    let mut failures = Vec::new();
    for rule in RULES.iter().filter(|r| r.fix != FixAvailability::None) {
        let code = rule.code.as_str();
        let Ok(entries) = std::fs::read_dir(fixtures().join(code)) else {
            continue;
        };
        let mut cases: Vec<PathBuf> = entries
            .map(|entry| entry.expect("fixture entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == "md"))
            .collect();
        cases.sort();
        for case in cases {
            let report = lint(&fixtures(), &case);
            let mut fixes: Vec<_> = report
                .diagnostics
                .iter()
                .filter_map(|d| d.fix.as_ref().map(|fix| (d, fix)))
                .filter(|(_, fix)| fix.applicability == Applicability::Safe)
                .collect();
            if fixes.is_empty() {
                continue;
            }
            let all_fixable = fixes.len() == report.diagnostics.len();
            let mut edits: Vec<_> = fixes.iter_mut().flat_map(|(_, fix)| &fix.edits).collect();
            edits.sort_by_key(|edit| edit.span.start);
            let mut text = std::fs::read_to_string(&case).expect("fixture reads");
            let mut limit = text.len();
            for edit in edits.iter().rev() {
                // Overlapping edits wait for the next round, as `--fix` does.
                if edit.span.end <= limit {
                    text.replace_range(edit.span.start..edit.span.end, &edit.replacement);
                    limit = edit.span.start;
                }
            }
            let scratch = scratch_newsroom();
            let dir = scratch.path().join(code);
            std::fs::create_dir(&dir).expect("case directory");
            let fixed = dir.join(case.file_name().expect("case file name"));
            std::fs::write(&fixed, &text).expect("write fixed case");
            let after = lint(scratch.path(), &fixed);
            let name = case.display();
            let left: Vec<_> = after
                .diagnostics
                .iter()
                .filter(|d| fixes.iter().any(|(before, _)| before.code == d.code))
                .map(|d| format!("{} {}", d.code, d.message))
                .collect();
            if !left.is_empty() {
                failures.push(format!("{name}: still reports {left:?} after fixing"));
            }
            if all_fixable && !after.diagnostics.is_empty() {
                failures.push(format!(
                    "{name}: not clean after fixing: {:?}",
                    after
                        .diagnostics
                        .iter()
                        .map(|d| format!("{} {}", d.code, d.message))
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
