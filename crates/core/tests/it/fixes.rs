//! Every safe fix offered on the rule fixtures (`fixtures/rules/<CODE>/<case>`) converges: fixing
//! reaches a fixed point, leaves no safe fix behind, and removes the finding it was offered
//! for. The fixed text of each file that changed is snapshotted as `<CODE>_<case>_fixed`.

use crate::common::{fixtures, now};
use std::path::{Path, PathBuf};

use copydesk::lint::fix::MAX_ROUNDS;
use copydesk::{Applicability, Config, Newsroom};

fn newsroom_of(case: &Path) -> Newsroom {
    let root = fixtures();
    let config = Config::load(&root.join("copydesk.toml")).expect("fixture config is valid");
    let files = if case.is_dir() {
        copydesk::list_files(&root, case, "md").expect("case directory lists")
    } else {
        vec![case.to_path_buf()]
    };
    Newsroom::load_files(root, config, &files).expect("fixture newsroom loads")
}

#[test]
fn safe_fixes_converge_and_leave_nothing_to_fix() {
    let mut failures = Vec::new();
    for rule in copydesk::lint::RULES {
        let code = rule.code.as_str();
        let Ok(entries) = std::fs::read_dir(fixtures().join(code)) else {
            continue;
        };
        let mut cases: Vec<PathBuf> = entries
            .map(|entry| entry.expect("readable fixture entry").path())
            .filter(|path| path.is_dir() || path.extension().is_some_and(|e| e == "md"))
            .collect();
        cases.sort();
        for case in cases {
            let name = case
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            let mut newsroom = newsroom_of(&case);
            let before = newsroom.lint(now());
            let fixed_here: Vec<_> = before
                .diagnostics
                .iter()
                .filter(|d| {
                    d.fix
                        .as_ref()
                        .is_some_and(|f| f.applicability == Applicability::Safe)
                })
                .map(|d| (d.path.clone(), d.code))
                .collect();
            let changed = newsroom.fix(now(), MAX_ROUNDS);
            let after = newsroom.lint(now());
            for file in &changed {
                if !file.converged {
                    failures.push(format!("{code}/{name}: fixes did not converge"));
                }
                let shown = file.path.strip_prefix(fixtures()).unwrap_or(&file.path);
                insta::assert_snapshot!(
                    format!("{code}_{name}_fixed"),
                    file.fixed.to_string(),
                    &format!("{} after `--fix`", shown.display())
                );
            }
            for leftover in after.diagnostics.iter().filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == Applicability::Safe)
            }) {
                failures.push(format!(
                    "{code}/{name}: safe fix left behind: {}",
                    leftover.message
                ));
            }
            if !fixed_here.is_empty() && changed.is_empty() {
                failures.push(format!(
                    "{code}/{name}: safe fixes offered but nothing changed"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
