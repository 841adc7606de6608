//! Sources in other formats than text, extracted from fixtures made from the
//! seeds by the scripts in `tests/fixtures/formats/`: each must search and
//! date as its seed does.

mod html;
mod office;
mod pdf;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{sanad, seeds, stderr, stdout};
use sanad::cite::without_markers;

/// A fixture of `tests/fixtures/formats/`.
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(path)
}

/// A temp corpus holding copies of `files`.
pub fn corpus_with(files: &[PathBuf]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in files {
        std::fs::copy(f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    dir
}

/// The seed whose name starts with `prefix`.
pub fn seed(prefix: &str) -> PathBuf {
    std::fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap()
}

/// Text compared across formats: without Arabic marks (a PDF may store a
/// shadda before its letter, a word processor its tanwin after the alef)
/// and with white space collapsed.
pub fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`comparable`] without any space: a PDF can show a wide gap inside a word
/// («وير يفان») that pdftotext reads as a space.
pub fn same_letters(text: &str) -> String {
    comparable(text).replace(' ', "")
}

/// The passages `query` finds in `corpus`, comparable.
pub fn found(corpus: &Path, query: &str) -> BTreeSet<String> {
    let cache = tempfile::tempdir().unwrap();
    let corpus = corpus.to_str().unwrap();
    let out = sanad(
        &["--corpus", corpus, "search", "--json", query],
        cache.path(),
    );
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| same_letters(h["text"].as_str().unwrap()))
        .collect()
}

/// The timeline's entries of `corpus` as (date, certainty, summary).
pub fn events(corpus: &Path) -> BTreeSet<(String, String, String)> {
    let cache = tempfile::tempdir().unwrap();
    let corpus = corpus.to_str().unwrap();
    let out = sanad(&["--corpus", corpus, "timeline", "--json"], cache.path());
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or_default().to_string();
            (s("date"), s("certainty"), same_letters(&s("summary")))
        })
        .collect()
}

/// A corpus of the given files (name, bytes), and a cache folder beside it.
pub fn corpus(files: &[(&str, Vec<u8>)]) -> (TempDir, TempDir) {
    let root = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(root.path().join(name), bytes).unwrap();
    }
    (root, tempfile::tempdir().unwrap())
}

/// `sanad ARGS --json` on the corpus at `root`, parsed.
pub fn json(root: &Path, cache: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--corpus", root.to_str().unwrap()];
    all.extend_from_slice(args);
    all.push("--json");
    let out = sanad(&all, cache);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

pub fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v[key].as_array().map(Vec::as_slice).unwrap_or_default()
}

pub fn text(v: &Value) -> String {
    without_markers(v.as_str().unwrap_or_default())
}

/// A timeline's entries as compared across formats: every field but the file
/// names, the summary (cut to a length that counts marker digits) and the
/// references, with markers left out of the text.
pub fn timeline_entries(timeline: &Value) -> Vec<Value> {
    items(timeline, "entries")
        .iter()
        .map(|e| {
            let mentions: Vec<Value> = items(e, "mentions")
                .iter()
                .map(|m| {
                    serde_json::json!([
                        m["paragraph"],
                        text(&m["text"]),
                        m["date_text"],
                        items(m, "markers").len()
                    ])
                })
                .collect();
            serde_json::json!([e["date"], e["precision"], e["certainty"], mentions])
        })
        .collect()
}

/// The test searches of [`assert_same_passages`].
pub const QUERIES: &[&str] = &[
    "حفظ السلام",
    "مرادوف",
    "\"وقف إطلاق النار\"",
    "بوتين",
    "أذربيجان",
];

/// The passages `query` finds in the corpus at `root`, as (paragraph, text
/// without markers), sorted: ranks may differ a little between formats (the
/// reference lists differ in length), what is found may not. A note is
/// compared as `^text`, however its format wrote the caret.
pub fn passages(root: &Path, cache: &Path, query: &str) -> Vec<(u64, String)> {
    let found = json(root, cache, &["search", query, "--limit", "100"]);
    let mut passages: Vec<(u64, String)> = items(&found, "hits")
        .iter()
        .map(|h| (h["paragraph"].as_u64().unwrap(), text(&h["text"])))
        .map(|(p, t)| (p, t.replacen("^ ", "^", 1)))
        .collect();
    passages.sort();
    passages
}

/// Every query of [`QUERIES`] finds the same passages in `file`'s corpus as
/// in its seed's, and some query finds something.
pub fn assert_same_passages(
    file: &str,
    (root, cache): (&Path, &Path),
    (seed_root, seed_cache): (&Path, &Path),
) {
    let mut found_any = false;
    for query in QUERIES {
        let expected = passages(seed_root, seed_cache, query);
        found_any |= !expected.is_empty();
        assert_eq!(passages(root, cache, query), expected, "{file}: {query}");
    }
    assert!(found_any, "{file}: no query finds anything");
}

/// A seed's paragraphs without its reference list, markers left out.
pub fn seed_body(seed: &str) -> Vec<String> {
    std::fs::read_to_string(seeds().join(seed))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('^'))
        .map(without_markers)
        .collect()
}

/// A fixture read as sanad reads it: its paragraphs without the reference
/// list, markers left out.
pub fn document_body(fixture: &Path) -> Vec<String> {
    let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
    let doc = sanad::corpus::document_from_bytes(name.clone(), &std::fs::read(fixture).unwrap())
        .unwrap_or_else(|skip| panic!("{name}: {skip}"));
    doc.paragraphs
        .iter()
        .map(|p| &doc.text[p.range()])
        .filter(|l| !l.starts_with('^'))
        .map(without_markers)
        .collect()
}
