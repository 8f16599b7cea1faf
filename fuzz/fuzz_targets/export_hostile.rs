//! Arbitrary front matter values and body exported in every format, each file read back by
//! its consumer's parser: JSON (serde_json, with no raw `<`, `>` or `&`), XML (roxmltree,
//! which rejects characters XML 1.0 forbids) and the TOML front matter of the Hugo and Zola
//! trees (split where Zola would split it, parsed by `toml`, title and dek unchanged), with no
//! template delimiter in a page body. The checks are `crates/core/tests/support/parse_back.rs`,
//! which the proptest `hostile_front_matter_parses_back_in_every_format` shares.
//!
//! The input is split at U+001E (record separator) into the title, dek, a tag, the author's
//! name, a source's title and URL, the image `src` and the body; the front matter escapes
//! every value, so each input reaches the exporters.
#![no_main]

#[path = "../../crates/core/tests/support/parse_back.rs"]
mod parse_back;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::OnceLock;

use copydesk::export::{ExportFormat, ExportOptions, Exporter, Model, export};
use copydesk::{Article, Newsroom};
use libfuzzer_sys::fuzz_target;

/// A newsroom with a desk and an author and no articles; each input becomes its only article.
fn newsroom() -> &'static Newsroom {
    static NEWSROOM: OnceLock<Newsroom> = OnceLock::new();
    NEWSROOM.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let root: PathBuf = dir.keep();
        std::fs::write(root.join("copydesk.toml"), "[desks.ai]\nname = \"AI\"\n")
            .expect("write config");
        std::fs::create_dir_all(root.join("authors")).expect("authors dir");
        std::fs::create_dir_all(root.join("articles")).expect("articles dir");
        std::fs::write(
            root.join("authors/ryan-tanaka.toml"),
            "name = \"Ryan Tanaka\"\n",
        )
        .expect("write author");
        Newsroom::load(&root).expect("newsroom loads")
    })
}

fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut fields = text.splitn(8, '\u{1e}');
    let mut next = || fields.next().unwrap_or("");
    let (title, dek, tag, author, source_title, source_url, image_src, body) = (
        next(),
        next(),
        next(),
        next(),
        next(),
        next(),
        next(),
        next(),
    );
    let article_text = format!(
        "+++\ntitle = {}\ndek = {}\nslug = \"fuzz-article\"\nauthors = [\"ryan-tanaka\"]\ndesk = \"ai\"\ntags = [{}]\nstatus = \"published\"\npublished = 2026-05-06T14:25:00Z\n\n[image]\nsrc = {}\nalt = \"alt\"\n\n[[sources]]\nid = \"src\"\ntitle = {}\nurl = {}\n+++\n{}",
        toml_string(if title.trim().is_empty() { "t" } else { title }),
        toml_string(dek),
        toml_string(tag),
        toml_string(if image_src.trim().is_empty() {
            "a.jpg"
        } else {
            image_src
        }),
        toml_string(if source_title.trim().is_empty() {
            "s"
        } else {
            source_title
        }),
        toml_string(source_url),
        body,
    );
    let base = newsroom();
    let parsed = Article::parse(base.root.join("articles/fuzz-article.md"), &article_text);
    let Some(article) = parsed.article else {
        return;
    };
    let mut newsroom = base.clone();
    newsroom.articles = vec![article];
    if let Some(by) = newsroom.authors.get_mut("ryan-tanaka") {
        by.name = author.to_string();
    }
    let Ok(model) = Model::build(&newsroom, &ExportOptions::new().include_drafts(true)) else {
        return;
    };
    let all: Vec<&dyn Exporter> = ExportFormat::ALL
        .iter()
        .filter(|f| **f != ExportFormat::Zola)
        .map(|f| f.exporter())
        .collect();
    for exporters in [all, vec![ExportFormat::Zola.exporter()]] {
        let output = export(&model, &newsroom.config, &exporters).expect("a built model exports");
        parse_back::parse_back(&output, &model);
    }
});
