//! Benchmark corpora for copydesk: a valid newsroom of any size, deterministic from a seed,
//! with an optional known fraction of planted faults so a run at scale proves the rules fire.
//!
//! Prose is drawn from a neutral vocabulary that cannot trip the editorial rules by chance
//! (no forecasting verbs, no attribution verbs, no filler phrases, no apostrophes), so every
//! finding on a generated corpus is one of the planted faults, listed in `faults.json`.
//! [`verify`] lints a generated corpus and compares its findings with that list.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::DateTime;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Number of articles.
    pub articles: usize,
    /// Seed: the same seed gives byte-identical corpora.
    pub seed: u64,
    /// Fraction of articles (0.0–1.0) that get exactly one planted fault.
    pub fault_rate: f64,
    /// Fraction of articles written in Japanese.
    pub cjk_rate: f64,
    /// Output directory (created; must not already hold a `copydesk.toml`).
    pub out: PathBuf,
}

/// A fault planted on purpose, and the rule that must report it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PlantedFault {
    /// Article path relative to the corpus root, with `/` separators.
    pub path: String,
    /// The rule code expected to fire exactly once for it.
    pub code: &'static str,
}

/// What was generated.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    /// Articles written.
    pub articles: usize,
    /// Authors written.
    pub authors: usize,
    /// Total bytes of article files.
    pub bytes: u64,
    /// Planted faults, sorted by path.
    pub faults: Vec<PlantedFault>,
}

const FAULT_CODES: [&str; 6] = ["ED001", "RF006", "RF008", "ED004", "RF001", "FM007"];

const DESKS: [(&str, &str); 5] = [
    ("ai", "AI"),
    ("consumer-tech", "Consumer Tech & Mobile"),
    ("policy", "Policy"),
    ("science", "Science"),
    ("business", "Business"),
];

/// Neutral words: nothing forward-looking, no attribution verbs, no link-text words.
const WORDS: &[&str] = &[
    "market",
    "cloud",
    "network",
    "design",
    "engineers",
    "teams",
    "devices",
    "platform",
    "system",
    "customers",
    "data",
    "centre",
    "chips",
    "factory",
    "supply",
    "chain",
    "pricing",
    "software",
    "hardware",
    "model",
    "training",
    "servers",
    "capacity",
    "region",
    "users",
    "privacy",
    "security",
    "policy",
    "agency",
    "budget",
    "quarter",
    "revenue",
    "growth",
    "shares",
    "board",
    "investors",
    "contract",
    "partners",
    "launch",
    "product",
    "feature",
    "update",
    "release",
    "battery",
    "screen",
    "camera",
    "sensor",
    "display",
    "storage",
    "memory",
    "speed",
    "latency",
    "bandwidth",
    "fiber",
    "satellite",
    "orbit",
    "rocket",
    "engine",
    "vehicle",
    "charging",
    "station",
    "grid",
    "power",
    "solar",
    "wind",
    "storage",
    "climate",
    "carbon",
    "water",
    "cooling",
    "heat",
    "building",
    "city",
    "transit",
    "rail",
    "airport",
    "shipping",
    "port",
    "retail",
    "store",
    "warehouse",
    "robot",
    "sorting",
    "delivery",
    "courier",
    "route",
    "map",
    "search",
    "index",
    "archive",
    "library",
    "school",
    "students",
    "teachers",
    "course",
    "exam",
    "clinic",
    "doctors",
    "patients",
    "trial",
    "vaccine",
    "genome",
    "protein",
    "lab",
    "microscope",
    "telescope",
    "galaxy",
    "planet",
    "ocean",
    "coast",
    "forest",
    "farm",
    "crop",
    "harvest",
    "weather",
    "storm",
    "river",
    "bridge",
    "tunnel",
    "road",
    "traffic",
    "signal",
    "radio",
    "antenna",
    "tower",
    "cable",
    "router",
    "switch",
    "kernel",
    "compiler",
    "browser",
    "editor",
    "terminal",
    "database",
    "query",
    "cache",
    "queue",
    "stream",
    "video",
    "audio",
    "music",
    "game",
    "console",
    "controller",
    "headset",
    "lens",
    "frame",
    "pixel",
    "color",
    "image",
    "photo",
    "studio",
    "film",
    "series",
    "episode",
    "audience",
    "viewers",
    "ads",
    "subscription",
    "plan",
    "tier",
    "bundle",
    "license",
    "patent",
    "court",
    "judge",
    "lawyers",
    "ruling",
    "appeal",
    "hearing",
    "committee",
    "senators",
    "minister",
    "ministry",
    "council",
    "mayor",
    "voters",
    "election",
    "campaign",
    "union",
    "workers",
    "wages",
    "hiring",
    "office",
    "remote",
    "desk",
    "meeting",
    "calendar",
    "email",
    "chat",
    "message",
    "inbox",
    "account",
    "password",
    "login",
    "wallet",
    "payment",
    "bank",
    "loan",
    "credit",
    "fees",
    "tax",
    "audit",
    "ledger",
    "invoice",
    "and",
    "the",
    "a",
    "of",
    "in",
    "on",
    "for",
    "with",
    "across",
    "between",
    "after",
    "before",
    "during",
    "under",
    "over",
    "near",
    "beside",
    "inside",
    "outside",
    "new",
    "old",
    "large",
    "small",
    "quiet",
    "busy",
    "early",
    "late",
    "local",
    "global",
    "public",
    "private",
    "open",
    "closed",
    "shared",
    "single",
    "double",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "rapid",
    "steady",
    "modest",
    "sharp",
    "gradual",
    "wide",
    "narrow",
    "moved",
    "shifted",
    "opened",
    "closed",
    "built",
    "tested",
    "shipped",
    "signed",
    "joined",
    "raised",
    "lowered",
    "cut",
    "added",
    "hired",
    "trained",
    "measured",
    "compared",
    "reviewed",
    "approved",
    "rejected",
    "delayed",
    "paused",
    "resumed",
    "replaced",
    "upgraded",
    "repaired",
];

