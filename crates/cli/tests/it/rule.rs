//! `copydesk rule`: one rule's documentation, or the list of all of them.

use assert_cmd::Command;

fn copydesk(args: &[&str]) -> String {
    let output = Command::cargo_bin("copydesk")
        .expect("binary built")
        .args(args)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn all_lists_every_rule_with_its_summary() {
    let text = copydesk(&["rule", "--all"]);
    for rule in copydesk::lint::RULES {
        let line = text
            .lines()
            .find(|line| line.starts_with(rule.code.as_str()))
            .unwrap_or_else(|| panic!("{} missing from:\n{text}", rule.code));
        assert!(
            line.contains(rule.name) && line.ends_with(rule.summary),
            "{line}"
        );
    }
}

#[test]
fn all_as_json() {
    let json: serde_json::Value =
        serde_json::from_str(&copydesk(&["rule", "--all", "--format", "json"])).expect("JSON");
    let rules = json.as_array().expect("an array");
    assert_eq!(rules.len(), copydesk::lint::RULES.len());
    assert_eq!(rules[0]["code"], "FM000");
    assert!(
        rules
            .iter()
            .any(|r| r["code"] == "MD000" && r["fix"] == "sometimes")
    );
}

#[test]
fn one_rule_by_code_or_name() {
    let by_code = copydesk(&["rule", "MD000"]);
    assert!(by_code.contains("## What it does"), "{by_code}");
    assert_eq!(by_code, copydesk(&["rule", "invalid-suppression"]));
}

/// RF003 reports aliases too (a former slug that is another article's slug, or claimed twice),
/// so its documentation must say so, with an example a writer can follow.
#[test]
fn duplicate_slug_documents_aliases() {
    let doc = copydesk(&["rule", "RF003"]);
    for expected in [
        "aliases",
        "another alias",
        "aliases = [\"openai-deal\"]",
        "copydesk rename",
    ] {
        assert!(doc.contains(expected), "no {expected:?} in:\n{doc}");
    }
    let all = copydesk(&["rule", "--all"]);
    let line = all
        .lines()
        .find(|line| line.contains("RF003"))
        .expect("RF003 listed");
    assert!(line.contains("alias"), "{line}");
}
