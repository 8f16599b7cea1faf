//! Criterion benchmarks for the stages of the pipeline: parse, read time, per-article lint,
//! corpus lint and each export format. Run with `cargo bench -p copydesk-bench`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use copydesk::export::{ExportFormat, ExportOptions, Model, export};
use copydesk::lint::{LintEnv, lint_article};
use copydesk::{Article, Config, Newsroom, ReadTime};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

/// A fault-free newsroom: export refuses unresolvable references.
const CORPUS_ARTICLES: usize = 300;

struct Corpus {
    // Kept alive so the directory outlives the benchmarks.
    _dir: tempfile::TempDir,
    root: PathBuf,
    config: Config,
    files: Vec<PathBuf>,
}

fn corpus() -> Corpus {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("newsroom");
    copydesk_bench::generate(&copydesk_bench::Options {
        articles: CORPUS_ARTICLES,
        seed: 1,
        fault_rate: 0.0,
        cjk_rate: 0.03,
        out: root.clone(),
    })
    .expect("corpus is generated");
    let config = Config::load(&root.join("copydesk.toml")).expect("config loads");
    let files = copydesk::list_files(&root, &root.join(&config.paths.articles), "md")
        .expect("articles are listed");
    Corpus {
        _dir: dir,
        root,
        config,
        files,
    }
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").expect("valid date")
}

/// A typical English article of the corpus (Japanese ones are in every name `japan-report`).
fn sample(files: &[PathBuf]) -> (&Path, String) {
    let path = files
        .iter()
        .find(|p| !p.to_string_lossy().contains("japan-report"))
        .expect("the corpus has English articles");
    let text = std::fs::read_to_string(path).expect("article is readable");
    (path, text)
}

fn article_benches(c: &mut Criterion) {
    let corpus = corpus();
    let newsroom = Newsroom::load(&corpus.root).expect("generated newsroom loads");
    let (path, text) = sample(&corpus.files);
    let article = Article::parse(path, &text)
        .article
        .expect("generated article parses");

    let mut group = c.benchmark_group("article");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("parse", |b| {
        b.iter(|| Article::parse(black_box(path), black_box(&text)));
    });
    group.bench_function("read_time", |b| {
        b.iter(|| ReadTime::estimate_markdown(black_box(article.body()), &corpus.config.read_time));
    });
    let env = LintEnv {
        config: &newsroom.config,
        authors: &newsroom.authors,
        now: now(),
    };
    group.bench_function("lint", |b| {
        b.iter(|| lint_article(black_box(&article), Vec::new(), env));
    });
    group.finish();
}

fn corpus_benches(c: &mut Criterion) {
    let corpus = corpus();
    let bytes: u64 = corpus
        .files
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("lint_files", |b| {
        b.iter(|| {
            let request = copydesk::lint::LintRequest::newsroom()
                .files(copydesk::lint::Files::Exactly(corpus.files.clone()));
            copydesk::Linter::new(&corpus.root, corpus.config.clone(), now())
                .map(|linter| linter.lint(&request))
                .expect("authors load")
                .expect("lint runs")
        });
    });
    let newsroom = Newsroom::load(&corpus.root).expect("generated newsroom loads");
    let options = ExportOptions::new().now(Some(now()));
    group.bench_function("export_model", |b| {
        b.iter(|| Model::build(black_box(&newsroom), &options).expect("model builds"));
    });
    let model = Model::build(&newsroom, &options).expect("model builds");
    for format in ExportFormat::ALL {
        group.bench_function(format!("export_{}", format.name()), |b| {
            b.iter_batched(
                || [format.exporter()],
                |exporters| export(&model, &newsroom.config, &exporters).expect("export runs"),
                BatchSize::SmallInput,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, article_benches, corpus_benches);
criterion_main!(benches);
