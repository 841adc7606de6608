//! The right-to-left layout against GNU FriBidi, by properties, and on a ratatui screen.

use std::ops::Range;

use proptest::prelude::*;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::widgets::Paragraph;
use ratatui::Terminal;
use serde::Deserialize;
use unicode_segmentation::UnicodeSegmentation;

use sanad::bidi::sanitize::is_bidi_format;
use sanad::bidi::{layout, layout_plain, Direction, Layout, LayoutOptions, VisualPos};
use sanad::ui::text::to_lines;

// ---------------------------------------------------------------------------------------
// GNU FriBidi reference vectors (tests/fixtures/bidi/make_vectors.py)

const VECTORS: &str = include_str!("../fixtures/bidi/vectors.jsonl");

/// One vector: a paragraph, a wrap width, and FriBidi's result.
#[derive(Debug, Deserialize)]
struct Vector {
    id: String,
    input: String,
    width: Option<usize>,
    base: String,
    /// Each line's `[start, end)` in chars of `input`.
    ranges: Vec<(usize, usize)>,
    lines: Vec<String>,
}

impl Vector {
    fn logical_lines(&self) -> Vec<String> {
        let chars: Vec<char> = self.input.chars().collect();
        let slice =
            |(start, end): &(usize, usize)| chars.get(*start..*end).unwrap_or(&[]).iter().collect();
        self.ranges.iter().map(slice).collect()
    }
}

fn vectors() -> Vec<Vector> {
    VECTORS
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("bad vector {line}: {e}")))
        .collect()
}

/// Everything in which our layout of `vector` differs from FriBidi's.
fn disagreements(vector: &Vector) -> Vec<String> {
    let options = LayoutOptions {
        width: vector.width,
        ..LayoutOptions::default()
    };
    let laid = layout_plain(&vector.input, &options);
    let mut found = Vec::new();
    let base = match laid.direction {
        Direction::Ltr => "ltr",
        Direction::Rtl => "rtl",
    };
    if base != vector.base {
        found.push(format!(
            "{} w={:?}: base {base}, fribidi {}",
            vector.id, vector.width, vector.base
        ));
    }
    let ours_logical: Vec<&str> = laid
        .lines
        .iter()
        .map(|l| vector.input.get(l.logical.clone()).unwrap_or(""))
        .collect();
    let theirs_logical = vector.logical_lines();
    if ours_logical != theirs_logical {
        found.push(format!("{} w={:?}: wrap differs", vector.id, vector.width));
        return found;
    }
    for (index, (line, expected)) in laid.lines.iter().zip(&vector.lines).enumerate() {
        if &line.text != expected {
            found.push(format!(
                "{} w={:?} line {index}:\n  ours   {:?}\n  fribidi {expected:?}",
                vector.id, vector.width, line.text
            ));
        }
    }
    found
}

#[test]
fn fribidi_vectors_agree() {
    let vectors = vectors();
    let lines: usize = vectors.iter().map(|v| v.lines.len()).sum();
    let found: Vec<String> = vectors.iter().flat_map(disagreements).collect();
    println!(
        "fribidi vectors: {} vectors, {} visual lines, {} disagreements",
        vectors.len(),
        lines,
        found.len()
    );
    for line in found.iter().take(20) {
        println!("{line}");
    }
    assert!(
        vectors.len() >= 80,
        "expected at least 40 paragraphs x 2 widths"
    );
    assert!(vectors.iter().any(|v| v.width == Some(40)));
    assert!(
        found.is_empty(),
        "{} disagreements with fribidi",
        found.len()
    );
}

#[test]
fn vectors_cover_the_hard_cases() {
    let vectors = vectors();
    let has = |needle: &str| vectors.iter().any(|v| v.input.contains(needle));
    for needle in [
        "1960",
        "RTJMC",
        "Azercell",
        "(",
        "[14]",
        "\"",
        "نوفمبر/تشرين الثاني 2020",
        "وفقًا",
    ] {
        assert!(has(needle), "no vector contains {needle:?}");
    }
    assert!(vectors
        .iter()
        .any(|v| v.input.starts_with("^Kucera") && v.base == "ltr"));
    assert!(
        vectors.iter().any(|v| v.input.contains('\u{0547}')),
        "no Armenian vector"
    );
}

