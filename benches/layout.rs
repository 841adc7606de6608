//! Right-to-left layout of a ~200 KB document (the seeds repeated) at width 100.
//!
//! Target: under 20 ms for the whole document (the source view lays out only what is on
//! screen, so this is the cost of a worst-case full relayout, e.g. after a resize).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests and measurements state what they expect
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use sanad::bidi::{layout, LayoutOptions};

const TARGET_BYTES: usize = 200 * 1024;
const WIDTH: usize = 100;

/// The seed documents, concatenated and repeated until the text reaches `TARGET_BYTES`.
fn document() -> String {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&seeds)
        .map(|dir| dir.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    let corpus: String = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    assert!(!corpus.is_empty(), "no seeds in {}", seeds.display());
    let mut text = String::with_capacity(TARGET_BYTES + corpus.len());
    while text.len() < TARGET_BYTES {
        text.push_str(&corpus);
        text.push('\n');
    }
    text
}

fn bench_layout(c: &mut Criterion) {
    let text = document();
    let paragraphs: Vec<&str> = text.lines().collect();
    let options = LayoutOptions::wrapped(WIDTH);
    let mut group = c.benchmark_group("layout");
    group.throughput(criterion::Throughput::Bytes(text.len() as u64));
    group.bench_function("200KB_width100", |b| {
        b.iter(|| {
            let lines: usize = paragraphs
                .iter()
                .map(|p| layout::<()>(black_box(p), &options, &[]).lines.len())
                .sum();
            black_box(lines)
        })
    });
    // The same with search hits on every occurrence of a common word, and with shaping.
    let hits: Vec<Vec<(std::ops::Range<usize>, bool)>> = paragraphs
        .iter()
        .map(|p| {
            p.match_indices("في")
                .map(|(i, m)| (i..i + m.len(), true))
                .collect()
        })
        .collect();
    group.bench_function("200KB_width100_hits", |b| {
        b.iter(|| {
            let lines: usize = paragraphs
                .iter()
                .zip(&hits)
                .map(|(p, h)| layout(black_box(p), &options, h).lines.len())
                .sum();
            black_box(lines)
        })
    });
    let shaped = options.with_shape(true);
    group.bench_function("200KB_width100_shaped", |b| {
        b.iter(|| {
            let lines: usize = paragraphs
                .iter()
                .map(|p| layout::<()>(black_box(p), &shaped, &[]).lines.len())
                .sum();
            black_box(lines)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_layout);
criterion_main!(benches);
