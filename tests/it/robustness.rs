//! Property tests on arbitrary Unicode: the analyzer, the query parser and
//! matcher, the layout engine (what `tests/bidi.rs` does not already cover: very
//! long lines, NUL, lone marks, deep bidi embeddings, ZWJ sequences), the date
//! extractor, sentence splitting, decoding and citation markers.
//!
//! The text mixes scripts, lone combining marks, bidi controls, zero-width
//! joiners, NUL and other control characters, and date and query vocabulary so
//! the deeper code paths run. Nothing may panic and every output keeps its
//! invariants. Case counts are bounded so the suite stays fast in a debug
//! build; `fuzz/` has cargo-fuzz targets for long runs (README, "Fuzzing").

use std::ops::Range;
use std::sync::OnceLock;

use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use sanad::arabic::{analyze, normalize_word, stem};
use sanad::bidi::sanitize::is_bidi_format;
use sanad::bidi::{layout, layout_plain, Direction, LayoutOptions};
use sanad::corpus::{decode, Document, Encoding, MAX_PASSAGE_BYTES};
use sanad::index::CorpusIndex;
use sanad::metadata::Metadata;
use sanad::query::{Clause, Query, MAX_CLAUSES};
use sanad::sentences::sentence_spans;

use crate::common;

/// `default` cases, or `SANAD_PROPTEST_SCALE` times as many for a longer hunt
/// (`SANAD_PROPTEST_SCALE=50 cargo test --test it robustness::`).
fn cases(default: u32) -> ProptestConfig {
    let scale = std::env::var("SANAD_PROPTEST_SCALE")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1);
    ProptestConfig::with_cases(default.saturating_mul(scale))
}

// ---------------------------------------------------------------------------------------
// Generators

/// One character from everywhere text gets hard.
fn wild_char() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => prop::char::range('\u{0621}', '\u{064A}'),
        2 => prop::char::range('\u{064B}', '\u{0652}'),
        1 => prop::sample::select(vec![
            '\u{0640}', '\u{0670}', '\u{06D6}', '\u{0610}', 'ٱ', 'ی', 'ک', 'ۀ', 'ہ', '\u{0672}',
        ]),
        1 => prop::char::range('\u{0660}', '\u{0669}'),
        1 => prop::char::range('\u{06F0}', '\u{06F9}'),
        3 => prop::char::range('a', 'z'),
        1 => prop::char::range('A', 'Z'),
        3 => prop::char::range('0', '9'),
        1 => prop::char::range('\u{0300}', '\u{036F}'),
        1 => prop::char::range('\u{05D0}', '\u{05EA}'),
        1 => prop::char::range('\u{0531}', '\u{0556}'),
        1 => prop::char::range('\u{0400}', '\u{04FF}'),
        6 => Just(' '),
        4 => prop::sample::select(vec![
            '.', '!', '?', '؟', '…', ',', '،', '؛', ':', '"', '«', '»', '(', ')', '[', ']', '-',
            '*', '/', '\'', '”', '^',
        ]),
        2 => prop::sample::select(vec![
            '\n', '\r', '\t', '\0', '\u{1b}', '\u{7}', '\u{8}', '\u{7f}', '\u{85}', '\u{9b}',
            '\u{2028}', '\u{2029}', '\u{a0}', '\u{3000}', '\u{feff}', '\u{fffd}',
        ]),
        2 => prop::sample::select(vec![
            '\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{061c}', '\u{fe0f}',
            '\u{034f}',
        ]),
        1 => prop::char::range('\u{202A}', '\u{202E}'),
        1 => prop::char::range('\u{2066}', '\u{2069}'),
        1 => prop::sample::select(vec![
            '\u{1F468}', '\u{1F1E6}', '\u{1F3FD}', '中', 'İ', 'ß', 'ﷲ', '\u{FDFD}', 'ﻻ',
            '\u{10FFFF}', '\u{E000}', '\u{E0041}',
        ]),
        1 => any::<char>(),
    ]
}

