//! PDFs, read with poppler's `pdftotext`: one printed by Chromium from a web
//! page of a seed (with its running title and page numbers) and one exported
//! by LibreOffice Writer (`tests/fixtures/formats/make_pdf.sh`).

use super::{comparable, corpus_with, events, fixture, found, seed};
use crate::common::{sanad, sanad_env, stderr, stdout};

const QUERIES: &[&str] = &[
    "قوات حفظ السلام",
    "أوليانوفسك",
    "باشينيان",
    "لاتشين",
    "وقف إطلاق النار",
    "اللاجئين",
];

#[test]
fn a_printed_web_page_finds_the_passages_of_its_seed() {
    let txt = corpus_with(&[seed("001_")]);
    let pdf = corpus_with(&[fixture("pdf/news-chromium.pdf")]);
    for query in QUERIES {
        let want = found(txt.path(), query);
        assert!(!want.is_empty(), "{query}");
        assert_eq!(found(pdf.path(), query), want, "{query}");
    }
}

#[test]
fn a_printed_web_page_has_the_events_of_its_seed() {
    let txt = corpus_with(&[seed("001_")]);
    let pdf = corpus_with(&[fixture("pdf/news-chromium.pdf")]);
    let want = events(txt.path());
    assert!(want.len() >= 5, "{want:?}");
    assert_eq!(events(pdf.path()), want);
}

/// Writer's text layer comes out of pdftotext with some lines of a
/// justified paragraph in another order, so passages differ; every word
/// and every dated event is there.
#[test]
fn a_word_processor_pdf_has_the_words_and_events_of_its_seed() {
    let txt = corpus_with(&[seed("001_")]);
    let pdf = corpus_with(&[fixture("pdf/news-writer.pdf")]);
    let dates = |c: &std::path::Path| -> Vec<(String, String)> {
        events(c).into_iter().map(|(d, c, _)| (d, c)).collect()
    };
    assert_eq!(dates(pdf.path()), dates(txt.path()));
    for query in QUERIES {
        assert_eq!(
            found(pdf.path(), query).is_empty(),
            found(txt.path(), query).is_empty(),
            "{query}"
        );
    }
    let cache = tempfile::tempdir().unwrap();
    let corpus = pdf.path().to_str().unwrap();
    let shown = stdout(&sanad(
        &[
            "--corpus",
            corpus,
            "show",
            "news-writer.pdf",
            "--width",
            "200",
        ],
        cache.path(),
    ));
    let seed_text = std::fs::read_to_string(seed("001_")).unwrap();
    let got: std::collections::HashSet<String> =
        comparable(&shown).split(' ').map(str::to_string).collect();
    let words: Vec<String> = comparable(&seed_text)
        .split(' ')
        .map(str::to_string)
        .collect();
    let kept = words.iter().filter(|w| got.contains(*w)).count();
    assert!(
        kept * 100 >= words.len() * 97,
        "{kept} of {} words",
        words.len()
    );
}

#[test]
fn running_heads_and_page_numbers_are_not_text() {
    let pdf = corpus_with(&[fixture("pdf/news-chromium.pdf")]);
    let cache = tempfile::tempdir().unwrap();
    let corpus = pdf.path().to_str().unwrap();
    let shown = stdout(&sanad(
        &["--corpus", corpus, "show", "news-chromium.pdf"],
        cache.path(),
    ));
    // Chromium prints the page's title, the date and time, its address and
    // `1/2` on every page.
    for furniture in ["تنتشر في قره باغ", "AM", "file://", "1/2", "2/2"] {
        assert!(!shown.contains(furniture), "{furniture} in {shown}");
    }
}