const HEADING_WORDS: &[&str] = &[
    "Background",
    "Costs",
    "Engineering",
    "Customers",
    "Regulation",
    "Competition",
    "Timeline",
    "Hardware",
    "Software",
    "Supply",
    "Labor",
    "Pricing",
    "Security",
    "Privacy",
    "Research",
    "Funding",
    "Operations",
    "Markets",
    "Outlook",
    "Reaction",
    "Context",
    "Design",
    "Scale",
];

const LINK_TEXTS: &[&str] = &[
    "the company filing",
    "a statement from the board",
    "the annual accounts",
    "the regulator notice",
    "the court record",
    "the published data set",
];

const JAPANESE: &[&str] = &[
    "東京",
    "市場",
    "技術",
    "会社",
    "発表",
    "計画",
    "開発",
    "研究",
    "政府",
    "地域",
    "製品",
    "利用者",
    "は",
    "の",
    "を",
    "に",
    "が",
    "と",
    "で",
    "した",
    "する",
    "新しい",
    "大きな",
    "電池",
    "半導体",
];

struct Author {
    id: String,
}

struct Planned {
    index: usize,
    slug: String,
    year: i32,
    month: u32,
    day: u32,
    desk: &'static str,
    is_draft: bool,
    is_japanese: bool,
    fault: Option<&'static str>,
}

/// Writes a newsroom into `options.out` and returns what it holds.
pub fn generate(options: &Options) -> anyhow::Result<Manifest> {
    let out = &options.out;
    if out.join("copydesk.toml").exists() {
        anyhow::bail!("`{}` already holds a newsroom", out.display());
    }
    fs::create_dir_all(out.join("authors"))
        .with_context(|| format!("cannot create `{}`", out.display()))?;
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    write_config(out)?;
    let authors = write_authors(out, (options.articles / 40).max(5))?;

    let planned = plan(&mut rng, options);
    let mut faults = Vec::new();
    let mut bytes = 0;
    for article in &planned {
        let text = render_article(&mut rng, article, &planned, &authors);
        let relative = format!(
            "articles/{:04}/{:02}/{}.md",
            article.year, article.month, article.slug
        );
        let path = out.join(&relative);
        let parent = path.parent().context("article paths have a parent")?;
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create `{}`", path.display()))?;
        fs::write(&path, &text).with_context(|| format!("cannot write `{}`", path.display()))?;
        bytes += text.len() as u64;
        if let Some(code) = article.fault {
            faults.push(PlantedFault {
                path: relative,
                code,
            });
        }
    }
    faults.sort();
    let manifest = Manifest {
        articles: planned.len(),
        authors: authors.len(),
        bytes,
        faults,
    };
    let json = serde_json::to_string_pretty(&manifest)?;
    fs::write(out.join("faults.json"), json + "\n").context("cannot write faults.json")?;
    Ok(manifest)
}

