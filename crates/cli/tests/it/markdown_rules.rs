//! The Markdown rules end to end on the inputs where they once disagreed with what the page
//! renders: duplicate headings read as the export reads them, HTML the safe export drops, alt
//! text as rendered, vague link texts, and heading fixes that chain in one `--fix` run.

use crate::common;

use common::{PROSE, TempNewsroom, normalise};

fn concise(newsroom: &TempNewsroom, select: &str) -> String {
    let output = newsroom
        .lint(&["--format", "concise", "--quiet", "--select", select])
        .output()
        .expect("runs");
    normalise(newsroom, &output.stdout)
}

#[test]
fn findings_follow_what_the_page_renders() {
    let newsroom = TempNewsroom::new();
    newsroom.article(
        "rendered",
        "Microsoft Keeps Its Stake",
        &format!(
            "{PROSE}\n## Using `grep`\n\n{PROSE}\n## Using `sed`\n\n{PROSE}\n## `foo`\n\n{PROSE}\n## `foo`\n\n{PROSE}\
             \n## 🚀\n\n{PROSE}\n## 🚀\n\n{PROSE}\n## The type\n\n{PROSE}\n## The   type\n\n{PROSE}\
             \n</details>\n<details>\n\n{PROSE}\n<!--> text -->\n\n{PROSE}\nA comment <!--> inline.\n\n\
             ![![inner alt](i.png)](o.png)\n\n[click-here!!!!](https://example.com/) and [ \"link\" ](https://example.com/)\
             \nand [`here`](https://example.com/).\n"
        ),
    );
    let out = concise(&newsroom, "MD");
    let findings: Vec<&str> = out
        .lines()
        .map(|l| l.split_once(": ").map_or(l, |(_, rest)| rest))
        .collect();
    assert_eq!(
        findings,
        [
            "MD003 heading `` `foo` `` repeats an earlier heading",
            "MD003 heading `🚀` repeats an earlier heading",
            "MD003 heading `The   type` repeats an earlier heading",
            "MD007 raw HTML is dropped by the safe HTML export",
            "MD007 text `text -->` after an HTML comment is dropped by the safe HTML export",
            "MD006 vague link text `click-here!!!!`",
            "MD006 vague link text `\"link\"`",
        ],
        "{out}"
    );
}

#[test]
fn one_fix_run_repairs_a_chain_of_skipped_levels_and_their_closing_marks() {
    let newsroom = TempNewsroom::new();
    let path = newsroom.article(
        "chain",
        "Microsoft Keeps Its Stake",
        &format!(
            "{PROSE}\n## One ##\n\n{PROSE}\n#### Two ####\n\n{PROSE}\n###### Three\n\n{PROSE}"
        ),
    );
    newsroom
        .lint(&["--fix", "--select", "MD002"])
        .assert()
        .code(0);
    let fixed = newsroom.read(&path);
    assert!(
        fixed.contains("\n## One ##\n")
            && fixed.contains("\n### Two ###\n")
            && fixed.contains("\n#### Three\n"),
        "{fixed}"
    );
    assert_eq!(concise(&newsroom, "MD002"), "");
}
