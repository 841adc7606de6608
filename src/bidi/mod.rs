//! Right-to-left line layout (UAX #9) for terminals that do no bidi themselves.
//!
//! Input: one paragraph in logical (typing) order. Output: visual lines, each a row of cells
//! in left-to-right screen order, plus the maps between logical byte offsets and screen
//! cells. Nothing here knows about the terminal; [`crate::ui::text`] turns the lines into
//! ratatui lines.
//!
//! # Pipeline
//!
//! 1. **Graphemes.** The paragraph is split into extended grapheme clusters. Each cluster is
//!    one cell of the output; its width is what ratatui's `Buffer` gives it (`unicode-width`
//!    on the cluster alone). Never `str::width` on a longer string: it counts `لا` as one
//!    cell (a Unicode 16 ligature rule) where terminals draw two.
//! 2. **Wrap** in logical order at U+0020 ([`wrap`] has the exact rule). U+00A0 does not
//!    break; the space at a break is dropped; a word wider than the line is hard-split.
//! 3. **Levels** for the whole paragraph with `unicode-bidi` (rules P2–I2). The base
//!    direction is the first strong character's (P2–P3, left-to-right if there is none)
//!    unless [`LayoutOptions::base`] overrides it. Levels are never computed per line: the
//!    Arabic on one line decides how the numbers on the next are read.
//! 4. **Reorder each line** (L1, then L2 with one level per grapheme): right-to-left runs come
//!    out reversed by cluster, so tashkeel stays on its letter (`ووفقًا` → `اقًفوو`, not with
//!    the tanween before the qaf), and brackets in right-to-left runs are mirrored (L4).
//! 5. **Sanitize**: every cell's text goes through [`sanitize::shown_as`]; control characters
//!    become visible pictures, bidi formatting characters disappear (after having been obeyed
//!    in step 3), and so do invisible characters terminals measure differently (a ZWJ stays
//!    only inside an emoji sequence it joins). No document text can move the cursor,
//!    recolour the terminal or shift a row. Widths (step 1) are those of the shown text.
//!
//! The steps live in their own modules: `graphemes` (1, and what each cell draws), `wrap`
//! (2), `lines` (4, one wrapped line at a time, on the levels [`layout`] computes once in
//! step 3; `reorder` has L1–L2), `sanitize` (5) and `shape` (presentation forms). `visual`
//! is the result (lines, cells, and the maps between offsets and screen positions) and
//! `direction` the paragraph direction (P2–P3).
//!
//! # Results that look wrong but are right
//!
//! fribidi, browsers and `unicode-bidi` agree on these; do not "fix" them:
//! a citation ending an Arabic sentence lands at the visual left (`…هادروت.[3]` shows as
//! `[3].تورداه…`), an ISO date after Arabic shows as `04-10-2020`, and a line that starts with
//! an ASCII comma shows it at the far right.
//!
//! # Offsets
//!
//! Every offset is a byte offset into the paragraph as given (also with shaping on). Styled
//! ranges (search hits) are given the same way and travel with their graphemes.

mod direction;
mod graphemes;
mod lines;
mod reorder;
pub mod sanitize;
mod shape;
mod visual;
mod wrap;

use std::ops::Range;

use unicode_bidi::ParagraphBidiInfo;

pub use direction::{base_direction, strong_direction, Alignment, Direction};
pub use sanitize::visible_controls;
pub use shape::ShapeMode;
pub use visual::{Cell, Layout, VisualLine, VisualPos};

/// How to lay a paragraph out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Line width in terminal cells; `None` keeps the paragraph on one line. `Some(0)` is
    /// treated as `Some(1)`.
    pub width: Option<usize>,
    /// Paragraph direction; `None` takes it from the first strong character (UAX #9 P2–P3).
    pub base: Option<Direction>,
    /// Show Arabic letters as presentation forms (U+FB50–U+FEFF), for terminals that do
    /// not join letters. Offsets still refer to the unshaped paragraph.
    pub shape: bool,
    /// Keep logical order: wrap and sanitize only, every line left-aligned. For
    /// terminals that reorder right-to-left text themselves (`--bidi terminal`),
    /// and for `--bidi off`.
    pub logical: bool,
}

impl LayoutOptions {
    /// Wrap at `width` cells, direction from the text, no shaping.
    pub fn wrapped(width: usize) -> Self {
        Self {
            width: Some(width),
            ..Self::default()
        }
    }

    /// The same options with shaping on or off.
    pub fn with_shape(self, shape: bool) -> Self {
        Self { shape, ..self }
    }
}

