//! The workflow library: edits change exactly the keys they should (a property test over
//! front matter with comments and odd formatting), a file saved meanwhile is never
//! overwritten, and a multi-file plan changes all its files or none.

use copydesk::chrono::{DateTime, FixedOffset};
use copydesk::workflow::{
    self, FileChange, NewSource, PublishOptions, UpdateOptions, WorkflowError,
};
use copydesk::{Newsroom, Status, UpdateKind};
use proptest::prelude::*;

const CONFIG: &str = "[site]\ntitle = \"T\"\nbase_url = \"https://news.example.com\"\n[paths]\narticles = \"articles\"\n[desks.ai]\nname = \"AI\"\n";

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("valid time")
}

fn newsroom_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Newsroom) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("copydesk.toml"), CONFIG).expect("config");
    std::fs::create_dir_all(dir.path().join("authors")).expect("authors");
    std::fs::write(dir.path().join("authors/ryan.toml"), "name = \"Ryan\"\n").expect("author");
    for (name, text) in files {
        let path = dir.path().join("articles").join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("article");
    }
    let newsroom = Newsroom::load(dir.path()).expect("loads");
    (dir, newsroom)
}

/// One front matter line as a writer might type it: spacing around `=`, a trailing comment.
fn styled(key: &str, value: &str, style: (u8, bool)) -> String {
    let eq = match style.0 % 3 {
        0 => " = ",
        1 => "=",
        _ => "   =  ",
    };
    let comment = if style.1 { "  # kept" } else { "" };
    format!("{key}{eq}{value}{comment}\n")
}

#[derive(Debug, Clone)]
struct Shape {
    styles: Vec<(u8, bool)>,
    literal_quotes: bool,
    comment_lines: Vec<bool>,
    blank_lines: Vec<bool>,
    order: Vec<usize>,
    crlf: bool,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        prop::collection::vec((any::<u8>(), any::<bool>()), 6),
        any::<bool>(),
        prop::collection::vec(any::<bool>(), 6),
        prop::collection::vec(any::<bool>(), 6),
        Just((0..6).collect::<Vec<usize>>()).prop_shuffle(),
        any::<bool>(),
    )
        .prop_map(
            |(styles, literal_quotes, comment_lines, blank_lines, order, crlf)| Shape {
                styles,
                literal_quotes,
                comment_lines,
                blank_lines,
                order,
                crlf,
            },
        )
}

/// An article in `status`, its keys in the shape's order and style, and the lines of the keys
/// no command touches (which must survive byte for byte).
fn article(shape: &Shape, status: &str) -> (String, Vec<String>) {
    let q = |s: &str| {
        if shape.literal_quotes {
            format!("'{s}'")
        } else {
            format!("\"{s}\"")
        }
    };
    let keys: Vec<(&str, String)> = vec![
        ("title", q("OpenAI Signs a Chip Deal")),
        ("slug", q("chip-deal")),
        ("authors", format!("[ {} ]", q("ryan"))),
        ("desk", q("ai")),
        ("dek", q("OpenAI will buy chips from a second supplier.")),
        ("tags", format!("[{}, {}]", q("openai"), q("chips"))),
    ];
    let mut text = String::from("+++\n");
    let mut kept = Vec::new();
    for (i, &k) in shape.order.iter().enumerate() {
        if shape.comment_lines[i] {
            text.push_str("# a note from the desk\n");
        }
        let line = styled(keys[k].0, &keys[k].1, shape.styles[k]);
        kept.push(line.clone());
        text.push_str(&line);
        if shape.blank_lines[i] {
            text.push('\n');
        }
    }
    text.push_str(&styled("status", &q(status), shape.styles[0]));
    if status != "draft" {
        text.push_str("published = 2026-05-06T14:25:00Z # first\n");
    }
    text.push_str("\n[[sources]]\nid = 'chip-filing'   # the filing\ntitle = \"Chip supply filing\"\nurl = \"https://www.example.com/filings/chip\"\n");
    text.push_str("+++\n\nOpenAI will buy chips, [a filing showed](source:chip-filing).\n\n  Trailing  spaces and *marks*   stay.  \n");
    if shape.crlf {
        text = text.replace('\n', "\r\n");
        kept = kept.iter().map(|l| l.replace('\n', "\r\n")).collect();
    }
    (text, kept)
}

fn body(text: &str) -> &str {
    let open = text.find("+++").expect("open") + 3;
    let close = text[open..].find("+++").expect("close") + open;
    &text[close..]
}