/// Words and pieces that steer the date extractor, the citation reader and the
/// query parser into their deeper branches.
const VOCABULARY: &[&str] = &[
    "نوفمبر",
    "تشرين الثاني",
    "نوفمبر/تشرين الثاني",
    "كانون الأول",
    "يناير",
    "مارس",
    "آب",
    "عام",
    "سنة",
    "العام الماضي",
    "العام نفسه",
    "الشهر",
    "أمس",
    "اليوم",
    "غداة",
    "في اليوم التالي",
    "منتصف",
    "أوائل",
    "نهاية",
    "الخميس",
    "يوم الثلاثاء",
    "التسعينيات",
    "القرن",
    "من الشهر نفسه",
    "هـ",
    "م",
    "في ",
    "[14]",
    "[note 3]",
    "[",
    "]",
    "^ ",
    "\n^ مرجع ",
    "قوات حفظ السلام",
    "قره باغ",
    "قرة باغ",
    "وقف إطلاق النار",
    "هادروت",
    "جنديًا",
    "وُقِّع",
    "1960 جنديًا",
    "٢٠٢٠",
    "RTJMC",
    "\"",
    "*",
    "-",
    "ستيبان*",
    "-تركيا",
    "\u{1b}[2J",
    "\u{1b}]0;pwned\u{7}",
    "\u{202e}",
    "\u{2067}",
    "\u{200d}",
    "\u{0651}\u{0651}\u{0651}",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => wild_char().prop_map(String::from),
        2 => prop::sample::select(VOCABULARY).prop_map(String::from),
        1 => (1u32..32).prop_map(|n| n.to_string()),
        1 => (1u32..3000).prop_map(|n| n.to_string()),
    ]
}

/// Arbitrary text of up to `max` pieces.
fn wild_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..max).prop_map(|pieces| pieces.concat())
}

/// A query as a reader (or a fuzzer) might type it.
fn wild_query() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => wild_text(12),
        1 => prop::collection::vec(prop::sample::select(VOCABULARY), 0..6)
            .prop_map(|words| words.join(" ")),
        1 => any::<String>(),
    ]
}

// ---------------------------------------------------------------------------------------
// Invariant checks

fn assert_ranges_in(text: &str, ranges: &[Range<usize>], what: &str) {
    for r in ranges {
        assert!(r.start < r.end, "{what}: empty range {r:?} in {text:?}");
        assert!(
            r.end <= text.len(),
            "{what}: {r:?} past the end of {text:?}"
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{what}: {r:?} not on char boundaries of {text:?}"
        );
    }
}

/// Sorted and disjoint (touching allowed when `touching`).
fn assert_ordered(ranges: &[Range<usize>], touching: bool, what: &str) {
    for pair in ranges.windows(2) {
        let ok = if touching {
            pair[0].end <= pair[1].start
        } else {
            pair[0].end < pair[1].start
        };
        assert!(ok, "{what}: {:?} then {:?}", pair[0], pair[1]);
    }
}

fn check_analysis(text: &str) {
    let tokens = analyze(text);
    let ranges: Vec<Range<usize>> = tokens.iter().map(|t| t.start..t.end).collect();
    assert_ranges_in(text, &ranges, "token");
    assert_ordered(&ranges, true, "tokens");
    for t in &tokens {
        assert!(!t.norm.is_empty());
        assert_eq!(t.norm, normalize_word(&text[t.start..t.end]));
        assert_eq!(t.stem, stem(&t.norm));
        assert!(!t.stem.is_empty() && t.norm.contains(t.stem.as_str()));
        assert!(
            !t.norm.chars().any(|c| c.is_control() || c.is_whitespace()),
            "{:?}",
            t.norm
        );
    }
}

fn check_query(raw: &str, text: &str) {
    let Ok(query) = Query::parse(raw) else {
        return;
    };
    assert!(!query.clauses.is_empty() && query.clauses.len() <= MAX_CLAUSES);
    assert!(query
        .clauses
        .iter()
        .any(|c| !matches!(c, Clause::Exclude(_))));
    let highlights = query.highlights(text);
    assert_ranges_in(text, &highlights, "highlight");
    assert_ordered(&highlights, false, "highlights");
    let matched = query.matches(text);
    let excludes = query
        .clauses
        .iter()
        .any(|c| matches!(c, Clause::Exclude(_)));
    if matched && !excludes {
        assert!(
            !highlights.is_empty(),
            "{raw:?} matches {text:?} but marks nothing"
        );
    }
}

