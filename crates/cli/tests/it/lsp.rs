//! `copydesk lsp` spoken to over its stdio, as an editor does.

#[path = "lsp/client.rs"]
mod lsp_client;

use lsp_client::{Client, NOW, Newsroom};
use serde_json::{Value, json};

const FIRST: &str = "articles/2026/05/first.md";

fn codes(diagnostics: &[Value]) -> Vec<String> {
    let mut codes: Vec<String> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect();
    codes.sort();
    codes
}

fn find<'a>(diagnostics: &'a [Value], code: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diagnostics:?}"))
}

/// `copydesk lint --format json` of the newsroom: (code, byte start, byte end) per diagnostic
/// of `relative`.
fn lint_json(newsroom: &Newsroom, relative: &str) -> Vec<(String, usize, usize, String)> {
    let output = newsroom
        .command(&["lint", "--now", NOW, "--no-cache", "--format", "json"])
        .output()
        .expect("run lint");
    let report: Value = serde_json::from_slice(&output.stdout).expect("json report");
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["path"] == relative)
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["byte_range"][0].as_u64().unwrap() as usize,
                d["byte_range"][1].as_u64().unwrap() as usize,
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn same_as_lint(client: &Client, newsroom: &Newsroom, text: &str, diagnostics: &[Value]) {
    let expected = lint_json(newsroom, FIRST);
    assert_eq!(diagnostics.len(), expected.len(), "{diagnostics:#?}");
    for (code, start, end, message) in expected {
        let found = diagnostics
            .iter()
            .find(|d| d["code"] == code.as_str())
            .unwrap_or_else(|| panic!("{code} missing"));
        let (line, character) = client.position(text, start);
        assert_eq!(
            found["range"]["start"],
            json!({ "line": line, "character": character }),
            "{code}"
        );
        let (line, character) = client.position(text, end);
        assert_eq!(
            found["range"]["end"],
            json!({ "line": line, "character": character }),
            "{code}"
        );
        assert!(
            found["message"].as_str().unwrap().starts_with(&message),
            "{found}"
        );
        assert_eq!(found["source"], "copydesk");
        assert!(
            found["codeDescription"]["href"]
                .as_str()
                .unwrap()
                .ends_with(&code.to_lowercase())
        );
    }
}

#[test]
fn diagnostics_match_lint_in_utf16_on_an_emoji_and_cjk_line() {
    let newsroom = Newsroom::new();
    let mut client = Client::start(&newsroom.root(), false);
    assert_eq!(
        client.initialize_result["capabilities"]["positionEncoding"],
        "utf-16"
    );
    let text = newsroom.read(FIRST);
    let diagnostics = client.open(&newsroom.uri(FIRST), &text);
    assert_eq!(codes(&diagnostics), ["MD002", "MD004", "RF008"]);
    same_as_lint(&client, &newsroom, &text, &diagnostics);
    // The emoji is two UTF-16 units: the link sits one unit further right than its characters.
    let line = text.lines().nth(18).unwrap();
    let chars = line[..line.find("[gone]").unwrap()].chars().count() as u64;
    let rf008 = find(&diagnostics, "RF008");
    assert_eq!(rf008["range"]["start"]["line"], 18);
    assert!(rf008["range"]["start"]["character"].as_u64().unwrap() > chars);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn positions_are_utf8_bytes_when_the_client_offers_it() {
    let newsroom = Newsroom::new();
    let mut client = Client::start(&newsroom.root(), true);
    assert_eq!(
        client.initialize_result["capabilities"]["positionEncoding"],
        "utf-8"
    );
    let text = newsroom.read(FIRST);
    let diagnostics = client.open(&newsroom.uri(FIRST), &text);
    same_as_lint(&client, &newsroom, &text, &diagnostics);
}

#[test]
fn the_unsaved_buffer_is_linted_and_incremental_changes_apply() {
    let newsroom = Newsroom::new();
    let mut client = Client::start(&newsroom.root(), false);
    let uri = newsroom.uri(FIRST);
    let text = newsroom.read(FIRST);
    client.open(&uri, &text);
    // Delete one `#` of `#### Deep` with a ranged change: the heading no longer skips a level.
    let at = text.find("#### Deep").unwrap();
    let (line, character) = client.position(&text, at);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{
                "range": { "start": { "line": line, "character": character }, "end": { "line": line, "character": character + 1 } },
                "text": ""
            }]
        }),
    );
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(codes(&diagnostics), ["MD004", "RF008"]);
    // The file on disk was not touched.
    assert_eq!(newsroom.read(FIRST), text);
}