fn reparse(text: &str) -> copydesk::Article {
    let parsed = copydesk::Article::parse("articles/chip-deal.md", text);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    parsed.article.expect("parses")
}

fn only_change(plan: &workflow::Plan) -> &FileChange {
    assert_eq!(plan.changes.len(), 1);
    &plan.changes[0]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_command_changes_only_its_keys(shape in shape()) {
        let now = at("2026-05-10T09:00:00Z");
        let check = |original: &str, new: &str, kept: &[String]| {
            prop_assert_eq!(body(original), body(new));
            for line in kept {
                prop_assert!(new.contains(line.as_str()), "lost {:?} in\n{}", line, new);
            }
            prop_assert!(new.contains("# the filing"));
            Ok(())
        };

        // publish a draft
        let (draft, kept) = article(&shape, "draft");
        let (_dir, newsroom) = newsroom_with(&[("chip-deal.md", &draft)]);
        let plan = workflow::publish(&newsroom, "chip-deal", PublishOptions::new(now)).expect("publishes");
        let new = &only_change(&plan).text;
        check(&draft, new, &kept)?;
        let model = reparse(new);
        prop_assert_eq!(model.status, Status::Published);
        prop_assert_eq!(model.published, Some(now));

        // update, correct, retract and add-source a published article
        let (published, kept) = article(&shape, "published");
        let (_dir, newsroom) = newsroom_with(&[("chip-deal.md", &published)]);
        let before = reparse(&published);
        let mut options = UpdateOptions::new("Adds the supplier.", UpdateKind::Correction, now);
        options.source = Some("chip-filing".into());
        let new = only_change(&workflow::update(&newsroom, "chip-deal", &options).expect("updates")).text.clone();
        check(&published, &new, &kept)?;
        prop_assert!(new.contains("published = 2026-05-06T14:25:00Z # first"));
        let model = reparse(&new);
        prop_assert_eq!(model.updated, Some(now));
        prop_assert_eq!(model.updates.len(), 1);
        prop_assert_eq!(model.updates[0].kind, UpdateKind::Correction);
        prop_assert_eq!(model.updates[0].source.as_deref(), Some("chip-filing"));
        prop_assert_eq!(&model.sources, &before.sources.iter().map(|s| { let mut s = s.clone(); s.span = model.sources[0].span; s }).collect::<Vec<_>>());

        let new = only_change(&workflow::retract(&newsroom, "chip-deal", "Not OpenAI's filing.", None, now).expect("retracts")).text.clone();
        check(&published, &new, &kept)?;
        let model = reparse(&new);
        prop_assert_eq!(model.status, Status::Retracted);
        prop_assert_eq!(model.retraction.as_ref().map(|r| r.at), Some(now));
        prop_assert_eq!(model.published, before.published);

        let mut source = NewSource::new("https://example.com/a");
        source.publisher = Some("Example".into());
        let added = workflow::add_source(&newsroom, "chip-deal", &source, now).expect("adds");
        let new = only_change(&added.plan).text.clone();
        check(&published, &new, &kept)?;
        let model = reparse(&new);
        prop_assert_eq!(model.sources.len(), 2);
        prop_assert_eq!(model.sources[1].id.as_str(), "example-2026");
        prop_assert_eq!(model.status, Status::Published);
    }
}

#[test]
fn a_file_saved_meanwhile_is_not_overwritten() {
    let (draft, _) = article(
        &Shape {
            styles: vec![(0, false); 6],
            literal_quotes: false,
            comment_lines: vec![false; 6],
            blank_lines: vec![false; 6],
            order: (0..6).collect(),
            crlf: false,
        },
        "draft",
    );
    let (dir, newsroom) = newsroom_with(&[("chip-deal.md", &draft)]);
    let plan = workflow::publish(
        &newsroom,
        "chip-deal",
        PublishOptions::new(at("2026-05-10T09:00:00Z")),
    )
    .expect("plans");
    let path = dir.path().join("articles/chip-deal.md");
    let saved = draft.replace("chips, [a", "chips at scale, [a");
    std::fs::write(&path, &saved).expect("a writer saves");
    let error = plan.apply(dir.path()).expect_err("refused");
    assert!(matches!(error, WorkflowError::Changed { path: p } if p == path));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), saved);
}

