//! Sources in other formats than text, extracted from fixtures made from the
//! seeds by the scripts in `tests/fixtures/formats/`: each must search and
//! date as its seed does.

mod office;
mod pdf;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::{sanad, seeds, stdout};

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
