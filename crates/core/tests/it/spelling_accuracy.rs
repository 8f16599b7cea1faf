//! SP001 against real-world misspellings and real published copy; docs/accuracy.md ("Spelling")
//! reports the figures these tests hold (`cargo test -p copydesk --test it spelling_accuracy --
//! --nocapture` prints them).
//!
//! - Planted: 200 misspellings from Wikipedia's list of common misspellings
//!   (`tests/data/misspellings.txt`, with its source and how they were picked), each put in
//!   place of a word of a clean paragraph of the example newsroom. SP001 must find every one,
//!   with the right word among its suggestions for at least 90%.
//! - Real copy: the English articles of `tests/corpus/real` with default settings. Every
//!   SP001 finding there is listed below with a copy editor's verdict, and those a copy editor
//!   would reject stay under one per 5,000 words.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use copydesk::{Diagnostic, Newsroom};

use crate::common::{copy_dir, example_root, now};

fn misspellings() -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/misspellings.txt");
    std::fs::read_to_string(path)
        .expect("the list reads")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| {
            let (typo, right) = line.split_once("->").expect("misspelling->correction");
            (typo.to_string(), right.to_string())
        })
        .collect()
}

/// The example newsroom's prose paragraphs (it lints clean, SP001 included): plain lines of
/// an article body with no Markdown of their own.
fn clean_paragraphs() -> Vec<String> {
    let mut paragraphs = Vec::new();
    let newsroom = Newsroom::load(example_root()).expect("the example loads");
    for article in &newsroom.articles {
        for line in article.body().lines() {
            let plain = line.len() > 120
                && line.starts_with(|c: char| c.is_ascii_uppercase())
                && !line.contains(['[', ']', '`', '*', '_', '<', '|', '#']);
            if plain {
                paragraphs.push(line.to_string());
            }
        }
    }
    paragraphs
}

/// `paragraph` with its `n`-th plain lower-case word (four letters or more, not the first
/// word) replaced by `typo`, and the byte offset the typo starts at.
fn plant(paragraph: &str, n: usize, typo: &str) -> (String, usize) {
    let mut at = 0;
    let mut spots = Vec::new();
    for (i, word) in paragraph.split(' ').enumerate() {
        if i > 0 && word.len() >= 4 && word.bytes().all(|b| b.is_ascii_lowercase()) {
            spots.push((at, word.len()));
        }
        at += word.len() + 1;
    }
    let (start, len) = spots[n % spots.len()];
    let planted = format!("{}{typo}{}", &paragraph[..start], &paragraph[start + len..]);
    (planted, start)
}

const FRONT: &str = "+++\ntitle = \"Planted {n}\"\ndek = \"Misspellings planted in clean copy.\"\nauthors = [\"ryan-tanaka\"]\ndesk = \"ai\"\nstatus = \"draft\"\n+++\n\n";

#[test]
#[allow(
    clippy::print_stderr,
    reason = "prints the figures docs/accuracy.md reports"
)]
fn every_planted_misspelling_is_found_with_the_right_word_suggested() {
    let list = misspellings();
    assert_eq!(list.len(), 200);
    let paragraphs = clean_paragraphs();
    assert!(paragraphs.len() >= 10, "{}", paragraphs.len());
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&example_root(), dir.path());
    let articles = dir.path().join("articles/planted");
    std::fs::create_dir_all(&articles).expect("articles dir");
    // Twenty paragraphs an article, one misspelling each; the file and offset of each plant.
    let mut planted: BTreeMap<(PathBuf, usize), (String, String)> = BTreeMap::new();
    for (chunk, pairs) in list.chunks(20).enumerate() {
        let path = articles.join(format!("planted-{chunk}.md"));
        let mut text = FRONT.replace("{n}", &chunk.to_string());
        for (i, (typo, right)) in pairs.iter().enumerate() {
            let k = chunk * 20 + i;
            let (paragraph, at) = plant(&paragraphs[k % paragraphs.len()], k, typo);
            planted.insert(
                (path.clone(), text.len() + at),
                (typo.clone(), right.clone()),
            );
            text.push_str(&paragraph);
            text.push_str("\n\n");
        }
        std::fs::write(&path, text).expect("write article");
    }
    let newsroom = Newsroom::load(dir.path()).expect("the newsroom loads");
    let report = newsroom.lint(now());
    let sp001: BTreeMap<(PathBuf, usize), &Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "SP001")
        .map(|d| ((d.path.to_path_buf(), d.span.start), d))
        .collect();

    let mut missed = Vec::new();
    let mut right_suggested = 0;
    let mut wrong_suggestion = Vec::new();
    for (key, (typo, right)) in &planted {
        match sp001.get(key) {
            Some(d) if d.message == format!("unknown word `{typo}`") => {
                let help = d.help.as_deref().unwrap_or_default();
                if help.contains(&format!("`{right}`")) {
                    right_suggested += 1;
                } else {
                    wrong_suggestion.push(format!("{typo}->{right}: {help}"));
                }
            }
            _ => missed.push(typo.clone()),
        }
    }
    // Nothing else in the clean copy is reported.
    let others: Vec<String> = sp001
        .iter()
        .filter(|(key, _)| !planted.contains_key(*key))
        .map(|(_, d)| d.message.clone())
        .collect();
    eprintln!(
        "planted misspellings: {} of {} found, the right word suggested for {} ({:.1}%); {} other findings",
        planted.len() - missed.len(),
        planted.len(),
        right_suggested,
        100.0 * right_suggested as f64 / planted.len() as f64,
        others.len()
    );
    for line in &wrong_suggestion {
        eprintln!("  no right suggestion: {line}");
    }
    assert!(missed.is_empty(), "missed: {missed:?}");
    assert!(others.is_empty(), "reported in clean copy: {others:?}");
    assert!(
        right_suggested * 10 >= planted.len() * 9,
        "the right word is suggested for {right_suggested} of {}",
        planted.len()
    );
    // The figure docs/accuracy.md reports; a change of it updates both.
    assert_eq!(right_suggested, RIGHT_SUGGESTED);
}

