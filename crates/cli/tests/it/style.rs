//! House style from the command line: `lint --fix` converges on ST fixes, an invalid style is
//! a configuration error naming file, line and key, `init` writes a starter style that lints
//! clean, and `style import` converts a Vale style.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

use crate::common::copydesk_in;

const NOW: &str = "2026-06-01T00:00:00Z";

fn copydesk(dir: &Path) -> Command {
    copydesk_in(dir)
}

/// Runs `copydesk lint` in `dir`, which must refuse it (exit 2), and returns what it printed on
/// stderr.
fn lint_refused(dir: &Path) -> String {
    let output = copydesk(dir)
        .args(["lint", "--now", NOW])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn newsroom(style: &str, body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("copydesk.toml"),
        format!("[desks.ai]\nname = \"AI\"\n{style}"),
    )
    .expect("write config");
    fs::create_dir_all(dir.path().join("authors")).expect("authors dir");
    fs::create_dir_all(dir.path().join("articles")).expect("articles dir");
    fs::write(dir.path().join("authors/ryan.toml"), "name = \"Ryan\"\n").expect("author");
    fs::write(
        dir.path().join("articles/hello.md"),
        format!("+++\ntitle = \"Hello\"\ndek = \"A greeting.\"\nauthors = [\"ryan\"]\ndesk = \"ai\"\nstatus = \"draft\"\n+++\n\n{body}\n"),
    )
    .expect("article");
    dir
}

const STYLE: &str = r#"
[[style.terms]]
use = "email"
avoid = ["e-mail"]
[[style.terms]]
use = "GitHub"
[[style.patterns]]
regex = '\b(\d+) per cent\b'
replace = '$1%'
"#;