// ---------------------------------------------------------------------------------------
// Properties

/// Characters that make layout hard: Arabic letters and marks, Hebrew, Latin, digits,
/// brackets, spaces (U+0020, NBSP, tab), bidi controls, ZWJ, emoji, wide CJK, controls.
fn hard_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range('\u{0621}', '\u{064A}'),
        2 => prop::char::range('\u{064B}', '\u{0652}'),
        1 => prop::char::range('\u{05D0}', '\u{05EA}'),
        3 => prop::char::range('a', 'z'),
        2 => prop::char::range('0', '9'),
        4 => Just(' '),
        2 => prop::sample::select(vec![
            '(', ')', '[', ']', '«', '»', '.', ',', '-', '/', '"', ':', '%',
        ]),
        1 => prop::sample::select(vec![
            '\u{a0}', '\t', '\n', '\r', '\u{1b}', '\u{9b}', '\u{200d}', '\u{200c}', '\u{200f}',
            '\u{200e}', '\u{061c}',
        ]),
        1 => prop::char::range('\u{202A}', '\u{202E}'),
        1 => prop::char::range('\u{2066}', '\u{2069}'),
        1 => prop::sample::select(vec!['\u{1F468}', '\u{1F1E6}', '\u{1F1E8}', '中', '\u{FE0F}']),
        1 => prop::sample::select(DISPUTED.to_vec()),
        1 => any::<char>(),
    ]
}

/// Characters that are invisible, or whose width `unicode-width` (so sanad and
/// ratatui) and terminals disagree on: the display filter drops them (ZWJ only
/// where it joins no two characters into one cluster).
const DISPUTED: [char; 13] = [
    '\u{FFF9}',
    '\u{FFFA}',
    '\u{FFFB}',
    '\u{200D}',
    '\u{AD}',
    '\u{3164}',
    '\u{FFA0}',
    '\u{E0001}',
    '\u{E0041}',
    '\u{E007F}',
    '\u{200B}',
    '\u{2060}',
    '\u{FEFF}',
];

/// The columns a terminal emulator (vt100) advances printing `text`.
fn emulated_width(text: &str) -> usize {
    let mut parser = vt100::Parser::new(1, 500, 0);
    parser.process(text.as_bytes());
    usize::from(parser.screen().cursor_position().1)
}

/// The columns ratatui fills drawing `line` in a row `width` wide, after the
/// alignment padding.
fn drawn_width(line: &sanad::bidi::VisualLine<()>, width: u16) -> usize {
    let mut buffer = Buffer::empty(ratatui::layout::Rect::new(0, 0, width, 1));
    let drawn = sanad::ui::text::to_line(line, usize::from(width), &|_| Style::default());
    let (x, _) = buffer.set_line(0, 0, &drawn, width);
    usize::from(x).saturating_sub(line.indent(usize::from(width)))
}

#[test]
fn disputed_characters_are_not_drawn_and_widths_hold() {
    for c in DISPUTED {
        for text in [
            format!("a{c}b"),
            format!("{c}"),
            format!("{c}{c}x"),
            format!("سلام{c} عليكم"),
            format!("ب{c}ب"),
        ] {
            let laid = layout_plain(&text, &LayoutOptions::default());
            for line in &laid.lines {
                assert!(
                    !line.text.contains(c),
                    "U+{:04X} drawn in {:?}",
                    u32::from(c),
                    line.text
                );
                assert_eq!(drawn_width(line, 100), line.width, "{text:?}");
                assert_eq!(emulated_width(&line.text), line.width, "{text:?}");
            }
            let shown = sanad::bidi::visible_controls(&text);
            assert!(!shown.contains(c), "U+{:04X} in {shown:?}", u32::from(c));
        }
    }
}