#[test]
fn a_corpus_finding_appears_and_clears_as_other_files_change() {
    let newsroom = Newsroom::new();
    let mut client = Client::start(&newsroom.root(), false);
    let registration = client.wait(|m| m["method"] == "client/registerCapability");
    let watchers = &registration["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert!(watchers.to_string().contains("copydesk.toml"), "{watchers}");
    let uri = newsroom.uri(FIRST);
    let diagnostics = client.open(&uri, &newsroom.read(FIRST));
    assert!(codes(&diagnostics).contains(&"RF008".to_string()));

    let third = "articles/2026/05/third.md";
    newsroom.write(third, &lsp_client::SECOND.replace("Second", "Third"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": newsroom.uri(third), "type": 1 }] }),
    );
    assert!(!codes(&client.diagnostics(&uri)).contains(&"RF008".to_string()));

    std::fs::remove_file(newsroom.path(third)).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": newsroom.uri(third), "type": 3 }] }),
    );
    assert!(codes(&client.diagnostics(&uri)).contains(&"RF008".to_string()));
}

#[test]
fn another_open_buffer_counts_for_corpus_rules() {
    let newsroom = Newsroom::new();
    let mut client = Client::start(&newsroom.root(), false);
    let uri = newsroom.uri(FIRST);
    client.open(&uri, &newsroom.read(FIRST));
    // A new, unsaved article with the slug `third`: the link to it resolves.
    let third = newsroom.uri("articles/2026/05/third.md");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": third, "languageId": "markdown", "version": 1, "text": lsp_client::SECOND.replace("Second", "Third") } }),
    );
    let diagnostics = client.diagnostics(&uri);
    assert!(
        !codes(&diagnostics).contains(&"RF008".to_string()),
        "{diagnostics:?}"
    );
}

#[test]
fn a_broken_config_is_a_diagnostic_and_the_last_good_one_is_kept() {
    let newsroom = Newsroom::new();
    let mut client = Client::start(&newsroom.root(), false);
    let uri = newsroom.uri(FIRST);
    client.open(&uri, &newsroom.read(FIRST));
    newsroom.write(
        "copydesk.toml",
        &format!("{}\n[lint]\nselectt = []\n", lsp_client::CONFIG),
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": newsroom.uri("copydesk.toml"), "type": 2 }] }),
    );
    let config = client.diagnostics(&newsroom.uri("copydesk.toml"));
    assert_eq!(config.len(), 1, "{config:?}");
    assert!(config[0]["message"].as_str().unwrap().contains("selectt"));
    assert_eq!(config[0]["range"]["start"]["line"], 12);
    // The article is still linted, with the last good configuration.
    assert_eq!(
        codes(&client.diagnostics(&uri)),
        ["MD002", "MD004", "RF008"]
    );

    // Fixed again: the config diagnostics clear, and a new setting applies.
    newsroom.write(
        "copydesk.toml",
        &format!("{}\n[lint]\nignore = [\"MD004\"]\n", lsp_client::CONFIG),
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": newsroom.uri("copydesk.toml"), "type": 2 }] }),
    );
    assert_eq!(codes(&client.diagnostics(&uri)), ["MD002", "RF008"]);
    assert!(
        client
            .diagnostics(&newsroom.uri("copydesk.toml"))
            .is_empty()
    );
}