/// The date a generated newsroom is linted at when its findings are checked against its
/// planted faults: after every generated publication date, so no date rule fires by chance.
pub const VERIFY_NOW: &str = "2026-06-01T00:00:00Z";

/// Counts per (article path relative to the corpus root with `/` separators, rule code).
pub type Tally = BTreeMap<(String, String), usize>;

/// The planted faults counted per (path, code).
#[must_use]
pub fn tally_planted(faults: &[PlantedFault]) -> Tally {
    let mut planted = Tally::new();
    for fault in faults {
        *planted
            .entry((fault.path.clone(), fault.code.to_string()))
            .or_default() += 1;
    }
    planted
}

/// The planted faults listed in `root/faults.json`, counted per (path, code).
///
/// # Errors
/// A missing or malformed `faults.json`.
pub fn read_planted(root: &Path) -> anyhow::Result<Tally> {
    #[derive(Deserialize)]
    struct Listed {
        faults: Vec<Fault>,
    }
    #[derive(Deserialize)]
    struct Fault {
        path: String,
        code: String,
    }
    let path = root.join("faults.json");
    let text =
        fs::read_to_string(&path).with_context(|| format!("cannot read `{}`", path.display()))?;
    let listed: Listed = serde_json::from_str(&text)
        .with_context(|| format!("`{}` is not a fault list", path.display()))?;
    let mut planted = Tally::new();
    for fault in listed.faults {
        *planted.entry((fault.path, fault.code)).or_default() += 1;
    }
    Ok(planted)
}

/// What linting a generated newsroom found, with each finding's message kept for reports.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// Article files checked.
    pub files_checked: usize,
    /// Messages of the findings per (path, code).
    pub by_file_and_code: BTreeMap<(String, String), Vec<String>>,
}

/// Lints the newsroom at `root` with the library, as `copydesk lint` does, at [`VERIFY_NOW`].
///
/// # Errors
/// A missing or invalid configuration or an unreadable articles directory.
pub fn lint_findings(root: &Path) -> anyhow::Result<Findings> {
    let config = copydesk::Config::load(&root.join(copydesk::config::CONFIG_FILE))?;
    let now = DateTime::parse_from_rfc3339(VERIFY_NOW).context("VERIFY_NOW is a valid date")?;
    let linter = copydesk::Linter::new(root, config, now)?;
    let report = linter
        .lint(&copydesk::lint::LintRequest::newsroom())?
        .report;
    let mut findings = Findings {
        files_checked: report.files_checked,
        by_file_and_code: BTreeMap::new(),
    };
    for diagnostic in &report.diagnostics {
        let path = diagnostic
            .path
            .strip_prefix(root)
            .unwrap_or(&diagnostic.path)
            .to_string_lossy()
            .replace('\\', "/");
        findings
            .by_file_and_code
            .entry((path, diagnostic.code.to_string()))
            .or_default()
            .push(diagnostic.message.clone());
    }
    Ok(findings)
}

/// A (path, code) whose count of findings differs from its count of planted faults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// Article path relative to the corpus root.
    pub path: String,
    /// Rule code.
    pub code: String,
    /// Faults planted there with that code.
    pub planted: usize,
    /// Findings reported there with that code.
    pub found: usize,
    /// The messages of the findings, to tell a generator slip from a rule bug.
    pub messages: Vec<String>,
}

