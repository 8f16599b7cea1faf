//! A renderer that needs nothing but the export model: prints an article as a text page
//! (byline, beat, "Updated … · 6 min read · 8 sources", the sections, the Updates list and
//! the related teasers).
//!
//! ```text
//! cargo run -p copydesk --example render_page -- examples/newsroom openai-breaks-microsofts-hold
//! ```
//!
//! A web renderer would put `body_html` into its template as is; this one turns the HTML into
//! text lines only to print it.

use std::fmt::Write as _;
use std::io::Write as _;

use copydesk::Newsroom;
use copydesk::export::{ExportArticle, ExportOptions, Model};

/// The page of `article`, as text.
fn render_page(model: &Model, article: &ExportArticle) -> String {
    let mut page = String::new();
    let _ = writeln!(page, "{}\n", article.title);
    for author in &article.authors {
        let _ = writeln!(page, "{}", author.name);
        if let Some(beat) = &author.beat {
            let _ = writeln!(page, "{beat}");
        }
    }
    let mut meta = Vec::new();
    if let Some(updated) = &article.updated_display {
        meta.push(format!("Updated {updated}"));
    }
    meta.push(format!("{} min read", article.read_time.minutes));
    meta.push(format!(
        "{} source{}",
        article.source_count,
        if article.source_count == 1 { "" } else { "s" }
    ));
    let _ = writeln!(page, "{}\n", meta.join(" · "));
    if let Some(dek) = &article.dek {
        let _ = writeln!(page, "{dek}\n");
    }
    for block in article.body_html.lines() {
        let text = text_of(block);
        if !text.is_empty() {
            let _ = writeln!(page, "{text}\n");
        }
    }
    if !article.updates.is_empty() {
        let _ = writeln!(page, "Updates\n");
        for update in article.updates.iter().rev() {
            let source = update
                .source
                .as_ref()
                .and_then(|s| s.url.as_deref())
                .map(|url| format!(" (source: {url})"))
                .unwrap_or_default();
            let _ = writeln!(page, "  • {} — {}{source}", update.date, update.text);
        }
        page.push('\n');
    }
    let _ = writeln!(
        page,
        "Also available via RSS feed: {}\n",
        model.site.feeds.rss
    );
    if !article.related.is_empty() {
        let _ = writeln!(page, "Related Articles\n");
        for teaser in &article.related {
            let _ = writeln!(page, "{}", teaser.title);
            if let Some(desk) = &teaser.desk {
                let _ = writeln!(page, "{}", desk.name);
            }
            if let Some(dek) = &teaser.dek {
                let _ = writeln!(page, "{dek}");
            }
            let _ = writeln!(page, "{} min read\n", teaser.read_time_minutes);
        }
    }
    page
}

/// The text of one line of body HTML (comrak writes one block per line).
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let root = args.next().unwrap_or_else(|| "examples/newsroom".into());
    let slug = args
        .next()
        .unwrap_or_else(|| "openai-breaks-microsofts-hold".into());
    let newsroom = Newsroom::load(&root)?;
    let model = Model::build(&newsroom, &ExportOptions::new())?;
    let article = model
        .article(&slug)
        .ok_or_else(|| format!("no exported article `{slug}`"))?;
    std::io::stdout().write_all(render_page(&model, article).as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_sample_page_from_the_model_alone() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsroom");
        let newsroom = Newsroom::load(root).expect("example loads");
        let model = Model::build(&newsroom, &ExportOptions::new()).expect("model builds");
        let article = model
            .article("openai-breaks-microsofts-hold")
            .expect("exported");
        let page = render_page(&model, article);
        for expected in [
            "OpenAI Breaks Microsoft’s Hold\n\nRyan Tanaka\nConsumer Tech & Mobile\n",
            "Updated May 6, 2026 · 2:25 PM UTC · 6 min read · 8 sources",
            "\nA Shift in Cloud Strategy\n",
            "\nWhat’s Next\n",
            "Updates\n\n  • 2026-05-06 — Adds Microsoft’s results",
            "  • 2026-04-28 — Adds Amazon’s launch",
            "(source: https://www.microsoft.com/en-us/investor/earnings/fy-2026-q3/press-release-webcast)",
            "Also available via RSS feed: https://news.example.com/rss.xml",
            "Related Articles\n\nAI Staff Exodus\nAI\nSpaceXAI loses staff, Microsoft cancels AI licenses\n1 min read\n",
            "Musk v Altman\nAI\n",
        ] {
            assert!(page.contains(expected), "missing {expected:?} in\n{page}");
        }
        assert!(!page.contains('<'), "no markup left:\n{page}");
    }
}
