//! Search-side benchmarks on the seeds: analyzer throughput, index build, and
//! query latency for a mixed set (common and rare words, a phrase, a prefix, a
//! name with a variant spelling, a fuzzy match).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests and measurements state what they expect

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use sanad::arabic::analyze;
use sanad::corpus::Corpus;
use sanad::index::CorpusIndex;
use sanad::query::Query;

fn seeds() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn seed_text() -> String {
    let corpus = Corpus::load(&seeds()).expect("seeds");
    corpus
        .documents
        .iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn analyzer(c: &mut Criterion) {
    let text = seed_text().repeat(10);
    let mut group = c.benchmark_group("analyzer");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("analyze seeds x10", |b| {
        b.iter(|| black_box(analyze(black_box(&text))).len())
    });
    // What indexing runs: both forms and every reading of each stem.
    group.bench_function("words of seeds x10", |b| {
        b.iter(|| black_box(sanad::arabic::Words::of(black_box(&text))).len())
    });
    group.finish();
}

fn index_build(c: &mut Criterion) {
    let bytes: u64 = std::fs::read_dir(seeds())
        .unwrap()
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("build seeds from scratch", |b| {
        b.iter(|| {
            let dir = tempfile::tempdir().unwrap();
            CorpusIndex::open(&seeds(), dir.path(), false, &mut |_, _| {})
                .unwrap()
                .1
                .passages
        })
    });
    let dir = tempfile::tempdir().unwrap();
    CorpusIndex::open(&seeds(), dir.path(), false, &mut |_, _| {}).unwrap();
    group.bench_function("reopen unchanged", |b| {
        b.iter(|| {
            CorpusIndex::open(&seeds(), dir.path(), false, &mut |_, _| {})
                .unwrap()
                .1
                .passages
        })
    });
    group.finish();
}

const QUERIES: &[&str] = &[
    "قوات",
    "السلام",
    "ستيباناكيرت",
    "\"وقف إطلاق النار\"",
    "ستيبان*",
    "حدروت",
    "ناغورنى",
    "بوتين وقف إطلاق النار",
    "RTJMC",
    "١٩٦٠",
    // Latin names matched to their Arabic spellings (issue 15), to compare
    // with ستيباناكيرت above in the same run.
    "Stepanakert",
    "Pashinyan",
    "Aliyev Putin",
    "Ouagadougou",
];

fn queries(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (index, _) = CorpusIndex::open(&seeds(), dir.path(), false, &mut |_, _| {}).unwrap();
    let mut group = c.benchmark_group("query");
    for q in QUERIES {
        let query = Query::parse(q).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(q), &query, |b, query| {
            b.iter(|| index.search(black_box(query), 20).unwrap().total)
        });
    }
    group.finish();
}

criterion_group!(benches, analyzer, index_build, queries);
criterion_main!(benches);