/// Findings compared with planted faults.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    /// Article files checked.
    pub files_checked: usize,
    /// Planted faults in all.
    pub planted: usize,
    /// Findings in all.
    pub found: usize,
    /// Places with fewer findings than planted faults.
    pub missing: Vec<Difference>,
    /// Places with more findings than planted faults.
    pub extra: Vec<Difference>,
}

impl Comparison {
    /// Compares `found` with `planted`, place by place.
    #[must_use]
    pub fn new(planted: &Tally, found: &Findings) -> Comparison {
        let mut comparison = Comparison {
            files_checked: found.files_checked,
            planted: planted.values().sum(),
            found: found.by_file_and_code.values().map(Vec::len).sum(),
            missing: Vec::new(),
            extra: Vec::new(),
        };
        let keys: BTreeSet<&(String, String)> = planted
            .keys()
            .chain(found.by_file_and_code.keys())
            .collect();
        for key in keys {
            let expected = planted.get(key).copied().unwrap_or(0);
            let messages = found.by_file_and_code.get(key).cloned().unwrap_or_default();
            if messages.len() == expected {
                continue;
            }
            let difference = Difference {
                path: key.0.clone(),
                code: key.1.clone(),
                planted: expected,
                found: messages.len(),
                messages,
            };
            if difference.found < expected {
                comparison.missing.push(difference);
            } else {
                comparison.extra.push(difference);
            }
        }
        comparison
    }

    /// Whether the findings are exactly the planted faults.
    #[must_use]
    pub fn is_exact(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty()
    }
}

impl fmt::Display for Comparison {
    /// A one-line summary, then one line per missing or extra finding.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} articles, {} planted faults, {} findings: ",
            self.files_checked, self.planted, self.found
        )?;
        if self.is_exact() {
            write!(f, "exactly the planted faults")?;
        } else {
            write!(
                f,
                "{} missing, {} extra",
                self.missing.len(),
                self.extra.len()
            )?;
        }
        for (kind, differences) in [("missing", &self.missing), ("extra", &self.extra)] {
            for d in differences {
                write!(
                    f,
                    "\n{kind} {} {}: planted {}, found {}",
                    d.code, d.path, d.planted, d.found
                )?;
                for message in &d.messages {
                    write!(f, "\n    {message}")?;
                }
            }
        }
        Ok(())
    }
}

/// Lints the generated newsroom at `root` and compares its findings with `root/faults.json`.
///
/// # Errors
/// The errors of [`read_planted`] and [`lint_findings`].
pub fn verify(root: &Path) -> anyhow::Result<Comparison> {
    let planted = read_planted(root)?;
    let found = lint_findings(root)?;
    Ok(Comparison::new(&planted, &found))
}

fn write_config(out: &Path) -> anyhow::Result<()> {
    let mut config = String::from(
        "[site]\ntitle = \"Benchmark Desk\"\nbase_url = \"https://bench.example.com\"\nlanguage = \"en\"\ntimezone = \"UTC\"\n\n",
    );
    for (id, name) in DESKS {
        let _ = writeln!(config, "[desks.{id}]\nname = \"{name}\"\n");
    }
    fs::write(out.join("copydesk.toml"), config).context("cannot write copydesk.toml")
}

fn write_authors(out: &Path, count: usize) -> anyhow::Result<Vec<Author>> {
    let mut authors = Vec::with_capacity(count);
    for i in 0..count {
        let id = format!("author-{i:04}");
        let text = format!(
            "name = \"Author {i}\"\nbeat = \"{}\"\n",
            DESKS[i % DESKS.len()].1
        );
        fs::write(out.join("authors").join(format!("{id}.toml")), text)
            .with_context(|| format!("cannot write author {id}"))?;
        authors.push(Author { id });
    }
    Ok(authors)
}