fn check_sentences(text: &str, range: Range<usize>) {
    let spans = sentence_spans(text, range.clone());
    assert_ranges_in(text, &spans, "sentence");
    assert_ordered(&spans, true, "sentences");
    for s in &spans {
        assert!(
            range.start <= s.start && s.end <= range.end,
            "{s:?} outside {range:?}"
        );
        let piece = &text[s.clone()];
        assert_eq!(piece, piece.trim(), "sentence not trimmed");
    }
}

fn check_document(doc: &Document) {
    let text = &doc.text;
    let paragraphs: Vec<Range<usize>> = doc.paragraphs.iter().map(|p| p.range()).collect();
    assert_ranges_in(text, &paragraphs, "paragraph");
    assert_ordered(&paragraphs, false, "paragraphs");
    let mut last: Option<(usize, usize)> = None;
    for p in doc.passages() {
        let para = doc.paragraph(p.paragraph).expect("passage of a paragraph");
        assert!(para.start <= p.start && p.end <= para.end);
        assert_ranges_in(text, std::slice::from_ref(&(p.start..p.end)), "passage");
        if let Some((n, end)) = last {
            assert!(n < p.paragraph || (n == p.paragraph && end <= p.start));
        }
        last = Some((p.paragraph, p.end));
        assert!(
            p.end - p.start <= MAX_PASSAGE_BYTES,
            "passage of {} bytes",
            p.end - p.start
        );
    }
}

fn check_timeline(docs: &[Document]) {
    let timeline = sanad::timeline::build(docs, &Metadata::default());
    for pair in timeline.entries.windows(2) {
        assert!(pair[0].date <= pair[1].date, "entries out of date order");
    }
    for entry in &timeline.entries {
        assert!(!entry.mentions.is_empty());
        for m in &entry.mentions {
            let doc = docs
                .iter()
                .find(|d| d.path == m.file)
                .expect("mention names a document");
            let text = &doc.text;
            assert_ranges_in(text, std::slice::from_ref(&(m.start..m.end)), "mention");
            assert_eq!(m.text, text[m.start..m.end], "mention text is its span");
            assert!(m.date_start < m.date_end && m.date_end <= text.len());
            assert!(text.is_char_boundary(m.date_start) && text.is_char_boundary(m.date_end));
            assert_eq!(m.date_text, text[m.date_start..m.date_end]);
            let para = doc.paragraph(m.paragraph).expect("mention's paragraph");
            assert!(
                para.start <= m.start && m.end <= para.end,
                "mention leaves its paragraph"
            );
            for marker in &m.markers {
                assert!(
                    m.text.contains(marker.as_str()),
                    "marker {marker} not in mention"
                );
            }
        }
    }
    let _ = sanad::output::timeline::text(&timeline);
    let _ = sanad::output::timeline::csv(&timeline);
    let _ = sanad::output::timeline::markdown(&timeline);
    let _ = sanad::output::timeline::json(&timeline);
}

fn check_layout(text: &str, options: &LayoutOptions) {
    let laid = layout_plain(text, options);
    let graphemes: Vec<Range<usize>> = text
        .grapheme_indices(true)
        .map(|(i, g)| i..i + g.len())
        .collect();
    let mut drawn: Vec<Range<usize>> = Vec::new();
    for line in &laid.lines {
        assert!(
            !line
                .text
                .chars()
                .any(|c| c.is_control() || is_bidi_format(c)),
            "steering character drawn: {:?}",
            line.text
        );
        if let Some(width) = options.width {
            let visible = line.cells.iter().filter(|c| c.width > 0).count();
            assert!(line.width <= width.max(1) || visible == 1);
        }
        for cell in &line.cells {
            drawn.push(cell.logical.clone());
        }
    }
    drawn.sort_by_key(|r| r.start);
    assert_ordered(&drawn, true, "cells");
    for r in &drawn {
        assert!(graphemes
            .binary_search_by_key(&r.start, |g| g.start)
            .is_ok());
        assert!(r.end <= text.len());
    }
}

// ---------------------------------------------------------------------------------------
// Analyzer, query, sentences, decoding