/// Lays out one paragraph.
///
/// * `paragraph` is in logical order and should hold no line breaks; if it does (or tabs,
///   or any control character) nothing breaks: they are shown as visible pictures.
/// * `styles` are `(byte range, tag)` pairs in paragraph offsets, e.g. search hits. A cell
///   gets the tag of the *last* range overlapping its grapheme (so later ranges win), or
///   `S::default()`. Empty and reversed ranges are ignored, and so is any part of a range
///   past the end of the text.
///
/// Never panics, whatever the input.
pub fn layout<S: Copy + Default>(
    paragraph: &str,
    options: &LayoutOptions,
    styles: &[(Range<usize>, S)],
) -> Layout<S> {
    let shaped = if options.shape {
        shape::shaped_chars(paragraph)
    } else {
        None
    };
    let graphemes = graphemes::segment(paragraph, shaped.as_deref());
    let tags = graphemes::grapheme_styles(&graphemes, styles);
    let wrapped = wrap::wrap(paragraph, &graphemes, options.width);
    let info = ParagraphBidiInfo::new(paragraph, options.base.map(Direction::level));
    let direction = Direction::of_level(info.paragraph_level);
    let alignment = if options.logical {
        Alignment::Left
    } else {
        direction.alignment()
    };
    let analysed = lines::Analysed {
        text: paragraph,
        logical: options.logical,
        graphemes,
        shaped,
        info,
    };
    let lines = wrapped
        .iter()
        .map(|line| analysed.visual_line(line, &tags, alignment))
        .collect();
    Layout {
        direction,
        lines,
        len: paragraph.len(),
    }
}

/// [`layout`] without styles.
pub fn layout_plain(paragraph: &str, options: &LayoutOptions) -> Layout<()> {
    layout(paragraph, options, &[])
}