/// Decides every article's identity, date and fault before writing, so links can point at
/// earlier published articles.
fn plan(rng: &mut ChaCha8Rng, options: &Options) -> Vec<Planned> {
    let count = options.articles;
    // Publication dates spread over 2020-01 to 2026-04, in article order.
    let months = 76usize;
    (0..count)
        .map(|index| {
            let month_index = index * months / count.max(1);
            let year = 2020 + i32::try_from(month_index / 12).unwrap_or(0);
            let month = u32::try_from(month_index % 12).unwrap_or(0) + 1;
            let is_japanese = rng.random_bool(options.cjk_rate.clamp(0.0, 1.0));
            let slug = if is_japanese {
                format!("japan-report-{index}")
            } else {
                let words: Vec<&str> = (0..rng.random_range(3..6))
                    .map(|_| {
                        *WORDS[..WORDS.len() - 80]
                            .choose(rng)
                            .expect("vocabulary is not empty")
                    })
                    .collect();
                format!("{}-{index}", words.join("-"))
            };
            // Drafts come last so no published article relates to one.
            let is_draft = index + count / 50 >= count && count >= 50;
            let fault = (!is_draft && rng.random_bool(options.fault_rate.clamp(0.0, 1.0)))
                .then(|| FAULT_CODES[index % FAULT_CODES.len()])
                // ED004 reads English wording and skips articles in other languages, so an
                // English forecast pasted into a Japanese article is no fault it claims.
                .filter(|code| !(is_japanese && *code == "ED004"));
            Planned {
                index,
                slug,
                year,
                month,
                day: u32::try_from(index % 25).unwrap_or(0) + 1,
                desk: DESKS[index % DESKS.len()].0,
                is_draft,
                is_japanese,
                fault,
            }
        })
        .collect()
}

fn sentence(rng: &mut ChaCha8Rng, words: usize) -> String {
    let mut text = String::new();
    for i in 0..words {
        let word = *WORDS.choose(rng).expect("vocabulary is not empty");
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                text.extend(first.to_uppercase());
                text.push_str(chars.as_str());
            }
        } else {
            text.push(' ');
            text.push_str(word);
        }
    }
    text.push('.');
    text
}