fn code_actions(
    client: &mut Client,
    uri: &str,
    diagnostic: &Value,
    only: Option<&str>,
) -> Vec<Value> {
    let mut context = json!({ "diagnostics": [diagnostic] });
    if let Some(only) = only {
        context["only"] = json!([only]);
    }
    let response = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": diagnostic["range"], "context": context }),
    );
    response["result"].as_array().cloned().expect("actions")
}

fn titled<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with(title))
        .unwrap_or_else(|| panic!("no `{title}` in {actions:#?}"))
}

#[test]
fn quick_fix_suppress_and_ignore_actions_silence_the_finding() {
    let newsroom = Newsroom::new();
    let mut client = Client::start(&newsroom.root(), false);
    let uri = newsroom.uri(FIRST);
    let text = newsroom.read(FIRST);
    let diagnostics = client.open(&uri, &text);
    let md002 = find(&diagnostics, "MD002").clone();
    let actions = code_actions(&mut client, &uri, &md002, None);

    let fix = titled(&actions, "make it a level-3 heading");
    assert_eq!(fix["kind"], "quickfix");
    let fixed = client.apply(&text, &fix["edit"], &uri);
    assert!(fixed.contains("\n### Deep"));
    assert!(!codes(&client.replace(&uri, 2, &fixed)).contains(&"MD002".to_string()));

    let suppressed = client.apply(
        &text,
        &titled(&actions, "Suppress MD002 on this line")["edit"],
        &uri,
    );
    assert!(suppressed.contains("<!-- copydesk-disable-next-line MD002 -->\n#### Deep"));
    assert_eq!(
        codes(&client.replace(&uri, 3, &suppressed)),
        ["MD004", "RF008"]
    );

    // A corpus finding, ignored in the front matter.
    let diagnostics = client.replace(&uri, 4, &text);
    let rf008 = find(&diagnostics, "RF008").clone();
    let actions = code_actions(&mut client, &uri, &rf008, Some("quickfix"));
    let ignored = client.apply(
        &text,
        &titled(&actions, "Ignore RF008 in this article")["edit"],
        &uri,
    );
    assert!(
        ignored.contains("[lint]\nignore = [\"RF008\"]\n+++"),
        "{ignored}"
    );
    let after = client.replace(&uri, 5, &ignored);
    assert_eq!(codes(&after), ["MD002", "MD004"]);
    // And a second code joins the same list.
    let md004 = find(&after, "MD004").clone();
    let actions = code_actions(&mut client, &uri, &md004, None);
    let both = client.apply(
        &ignored,
        &titled(&actions, "Ignore MD004 in this article")["edit"],
        &uri,
    );
    assert!(both.contains("ignore = [\"RF008\", \"MD004\"]"), "{both}");
    assert_eq!(codes(&client.replace(&uri, 6, &both)), ["MD002"]);
}

/// How many paragraphs `text`'s body has, as a `CommonMark` parser reads it.
fn paragraphs(text: &str) -> usize {
    let (_, body) = text.split_once("\n+++\n").expect("front matter");
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, body, &comrak::Options::default());
    root.descendants()
        .filter(|node| {
            matches!(
                node.data.borrow().value,
                comrak::nodes::NodeValue::Paragraph
            )
        })
        .count()
}