/// The visual lines of `paragraph` as plain strings, wrapped at `width` cells if given.
///
/// ```
/// use sanad::bidi::visual_string;
/// assert_eq!(visual_string("(سلام) 12", None), ["12 (مالس)"]);
/// ```
pub fn visual_string(paragraph: &str, width: Option<usize>) -> Vec<String> {
    let options = LayoutOptions {
        width,
        ..LayoutOptions::default()
    };
    layout_plain(paragraph, &options)
        .lines
        .into_iter()
        .map(|line| line.text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_line(text: &str) -> String {
        visual_string(text, None).concat()
    }

    fn rtl_base() -> LayoutOptions {
        LayoutOptions {
            base: Some(Direction::Rtl),
            ..LayoutOptions::default()
        }
    }

    #[test]
    fn logical_option_keeps_typing_order() {
        let options = LayoutOptions {
            logical: true,
            ..LayoutOptions::default()
        };
        let laid = layout_plain("(سلام) 12", &options);
        assert_eq!(laid.lines[0].text, "(سلام) 12");
        assert_eq!(laid.lines[0].alignment, Alignment::Left);
    }

    #[test]
    fn tanween_stays_after_its_letter() {
        // Char-wise reversal would give "ا\u{64B}قفوو" (mark before the alef's neighbour).
        assert_eq!(one_line("ووفقًا"), "اق\u{64B}فوو");
    }

    #[test]
    fn parentheses_are_mirrored_in_rtl_runs() {
        assert_eq!(one_line("(سلام)"), "(مالس)");
        assert_eq!(one_line("«سلام»"), "«مالس»");
    }

    #[test]
    fn latin_inside_arabic_keeps_its_order() {
        assert_eq!(one_line("مركز (RTJMC) قرب"), "برق (RTJMC) زكرم");
    }

    #[test]
    fn citation_at_sentence_end_lands_at_visual_left() {
        assert_eq!(one_line("باتجاه هادروت.[3]"), "[3].تورداه هاجتاب");
    }

    #[test]
    fn digits_stay_left_to_right() {
        assert_eq!(one_line("قوامها 1960 جنديًا"), "اي\u{64B}دنج 1960 اهماوق");
    }

    #[test]
    fn ltr_paragraph_is_left_aligned_and_unchanged() {
        let laid = layout_plain("Kucera, Joshua (2020)", &LayoutOptions::default());
        assert_eq!(laid.direction, Direction::Ltr);
        assert_eq!(laid.lines[0].alignment, Alignment::Left);
        assert_eq!(laid.lines[0].text, "Kucera, Joshua (2020)");
    }

    #[test]
    fn rtl_paragraph_is_right_aligned() {
        let laid = layout_plain("سلام abc", &LayoutOptions::wrapped(4));
        assert_eq!(laid.direction, Direction::Rtl);
        assert!(laid.lines.iter().all(|l| l.alignment == Alignment::Right));
        assert_eq!(laid.lines[0].indent(10), 6);
    }

    #[test]
    fn base_direction_override_wins() {
        let laid = layout_plain("abc", &rtl_base());
        assert_eq!(laid.direction, Direction::Rtl);
        assert_eq!(laid.lines[0].text, "abc");
        assert_eq!(one_line("abc!"), "abc!");
        let forced = layout_plain("abc!", &rtl_base());
        assert_eq!(forced.lines[0].text, "!abc");
    }

    #[test]
    fn no_break_space_does_not_wrap() {
        assert_eq!(
            visual_string("ab\u{a0}cd ef", Some(5)),
            ["ab\u{a0}cd", "ef"]
        );
    }

    #[test]
    fn width_one_gives_one_grapheme_per_line() {
        let lines = visual_string("وفقًا لا", Some(1));
        assert_eq!(lines, ["و", "ف", "ق\u{64B}", "ا", "ل", "ا"]);
        assert_eq!(visual_string("وفقًا", Some(0)).len(), 4);
    }

    #[test]
    fn wrapped_lines_use_paragraph_levels() {
        // The second line's date follows Arabic on the line before: it reads as AN, so the
        // parts are reversed (notes/bidi.md, vector #45).
        let text = "Kucera اطلع عليه 2020-11-08.";
        let lines = visual_string(text, Some(16));
        assert_eq!(lines, ["Kucera هيلع علطا", "08-11-2020."]);
        assert_eq!(one_line("2020-11-08."), "2020-11-08.");
        assert_eq!(
            visual_string("اطلع عليه 2020-11-08.", None),
            [".08-11-2020 هيلع علطا"]
        );
    }

    #[test]
    fn empty_paragraph_is_one_empty_line() {
        let laid = layout_plain("", &LayoutOptions::wrapped(10));
        assert_eq!(laid.lines.len(), 1);
        assert_eq!(laid.lines[0].text, "");
        assert_eq!(laid.lines[0].logical, 0..0);
    }

    #[test]
    fn controls_are_shown_not_sent() {
        let text = "سلام\u{1b}[31m\tabc\n\r\u{9b}";
        let laid = layout_plain(text, &LayoutOptions::wrapped(7));
        for line in &laid.lines {
            assert!(!line.text.chars().any(char::is_control), "{:?}", line.text);
            assert_eq!(
                line.width,
                line.cells.iter().map(|c| c.width).sum::<usize>()
            );
        }
        let all: String = laid.lines.iter().map(|l| l.text.as_str()).collect();
        assert!(all.contains('\u{241b}'));
    }

    #[test]
    fn crlf_is_one_cell() {
        let laid = layout_plain("a\r\nb", &LayoutOptions::default());
        assert_eq!(laid.lines[0].text, "a\u{2424}b");
        assert_eq!(laid.lines[0].cells.len(), 3);
    }

    #[test]
    fn bidi_controls_are_obeyed_and_hidden() {
        // RLO forces "abc" right to left; the control itself is not drawn.
        assert_eq!(one_line("\u{202e}abc\u{202c}"), "cba");
        assert_eq!(one_line("x \u{2067}abc\u{2069} y"), "x abc y");
    }

    #[test]
    fn styles_follow_their_graphemes() {
        let text = "في 10 نوفمبر";
        let hit = text.find("نوفمبر").unwrap_or(0)..text.len();
        let laid = layout(text, &LayoutOptions::default(), &[(hit.clone(), 1u8)]);
        let line = &laid.lines[0];
        let styled: String = line
            .cells_with_text()
            .filter(|(c, _)| c.style == 1)
            .map(|(_, t)| t)
            .collect();
        assert_eq!(styled, "ربمفون");
        assert!(line
            .cells
            .iter()
            .all(|c| (c.style == 1) == (c.logical.start >= hit.start)));
    }

    #[test]
    fn partial_hit_styles_the_whole_grapheme() {
        let text = "قًا";
        // Only the mark's bytes are highlighted: the cell with the qaf gets the style.
        let laid = layout(text, &LayoutOptions::default(), &[(2..4, 7u8)]);
        let styled: Vec<_> = laid.lines[0]
            .cells
            .iter()
            .filter(|c| c.style == 7)
            .collect();
        assert_eq!(styled.len(), 1);
        assert_eq!(styled[0].logical, 0..4);
    }

    #[test]
    fn shaping_changes_glyphs_not_offsets() {
        let text = "لا (وفقًا)";
        let plain = layout_plain(text, &LayoutOptions::default());
        let shaped = layout_plain(text, &LayoutOptions::default().with_shape(true));
        let logical = |l: &Layout<()>| -> Vec<_> {
            l.lines[0]
                .cells
                .iter()
                .map(|c| (c.logical.clone(), c.width))
                .collect()
        };
        assert_eq!(logical(&plain), logical(&shaped));
        assert_ne!(plain.lines[0].text, shaped.lines[0].text);
        assert!(shaped.lines[0].text.contains('\u{FEDF}'));
    }

    #[test]
    fn lam_alef_cells_are_two_wide() {
        let laid = layout_plain("الا", &LayoutOptions::default());
        assert_eq!(laid.lines[0].width, 3);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let inputs = [
            "\u{64b}",
            "\u{202b}\u{202b}\u{202b}",
            "\u{2069}\u{2069}abc\u{2066}",
            "\n\n",
            "a\u{200d}\u{200d}",
            "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} عائلة",
            "中文 عربي",
        ];
        for text in inputs {
            for width in [None, Some(0), Some(1), Some(2), Some(5)] {
                let options = LayoutOptions {
                    width,
                    ..LayoutOptions::default()
                };
                let laid = layout_plain(text, &options.with_shape(true));
                assert!(!laid.lines.is_empty(), "{text:?}");
            }
        }
    }
}
