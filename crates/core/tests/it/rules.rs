//! Every rule against its fixtures: `fixtures/rules/<CODE>/<case>.md` (or a `<case>/` directory
//! of articles for corpus rules). Cases named `pass…` must lint clean; every other case must
//! report its rule's code. The `full` rendering of each case is snapshotted as `<CODE>_<case>`.

use crate::common::{fixtures, now};
use std::path::{Path, PathBuf};

use copydesk::{Config, DiagnosticFormat, Newsroom, RenderOptions};

fn lint_case(case: &Path) -> copydesk::LintReport {
    let root = fixtures();
    let config = Config::load(&root.join("copydesk.toml")).expect("fixture config is valid");
    let files = if case.is_dir() {
        copydesk::list_files(&root, case, "md").expect("case directory lists")
    } else {
        vec![case.to_path_buf()]
    };
    let newsroom = Newsroom::load_files(root, config, &files).expect("fixture newsroom loads");
    newsroom.lint(now())
}

fn render(report: &copydesk::LintReport) -> String {
    let options = RenderOptions {
        base: Some(fixtures()),
        color: false,
    };
    let mut out = Vec::new();
    copydesk::render(report, DiagnosticFormat::Full, &options, &mut out).expect("render to memory");
    String::from_utf8(out).expect("rendered output is UTF-8")
}

fn cases_of(code: &str) -> Vec<PathBuf> {
    let dir = fixtures().join(code);
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{code} has no fixtures at {}: {e}", dir.display()))
        .map(|entry| entry.expect("readable fixture entry").path())
        .filter(|path| path.is_dir() || path.extension().is_some_and(|e| e == "md"))
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_rule_fires_on_its_failing_fixtures_and_not_on_its_passing_ones() {
    let mut failures = Vec::new();
    for rule in copydesk::lint::RULES {
        let code = rule.code.as_str();
        let cases = cases_of(code);
        let has_fail = cases.iter().any(|c| !is_pass(c));
        let has_pass = cases.iter().any(|c| is_pass(c));
        if !has_fail || !has_pass {
            failures.push(format!(
                "{code}: needs at least one failing and one passing fixture"
            ));
        }
        for case in cases {
            let report = lint_case(&case);
            let name = case
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("UTF-8 case name")
                .to_string();
            let fired = report.diagnostics.iter().any(|d| d.code.as_str() == code);
            if is_pass(&case) && !report.diagnostics.is_empty() {
                failures.push(format!(
                    "{code}/{name}: expected clean, got:\n{}",
                    render(&report)
                ));
            }
            if !is_pass(&case) && !fired {
                failures.push(format!(
                    "{code}/{name}: expected {code}, got:\n{}",
                    render(&report)
                ));
            }
            insta::assert_snapshot!(format!("{code}_{name}"), render(&report));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn is_pass(case: &Path) -> bool {
    case.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("pass"))
}