#[test]
fn suppress_on_a_paragraph_line_keeps_the_paragraph_whole() {
    let newsroom = Newsroom::new();
    let mut client = Client::start(&newsroom.root(), false);
    let relative = "articles/2026/05/para.md";
    let uri = newsroom.uri(relative);
    let text = newsroom.read(FIRST);
    let (head, _) = text.split_once("\n+++\n").expect("front matter");
    let head = head.replace("slug = \"first\"", "slug = \"para\"");
    // The finding is on the second line of a three-line paragraph, and on the first line of
    // the next one.
    let text = format!(
        "{head}\n+++\n\nThe port reopened on Monday after talks.\nIt is worth noting that crews returned.\nTrade resumed by noon.\n\nIt is worth noting that prices fell.\n"
    );
    assert_eq!(paragraphs(&text), 2);
    let diagnostics = client.open(&uri, &text);
    let mut ed006: Vec<Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "ED006")
        .cloned()
        .collect();
    assert_eq!(ed006.len(), 2, "{diagnostics:#?}");
    ed006.sort_by_key(|d| d["range"]["start"]["line"].as_u64());
    let mut edited = text.clone();
    for (version, diagnostic) in ed006.iter().rev().enumerate() {
        // Each finding is looked up again in the edited text: the first edit moves lines.
        let now = client.replace(&uri, 2 + i64::try_from(version).expect("small"), &edited);
        let current = now
            .iter()
            .filter(|d| d["code"] == "ED006")
            .min_by_key(|d| {
                d["range"]["start"]["line"]
                    .as_u64()
                    .unwrap()
                    .abs_diff(diagnostic["range"]["start"]["line"].as_u64().unwrap())
            })
            .expect("the finding is still there")
            .clone();
        let actions = code_actions(&mut client, &uri, &current, Some("quickfix"));
        edited = client.apply(
            &edited,
            &titled(&actions, "Suppress ED006 on this line")["edit"],
            &uri,
        );
    }
    assert!(
        edited.contains("after talks. <!-- copydesk-disable-next-line ED006 -->\nIt is worth"),
        "{edited}"
    );
    assert!(
        edited.contains(
            "\n\n<!-- copydesk-disable-next-line ED006 -->\nIt is worth noting that prices"
        ),
        "{edited}"
    );
    let after = client.replace(&uri, 10, &edited);
    assert!(!codes(&after).contains(&"ED006".to_string()), "{after:#?}");
    assert_eq!(paragraphs(&edited), 2, "{edited}");
}

#[test]
fn fix_all_writes_what_lint_fix_writes() {
    let newsroom = Newsroom::new();
    // Two safe fixes that meet: a skipped heading level twice over.
    let text = lsp_client::FIRST.replace(
        "#### Deep\n",
        "#### Deep\n\nText.\n\n###### Deeper\n\nMore.\n",
    );
    newsroom.write(FIRST, &text);
    let mut client = Client::start(&newsroom.root(), false);
    let uri = newsroom.uri(FIRST);
    let diagnostics = client.open(&uri, &text);
    let md002 = find(&diagnostics, "MD002").clone();
    let actions = code_actions(&mut client, &uri, &md002, Some("source.fixAll"));
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.copydesk");
    let fixed = client.apply(&text, &actions[0]["edit"], &uri);

    let status = newsroom
        .command(&["lint", "--now", NOW, "--no-cache", "--fix", "--quiet"])
        .status()
        .expect("lint --fix");
    assert!(status.code().is_some());
    assert_eq!(fixed, newsroom.read(FIRST));
    assert_ne!(fixed, text);
}

fn request_at(client: &mut Client, method: &str, uri: &str, text: &str, offset: usize) -> Value {
    let (line, character) = client.position(text, offset);
    client.request(
        method,
        json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
    )
}