#[test]
fn joiners_stay_where_they_join() {
    // An emoji ZWJ sequence is one cluster, two cells: the ZWJ stays.
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
    let laid = layout_plain(family, &LayoutOptions::default());
    assert_eq!(laid.lines[0].text, family);
    assert_eq!(laid.lines[0].width, 2);
    assert_eq!(sanad::bidi::visible_controls(family), family);
    // ZWNJ, which Persian and Arabic spelling needs, stays everywhere.
    let persian = "می\u{200C}خواهم";
    assert!(layout_plain(persian, &LayoutOptions::default()).lines[0]
        .text
        .contains('\u{200C}'));
    assert_eq!(sanad::bidi::visible_controls(persian), persian);
}

fn hard_text() -> impl Strategy<Value = String> {
    prop::collection::vec(hard_char(), 0..80).prop_map(|chars| chars.into_iter().collect())
}

fn any_width() -> impl Strategy<Value = Option<usize>> {
    prop_oneof![1 => Just(None), 6 => (0usize..30).prop_map(Some)]
}

fn any_options() -> impl Strategy<Value = LayoutOptions> {
    let base = prop_oneof![
        Just(None),
        Just(Some(Direction::Ltr)),
        Just(Some(Direction::Rtl))
    ];
    (any_width(), base, any::<bool>()).prop_map(|(width, base, shape)| LayoutOptions {
        width,
        base,
        shape,
        logical: false,
    })
}

fn grapheme_ranges(text: &str) -> Vec<Range<usize>> {
    text.grapheme_indices(true)
        .map(|(start, g)| start..start + g.len())
        .collect()
}