#[test]
fn hits_carry_their_page() {
    let pdf = corpus_with(&[fixture("pdf/news-chromium.pdf")]);
    let cache = tempfile::tempdir().unwrap();
    let corpus = pdf.path().to_str().unwrap();
    let out = sanad(
        &["--corpus", corpus, "search", "--json", "أرمينيا"],
        cache.path(),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let pages: std::collections::BTreeSet<u64> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["page"].as_u64().unwrap())
        .collect();
    assert_eq!(pages.into_iter().collect::<Vec<_>>(), [1, 2]);
    let text = stdout(&sanad(
        &["--corpus", corpus, "search", "باشينيان"],
        cache.path(),
    ));
    assert!(text.contains("news-chromium.pdf:1:7 "), "{text}");
    let text = stdout(&sanad(
        &["--corpus", corpus, "search", "1992"],
        cache.path(),
    ));
    assert!(text.contains("news-chromium.pdf:2:"), "{text}");
}

#[test]
fn a_broken_or_unreadable_pdf_is_one_warning_and_the_rest_goes_on() {
    let dir = corpus_with(&[seed("001_")]);
    std::fs::write(dir.path().join("broken.pdf"), b"%PDF-1.4\nnot really").unwrap();
    let cache = tempfile::tempdir().unwrap();
    let corpus = dir.path().to_str().unwrap();
    let out = sanad(&["--corpus", corpus, "search", "باشينيان"], cache.path());
    assert!(out.status.success());
    let err = stderr(&out);
    let warning: Vec<&str> = err.lines().filter(|l| l.contains("broken.pdf")).collect();
    assert_eq!(warning.len(), 1, "{err}");
    assert!(warning[0].contains("cannot be read as PDF ("), "{err}");
    assert!(stdout(&out).contains("باشينيان"));
}

#[test]
fn without_poppler_a_pdf_says_what_to_install() {
    let dir = corpus_with(&[seed("001_"), fixture("pdf/news-chromium.pdf")]);
    let cache = tempfile::tempdir().unwrap();
    let corpus = dir.path().to_str().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let out = sanad_env(
        &["--corpus", corpus, "index"],
        cache.path(),
        &[("PATH", empty.path().to_str().unwrap())],
    );
    assert!(out.status.success(), "{out:?}");
    let err = stderr(&out);
    assert!(
        err.contains("news-chromium.pdf: cannot be read as PDF (pdftotext is not installed"),
        "{err}"
    );
    assert!(err.contains("poppler-utils"), "{err}");
}

/// `e` on a PDF opens the original with the system's viewer: an editor would
/// show its bytes, and saving them would break it.
#[test]
fn edit_on_a_pdf_asks_for_the_system_viewer() {
    use sanad::app::{Action, App, Effect, Keymap, Settings};
    let dir = corpus_with(&[fixture("pdf/news-chromium.pdf")]);
    let loaded = sanad::corpus::Corpus::load(dir.path()).unwrap();
    let mut app = App::new(
        loaded,
        sanad::metadata::Metadata::default(),
        sanad::timeline::Timeline::default(),
        None,
        Keymap::defaults(),
        Settings::default(),
    );
    let effect = app.update(Action::Edit);
    assert_eq!(effect, Effect::Open(dir.path().join("news-chromium.pdf")));
    app.after_open(
        &dir.path().join("news-chromium.pdf"),
        Err("xdg-open is not installed".into()),
    );
    assert_eq!(
        app.message.as_deref(),
        Some("cannot open news-chromium.pdf: xdg-open is not installed")
    );
}

/// A timeline mention in a PDF names its page, as a search hit does.
#[test]
fn timeline_mentions_name_their_page() {
    let pdf = corpus_with(&[fixture("pdf/news-chromium.pdf")]);
    let cache = tempfile::tempdir().unwrap();
    let out = sanad(
        &[
            "--corpus",
            pdf.path().to_str().unwrap(),
            "timeline",
            "--json",
        ],
        cache.path(),
    );
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let pages: Vec<u64> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["mentions"].as_array().unwrap().clone())
        .map(|m| m["page"].as_u64().expect("every mention names its page"))
        .collect();
    assert!(!pages.is_empty());
    assert!(pages.iter().all(|&p| (1..=4).contains(&p)), "{pages:?}");
}