proptest! {
    #![proptest_config(cases(200))]

    #[test]
    fn analyzer_tokens_are_ordered_char_ranges(text in wild_text(80)) {
        check_analysis(&text);
    }

    #[test]
    fn analyzer_takes_any_string(text in any::<String>(), word in any::<String>()) {
        check_analysis(&text);
        let norm = normalize_word(&word);
        let _ = stem(&norm);
        let _ = stem(&word);
    }

    #[test]
    fn queries_parse_or_fail_cleanly_and_match_with_sorted_highlights(
        raw in wild_query(),
        text in wild_text(60),
    ) {
        check_query(&raw, &text);
    }

    /// Every word of a text, typed as a query, finds that text and marks it.
    #[test]
    fn each_word_of_a_text_finds_it(text in wild_text(40)) {
        for t in analyze(&text).iter().take(8) {
            let word = &text[t.start..t.end];
            let query = Query::parse(word)
                .unwrap_or_else(|e| panic!("word {word:?} of {text:?} does not parse: {e}"));
            prop_assert!(query.matches(&text), "{:?} does not find {:?}", word, text);
            let marks = query.highlights(&text);
            prop_assert!(
                marks.iter().any(|r| r.start <= t.start && t.end <= r.end),
                "{:?} not marked in {:?}: {:?}", word, text, marks
            );
        }
    }

    #[test]
    fn sentence_spans_are_ordered_and_trimmed(text in wild_text(80), a in 0usize..400, b in 0usize..400) {
        check_sentences(&text, 0..text.len());
        // Any sub-range on char boundaries.
        let clamp = |i: usize| {
            let mut i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (lo, hi) = (clamp(a.min(b)), clamp(a.max(b)));
        check_sentences(&text, lo..hi);
    }

    #[test]
    fn documents_split_into_ordered_paragraphs_and_passages(text in wild_text(120)) {
        check_document(&Document::new("wild.txt".into(), text, Encoding::Utf8, 0));
    }

    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok((text, _, _)) = decode(&bytes) {
            prop_assert!(!text.contains('\0'));
            prop_assert!(!text.trim().is_empty());
            check_document(&Document::new("bytes.txt".into(), text, Encoding::Utf8, 0));
        }
    }

    #[test]
    fn citation_markers_lie_inside_the_range(text in wild_text(60)) {
        let markers = sanad::cite::markers_in(&text, 0..text.len());
        let spans: Vec<Range<usize>> = markers.iter().map(|m| m.start..m.end).collect();
        assert_ranges_in(&text, &spans, "marker");
        assert_ordered(&spans, true, "markers");
        for m in &markers {
            prop_assert_eq!(m.written(), &text[m.start..m.end]);
        }
        let doc = Document::new("c.txt".into(), text, Encoding::Utf8, 0);
        let refs = sanad::cite::ReferenceList::of(&doc);
        for m in &markers {
            let _ = refs.resolve(m);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Timeline

proptest! {
    #![proptest_config(cases(200))]

    #[test]
    fn timeline_mentions_are_spans_of_their_documents(
        texts in prop::collection::vec(wild_text(80), 1..4),
    ) {
        let docs: Vec<Document> = texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| Document::new(format!("d{i}\u{1b}[31m.txt"), t, Encoding::Utf8, 0))
            .collect();
        check_timeline(&docs);
    }
}

/// A dense run of date expressions, so the extractor and the merger always work.
fn dated_text() -> impl Strategy<Value = String> {
    let date = (1u32..40, prop::sample::select(VOCABULARY), 1900u32..2100)
        .prop_map(|(d, w, y)| format!("في {d} {w} {y} "));
    prop::collection::vec(prop_oneof![2 => date, 3 => piece()], 0..60)
        .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(cases(100))]

    #[test]
    fn timeline_of_date_dense_text_keeps_its_invariants(texts in prop::collection::vec(dated_text(), 1..3)) {
        let docs: Vec<Document> = texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| Document::new(format!("n{i}.txt"), t, Encoding::Utf8, 0))
            .collect();
        check_timeline(&docs);
    }
}

// ---------------------------------------------------------------------------------------
// Every query that parses can be searched

