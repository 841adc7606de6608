//! DOCX, ODT and EPUB end to end: the fixtures `make_office.py` writes from the
//! seeds read as their seeds do (the same passages found, the same timeline),
//! their notes resolve as the seeds' reference lists do, their own metadata
//! reaches `sanad sources`, and a corrupt file is one warning.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

use super::{
    assert_same_passages, corpus, document_body, items, json, seed_body, timeline_entries,
};
use crate::common::{sanad, seeds, stderr, stdout};
use sanad::corpus::document_from_bytes;

const ENCYCLOPEDIA: &str = "000_271304c8eddbc6f6.txt";
const NEWS: &str = "001_f782a295b2e42d0e.txt";

/// Each fixture with the seed it was written from. `libreoffice.odt` is not
/// the script's: it is LibreOffice 7.4's own ODT of `encyclopedia.docx`
/// (`soffice --headless --convert-to odt`, its thumbnail dropped), the file
/// of a real office suite, which writes a note once per reference.
const FIXTURES: &[(&str, &str)] = &[
    ("encyclopedia.docx", ENCYCLOPEDIA),
    ("encyclopedia.odt", ENCYCLOPEDIA),
    ("libreoffice.odt", ENCYCLOPEDIA),
    ("news.epub", NEWS),
    ("encyclopedia.epub", ENCYCLOPEDIA),
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats/office")
        .join(name)
}

fn only(file: &str) -> (TempDir, TempDir) {
    corpus(&[(file, std::fs::read(fixture(file)).unwrap())])
}

fn only_seed(seed: &str) -> (TempDir, TempDir) {
    corpus(&[(seed, std::fs::read(seeds().join(seed)).unwrap())])
}

#[test]
fn each_fixture_has_its_seeds_paragraphs_in_order() {
    for (file, seed) in FIXTURES {
        assert_eq!(document_body(&fixture(file)), seed_body(seed), "{file}");
    }
}

#[test]
fn search_finds_the_same_passages_as_in_the_seed() {
    for (file, seed) in FIXTURES {
        let (root, cache) = only(file);
        let (seed_root, seed_cache) = only_seed(seed);
        assert_same_passages(
            file,
            (root.path(), cache.path()),
            (seed_root.path(), seed_cache.path()),
        );
    }
}

#[test]
fn the_timeline_has_the_seeds_events_and_the_notes_resolve() {
    for (file, seed) in FIXTURES {
        let (fixture_root, fixture_cache) = only(file);
        let (seed_root, seed_cache) = only_seed(seed);
        let got = json(fixture_root.path(), fixture_cache.path(), &["timeline"]);
        let expected = json(seed_root.path(), seed_cache.path(), &["timeline"]);
        assert!(!items(&expected, "entries").is_empty(), "{seed}");
        assert_eq!(
            timeline_entries(&got),
            timeline_entries(&expected),
            "{file}"
        );

        // Where the seed's own list resolves a marker, the note in the file
        // says the same; and every note marker in the file resolves.
        let mentions = |t: &Value| -> Vec<Value> {
            items(t, "entries")
                .iter()
                .flat_map(|e| items(e, "mentions").to_vec())
                .collect()
        };
        let mut compared = 0;
        for (ours, theirs) in mentions(&got).iter().zip(mentions(&expected).iter()) {
            let (markers, refs) = (items(ours, "markers"), items(ours, "references"));
            assert_eq!(markers.len(), refs.len(), "{file}: {ours}");
            let seed_refs = items(theirs, "references");
            if !seed_refs.is_empty() && seed_refs.len() == items(theirs, "markers").len() {
                assert_eq!(refs, seed_refs, "{file}: {ours}");
                compared += 1;
            }
        }
        if *seed == ENCYCLOPEDIA {
            assert!(compared > 0, "{file}: no marker the seed resolves");
        }
    }
}

#[test]
fn a_note_marker_shows_its_note_text_as_the_seeds_do() {
    // The seed's [1] is its first `^` line; in the DOCX and ODT it is the
    // first footnote, whose text is that line.
    let seed = std::fs::read_to_string(seeds().join(ENCYCLOPEDIA)).unwrap();
    let first_ref = seed
        .lines()
        .find_map(|l| l.strip_prefix('^'))
        .unwrap()
        .trim();
    for file in [
        "encyclopedia.docx",
        "encyclopedia.odt",
        "libreoffice.odt",
        "encyclopedia.epub",
    ] {
        let doc = document_from_bytes(file.into(), &std::fs::read(fixture(file)).unwrap()).unwrap();
        let refs = sanad::cite::ReferenceList::of(&doc);
        let markers = sanad::cite::markers_in(&doc.text, 0..doc.text.len());
        assert!(markers.len() > 50, "{file}: {} markers", markers.len());
        let first = markers.iter().find(|m| m.label == "1").unwrap();
        assert_eq!(
            refs.resolve(first).map(|r| r.text.as_str()),
            Some(first_ref),
            "{file}"
        );
        assert!(markers.iter().all(|m| refs.resolve(m).is_some()), "{file}");
    }
}