#[test]
fn hover_shows_sources_articles_authors_desks_and_rule_docs() {
    let newsroom = Newsroom::new();
    let mut client = Client::start(&newsroom.root(), false);
    let uri = newsroom.uri(FIRST);
    let text = newsroom.read(FIRST);
    client.open(&uri, &text);
    let mut hover = |needle: &str, skip: usize| -> String {
        let at = text.find(needle).unwrap() + skip;
        let response = request_at(&mut client, "textDocument/hover", &uri, &text, at);
        response["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert!(hover("source:ms-2025", 9).contains("Microsoft and OpenAI evolve partnership"));
    assert!(hover("article:second", 9).contains("**Second** (draft)"));
    assert!(hover("\"maya-okafor\"", 2).contains("Maya Okafor"));
    assert!(hover("desk = \"ai\"", 8).contains("**AI**"));
    let docs = hover("#### Deep", 2);
    assert!(
        docs.contains("MD002 heading-skip") && docs.contains("## What it does"),
        "{docs}"
    );
}

#[test]
fn definition_goes_to_sources_articles_authors_and_desks() {
    let newsroom = Newsroom::new();
    let mut client = Client::start(&newsroom.root(), false);
    let uri = newsroom.uri(FIRST);
    let text = newsroom.read(FIRST);
    client.open(&uri, &text);
    let mut definition = |needle: &str, skip: usize| -> Value {
        let at = text.find(needle).unwrap() + skip;
        request_at(&mut client, "textDocument/definition", &uri, &text, at)["result"].clone()
    };
    let source = definition("source:ms-2025", 10);
    assert_eq!(source["uri"], uri);
    assert_eq!(source["range"]["start"]["line"], 8, "{source}");
    assert_eq!(
        definition("article:second", 10)["uri"],
        newsroom.uri("articles/2026/05/second.md")
    );
    assert_eq!(
        definition("\"maya-okafor\"", 3)["uri"],
        newsroom.uri("authors/maya-okafor.toml")
    );
    let desk = definition("desk = \"ai\"", 8);
    assert_eq!(desk["uri"], newsroom.uri("copydesk.toml"));
    assert_eq!(desk["range"]["start"]["line"], 8, "{desk}");
    assert!(definition("title", 1).is_null());
}

fn completion_labels(
    client: &mut Client,
    uri: &str,
    text: &str,
    needle: &str,
    skip: usize,
) -> Vec<String> {
    let at = text.find(needle).unwrap() + skip;
    let response = request_at(client, "textDocument/completion", uri, text, at);
    response["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            format!(
                "{}|{}",
                item["label"].as_str().unwrap(),
                item["detail"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn completion_offers_keys_values_ids_and_slugs() {
    let newsroom = Newsroom::new();
    let mut client = Client::start(&newsroom.root(), false);
    let uri = newsroom.uri(FIRST);
    // Half-typed front matter (it does not parse): keys and values still complete.
    let typing = lsp_client::FIRST.replace(
        "status = \"draft\"\n",
        "status = \"draft\"\nst\nrelated = [\n",
    );
    client.open(&uri, &typing);
    let mut labels =
        |needle: &str, skip: usize| completion_labels(&mut client, &uri, &typing, needle, skip);
    let keys = labels("\nst\n", 3);
    assert!(keys.iter().any(|k| k.starts_with("status|")), "{keys:?}");
    assert!(keys.iter().any(|k| k.starts_with("sources|")));
    let statuses = labels("status = \"draft\"", 9);
    assert!(
        statuses.iter().any(|k| k.starts_with("published|")),
        "{statuses:?}"
    );
    assert_eq!(labels("authors = [\"", 11), ["maya-okafor|Maya Okafor"]);
    assert_eq!(labels("desk = \"ai\"", 7), ["ai|AI"]);
    assert_eq!(labels("tags = [", 8), ["ai|1 article"]);
    assert_eq!(labels("related = [", 11), ["second|Second"]);

    // Link targets in the body of an article that parses.
    let linking = lsp_client::FIRST.replace(
        "#### Deep",
        "See [a](source:) and [b](article:)\n\nstatus = ",
    );
    client.replace(&uri, 2, &linking);
    let mut labels =
        |needle: &str, skip: usize| completion_labels(&mut client, &uri, &linking, needle, skip);
    assert_eq!(
        labels("(source:)", 8),
        ["ms-2025|Microsoft and OpenAI evolve partnership"]
    );
    assert_eq!(labels("(article:)", 9), ["second|Second"]);
    // `status = ` in the body is prose, not front matter.
    assert!(labels("\n\nstatus = ", 11).is_empty());
}

#[test]
fn document_symbols_list_front_matter_and_headings() {
    let newsroom = Newsroom::new();
    let mut client = Client::start(&newsroom.root(), false);
    let uri = newsroom.uri(FIRST);
    client.open(&uri, &newsroom.read(FIRST));
    let response = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let symbols = response["result"].as_array().unwrap();
    let names: Vec<&str> = symbols
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["front matter", "Start"]);
    assert_eq!(symbols[0]["children"][0]["name"], "source ms-2025");
    assert_eq!(symbols[1]["children"][0]["name"], "Deep");
}

#[test]
fn bad_input_gets_errors_not_a_crash() {
    let newsroom = Newsroom::new();
    let mut client = Client::spawn();
    // Before initialize: refused.
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    let mut client = Client::start(&newsroom.root(), false);
    // Not JSON at all: a parse error, and the server reads on.
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let parse_error = client.wait(|m| m["error"]["code"] == -32700);
    assert!(parse_error["id"].is_null());
    // JSON but not a message.
    client.send(&json!({ "jsonrpc": "2.0", "id": 77, "params": 3 }));
    let invalid = client.wait(|m| m["id"] == 77);
    assert_eq!(invalid["error"]["code"], -32600);
    let unknown = client.request("copydesk/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let bad_params = client.request("textDocument/hover", json!({ "nonsense": true }));
    assert_eq!(bad_params["error"]["code"], -32602);
    let never_opened = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": newsroom.uri("articles/2026/05/second.md") }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(never_opened["error"]["code"], -32602);
    // A position far past the end of an open document clamps.
    let uri = newsroom.uri(FIRST);
    client.open(&uri, &newsroom.read(FIRST));
    let far = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 9999, "character": 9999 } }),
    );
    assert!(far.get("error").is_none(), "{far}");
    // A 10 MB buffer is linted.
    let big = format!(
        "{}{}",
        lsp_client::SECOND,
        "Words of a long paragraph. ".repeat(400_000)
    );
    assert!(big.len() > 10_000_000);
    let big_uri = newsroom.uri("articles/2026/05/big.md");
    client.open(&big_uri, &big);
    // Still answering.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": big_uri } }),
    );
    assert!(symbols.get("error").is_none());
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn invalid_utf8_on_disk_does_not_stop_the_server() {
    let newsroom = Newsroom::new();
    std::fs::write(
        newsroom.path("articles/2026/05/broken.md"),
        b"+++\ntitle = \"\xff\xfe\"\n+++\n",
    )
    .unwrap();
    let mut client = Client::start(&newsroom.root(), false);
    let uri = newsroom.uri(FIRST);
    let diagnostics = client.open(&uri, &newsroom.read(FIRST));
    assert_eq!(codes(&diagnostics), ["MD002", "MD004", "RF008"]);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": newsroom.uri("articles/2026/05/broken.md"), "type": 2 }] }),
    );
    assert_eq!(
        codes(&client.diagnostics(&uri)),
        ["MD002", "MD004", "RF008"]
    );
}

