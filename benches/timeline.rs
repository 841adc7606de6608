//! Timeline throughput on Arabic text: the seed documents repeated to a few MB.
//!
//! `find_dates` is the extraction pass alone (date expressions of every
//! paragraph); `build` is the whole timeline (extraction, resolution, sentences
//! and citations, merging); `build_inferring` the same without `sources.toml`,
//! so every document's kind and publication date is inferred. Target: extraction at 20 MB/s or more. Criterion
//! writes the median to `target/criterion/timeline/*/new/estimates.json`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests and measurements state what they expect

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sanad::corpus::{Corpus, Document};
use sanad::metadata::Metadata;
use sanad::timeline::{self, dates};

/// Total size the seeds are repeated to.
const TARGET_BYTES: usize = 4 << 20;
/// Each seed is repeated this many times inside one document, so documents
/// stay the size of long articles and the corpus grows by copies.
const REPEATS_PER_DOCUMENT: usize = 8;

struct Workload {
    documents: Vec<Document>,
    meta: Metadata,
    bytes: usize,
}

fn workload() -> Workload {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let corpus = Corpus::load(&root).expect("seed corpus");
    let seed_meta = Metadata::load(&root).expect("seed metadata");
    let mut documents = Vec::new();
    let mut meta = Metadata::default();
    let mut bytes = 0;
    let mut copy = 0;
    while bytes < TARGET_BYTES {
        for doc in &corpus.documents {
            let text = format!("{}\n", doc.text).repeat(REPEATS_PER_DOCUMENT);
            let path = format!("copy{copy}/{}", doc.path);
            if let Some(source) = seed_meta.get(&doc.path) {
                meta.insert(path.clone(), source.clone());
            }
            bytes += text.len();
            documents.push(Document::new(path, text, doc.encoding, 0));
        }
        copy += 1;
    }
    Workload {
        documents,
        meta,
        bytes,
    }
}

fn find_all(documents: &[Document]) -> usize {
    let mut n = 0;
    for doc in documents {
        for p in &doc.paragraphs {
            n += dates::find(&doc.text, p.range()).len();
        }
    }
    n
}

fn bench_timeline(c: &mut Criterion) {
    let w = workload();
    let mut group = c.benchmark_group("timeline");
    group.throughput(Throughput::Bytes(w.bytes as u64));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("find_dates", |b| {
        b.iter(|| black_box(find_all(&w.documents)))
    });
    group.bench_function("build", |b| {
        b.iter(|| black_box(timeline::build(&w.documents, &w.meta).entries.len()))
    });
    // The same corpus with no sources.toml: every document's kind and date
    // worked out from its text (the consistency solving included).
    let none = Metadata::default();
    group.bench_function("build_inferring", |b| {
        b.iter(|| black_box(timeline::build(&w.documents, &none).entries.len()))
    });
    // What `sanad timeline` does with an index: merge the stored records
    // (dating each file was done when it was indexed), against `build`,
    // which dates every document first.
    let records = timeline::RecordSet::from(timeline::records(&w.documents, &w.meta));
    group.bench_function("merge_records", |b| {
        b.iter(|| black_box(timeline::Timeline::of_records(&records).entries.len()))
    });
    group.finish();
}

criterion_group!(benches, bench_timeline);
criterion_main!(benches);
