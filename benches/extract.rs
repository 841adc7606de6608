//! Extraction throughput per format, in MB of extracted text a second, with
//! the plain-text seeds decoded as the peer measured in the same run:
//!
//! * `extract/`: the fixtures of `tests/fixtures/formats/` (the seeds in every
//!   format, a few pages each);
//! * `book/`: one document per format generated here from every seed's
//!   paragraphs six times over (about 320 KB of text, a hundred pages each):
//!   a news page of that length, a Word file, an OpenDocument file and an
//!   EPUB of ten chapters.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // measurements state what they expect

use std::hint::black_box;
use std::path::{Path, PathBuf};

use std::io::Write;

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

/// Every seed's paragraphs, `times` over.
fn paragraphs(times: usize) -> Vec<String> {
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    let one: Vec<String> = seeds
        .iter()
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('^'))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    (0..times).flat_map(|_| one.iter().cloned()).collect()
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (i, (name, content)) in parts.iter().enumerate() {
        let method = if i == 0 {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        zip.start_file(*name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn html_book(paras: &[String]) -> Vec<u8> {
    let body: String = paras
        .iter()
        .map(|p| format!("<p>{}</p>\n", escaped(p)))
        .collect();
    format!(
        r#"<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>كتاب</title></head>
        <body><header><nav><a href="/">الرئيسية</a></nav></header><main><article><h1>كتاب</h1>{body}</article>
        <aside class="related"><a href="/x">مقالات ذات صلة</a></aside></main><footer>الحقوق</footer></body></html>"#
    )
    .into_bytes()
}

fn docx_book(paras: &[String]) -> Vec<u8> {
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let body: String = paras
        .iter()
        .map(|p| format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", escaped(p)))
        .collect();
    zip_of(&[
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.into()),
        ("word/document.xml", format!(r#"<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#)),
    ])
}

fn odt_book(paras: &[String]) -> Vec<u8> {
    let body: String = paras
        .iter()
        .map(|p| format!("<text:p>{}</text:p>", escaped(p)))
        .collect();
    zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.text".into()),
        (
            "content.xml",
            format!(
                r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
            ),
        ),
    ])
}

fn epub_book(paras: &[String]) -> Vec<u8> {
    let chapters: Vec<String> = paras
        .chunks(paras.len().div_ceil(10))
        .map(|c| {
            let ps: String = c.iter().map(|p| format!("<p>{}</p>", escaped(p))).collect();
            format!(r#"<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>فصل</title></head><body>{ps}</body></html>"#)
        })
        .collect();
    let manifest: String = (0..chapters.len())
        .map(|i| {
            format!(r#"<item id="c{i}" href="c{i}.xhtml" media-type="application/xhtml+xml"/>"#)
        })
        .collect();
    let spine: String = (0..chapters.len())
        .map(|i| format!(r#"<itemref idref="c{i}"/>"#))
        .collect();
    let mut parts = vec![
        ("mimetype".to_string(), "application/epub+zip".to_string()),
        (
            "META-INF/container.xml".into(),
            r#"<container><rootfiles><rootfile full-path="content.opf"/></rootfiles></container>"#
                .into(),
        ),
        (
            "content.opf".into(),
            format!(
                r#"<package version="3.0"><metadata><dc:title>كتاب</dc:title></metadata><manifest>{manifest}</manifest><spine>{spine}</spine></package>"#
            ),
        ),
    ];
    parts.extend(
        chapters
            .into_iter()
            .enumerate()
            .map(|(i, c)| (format!("c{i}.xhtml"), c)),
    );
    let parts: Vec<(&str, String)> = parts.iter().map(|(n, c)| (n.as_str(), c.clone())).collect();
    zip_of(&parts)
}

fn books(c: &mut Criterion) {
    let paras = paragraphs(6);
    let text = paras.join("\n").into_bytes();
    let books: [(&str, Format, Vec<u8>); 5] = [
        ("text", Format::Text, text),
        ("html", Format::Html, html_book(&paras)),
        ("docx", Format::Docx, docx_book(&paras)),
        ("odt", Format::Odt, odt_book(&paras)),
        ("epub", Format::Epub, epub_book(&paras)),
    ];
    let mut group = c.benchmark_group("book");
    group.sample_size(10);
    for (name, format, bytes) in &books {
        let text = extract(*format, bytes).unwrap().text;
        assert!(
            text.len() > 300_000,
            "{name}: {} bytes extracted",
            text.len()
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| black_box(extract(*format, black_box(bytes)).unwrap().text.len()))
        });
    }
    group.finish();
}

criterion_group!(benches, extraction, books);
criterion_main!(benches);