fn seed_index() -> &'static CorpusIndex {
    static INDEX: OnceLock<(tempfile::TempDir, CorpusIndex)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let (index, _) = CorpusIndex::open(&common::seeds(), dir.path(), false, &mut |_, _| {})
                .expect("seed index");
            (dir, index)
        })
        .1
}

proptest! {
    #![proptest_config(cases(100))]

    #[test]
    fn every_query_that_parses_can_be_searched(raw in wild_query()) {
        let Ok(query) = Query::parse(&raw) else {
            return Ok(());
        };
        let results = seed_index()
            .search(&query, 5)
            .unwrap_or_else(|e| panic!("{raw:?} parsed but cannot be searched: {e}"));
        prop_assert!(results.hits.len() <= 5 && results.hits.len() <= results.total);
        for hit in &results.hits {
            prop_assert_eq!(hit.end - hit.start, hit.text.len());
            let marks: Vec<Range<usize>> = hit
                .highlights
                .iter()
                .map(|[s, e]| s - hit.start..e - hit.start)
                .collect();
            assert_ranges_in(&hit.text, &marks, "hit highlight");
            assert_ordered(&marks, false, "hit highlights");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Layout: what tests/bidi.rs does not cover

/// Characters that stress the layout specifically.
fn layout_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => wild_char(),
        1 => Just('\0'),
        1 => prop::char::range('\u{064B}', '\u{0652}'),
        1 => prop::char::range('\u{0300}', '\u{036F}'),
        1 => Just('\u{200d}'),
        1 => prop::char::range('\u{202A}', '\u{202E}'),
        1 => prop::char::range('\u{2066}', '\u{2069}'),
    ]
}

fn any_options() -> impl Strategy<Value = LayoutOptions> {
    let width = prop_oneof![1 => Just(None), 3 => (0usize..200).prop_map(Some)];
    let base = prop_oneof![
        Just(None),
        Just(Some(Direction::Ltr)),
        Just(Some(Direction::Rtl))
    ];
    (width, base, any::<bool>(), any::<bool>()).prop_map(|(width, base, shape, logical)| {
        LayoutOptions {
            width,
            base,
            shape,
            logical,
        }
    })
}

proptest! {
    #![proptest_config(cases(200))]

    /// Short paragraphs made of marks, joiners, NUL and embedding controls alone.
    #[test]
    fn layout_of_marks_and_controls_alone(
        text in prop::collection::vec(prop_oneof![
            Just('\0'), Just('\u{200d}'), Just('\u{200c}'), Just('\u{0651}'), Just('\u{0301}'),
            Just('\u{202e}'), Just('\u{202b}'), Just('\u{202c}'), Just('\u{2067}'),
            Just('\u{2069}'), Just('\u{fe0f}'), Just(' '), Just('\u{1F468}'),
        ], 0..40).prop_map(|c| c.into_iter().collect::<String>()),
        options in any_options(),
    ) {
        check_layout(&text, &options);
    }

    /// Style ranges anywhere: reversed, past the end, inside a character.
    #[test]
    fn layout_ignores_styles_that_make_no_sense(
        text in wild_text(40),
        ranges in prop::collection::vec((0usize..300, 0usize..300), 0..6),
    ) {
        let styles: Vec<(Range<usize>, u8)> =
            ranges.into_iter().enumerate().map(|(i, (a, b))| (a..b, i as u8 + 1)).collect();
        let laid = layout(&text, &LayoutOptions::wrapped(17), &styles);
        prop_assert!(laid.lines.iter().all(|l| l.cells.iter().all(|c| c.logical.end <= text.len())));
    }
}

proptest! {
    #![proptest_config(cases(12))]

    /// Lines of thousands of characters, wrapped and not.
    #[test]
    fn very_long_lines_lay_out(
        text in prop::collection::vec(layout_char(), 2000..6000)
            .prop_map(|c| c.into_iter().collect::<String>()),
        options in any_options(),
    ) {
        check_layout(&text, &options);
    }

    /// Long paragraphs, with few or no sentence ends, still make bounded passages.
    #[test]
    fn long_paragraphs_make_bounded_passages(
        text in prop::collection::vec(prop_oneof![
            20 => prop::char::range('\u{0621}', '\u{064A}'),
            3 => Just(' '),
            1 => wild_char(),
        ], 1000..8000).prop_map(|c| c.into_iter().collect::<String>()),
    ) {
        let doc = Document::new("long.txt".into(), text, Encoding::Utf8, 0);
        check_document(&doc);
        check_timeline(std::slice::from_ref(&doc));
    }
}

#[test]
fn embeddings_deeper_than_the_bidi_limit() {
    // UAX #9 stops at depth 125; the rest must be ignored, not crash.
    for open in [
        '\u{202A}', '\u{202B}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    ] {
        let mut text = String::new();
        for i in 0..300 {
            text.push(open);
            text.push(if i % 2 == 0 { 'ب' } else { 'a' });
        }
        text.push_str(&"\u{202C}\u{2069}".repeat(400));
        text.push_str("سلام 12 (abc)");
        for width in [None, Some(1), Some(7), Some(80)] {
            check_layout(
                &text,
                &LayoutOptions {
                    width,
                    ..LayoutOptions::default()
                },
            );
        }
    }
}

#[test]
fn a_megabyte_line_without_spaces_lays_out() {
    let text: String = "بسم\u{0651}a1\u{200d}\u{202e}x\0".repeat(60_000);
    assert!(text.len() > 1_000_000);
    let laid = layout_plain(&text, &LayoutOptions::wrapped(80));
    assert!(laid.lines.len() > 1000);
    check_analysis(&text);
    check_sentences(&text, 0..text.len());
}

#[test]
fn lone_marks_and_joiners_at_paragraph_edges() {
    for text in [
        "\u{0651}",
        "\u{0651}سلام",
        "سلام\u{0651}\u{0651}\u{0651}",
        "\u{200d}",
        "\u{200d}\u{200d}a",
        "\u{0301} \u{0301}",
        "\0",
        "\0\u{0651}",
        "\u{202e}\u{0651}",
        "\u{2067}\u{200d}\u{2069}",
        "\r\n\u{0651}",
        "a\u{200d}\u{1F468}\u{200d}\u{1F469}",
    ] {
        for width in [None, Some(0), Some(1), Some(2)] {
            check_layout(
                text,
                &LayoutOptions {
                    width,
                    shape: true,
                    ..LayoutOptions::default()
                },
            );
            check_layout(
                text,
                &LayoutOptions {
                    width,
                    logical: true,
                    ..LayoutOptions::default()
                },
            );
        }
        check_analysis(text);
        check_sentences(text, 0..text.len());
        check_query(text, text);
        check_timeline(&[Document::new(
            "e.txt".into(),
            text.into(),
            Encoding::Utf8,
            0,
        )]);
    }
}

/// The generators reach the deep code paths: dated text makes timeline entries,
/// queries parse and find things, texts have sentences and markers. Without
/// this the properties above could pass by testing nothing.
#[test]
fn generators_reach_the_deep_paths() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, TestRng, TestRunner};

    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha),
    );
    let mut sample = |s: &BoxedStrategy<String>| s.new_tree(&mut runner).expect("value").current();
    let (mut entries, mut parsed, mut found, mut sentences, mut markers) = (0, 0, 0, 0, 0);
    let dated = dated_text().boxed();
    let texts = wild_text(80).boxed();
    let queries = wild_query().boxed();
    for _ in 0..60 {
        let doc = Document::new("s.txt".into(), sample(&dated), Encoding::Utf8, 0);
        entries += sanad::timeline::build(&[doc], &Metadata::default())
            .entries
            .len();
        let text = sample(&texts);
        sentences += usize::from(sentence_spans(&text, 0..text.len()).len() > 1);
        markers += sanad::cite::markers_in(&text, 0..text.len()).len();
        if let Ok(q) = Query::parse(&sample(&queries)) {
            parsed += 1;
            found += usize::from(q.matches(&text));
        }
    }
    println!("entries {entries}, queries parsed {parsed}, found {found}, split {sentences}, markers {markers}");
    assert!(
        entries >= 30,
        "dated text makes few timeline entries: {entries}"
    );
    assert!(
        parsed >= 20 && found >= 1,
        "queries: {parsed} parsed, {found} found"
    );
    assert!(sentences >= 20 && markers >= 5);
}
