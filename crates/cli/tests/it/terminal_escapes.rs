//! Content never drives the terminal: control characters in file names, front matter values
//! and Markdown come out of every format escaped (`\u{1b}` in the human formats, `\u001b` in
//! JSON and SARIF), and so do error messages on stderr.

use crate::common;

use common::{PROSE, TempNewsroom, article_text};

/// An OSC 52 clipboard write (ESC … BEL), an erase-line (CSI 2K) and a C1 CSI (U+009B).
const HOSTILE: &str = "\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2K\u{9b}31m";

fn newsroom() -> TempNewsroom {
    let newsroom = TempNewsroom::new();
    // The file name carries the escapes (FM005: the slug differs from the stem), the title
    // carries them through a TOML escape (FM006 quotes nothing, so an unknown key does), and
    // the body raw, on a line with a finding (MD006, vague link text), so the excerpt shows it.
    newsroom.write(
        &format!("articles/2026/05/evil{HOSTILE}.md"),
        &article_text(
            "evil",
            "A title with \\u001b]52;c;ZXZpbA==\\u0007 in it",
            "\"key\\u001b[2K\\u009b\" = 1\n",
            &format!("{PROSE}\nRead it [here](https://example.com/) {HOSTILE} now.\n"),
        ),
    );
    newsroom
}

/// Control characters a terminal acts on: everything but newline and tab.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c.is_control() && c != '\n' && c != '\t')
        .collect()
}

fn lint(newsroom: &TempNewsroom, format: &str) -> String {
    let output = newsroom.lint(&["--format", format]).output().expect("runs");
    assert_eq!(output.status.code(), Some(1), "{format}: findings expected");
    let stdout = String::from_utf8(output.stdout).expect("utf-8 output");
    let stderr = String::from_utf8(output.stderr).expect("utf-8 stderr");
    assert_eq!(
        raw_controls(&stdout),
        Vec::<char>::new(),
        "{format} stdout:\n{stdout}"
    );
    assert_eq!(
        raw_controls(&stderr),
        Vec::<char>::new(),
        "{format} stderr:\n{stderr}"
    );
    stdout
}

#[test]
fn human_formats_write_controls_visibly() {
    let newsroom = newsroom();
    for format in ["full", "concise", "github"] {
        let out = lint(&newsroom, format);
        // The file name, the unknown key and the excerpt of the body all show up escaped.
        assert!(
            out.contains(r"evil\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2K\u{9b}31m"),
            "{format}: file name\n{out}"
        );
        assert!(out.contains(r"key\u{1b}[2K\u{9b}"), "{format}: key\n{out}");
    }
    let full = lint(&newsroom, "full");
    assert!(
        full.contains(r"[here](https://example.com/) \u{1b}]52;c;ZXZpbA==\u{7}"),
        "excerpt\n{full}"
    );
}

#[test]
fn github_commands_stay_one_line_each_with_escaped_properties() {
    let newsroom = newsroom();
    let out = lint(&newsroom, "github");
    for line in out.lines() {
        assert!(line.starts_with("::"), "{line}");
        let properties = &line[line.find(' ').expect("properties")..line.rfind("::").expect("::")];
        // `:` inside the file name is escaped (`%3A`), so properties split cleanly.
        assert!(!properties.contains(':'), "{line}");
    }
}

#[test]
fn machine_formats_escape_controls_and_keep_the_text() {
    let newsroom = newsroom();
    for format in ["json", "sarif"] {
        let out = lint(&newsroom, format);
        assert!(
            out.contains(r"\u001b") && out.contains(r"\u009b"),
            "{format}\n{out}"
        );
        let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        // Parsed back, the path is the file's real name.
        assert!(
            value.to_string().contains("\\u001b]52;c;ZXZpbA==\\u0007"),
            "{format}"
        );
    }
}

#[test]
fn errors_on_stderr_escape_the_paths_they_name() {
    let newsroom = newsroom();
    let missing = format!("articles/missing{HOSTILE}.md");
    let output = newsroom.lint(&[missing.as_str()]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).expect("utf-8 stderr");
    assert_eq!(raw_controls(&stderr), Vec::<char>::new(), "{stderr}");
    assert!(stderr.contains(r"missing\u{1b}]52;c;"), "{stderr}");
}
