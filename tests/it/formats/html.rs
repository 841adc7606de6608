//! Saved web pages end to end: the pages `make_html.py` writes from the seeds,
//! inside a news site's furniture, in Windows-1256 and as a Wikipedia article,
//! read as their seeds do (the same paragraphs, passages and timeline), their
//! reference lists resolve, none of the site's words are ever found, and their
//! own metadata dates them.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

use super::{
    assert_same_passages, corpus, document_body, items, json, seed_body, timeline_entries,
};
use crate::common::seeds;
use sanad::corpus::document_from_bytes;

const ENCYCLOPEDIA: &str = "000_271304c8eddbc6f6.txt";
const NEWS: &str = "001_f782a295b2e42d0e.txt";
const OLD_NEWS: &str = "002_af4f6c64b51bd7fa.txt";

/// Each page, the seed it was written from, and the date the page gives
/// itself (the seed's own in `seeds/sources.toml`).
const PAGES: &[(&str, &str, Option<&str>)] = &[
    ("news.html", NEWS, Some("2020-11-10")),
    ("news-1256.html", OLD_NEWS, Some("2023-09-21")),
    ("encyclopedia.html", ENCYCLOPEDIA, None),
];

fn fixture(name: &str) -> PathBuf {
    super::fixture(&format!("html/{name}"))
}

fn page(name: &str) -> (TempDir, TempDir) {
    corpus(&[(name, std::fs::read(fixture(name)).unwrap())])
}

/// The seed alone, with the date its page carries given in a `sources.toml`:
/// what the page must read as.
fn seed_dated(seed: &str, date: Option<&str>) -> (TempDir, TempDir) {
    let mut files = vec![(seed, std::fs::read(seeds().join(seed)).unwrap())];
    let toml;
    if let Some(date) = date {
        toml = format!("[sources.\"{seed}\"]\ndate = {date}\nkind = \"news\"\n");
        files.push(("sources.toml", toml.into_bytes()));
    }
    corpus(&files)
}

/// The furniture words of `make_html.py`, which no seed uses.
fn furniture() -> Vec<String> {
    let script = std::fs::read_to_string(super::fixture("make_html.py")).unwrap();
    let list = script.split("FURNITURE = [").nth(1).unwrap();
    let list = list.split(']').next().unwrap();
    let words: Vec<String> = list
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"'))
        .filter_map(|l| l.split('"').next())
        .map(str::to_string)
        .collect();
    assert!(words.len() >= 10, "{words:?}");
    words
}

#[test]
fn each_page_has_its_seeds_paragraphs_in_order() {
    for (file, seed, _) in PAGES {
        // A page has no blank paragraphs: its seed's blank lines are left out.
        let mut body = seed_body(seed);
        body.retain(|l| !l.trim().is_empty());
        assert_eq!(document_body(&fixture(file)), body, "{file}");
    }
}

#[test]
fn none_of_the_sites_words_is_ever_found() {
    let words = furniture();
    for (file, seed, date) in PAGES {
        let doc =
            document_from_bytes(file.to_string(), &std::fs::read(fixture(file)).unwrap()).unwrap();
        for w in &words {
            assert!(!doc.text.contains(w.as_str()), "{file}: «{w}» extracted");
        }
        let (root, cache) = page(file);
        let (seed_root, seed_cache) = seed_dated(seed, *date);
        for w in &words {
            let query = format!("\"{w}\"");
            let hits = |r: &Path, c: &Path| items(&json(r, c, &["search", &query]), "hits").len();
            assert_eq!(
                hits(root.path(), cache.path()),
                hits(seed_root.path(), seed_cache.path()),
                "{file}: {w}"
            );
        }
    }
}

#[test]
fn search_finds_the_same_passages_as_in_the_seed() {
    for (file, seed, date) in PAGES {
        let (root, cache) = page(file);
        let (seed_root, seed_cache) = seed_dated(seed, *date);
        assert_same_passages(
            file,
            (root.path(), cache.path()),
            (seed_root.path(), seed_cache.path()),
        );
    }
}