#[test]
fn a_rename_that_fails_half_way_changes_nothing() {
    let linking = "+++\ntitle = \"Cloud\"\nslug = \"cloud\"\nauthors = [\"ryan\"]\ndesk = \"ai\"\nstatus = \"draft\"\nrelated = [\"chip\"]\n+++\n\nSee [chips](article:chip).\n";
    let target = "+++\ntitle = \"Chip\"\nslug = \"chip\"\nauthors = [\"ryan\"]\ndesk = \"ai\"\nstatus = \"draft\"\n+++\n\nChips.\n";
    let third = linking
        .replace("slug = \"cloud\"", "slug = \"zeta\"")
        .replace("Cloud", "Zeta");
    let (dir, newsroom) = newsroom_with(&[
        ("cloud.md", linking),
        ("chip.md", target),
        ("zeta.md", &third),
    ]);
    let plan = workflow::rename(&newsroom, "chip", "chip-deal").expect("plans");
    assert_eq!(plan.changes.len(), 3);
    // The last file to be written is saved by someone meanwhile: the rename must take back
    // the new file and the first rewritten link.
    let last = plan.changes.last().expect("three").path.clone();
    let saved = format!(
        "{}\nA late edit.\n",
        std::fs::read_to_string(&last).expect("read")
    );
    std::fs::write(&last, &saved).expect("save");
    let error = plan.apply(dir.path()).expect_err("refused");
    assert!(matches!(error, WorkflowError::Changed { .. }));
    let articles = dir.path().join("articles");
    assert!(!articles.join("chip-deal.md").exists());
    assert_eq!(
        std::fs::read_to_string(articles.join("chip.md")).expect("read"),
        target
    );
    let untouched: Vec<_> = [("cloud.md", linking), ("zeta.md", third.as_str())]
        .into_iter()
        .filter(|(name, _)| articles.join(name) != last)
        .collect();
    for (name, text) in untouched {
        assert_eq!(
            std::fs::read_to_string(articles.join(name)).expect("read"),
            text,
            "{name}"
        );
    }
    assert_eq!(std::fs::read_to_string(&last).expect("read"), saved);
}

#[test]
fn a_rename_rewrites_links_in_update_notes_and_nothing_else_of_them() {
    let linking = "+++\ntitle = \"Cloud\"\nslug = \"cloud\"\nauthors = [\"ryan\"]\ndesk = \"ai\"\nstatus = \"draft\"\n\n[[updates]]\nat = 2026-05-06T14:25:00Z\ntext = \"Adds [the chip story](article:chip); `article:chip` is how we link.\"   # keep me\n\n[[updates]]\nat = 2026-05-07T14:25:00Z\ntext = \"Nothing to rename here.\"\n+++\n\nCloud.\n";
    let target = "+++\ntitle = \"Chip\"\nslug = \"chip\"\nauthors = [\"ryan\"]\ndesk = \"ai\"\nstatus = \"draft\"\n+++\n\nChips.\n";
    let (_dir, newsroom) = newsroom_with(&[("cloud.md", linking), ("chip.md", target)]);
    let plan = workflow::rename(&newsroom, "chip", "chip-deal").expect("plans");
    let change = plan
        .changes
        .iter()
        .find(|c| c.path.ends_with("cloud.md"))
        .expect("the article whose update links to the renamed one changes");
    // The link target changes; the code span naming the old target, the comment and the
    // other update stay as they were.
    assert_eq!(
        change.text,
        linking.replace("(article:chip)", "(article:chip-deal)")
    );
    let update = &reparse(&change.text).updates[0];
    assert!(update.text.contains("(article:chip-deal)"));
}

#[test]
fn an_article_is_found_by_slug_or_path() {
    let text = "+++\ntitle = \"Chip\"\nslug = \"chip\"\nauthors = [\"ryan\"]\ndesk = \"ai\"\nstatus = \"draft\"\n+++\n\nChips.\n";
    let (dir, newsroom) = newsroom_with(&[("chip.md", text)]);
    let by_slug = workflow::resolve(&newsroom, "chip").expect("slug");
    let path = dir.path().join("articles/chip.md");
    let by_path = workflow::resolve(&newsroom, path.to_str().expect("UTF-8")).expect("path");
    assert_eq!(by_slug.path, by_path.path);
    assert!(matches!(
        workflow::resolve(&newsroom, "nope"),
        Err(WorkflowError::NotFound { nearest: None, .. })
    ));
    // A typo of a slug is answered with the slug.
    let typo = workflow::resolve(&newsroom, "chipp").expect_err("no such article");
    assert_eq!(
        typo.to_string(),
        "no article `chipp` in the newsroom; did you mean `chip`?"
    );
}