#[test]
fn an_epubs_chapters_are_places_titled_from_its_toc() {
    let doc = document_from_bytes(
        "news.epub".into(),
        &std::fs::read(fixture("news.epub")).unwrap(),
    )
    .unwrap();
    let places: Vec<(usize, Option<&str>)> = doc
        .places
        .iter()
        .map(|p| (p.line, p.chapter.as_deref()))
        .collect();
    assert_eq!(
        places,
        [
            (1, Some("إعلان وقف إطلاق النار")),
            (5, Some("انتشار قوات حفظ السلام")),
            (9, Some("خلفية النزاع")),
        ]
    );
    // The spine's order, not the manifest's: the book opens as the seed does.
    let seed = std::fs::read_to_string(seeds().join(NEWS)).unwrap();
    assert!(doc.text.starts_with(seed.lines().next().unwrap()));
    assert_eq!(
        doc.place_of(7).and_then(|p| p.chapter.as_deref()),
        Some("انتشار قوات حفظ السلام")
    );
}

#[test]
fn sources_shows_the_files_own_title_and_date() {
    let files: Vec<(&str, Vec<u8>)> = FIXTURES
        .iter()
        .map(|(f, _)| (*f, std::fs::read(fixture(f)).unwrap()))
        .collect();
    let (root, cache) = corpus(&files);
    let listed = json(root.path(), cache.path(), &["sources"]);
    let toml = std::fs::read_to_string(seeds().join("sources.toml")).unwrap();
    let titles: toml::Table = toml.parse().unwrap();
    for (file, seed) in FIXTURES {
        let source = items(&listed, "sources")
            .iter()
            .find(|s| s["file"] == *file)
            .unwrap_or_else(|| panic!("{file} not listed: {listed}"));
        assert_eq!(
            source["title"]["value"],
            titles["sources"][*seed]["title"].as_str().unwrap(),
            "{file}"
        );
        assert_eq!(source["title"]["from"], "the file's dc:title", "{file}");
    }
    let epub = items(&listed, "sources")
        .iter()
        .find(|s| s["file"] == "news.epub")
        .unwrap();
    assert_eq!(epub["date"]["value"], "2020-11-10");
    assert_eq!(epub["date"]["from"], "the file's dc:date");
}

#[test]
fn a_corrupt_docx_is_one_warning_and_the_rest_goes_on() {
    let whole = std::fs::read(fixture("encyclopedia.docx")).unwrap();
    let (root, cache) = corpus(&[
        ("broken.docx", whole[..whole.len() / 2].to_vec()),
        (NEWS, std::fs::read(seeds().join(NEWS)).unwrap()),
    ]);
    let out = sanad(
        &[
            "--corpus",
            root.path().to_str().unwrap(),
            "search",
            "بوتين",
            "--json",
        ],
        cache.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("broken.docx")).collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].contains("broken.docx: cannot be read as DOCX (corrupt zip: "),
        "{err}"
    );
    let found: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(items(&found, "hits").iter().all(|h| h["file"] == NEWS));
    assert!(!items(&found, "hits").is_empty());
}

/// Every fixture with bytes flipped, and cut short, through every office
/// extractor: a document or a skip, never a panic (deflate checks its CRC, so
/// most flips are a clear "corrupt zip"; flips in stored parts and in the
/// directory reach the XML and the archive code).
#[test]
fn damaged_files_are_skips_never_panics() {
    use sanad::extract::{extract, Format};
    let formats = [Format::Docx, Format::Odt, Format::Epub];
    // A fixed linear congruential sequence: the same damage on every run.
    let mut state: u64 = 0x5eed;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut documents = 0;
    for (file, _) in FIXTURES {
        let whole = std::fs::read(fixture(file)).unwrap();
        for _ in 0..200 {
            let mut bytes = whole.clone();
            for _ in 0..1 + next() % 4 {
                let at = next() % bytes.len();
                bytes[at] = next() as u8;
            }
            for format in formats {
                documents += usize::from(extract(format, &bytes).is_ok());
            }
        }
        for cut in (0..whole.len()).step_by(whole.len() / 60 + 1) {
            for format in formats {
                assert!(
                    extract(format, &whole[..cut]).is_err(),
                    "{file} cut at {cut}"
                );
            }
        }
    }
    // Some damage leaves a readable file: the loop did reach the extractors.
    assert!(documents > 0);
}

/// A timeline mention in a book names its chapter, as a search hit does, in
/// JSON and in the text output's addresses.
#[test]
fn timeline_mentions_name_their_chapter() {
    let file = "encyclopedia.epub";
    let doc = document_from_bytes(file.into(), &std::fs::read(fixture(file)).unwrap()).unwrap();
    let (root, cache) = only(file);
    let timeline = json(root.path(), cache.path(), &["timeline"]);
    let mentions: Vec<Value> = items(&timeline, "entries")
        .iter()
        .flat_map(|e| items(e, "mentions").to_vec())
        .collect();
    assert!(!mentions.is_empty());
    for m in &mentions {
        let paragraph = m["paragraph"].as_u64().unwrap() as usize;
        let chapter = doc.place_of(paragraph).and_then(|p| p.chapter.clone());
        assert_eq!(m["chapter"].as_str(), chapter.as_deref(), "{m}");
        assert!(chapter.is_some(), "{m}");
    }
    let text = sanad(
        &["--corpus", root.path().to_str().unwrap(), "timeline"],
        cache.path(),
    );
    assert!(
        stdout(&text).contains("encyclopedia.epub:الانتشار:"),
        "{}",
        stdout(&text)
    );
}