fn cell_ranges(laid: &Layout<()>) -> Vec<Range<usize>> {
    let mut ranges: Vec<_> = laid
        .lines
        .iter()
        .flat_map(|l| l.cells.iter().map(|c| c.logical.clone()))
        .collect();
    ranges.sort_by_key(|r| r.start);
    ranges
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Every grapheme is drawn exactly once, except one U+0020 per soft break.
    #[test]
    fn every_grapheme_appears_once(text in hard_text(), options in any_options()) {
        let laid = layout_plain(&text, &options);
        let drawn = cell_ranges(&laid);
        let all = grapheme_ranges(&text);
        let dropped: Vec<_> = all.iter().filter(|r| !drawn.contains(r)).collect();
        let soft_breaks = laid.lines.iter().filter(|l| l.soft_break).count();
        prop_assert_eq!(drawn.len() + dropped.len(), all.len());
        prop_assert_eq!(dropped.len(), soft_breaks);
        for range in dropped {
            prop_assert_eq!(&text[range.clone()], " ");
        }
    }

    /// No line is wider than the width, unless it is one grapheme wider than the width.
    #[test]
    fn lines_fit_the_width(text in hard_text(), width in 0usize..30, shape in any::<bool>()) {
        let options = LayoutOptions { width: Some(width), shape, ..LayoutOptions::default() };
        let laid = layout_plain(&text, &options);
        for line in &laid.lines {
            let visible = line.cells.iter().filter(|c| c.width > 0).count();
            prop_assert!(line.width <= width.max(1) || visible == 1, "{:?}", line);
            prop_assert_eq!(line.width, line.cells.iter().map(|c| c.width).sum::<usize>());
        }
    }

    /// Logical → visual and visual → logical are inverse permutations of the drawn cells.
    #[test]
    fn maps_are_inverse_permutations(text in hard_text(), options in any_options()) {
        let laid = layout_plain(&text, &options);
        let mut column_hits = 0;
        for (index, line) in laid.lines.iter().enumerate() {
            let mut next_column = 0;
            for cell in &line.cells {
                prop_assert_eq!(cell.column, next_column);
                next_column += cell.width;
                if cell.width == 0 {
                    continue;
                }
                let pos = VisualPos { line: index, column: cell.column };
                prop_assert_eq!(laid.position_of(cell.logical.start), Some(pos));
                prop_assert_eq!(laid.offset_at(pos), Some(cell.logical.start));
            }
            for column in 0..line.width {
                let offset = laid.offset_at(VisualPos { line: index, column });
                prop_assert!(offset.is_some());
                column_hits += 1;
            }
        }
        prop_assert_eq!(column_hits, laid.lines.iter().map(|l| l.width).sum::<usize>());
    }

    /// Left-to-right text without controls comes out as it went in, apart from wrapping.
    #[test]
    fn pure_ltr_text_is_unchanged(text in "[ -~\u{a0}]{0,80}", width in any_width()) {
        let options = LayoutOptions { width, ..LayoutOptions::default() };
        let laid = layout_plain(&text, &options);
        prop_assert_eq!(laid.direction, Direction::Ltr);
        for line in &laid.lines {
            prop_assert_eq!(line.text.as_str(), &text[line.logical.clone()]);
        }
    }

    /// Nothing drawn can steer the terminal: no control characters, no bidi controls.
    #[test]
    fn output_has_no_controls(text in hard_text(), options in any_options()) {
        let laid = layout_plain(&text, &options);
        for line in &laid.lines {
            let steers = |c: char| c.is_control() || is_bidi_format(c);
            prop_assert!(!line.text.chars().any(steers), "{:?}", line.text);
            for (_, shown) in line.cells_with_text() {
                prop_assert!(shown.graphemes(true).count() <= 1, "cell {:?}", shown);
            }
        }
    }

    /// Where graphemes are single chars, the result is unicode-bidi's own `reorder_line`
    /// plus mirroring, line by line on the paragraph's levels (notes/bidi.md §3).
    #[test]
    fn matches_unicode_bidi_reorder_line(
        text in prop::collection::vec(prop_oneof![
            4 => prop::char::range('\u{0621}', '\u{064A}'),
            3 => prop::char::range('a', 'z'),
            2 => prop::char::range('0', '9'),
            3 => Just(' '),
            2 => prop::sample::select(vec!['(', ')', '[', ']', '.', ',', '-', '/', '%', '+']),
        ], 0..60).prop_map(|chars| chars.into_iter().collect::<String>()),
        width in any_width(),
    ) {
        let laid = layout_plain(&text, &LayoutOptions { width, ..LayoutOptions::default() });
        let info = unicode_bidi::ParagraphBidiInfo::new(&text, None);
        for line in &laid.lines {
            if line.logical.is_empty() {
                continue;
            }
            let (levels, runs) = info.visual_runs(line.logical.clone());
            let mut expected = String::new();
            for run in runs {
                if levels[run.start].is_rtl() {
                    expected.extend(text[run].chars().rev().map(|c| {
                        unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
                    }));
                } else {
                    expected.push_str(&text[run]);
                }
            }
            prop_assert_eq!(&line.text, &expected);
        }
    }

    /// Styles travel with their graphemes: a cell is styled iff its grapheme overlaps a hit.
    #[test]
    fn styles_travel_with_graphemes(text in hard_text(), a in 0usize..100, b in 0usize..100) {
        let hit = a.min(b)..a.max(b);
        let laid = layout(&text, &LayoutOptions::wrapped(12), &[(hit.clone(), true)]);
        for line in &laid.lines {
            for cell in &line.cells {
                let overlaps =
                    !hit.is_empty() && cell.logical.start < hit.end && hit.start < cell.logical.end;
                prop_assert_eq!(cell.style, overlaps);
            }
        }
    }
}