#[test]
fn the_server_exits_when_stdin_closes_and_on_exit_without_shutdown() {
    let mut client = Client::spawn();
    client.close_stdin();
    let status = client.child.wait().expect("wait");
    assert_eq!(status.code(), Some(1));

    let newsroom = Newsroom::new();
    let mut client = Client::start(&newsroom.root(), false);
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().expect("wait").code(), Some(1));
}

#[test]
fn lint_stdin_filename_lints_the_buffer_as_that_file() {
    use std::io::Write as _;
    use std::process::Stdio;
    let newsroom = Newsroom::new();
    let buffer = lsp_client::FIRST.replace("#### Deep", "### Deep");
    let mut child = newsroom
        .command(&[
            "lint",
            "--now",
            NOW,
            "--format",
            "concise",
            "--stdin-filename",
            FIRST,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(buffer.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert_eq!(
        stdout,
        "articles/2026/05/first.md:19:76: RF008 link to missing article `third`\narticles/2026/05/first.md:21:1: MD004 section is empty: the body ends after this heading\n"
    );
    // The file on disk still has its skipped heading level.
    assert!(newsroom.read(FIRST).contains("#### Deep"));
}

/// The unknown words of SP001 findings.
fn unknown_words(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == "SP001")
        .map(|d| {
            let message = d["message"].as_str().unwrap();
            message.split(" (misspelling)").next().unwrap().to_string()
        })
        .collect()
}

/// A newsroom with a server and an open article holding two unknown words, `zorblat` and
/// `blorpish`; its URI and first diagnostics.
fn open_misspelled() -> (Newsroom, Client, String, Vec<Value>) {
    let newsroom = Newsroom::new();
    let mut client = Client::start(&newsroom.root(), false);
    let spelled = "articles/2026/05/spelled.md";
    let text = lsp_client::SECOND.replace("Second", "Spelled").replace(
        "Body of the second article.",
        "The council will zorblat the plan and blorpish it.",
    );
    newsroom.write(spelled, &text);
    let uri = newsroom.uri(spelled);
    let diagnostics = client.open(&uri, &text);
    assert_eq!(
        unknown_words(&diagnostics),
        ["unknown word `zorblat`", "unknown word `blorpish`"]
    );
    (newsroom, client, uri, diagnostics)
}

#[test]
fn a_misspelling_offers_to_add_the_word_to_the_accept_list() {
    let (newsroom, mut client, uri, diagnostics) = open_misspelled();

    // No accept list yet: the action creates `styles/accept.txt` holding the word.
    let accept_uri = newsroom.uri("styles/accept.txt");
    let zorblat = diagnostics
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .starts_with("unknown word `zorblat`")
        })
        .unwrap()
        .clone();
    let actions = code_actions(&mut client, &uri, &zorblat, Some("quickfix"));
    let add = titled(&actions, "Add `zorblat` to the newsroom's accepted words");
    assert_eq!(add["kind"], "quickfix");
    let changes = add["edit"]["documentChanges"]
        .as_array()
        .expect("operations");
    assert_eq!(changes[0]["kind"], "create");
    assert_eq!(changes[0]["uri"], accept_uri.as_str());
    assert_eq!(changes[1]["textDocument"]["uri"], accept_uri.as_str());
    let created = changes[1]["edits"][0]["newText"].as_str().unwrap();
    assert!(created.ends_with("\nzorblat\n"), "{created}");
    // The server never writes: the file appears when the editor applies the edit.
    assert!(!newsroom.path("styles/accept.txt").exists());
    newsroom.write("styles/accept.txt", created);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": accept_uri, "type": 1 }] }),
    );
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(unknown_words(&diagnostics), ["unknown word `blorpish`"]);

    // With the list there, the next word is appended to it.
    let blorpish = find(&diagnostics, "SP001").clone();
    let actions = code_actions(&mut client, &uri, &blorpish, None);
    let add = titled(&actions, "Add `blorpish` to the newsroom's accepted words");
    let appended = client.apply(created, &add["edit"], &accept_uri);
    assert_eq!(appended, format!("{created}blorpish\n"));
    newsroom.write("styles/accept.txt", &appended);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": accept_uri, "type": 2 }] }),
    );
    assert!(unknown_words(&client.diagnostics(&uri)).is_empty());
}

#[test]
fn a_word_added_to_the_newsrooms_dictionary_clears_its_finding() {
    let (newsroom, mut client, uri, _) = open_misspelled();

    // The newsroom's own en_US: the built-in one with one word more.
    let dictionaries =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/dictionaries");
    let aff = std::fs::read_to_string(dictionaries.join("en_US.aff")).expect("aff");
    let dic = std::fs::read_to_string(dictionaries.join("en_US.dic")).expect("dic");
    let (count, words) = dic.split_once('\n').expect("a count line");
    let count: usize = count.trim().parse().expect("a count");
    newsroom.write("dictionaries/en_US.aff", &aff);
    newsroom.write(
        "dictionaries/en_US.dic",
        &format!("{}\n{words}zorblat\n", count + 1),
    );
    let changes: Vec<_> = ["dictionaries/en_US.aff", "dictionaries/en_US.dic"]
        .iter()
        .map(|path| json!({ "uri": newsroom.uri(path), "type": 1 }))
        .collect();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": changes }),
    );
    assert_eq!(
        unknown_words(&client.diagnostics(&uri)),
        ["unknown word `blorpish`"]
    );
}
