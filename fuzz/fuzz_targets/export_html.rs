//! Any text as one article exported as HTML in safe mode (`allow_raw_html = false`): no
//! `<script` element, no `on…=` event attribute and no `javascript:` URL reaches the output.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use copydesk::export::{ExportFormat, ExportOptions, Model, export};
use copydesk::{Article, Newsroom};
use libfuzzer_sys::fuzz_target;

/// A newsroom with a desk and an author and no articles; each input becomes its only article.
fn newsroom() -> &'static Newsroom {
    static NEWSROOM: OnceLock<Newsroom> = OnceLock::new();
    NEWSROOM.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let root: PathBuf = dir.keep();
        std::fs::write(
            root.join("copydesk.toml"),
            "[desks.ai]\nname = \"AI\"\n[export]\nallow_raw_html = false\n",
        )
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

/// Every tag's attributes as (lower-case name, value) pairs. Text cannot hold a raw `<`
/// (the renderer escapes it), so each `<` opens a real tag.
fn attributes(html: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        i += 1;
        // The tag name.
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
            i += 1;
        }
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            let start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'=' | b'>')
            {
                i += 1;
            }
            let name = html[start..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                if i < bytes.len() && matches!(bytes[i], b'"' | b'\'') {
                    let quote = bytes[i];
                    i += 1;
                    let start = i;
                    while i < bytes.len() && bytes[i] != quote {
                        i += 1;
                    }
                    value = html[start..i.min(bytes.len())].to_string();
                    i += 1;
                } else {
                    let start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = html[start..i].to_string();
                }
            }
            found.push((name, value));
        }
    }
    found
}

fuzz_target!(|text: &str| {
    let base = newsroom();
    let parsed = Article::parse(base.root.join("articles/fuzz-article.md"), text);
    let Some(article) = parsed.article else {
        return;
    };
    let mut newsroom = base.clone();
    newsroom.articles = vec![article];
    let Ok(model) = Model::build(&newsroom, &ExportOptions::new().include_drafts(true)) else {
        return;
    };
    let Ok(output) = export(&model, &newsroom.config, &[ExportFormat::Html.exporter()]) else {
        return;
    };
    for (path, bytes) in output.files() {
        let html = String::from_utf8_lossy(bytes);
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "{path:?}: {html}");
        for (name, value) in attributes(&html) {
            assert!(
                !name.starts_with("on"),
                "{path:?}: event attribute `{name}` in {html}"
            );
            let value: String = value
                .chars()
                .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
                .collect::<String>()
                .to_ascii_lowercase();
            assert!(
                !value.starts_with("javascript:") && !value.starts_with("javascript&#"),
                "{path:?}: `{name}` = `{value}` in {html}"
            );
        }
    }
});
