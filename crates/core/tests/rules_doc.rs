//! `docs/rules.md` is every rule's documentation, generated from the rule table, so the page
//! the language server links each diagnostic to (`docs/rules.md#<code>`) and `copydesk rule
//! CODE` say the same thing.
//!
//! Regenerate with `COPYDESK_WRITE_DOCS=1 cargo test -p copydesk --test rules_doc`.

use std::fmt::Write as _;
use std::path::Path;

use copydesk::lint::{FixAvailability, RULES};

fn rules_page() -> String {
    let mut page = String::from(
        "# Lint rules\n\n\
         Generated from the rule table by `crates/core/tests/rules_doc.rs`; `copydesk rule CODE`\n\
         prints the same text. Codes are permanent; see [configuration](configuration.md) for\n\
         selecting rules, changing severities and setting options.\n\n\
         | code | name | default severity | fix | summary |\n\
         |---|---|---|---|---|\n",
    );
    for rule in RULES {
        let fix = match rule.fix {
            FixAvailability::None => "",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Always => "yes",
        };
        let _ = writeln!(
            page,
            "| [{code}](#{anchor}) | `{name}` | {severity} | {fix} | {summary} |",
            code = rule.code,
            anchor = rule.code.as_str().to_ascii_lowercase(),
            name = rule.name,
            severity = rule.severity,
            summary = rule.summary.replace('|', "\\|"),
        );
    }
    for rule in RULES {
        let _ = write!(
            page,
            "\n## {}\n\n`{}` · {} by default\n\n",
            rule.code, rule.name, rule.severity
        );
        // The rule's own sections sit one level below its code (not `#` lines of examples).
        let mut in_code = false;
        for line in rule.documentation().lines() {
            if line.starts_with("```") {
                in_code = !in_code;
            }
            if line.starts_with('#') && !in_code {
                page.push('#');
            }
            page.push_str(line);
            page.push('\n');
        }
    }
    page
}

#[test]
fn the_rules_page_is_generated_from_the_rule_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let page = rules_page();
    if std::env::var_os("COPYDESK_WRITE_DOCS").is_some() {
        std::fs::write(&path, &page).expect("write docs/rules.md");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == page,
        "docs/rules.md is out of date: run COPYDESK_WRITE_DOCS=1 cargo test -p copydesk --test rules_doc"
    );
}
