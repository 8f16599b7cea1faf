//! What the workflow leaves in exports: a retraction's notice in every format, a scheduled
//! article once its time has come, and a renamed article's old URL redirecting in a real Hugo
//! build.

use crate::common;

use common::{PROSE, TempNewsroom};

fn export(newsroom: &TempNewsroom, formats: &str, now: &str) -> std::path::PathBuf {
    let out = newsroom.path("out");
    newsroom
        .cmd(&["export", "--format", formats, "--out", "out", "--now", now])
        .assert()
        .success();
    out
}

#[test]
fn a_retracted_article_keeps_its_page_with_the_notice_in_every_format() {
    let newsroom = TempNewsroom::new();
    newsroom.article("chip-deal", "OpenAI Signs a Chip Deal", PROSE);
    newsroom
        .cmd(&[
            "retract",
            "chip-deal",
            "--reason",
            "The filing was not OpenAI's & never signed.",
            "--now",
            "2026-05-09T08:00:00Z",
        ])
        .assert()
        .success();
    let out = export(&newsroom, "json,html,rss,atom,jsonfeed,jsonld", common::NOW);
    let read = |file: &str| std::fs::read_to_string(out.join(file)).expect(file);
    let json: serde_json::Value =
        serde_json::from_str(&read("articles/chip-deal.json")).expect("JSON");
    let article = if json.get("article").is_some() {
        &json["article"]
    } else {
        &json
    };
    assert_eq!(article["status"], "retracted", "{json}");
    assert_eq!(
        article["retraction"]["reason"], "The filing was not OpenAI's & never signed.",
        "{json}"
    );
    assert_eq!(article["retraction"]["at"], "2026-05-09T08:00:00Z");
    let html = read("chip-deal.html");
    let notice = html.find("retraction-notice").expect("notice in HTML");
    let body = html.find("OpenAI can now sell").expect("body in HTML");
    assert!(notice < body, "{html}");
    assert!(html.contains("never signed"), "{html}");
    for feed in ["rss.xml", "atom.xml", "feed.json"] {
        let text = read(feed);
        assert!(text.contains("retraction-notice"), "{feed}: {text}");
    }
    // The feed entry is updated at the retraction.
    assert!(read("atom.xml").contains("<updated>2026-05-09T08:00:00Z</updated>"));
    let jsonld: serde_json::Value =
        serde_json::from_str(&read("chip-deal.jsonld")).expect("JSON-LD");
    let corrections = jsonld["correction"].as_array().expect("correction list");
    assert!(
        corrections.iter().any(|c| c["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Retracted: The filing"))),
        "{jsonld}"
    );
}

#[test]
fn a_scheduled_article_is_exported_once_its_time_has_come() {
    let newsroom = TempNewsroom::new();
    newsroom.article("live", "A Live Story", PROSE);
    newsroom.scheduled_article("later", "A Later Story", "2026-06-05T06:00:00Z");
    let out = export(&newsroom, "json", "2026-06-01T00:00:00Z");
    assert!(out.join("articles/live.json").is_file());
    assert!(!out.join("articles/later.json").exists());
    let out = export(&newsroom, "json", "2026-06-05T06:00:00Z");
    let json = std::fs::read_to_string(out.join("articles/later.json")).expect("exported when due");
    assert!(json.contains("\"status\": \"published\""), "{json}");
}

#[test]
fn a_renamed_articles_old_url_redirects_in_a_hugo_build() {
    let newsroom = TempNewsroom::new();
    newsroom.article("chip-deal", "OpenAI Signs a Chip Deal", PROSE);
    newsroom
        .cmd(&["rename", "chip-deal", "openai-chip-deal"])
        .assert()
        .success();
    let out = export(&newsroom, "hugo,json", common::NOW);
    let json = std::fs::read_to_string(out.join("articles/openai-chip-deal.json")).expect("json");
    assert!(json.contains("\"aliases\""), "{json}");
    let page = std::fs::read_to_string(out.join("content/articles/openai-chip-deal.html"))
        .expect("hugo page");
    assert!(page.contains("/articles/chip-deal/"), "{page}");
    std::fs::write(
        out.join("config.toml"),
        "baseURL = \"https://news.example.com/\"\ntitle = \"Test\"\n",
    )
    .expect("config");
    std::fs::create_dir_all(out.join("layouts/_default")).expect("layouts");
    std::fs::write(out.join("layouts/_default/single.html"), "{{ .Content }}").expect("layout");
    std::fs::write(
        out.join("layouts/_default/list.html"),
        "{{ range .Pages }}{{ .Title }}{{ end }}",
    )
    .expect("layout");
    // Every Hugo the consumer tests build with (COPYDESK_HUGO, a PATH-style list; `hugo` by
    // default). A missing one fails under COPYDESK_REQUIRE_CONSUMERS, as CI sets it; the
    // consumer tests list it as ignored otherwise.
    let hugos = std::env::var("COPYDESK_HUGO").unwrap_or_else(|_| "hugo".to_string());
    for hugo in hugos.split(':').filter(|h| !h.is_empty()) {
        let installed = std::process::Command::new(hugo)
            .arg("version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !installed {
            assert!(
                std::env::var_os("COPYDESK_REQUIRE_CONSUMERS").is_none(),
                "`{hugo}` is not installed and COPYDESK_REQUIRE_CONSUMERS is set"
            );
            eprintln!("`{hugo}` is not installed: the redirect was not built with it");
            continue;
        }
        let _ = std::fs::remove_dir_all(out.join("public"));
        let built = std::process::Command::new(hugo)
            .current_dir(&out)
            .output()
            .expect("hugo runs");
        assert!(
            built.status.success(),
            "{hugo}: {}{}",
            String::from_utf8_lossy(&built.stdout),
            String::from_utf8_lossy(&built.stderr)
        );
        let redirect = std::fs::read_to_string(out.join("public/articles/chip-deal/index.html"))
            .expect("Hugo wrote a page at the old URL");
        assert!(
            redirect.contains("http-equiv=\"refresh\"")
                && redirect.contains("https://news.example.com/articles/openai-chip-deal/"),
            "{hugo}: {redirect}"
        );
    }
}