#[test]
fn the_timeline_has_the_seeds_events_dated_by_the_page() {
    for (file, seed, date) in PAGES {
        let (root, cache) = page(file);
        let (seed_root, seed_cache) = seed_dated(seed, *date);
        let got = json(root.path(), cache.path(), &["timeline"]);
        let expected = json(seed_root.path(), seed_cache.path(), &["timeline"]);
        assert!(!items(&expected, "entries").is_empty(), "{seed}");
        assert_eq!(
            timeline_entries(&got),
            timeline_entries(&expected),
            "{file}"
        );
    }
    // «أول من أمس» in the Windows-1256 page counts from the date in its
    // <time datetime>: the offensive of Tuesday 19 September 2023.
    let (root, cache) = page("news-1256.html");
    let timeline = json(root.path(), cache.path(), &["timeline"]);
    assert!(
        items(&timeline, "entries")
            .iter()
            .any(|e| e["date"] == "2023-09-19"),
        "{timeline}"
    );
}

#[test]
fn wikipedias_reference_list_resolves_the_markers() {
    let seed = std::fs::read_to_string(seeds().join(ENCYCLOPEDIA)).unwrap();
    let seed_refs: Vec<&str> = seed
        .lines()
        .filter_map(|l| l.strip_prefix('^'))
        .map(str::trim)
        .collect();
    let file = "encyclopedia.html";
    let doc = document_from_bytes(file.into(), &std::fs::read(fixture(file)).unwrap()).unwrap();
    let refs = sanad::cite::ReferenceList::of(&doc);
    let markers = sanad::cite::markers_in(&doc.text, 0..doc.text.len());
    assert!(markers.len() > 50, "{} markers", markers.len());
    for (label, want) in [("1", seed_refs[0]), ("2", seed_refs[1])] {
        let marker = markers.iter().find(|m| m.label == label).unwrap();
        assert_eq!(refs.resolve(marker).map(|r| r.text.as_str()), Some(want));
    }
    assert!(markers.iter().all(|m| refs.resolve(m).is_some()));
    // The backlinks («^») are not part of any note.
    assert!(refs.entries().iter().all(|r| !r.text.starts_with('^')));
}

#[test]
fn sources_shows_the_pages_own_title_site_date_and_address() {
    let files: Vec<(&str, Vec<u8>)> = PAGES
        .iter()
        .map(|(f, _, _)| (*f, std::fs::read(fixture(f)).unwrap()))
        .collect();
    let (root, cache) = corpus(&files);
    let listed = json(root.path(), cache.path(), &["sources"]);
    let source = |file: &str| -> Value {
        items(&listed, "sources")
            .iter()
            .find(|s| s["file"] == file)
            .cloned()
            .unwrap_or_else(|| panic!("{file} not listed: {listed}"))
    };
    let toml = std::fs::read_to_string(seeds().join("sources.toml")).unwrap();
    let seeds_meta: toml::Table = toml.parse().unwrap();
    let title_of = |seed: &str| {
        seeds_meta["sources"][seed]["title"]
            .as_str()
            .unwrap()
            .to_string()
    };

    let news = source("news.html");
    assert_eq!(news["title"]["value"], title_of(NEWS));
    assert_eq!(news["title"]["from"], "the file's og:title");
    assert_eq!(news["outlet"]["value"], "وكالة أنباء القوقاز");
    assert_eq!(news["date"]["value"], "2020-11-10");
    assert_eq!(news["date"]["from"], "the file's article:published_time");
    assert_eq!(
        news["url"],
        "https://example.com/news/2020/11/10/peacekeepers"
    );

    let old = source("news-1256.html");
    assert_eq!(old["title"]["value"], title_of(OLD_NEWS));
    assert_eq!(old["title"]["from"], "the file's <title>");
    assert_eq!(old["date"]["value"], "2023-09-21");
    assert_eq!(old["date"]["from"], "the file's <time datetime>");

    let wiki = source("encyclopedia.html");
    assert_eq!(wiki["title"]["value"], title_of(ENCYCLOPEDIA));
    assert_eq!(wiki["outlet"]["value"], "ويكيبيديا");
}

/// Every page with bytes changed, and cut short: a document or a skip, never
/// a panic.
#[test]
fn damaged_pages_are_documents_or_skips_never_panics() {
    use sanad::extract::{extract, Format};
    let mut state: u64 = 0x4854_4d4c;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    for (file, _, _) in PAGES {
        let whole = std::fs::read(fixture(file)).unwrap();
        for _ in 0..100 {
            let mut bytes = whole.clone();
            for _ in 0..1 + next() % 8 {
                let at = next() % bytes.len();
                bytes[at] = [b'<', b'>', b'"', b'/', b'&', 0xD9, next() as u8][next() % 7];
            }
            let _ = extract(Format::Html, &bytes);
        }
        for cut in (0..whole.len()).step_by(whole.len() / 40 + 1) {
            let _ = extract(Format::Html, &whole[..cut]);
        }
    }
}