fn concise(dir: &Path) -> (Option<i32>, String) {
    let output = copydesk(dir)
        .args([
            "lint",
            "--format",
            "concise",
            "--fail-on",
            "warning",
            "--now",
            NOW,
        ])
        .output()
        .expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn fixes_replace_house_forms_keep_sentence_capitals_and_converge() {
    let dir = newsroom(
        STYLE,
        "E-mail the desk. Send an e-mail about the Github repository; fares rose 5 per cent.",
    );
    let (code, out) = concise(dir.path());
    assert_eq!(code, Some(1), "{out}");
    for code in ["ST001", "ST002", "ST003"] {
        assert!(out.contains(code), "{code} missing:\n{out}");
    }
    for _ in 0..2 {
        copydesk(dir.path())
            .args(["lint", "--fix", "--now", NOW])
            .output()
            .expect("runs");
    }
    let text = fs::read_to_string(dir.path().join("articles/hello.md")).expect("read");
    assert!(
        text.contains("Email the desk. Send an email about the GitHub repository; fares rose 5%."),
        "{text}"
    );
    let (code, out) = concise(dir.path());
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn an_invalid_style_is_a_configuration_error_naming_file_line_and_key() {
    let dir = newsroom(
        "[style]\ninclude = [\"styles/house.toml\"]\n[[style.terms]]\nuse = \"email\"\navoid = [\"email\"]\n",
        "Prose.",
    );
    fs::create_dir_all(dir.path().join("styles")).expect("styles dir");
    fs::write(
        dir.path().join("styles/house.toml"),
        "[[style.patterns]]\nregex = '(unclosed'\n",
    )
    .expect("style file");
    let err = lint_refused(dir.path());
    assert!(err.contains("copydesk.toml:7:10"), "{err}");
    assert!(
        err.contains("`email` is both a form to use and a form to avoid"),
        "{err}"
    );
    // With copydesk.toml itself right, the included file's problem is reported at its own
    // line and key.
    crate::common::edit(
        dir.path(),
        "copydesk.toml",
        "avoid = [\"email\"]",
        "avoid = [\"e-mail\"]",
    );
    let err = lint_refused(dir.path());
    assert!(err.contains("styles/house.toml:2:9"), "{err}");
    assert!(
        err.contains(
            "`style.patterns[0].regex` is not a valid regular expression: unclosed group (at column 1 of the pattern)"
        ),
        "{err}"
    );

    let dir = newsroom(
        "[[style.terms]]\nuse = \"email\"\nprefer = \"x\"\n",
        "Prose.",
    );
    let err = lint_refused(dir.path());
    assert!(
        err.contains("copydesk.toml:5:1") && err.contains("prefer"),
        "{err}"
    );
}

#[test]
fn init_writes_a_starter_style_that_lints_clean() {
    let dir = tempfile::tempdir().expect("temp dir");
    copydesk(dir.path())
        .args(["init", "--now", NOW])
        .assert()
        .success();
    let style = fs::read_to_string(dir.path().join("styles/house.toml")).expect("starter style");
    assert!(style.matches("[[style.terms]]").count() >= 12, "{style}");
    let (code, out) = concise(dir.path());
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn vale_styles_convert_and_say_what_did_not() {
    let vale = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vale/House");
    let dir = newsroom(
        "[style]\ninclude = [\"styles/vale.toml\"]\n",
        "Send an e-mail to the so-called desk on Github; it will give rise to a very unique Web site.",
    );
    fs::create_dir_all(dir.path().join("styles")).expect("styles dir");
    let output = copydesk(dir.path())
        .args(["style", "import"])
        .arg(&vale)
        .args(["--out", "styles/vale.toml"])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("not converted: Lookaround.yml:"), "{err}");
    assert!(
        err.contains("not converted: Repeated.yml: `extends: repetition`"),
        "{err}"
    );
    let toml = fs::read_to_string(dir.path().join("styles/vale.toml")).expect("written");
    insta::assert_snapshot!("vale_import", toml);
    let (code, out) = concise(dir.path());
    assert_eq!(code, Some(1), "{out}");
    for expected in [
        "'e-mail'",
        "Github",
        "so-called",
        "give rise to",
        "very unique",
        "instead of 'web site'",
    ] {
        assert!(out.contains(expected), "{expected} not reported:\n{out}");
    }
}

#[test]
fn importing_a_folder_of_styles_names_the_styles_in_it() {
    let styles_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vale");
    let output = copydesk(&styles_path)
        .args(["style", "import"])
        .arg(&styles_path)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("holds no Vale rules"), "{err}");
    assert!(err.contains("help: give one style's folder:"), "{err}");
    assert!(err.contains("House`"), "{err}");
    assert!(output.stdout.is_empty(), "nothing is written");
}

fn german_article(dir: &Path) {
    fs::write(
        dir.join("articles/bericht.md"),
        "+++\ntitle = \"Bericht\"\ndek = \"Ein Bericht.\"\nauthors = [\"ryan\"]\ndesk = \"ai\"\nstatus = \"draft\"\nlanguage = \"de\"\n+++\n\nDer Rat hat den Bericht heute gelsen und viele Fragen gestellt.\n",
    )
    .expect("article");
}

#[test]
fn an_article_without_a_dictionary_gets_one_info_not_a_finding_per_word() {
    let dir = newsroom("[spelling]\ndictionaries = [\"en_US\"]\n", "Prose.");
    german_article(dir.path());
    let (code, out) = concise(dir.path());
    let sp001: Vec<&str> = out.lines().filter(|l| l.contains("SP001")).collect();
    assert_eq!(sp001.len(), 1, "{out}");
    assert!(
        sp001[0].starts_with("articles/bericht.md:")
            && sp001[0].contains("spelling not checked: no `de` dictionary"),
        "{out}"
    );
    // An info finding does not fail the run.
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn a_dictionary_list_without_english_says_the_built_in_one_is_off() {
    let dir = newsroom("[spelling]\ndictionaries = [\"de_DE\"]\n", "Prose.");
    let (_, out) = concise(dir.path());
    let sp001: Vec<&str> = out.lines().filter(|l| l.contains("SP001")).collect();
    assert!(!sp001.is_empty(), "{out}");
    assert!(
        sp001[0].contains("`[spelling] dictionaries` lists `de_DE`")
            && sp001[0].contains("`en_US` is built in: list it to check English"),
        "{out}"
    );
}

#[test]
fn a_dictionary_in_the_newsrooms_dictionaries_directory_checks_its_language() {
    let dir = newsroom(
        "[spelling]\ndictionaries = [\"en_US\", \"de_DE\"]\n",
        "Prose.",
    );
    german_article(dir.path());
    fs::create_dir_all(dir.path().join("dictionaries")).expect("dictionaries dir");
    fs::write(
        dir.path().join("dictionaries/de_DE.aff"),
        "SET UTF-8\nTRY esianrtolcdugmphbyfvkwzESIANRTOLCDUGMPHBYFVKWZ\n",
    )
    .expect("aff");
    fs::write(
        dir.path().join("dictionaries/de_DE.dic"),
        "12\nder\nRat\nhat\nden\nBericht\nheute\ngelesen\nund\nviele\nFragen\ngestellt\nProse\n",
    )
    .expect("dic");
    let (_, out) = concise(dir.path());
    let sp001: Vec<&str> = out.lines().filter(|l| l.contains("SP001")).collect();
    assert_eq!(sp001.len(), 1, "{out}");
    assert!(sp001[0].contains("unknown word `gelsen`"), "{out}");
}

#[test]
fn an_unreadable_dictionary_is_named_with_what_to_do() {
    let dir = newsroom(
        "[spelling]\ndictionaries = [\"en_US\", \"de_DE\"]\n",
        "Prose.",
    );
    german_article(dir.path());
    fs::create_dir_all(dir.path().join("dictionaries")).expect("mkdir");
    fs::write(dir.path().join("dictionaries/de_DE.aff"), "SET UTF-8\n").expect("aff");
    fs::write(dir.path().join("dictionaries/de_DE.dic"), b"1\n\xff\xfe\n").expect("dic");
    let output = copydesk(dir.path())
        .args(["lint", "--format", "json", "--now", NOW])
        .output()
        .expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let info = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "SP001")
        .expect("an SP001 info");
    let message = info["message"].as_str().expect("message");
    assert!(
        message.contains("cannot read `dictionaries/de_DE.dic`: invalid UTF-8"),
        "{message}"
    );
    let help = info["help"].as_str().expect("help");
    assert!(
        help.contains("save `dictionaries/de_DE.dic` as UTF-8"),
        "{help}"
    );
}