fn paragraph(rng: &mut ChaCha8Rng) -> String {
    let sentences = rng.random_range(3..6);
    (0..sentences)
        .map(|_| {
            let words = rng.random_range(10..20);
            sentence(rng, words)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn japanese_paragraph(rng: &mut ChaCha8Rng) -> String {
    let mut text = String::new();
    for _ in 0..rng.random_range(40..80) {
        text.push_str(JAPANESE.choose(rng).expect("vocabulary is not empty"));
    }
    text.push('。');
    text
}

fn title_case(slug_words: &str) -> String {
    slug_words
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn render_article(
    rng: &mut ChaCha8Rng,
    article: &Planned,
    all: &[Planned],
    authors: &[Author],
) -> String {
    let fault = article.fault;
    let title = if article.is_japanese {
        format!("東京の技術市場 {}", article.index)
    } else {
        title_case(&article.slug)
    };
    let author = &authors[article.index % authors.len()].id;
    let authors_field = if fault == Some("RF001") {
        format!("[\"ghost-writer-{}\"]", article.index)
    } else {
        format!("[\"{author}\"]")
    };
    let published = format!(
        "{:04}-{:02}-{:02}T09:30:00Z",
        article.year, article.month, article.day
    );
    let source_count = rng.random_range(1..5);
    let related: Vec<&Planned> = (0..2)
        .filter_map(|k| {
            let back = 1 + k * 3 + rng.random_range(0..3);
            article.index.checked_sub(back).map(|i| &all[i])
        })
        .filter(|candidate| !candidate.is_draft)
        .collect();
    let update_count = if article.is_draft {
        0
    } else {
        rng.random_range(0..3)
    };

    let mut text = String::from("+++\n");
    let _ = writeln!(text, "title = \"{title}\"");
    if article.is_japanese {
        let _ = writeln!(text, "slug = \"{}\"\nlanguage = \"ja\"", article.slug);
    }
    if fault != Some("FM007") {
        let dek = if article.is_japanese {
            japanese_paragraph(rng)
        } else {
            sentence(rng, 18)
        };
        let _ = writeln!(text, "dek = \"{dek}\"");
    }
    let _ = writeln!(
        text,
        "authors = {authors_field}\ndesk = \"{}\"",
        article.desk
    );
    let _ = writeln!(text, "tags = [\"{}\", \"bench\"]", article.desk);
    if article.is_draft {
        text.push_str("status = \"draft\"\n");
    } else {
        let _ = writeln!(text, "status = \"published\"\npublished = {published}");
        if update_count > 0 {
            let _ = writeln!(
                text,
                "updated = {:04}-{:02}-{:02}T12:00:00Z",
                article.year,
                article.month,
                article.day + update_count
            );
        }
    }
    if !related.is_empty() {
        let list: Vec<String> = related.iter().map(|r| format!("\"{}\"", r.slug)).collect();
        let _ = writeln!(text, "related = [{}]", list.join(", "));
    }
    let extra_source = usize::from(fault == Some("RF006"));
    for n in 0..source_count + extra_source {
        let _ = write!(
            text,
            "\n[[sources]]\nid = \"src-{n}\"\ntitle = \"{}\"\nurl = \"https://records.example.org/{}/{n}\"\npublisher = \"Records Office\"\npublished = {:04}-{:02}-01\n",
            title_case(&format!("record-{n}-of-{}", article.slug)),
            article.slug,
            article.year - 1,
            article.month
        );
    }
    for k in 1..=update_count {
        let _ = write!(
            text,
            "\n[[updates]]\nat = {:04}-{:02}-{:02}T12:00:00Z\nkind = \"update\"\ntext = \"Adds detail on the {} figures.\"\nsource = \"src-0\"\n",
            article.year,
            article.month,
            article.day + k,
            WORDS[usize::try_from(k).unwrap_or(0) * 7 % 40]
        );
    }
    text.push_str("+++\n\n");

    let mut paragraphs: Vec<String> = Vec::new();
    let sections = rng.random_range(4..7);
    let mut headings: Vec<&str> = HEADING_WORDS.to_vec();
    // Sources are cited in order, one per paragraph, until every one has a citation.
    let mut next_cite = 0;
    for section in 0..sections {
        if section > 0 {
            let pick = rng.random_range(0..headings.len());
            let heading = headings.swap_remove(pick);
            paragraphs.push(format!("## {heading}"));
        }
        for p in 0..rng.random_range(2..5) {
            let mut body = if article.is_japanese {
                japanese_paragraph(rng)
            } else {
                paragraph(rng)
            };
            if p == 0 && next_cite < source_count {
                let link = LINK_TEXTS.choose(rng).expect("link texts are not empty");
                let _ = write!(
                    body,
                    " The details are in [{link}](source:src-{next_cite})."
                );
                next_cite += 1;
            }
            paragraphs.push(body);
        }
        if section == 1 && !article.is_japanese {
            for _ in 0..3 {
                let words = rng.random_range(5..10);
                paragraphs.push(format!("- {}", sentence(rng, words)));
            }
        }
        if section == 2 && rng.random_bool(0.5) {
            paragraphs.push(format!(
                "![A {} photographed for this article](images/{}-{section}.jpg)",
                WORDS[article.index % 40],
                article.slug
            ));
        }
    }
    // Sources beyond the paragraphs available are cited in a closing paragraph.
    if next_cite < source_count {
        let links: Vec<String> = (next_cite..source_count)
            .map(|n| format!("[record {n}](source:src-{n})"))
            .collect();
        paragraphs.push(format!("Further records: {}.", links.join(", ")));
    }
    if let Some(first) = related.first() {
        paragraphs.push(format!(
            "Background is in [our earlier coverage](article:{}).",
            first.slug
        ));
    }
    match fault {
        Some("ED001") => {
            let original = paragraphs
                .iter()
                .find(|p| !p.starts_with(['#', '-', '!']))
                .cloned();
            if let Some(original) = original {
                paragraphs.push(original);
            }
        }
        Some("RF008") => paragraphs.push(format!(
            "Readers may compare [an earlier piece](article:missing-piece-{}).",
            article.index
        )),
        Some("ED004") => paragraphs.push(format!(
            "The regional market is expected to reach 40 billion dollars by {}.",
            article.year - 2
        )),
        _ => {}
    }
    text.push_str(&paragraphs.join("\n\n"));
    text.push('\n');
    text
}
