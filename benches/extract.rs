//! Extraction throughput per format, in MB of extracted text a second, on
//! the fixtures of `tests/fixtures/formats/` (the seeds in every format), with
//! the plain-text seeds decoded as the peer measured in the same run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // measurements state what they expect

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sanad::extract::{extract, Format};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Every fixture, plus the seeds as the text peer.
fn files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let formats = root().join("tests/fixtures/formats");
    for dir in std::fs::read_dir(formats).unwrap() {
        let dir = dir.unwrap().path();
        if dir.is_dir() {
            files.extend(std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()));
        }
    }
    files.extend(
        std::fs::read_dir(root().join("seeds"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .take(1),
    );
    files.retain(|p| Format::of(p).is_some());
    files.sort();
    files
}

fn extraction(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract");
    group.sample_size(20);
    for path in files() {
        let format = Format::of(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let text = extract(format, &bytes).unwrap().text;
        group.throughput(Throughput::Bytes(text.len() as u64));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        group.bench_function(name, |b| {
            b.iter(|| black_box(extract(format, black_box(&bytes)).unwrap().text.len()))
        });
    }
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
