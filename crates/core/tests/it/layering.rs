//! Which of the core modules `newsroom`, `lint`, `diagnostic` and `article` refer to which, read
//! from the sources: the loaded newsroom sits on top (it uses the linter, nothing uses it), and
//! the report the printers read lives in `diagnostic`, not in the newsroom or a printer.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const MODULES: [&str; 4] = ["newsroom", "lint", "diagnostic", "article"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The `.rs` files of module `name` (a file or a directory).
fn files_of(name: &str) -> Vec<PathBuf> {
    let file = src().join(format!("{name}.rs"));
    if file.is_file() {
        return vec![file];
    }
    let mut files = Vec::new();
    let mut dirs = vec![src().join(name)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("module directory") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// The code of `path` before its unit tests, which may use anything.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("source");
    match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// Every (from, to) pair where a file of module `from` names `crate::to`.
fn edges() -> BTreeSet<(&'static str, &'static str)> {
    let mut edges = BTreeSet::new();
    for from in MODULES {
        for path in files_of(from) {
            let code = code_of(&path);
            for to in MODULES {
                let named = code.contains(&format!("crate::{to}::"))
                    || code.contains(&format!("crate::{to};"))
                    || code.contains(&format!("crate::{to}}}"));
                if to != from && named {
                    edges.insert((from, to));
                }
            }
        }
    }
    edges
}

#[test]
fn nothing_below_the_newsroom_uses_it() {
    let into_newsroom: Vec<_> = edges()
        .into_iter()
        .filter(|(_, to)| *to == "newsroom")
        .collect();
    assert_eq!(
        into_newsroom,
        [],
        "the newsroom is loaded on top of the engine"
    );
}

#[test]
fn the_report_does_not_live_with_a_printer_or_the_newsroom() {
    let report = code_of(&src().join("diagnostic/report.rs"));
    assert!(report.contains("pub struct LintReport"));
    assert!(report.contains("pub type SourceMap"));
    for printer in files_of("diagnostic")
        .into_iter()
        .filter(|path| path.components().any(|c| c.as_os_str() == "render"))
    {
        let code = code_of(&printer);
        assert!(
            !code.contains("struct LintReport") && !code.contains("crate::newsroom"),
            "{}",
            printer.display()
        );
    }
}

#[test]
fn the_module_graph_has_no_cycle() {
    // Layers, bottom up: diagnostics (with rule metadata), the data model, the lint engine,
    // the loaded newsroom. No edge points down-up, so there is no cycle.
    let expected: BTreeSet<(&str, &str)> = [
        ("newsroom", "lint"),
        ("newsroom", "diagnostic"),
        ("newsroom", "article"),
        ("lint", "diagnostic"),
        ("lint", "article"),
        ("article", "diagnostic"),
    ]
    .into_iter()
    .collect();
    assert_eq!(edges(), expected);
}
