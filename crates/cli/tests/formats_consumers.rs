//! The reports and scripts checked by the programs that read them: xmllint validates
//! `--format junit` against Jenkins' `JUnit` schema and `--format checkstyle` against the
//! Checkstyle DTD (`tests/data/`), bash parses the bash completion script. Every completion
//! script and the manual page must name every subcommand `copydesk --help` lists.
//!
//! Like `crates/core/tests/consumers.rs`, this test has its own harness (libtest-mimic): a
//! consumer that is not installed is listed as an ignored test naming it, and with
//! `COPYDESK_REQUIRE_CONSUMERS` set (as `.ci/run` sets it) it fails instead.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{LONG_TITLE, PROSE, TempNewsroom, article_text};
use libtest_mimic::{Arguments, Failed, Trial};

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "powershell", "elvish"];

fn main() {
    let args = Arguments::from_args();
    let mut trials = vec![Trial::test(
        "man_page_mentions_every_subcommand",
        man_page_mentions_every_subcommand,
    )];
    for shell in SHELLS {
        trials.push(Trial::test(
            format!("{shell}_completions_name_every_subcommand"),
            move || completions_name_every_subcommand(shell),
        ));
    }
    if has("xmllint") {
        trials.push(Trial::test(
            "junit_report_validates_against_the_jenkins_schema",
            || xmllint("junit", &["--schema", "junit-10.xsd"]),
        ));
        trials.push(Trial::test(
            "checkstyle_report_validates_against_its_dtd",
            || xmllint("checkstyle", &["--dtdvalid", "checkstyle.dtd"]),
        ));
    } else {
        for name in ["junit_report_validates", "checkstyle_report_validates"] {
            trials.push(common::missing_consumer(
                name,
                "apt-get install -y libxml2-utils",
            ));
        }
    }
    if has("bash") {
        trials.push(Trial::test(
            "bash_accepts_its_completions",
            bash_accepts_its_completions,
        ));
    } else {
        trials.push(common::missing_consumer(
            "bash_accepts_its_completions",
            "apt-get install -y bash",
        ));
    }
    libtest_mimic::run(&args, trials).exit();
}

fn has(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn copydesk(args: &[&str]) -> Result<String, Failed> {
    let output = assert_cmd::Command::cargo_bin("copydesk")
        .map_err(|e| e.to_string())?
        .args(args)
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("copydesk {args:?} failed: {output:?}").into());
    }
    String::from_utf8(output.stdout).map_err(|e| e.to_string().into())
}

/// The subcommands `copydesk --help` lists, read from its `Commands:` section.
fn subcommands() -> Result<Vec<String>, Failed> {
    let help = copydesk(&["--help"])?;
    let names: Vec<String> = help
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        // A wrapped description continues on a line indented further.
        .filter(|line| !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect();
    if names.len() < 10 || !names.iter().any(|n| n == "completions") {
        return Err(format!("unexpected command list in --help: {names:?}").into());
    }
    Ok(names)
}

fn man_page_mentions_every_subcommand() -> Result<(), Failed> {
    let page = copydesk(&["man"])?;
    if !page.starts_with(".ie") && !page.contains(".TH copydesk") {
        return Err("not a roff page".into());
    }
    let missing: Vec<String> = subcommands()?
        .into_iter()
        .filter(|name| !page.contains(&format!("copydesk\\-{}", name.replace('-', "\\-"))))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("the manual page does not mention {missing:?}").into())
    }
}

fn completions_name_every_subcommand(shell: &str) -> Result<(), Failed> {
    let script = copydesk(&["completions", shell])?;
    let missing: Vec<String> = subcommands()?
        .into_iter()
        .filter(|name| !script.contains(name.as_str()))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("the {shell} completions do not name {missing:?}").into())
    }
}

fn bash_accepts_its_completions() -> Result<(), Failed> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let script = dir.path().join("copydesk.bash");
    std::fs::write(&script, copydesk(&["completions", "bash"])?).map_err(|e| e.to_string())?;
    let output = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .map_err(|e| e.to_string())?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!("bash -n: {}", String::from_utf8_lossy(&output.stderr)).into())
    }
}

/// `copydesk lint --format <format>` on a newsroom with findings (an unknown key holding
/// markup and a control character among them), checked by `xmllint --noout <check> report`.
fn xmllint(format: &str, check: &[&str]) -> Result<(), Failed> {
    let newsroom = TempNewsroom::new();
    newsroom.article("long-title", LONG_TITLE, PROSE);
    newsroom.write(
        "articles/2026/05/bad.md",
        &article_text(
            "bad",
            "Microsoft Loosens Its Grip",
            "\"co<l>&or\\u001b\" = \"red\"\n",
            PROSE,
        ),
    );
    let report = newsroom.path("report.xml");
    let output = newsroom
        .lint(&["--format", format, "--output-file"])
        .arg(&report)
        .output()
        .map_err(|e| e.to_string())?;
    if output.status.code() != Some(1) {
        return Err(format!("lint did not report findings: {output:?}").into());
    }
    let mut command = Command::new("xmllint");
    command.arg("--noout");
    for (i, arg) in check.iter().enumerate() {
        // The option's argument is a file under tests/data.
        if i == 1 {
            command.arg(data(arg));
        } else {
            command.arg(arg);
        }
    }
    let output = command.arg(&report).output().map_err(|e| e.to_string())?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "xmllint rejects the {format} report: {}\n{}",
            String::from_utf8_lossy(&output.stderr),
            std::fs::read_to_string(&report).unwrap_or_default()
        )
        .into())
    }
}