/// Paragraph (no wrap) into a test terminal of `width` columns.
fn render(layout: &Layout<()>, width: u16) -> Buffer {
    let lines = to_lines(layout, usize::from(width), |_| Style::default());
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let backend = TestBackend::new(width, height);
    let mut terminal = Terminal::new(backend).unwrap_or_else(|e| panic!("{e}"));
    terminal
        .draw(|frame| frame.render_widget(Paragraph::new(lines), frame.area()))
        .unwrap_or_else(|e| panic!("{e}"));
    terminal.backend().buffer().clone()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// ratatui draws every cell exactly at the column the layout computed.
    #[test]
    fn ratatui_draws_cells_where_the_layout_says(
        text in hard_text(),
        width in 1u16..30,
        shape in any::<bool>(),
    ) {
        let options = LayoutOptions::wrapped(usize::from(width)).with_shape(shape);
        let laid = layout_plain(&text, &options);
        let buffer = render(&laid, width);
        for (y, line) in laid.lines.iter().enumerate() {
            if line.width > usize::from(width) {
                continue;
            }
            let indent = line.indent(usize::from(width));
            for (cell, shown) in line.cells_with_text().filter(|(c, _)| c.width > 0) {
                let x = u16::try_from(indent + cell.column).unwrap_or(u16::MAX);
                let y = u16::try_from(y).unwrap_or(u16::MAX);
                prop_assert_eq!(buffer[(x, y)].symbol(), shown, "line {:?}", line.text);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The width the layout computes for a line is the width ratatui fills, and
    /// nothing disputed is drawn but a ZWJ inside a cluster it joins.
    #[test]
    fn layout_width_is_the_drawn_width(text in hard_text(), shape in any::<bool>()) {
        let laid = layout_plain(&text, &LayoutOptions::default().with_shape(shape));
        for line in &laid.lines {
            let width = u16::try_from(line.width + 1).unwrap_or(u16::MAX);
            prop_assert_eq!(drawn_width(line, width), line.width, "{:?}", line.text);
            for cell in line.cells_with_text().map(|(_, t)| t) {
                let joined = cell.chars().count() > 1 && !cell.ends_with('\u{200D}');
                prop_assert!(
                    !cell.chars().any(|c| DISPUTED.contains(&c) && !(c == '\u{200D}' && joined)),
                    "{:?} in {:?}", cell, line.text
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// On screen

fn row(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

#[test]
fn seed_paragraph_draws_right_aligned_in_visual_order() {
    // Seed 001, paragraph 1: a slash date pair, a comma after digits, a hyphenated pair.
    let seed = include_str!("../../seeds/001_f782a295b2e42d0e.txt");
    let paragraph = seed.lines().next().unwrap_or("");
    assert!(paragraph.starts_with("أعلنت وزارة الدفاع الروسية"));
    let width = 40u16;
    let laid = layout::<()>(paragraph, &LayoutOptions::wrapped(usize::from(width)), &[]);
    let lines = to_lines(&laid, usize::from(width), |_| Style::default());
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let mut terminal =
        Terminal::new(TestBackend::new(width, height)).unwrap_or_else(|e| panic!("{e}"));
    terminal
        .draw(|frame| frame.render_widget(Paragraph::new(lines), frame.area()))
        .unwrap_or_else(|e| panic!("{e}"));
    let buffer = terminal.backend().buffer();

    // The FriBidi vector for this paragraph, right-aligned by padding on the left.
    let vector = vectors()
        .into_iter()
        .find(|v| v.id == "seed001:1" && v.width == Some(40))
        .unwrap_or_else(|| panic!("no vector for seed001:1"));
    assert_eq!(usize::from(height), vector.lines.len());
    for (y, expected) in vector.lines.iter().enumerate() {
        let cells = expected.graphemes(true).count();
        let padded = format!("{}{expected}", " ".repeat(usize::from(width) - cells));
        assert_eq!(row(buffer, y as u16), padded, "row {y}");
    }
    // Read right to left: "10 نوفمبر/تشرين الثاني 2020، توجه قوات".
    assert_eq!(row(buffer, 1), "  تاوق هجوت ،2020 يناثلا نيرشت/ربمفون 10");
}