/// How many of the 200 planted misspellings get the right word among their suggestions.
const RIGHT_SUGGESTED: usize = 191;

/// Every SP001 finding on the English articles of `tests/corpus/real`, by file and word, with
/// a copy editor's verdict: `true` for a real misspelling, `false` for one they would reject.
const REAL_CORPUS_FINDINGS: &[(&str, &str, bool)] = &[];

#[test]
#[allow(
    clippy::print_stderr,
    reason = "prints the figures docs/accuracy.md reports"
)]
fn real_copy_gets_at_most_one_rejected_finding_per_5000_words() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/real");
    // The corpus selects the editorial rules for their own measurement; spelling and style
    // are measured with the default selection.
    let mut config = copydesk::Config::load(&root.join("copydesk.toml")).expect("config");
    config.lint = copydesk::lint::LintSettings::default();
    let files = copydesk::list_files(&root, &root.join("articles"), "md").expect("articles");
    let newsroom =
        Newsroom::load_files(root.clone(), config, &files).expect("the real corpus loads");
    let english: Vec<_> = newsroom
        .articles
        .iter()
        .filter(|a| {
            let language = a
                .language
                .as_deref()
                .unwrap_or(&newsroom.config.site.language);
            language.split(['-', '_']).next() == Some("en")
        })
        .collect();
    let words: usize = english
        .iter()
        .map(|a| copydesk::ReadTime::estimate_markdown(a.body(), &newsroom.config.read_time).words)
        .sum();
    let report = newsroom.lint(now());
    let found: Vec<(String, String)> = report
        .diagnostics
        .iter()
        .filter(|d| ["SP", "ST"].contains(&d.code.family()))
        .map(|d| {
            let file = d
                .path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let word = d
                .message
                .strip_prefix("unknown word `")
                .and_then(|rest| rest.strip_suffix('`'))
                .unwrap_or(&d.message);
            (file.to_string(), word.to_string())
        })
        .collect();
    let labelled: Vec<(String, String)> = REAL_CORPUS_FINDINGS
        .iter()
        .map(|(file, word, _)| ((*file).to_string(), (*word).to_string()))
        .collect();
    // Only findings on articles this copy of the corpus holds are expected.
    let expected: Vec<_> = labelled
        .into_iter()
        .filter(|(file, _)| root.join("articles").join(file).is_file())
        .collect();
    assert_eq!(found, expected, "relabel the findings");
    let rejected = REAL_CORPUS_FINDINGS
        .iter()
        .filter(|(file, _, real)| !real && root.join("articles").join(file).is_file())
        .count();
    eprintln!(
        "real copy: {} English articles, {words} words, {} findings, {rejected} a copy editor would reject ({:.2} per 5,000 words)",
        english.len(),
        found.len(),
        rejected as f64 * 5000.0 / words as f64
    );
    assert!(english.len() >= 15, "{}", english.len());
    assert!(
        rejected * 5000 <= words,
        "{rejected} rejected in {words} words"
    );
}
