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

mod reorder;
pub mod sanitize;
mod shape;
mod wrap;

use std::ops::Range;

use unicode_bidi::{Level, ParagraphBidiInfo};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub use sanitize::visible_controls;
pub use shape::{shape_arabic, ShapeMode};

/// A paragraph or run direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Left to right (Latin, digits, Armenian…).
    Ltr,
    /// Right to left (Arabic, Hebrew…).
    Rtl,
}

impl Direction {
    fn level(self) -> Level {
        match self {
            Self::Ltr => Level::ltr(),
            Self::Rtl => Level::rtl(),
        }
    }

    fn of_level(level: Level) -> Self {
        if level.is_rtl() {
            Self::Rtl
        } else {
            Self::Ltr
        }
    }

    /// How lines of a paragraph in this direction are aligned.
    pub fn alignment(self) -> Alignment {
        match self {
            Self::Ltr => Alignment::Left,
            Self::Rtl => Alignment::Right,
        }
    }
}

/// Where a visual line sits in a wider area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Alignment {
    /// Against the left edge (left-to-right paragraphs).
    Left,
    /// Against the right edge (right-to-left paragraphs).
    Right,
}

/// How to lay a paragraph out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Line width in terminal cells; `None` keeps the paragraph on one line. `Some(0)` is
    /// treated as `Some(1)`.
    pub width: Option<usize>,
    /// Paragraph direction; `None` takes it from the first strong character (UAX #9 P2–P3).
    pub base: Option<Direction>,
    /// Show Arabic letters as presentation forms ([`shape_arabic`]), for terminals that do
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

    /// The same options with the paragraph direction forced.
    pub fn with_base(self, base: Direction) -> Self {
        Self {
            base: Some(base),
            ..self
        }
    }

    /// The same options with shaping on or off.
    pub fn with_shape(self, shape: bool) -> Self {
        Self { shape, ..self }
    }
}

/// One screen cell: one grapheme cluster of the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell<S> {
    /// What to draw: a byte range of [`VisualLine::text`] (mirrored, shaped and sanitized;
    /// empty for a bidi formatting character).
    pub text: Range<usize>,
    /// The grapheme's byte range in the paragraph.
    pub logical: Range<usize>,
    /// Column of the cell's left edge, counted from the start of the line's content (add
    /// [`VisualLine::indent`] for the screen column).
    pub column: usize,
    /// Display width in cells: 0 (bidi controls, lone marks), 1, or 2 (wide CJK, emoji).
    pub width: usize,
    /// True if the grapheme sits at an odd (right-to-left) embedding level on this line.
    pub rtl: bool,
    /// The style tag of the last styled range overlapping the grapheme, or `S::default()`.
    pub style: S,
}

/// One line on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualLine<S> {
    /// The line's text in visual order, exactly as drawn from left to right.
    pub text: String,
    /// The cells in visual order (left to right).
    pub cells: Vec<Cell<S>>,
    /// The byte range of the paragraph shown on this line (without the space dropped at its
    /// break).
    pub logical: Range<usize>,
    /// Sum of the cells' widths.
    pub width: usize,
    /// Right for right-to-left paragraphs, left otherwise.
    pub alignment: Alignment,
    /// True if the line ended at a U+0020 that the wrap dropped (it is not in any line).
    pub soft_break: bool,
}

impl<S> VisualLine<S> {
    /// What `cell` draws.
    pub fn cell_text(&self, cell: &Cell<S>) -> &str {
        self.text.get(cell.text.clone()).unwrap_or("")
    }

    /// The cells with what each draws, left to right.
    pub fn cells_with_text(&self) -> impl Iterator<Item = (&Cell<S>, &str)> + '_ {
        self.cells
            .iter()
            .map(move |cell| (cell, self.cell_text(cell)))
    }

    /// Blank columns before the content when the line is drawn in an area `width` cells wide:
    /// `width - self.width` for right-aligned lines (0 if the line is wider), 0 otherwise.
    pub fn indent(&self, width: usize) -> usize {
        match self.alignment {
            Alignment::Left => 0,
            Alignment::Right => width.saturating_sub(self.width),
        }
    }

    /// The cell covering content column `column`, if any (zero-width cells cover nothing).
    pub fn cell_at_column(&self, column: usize) -> Option<&Cell<S>> {
        let index = self.cells.partition_point(|c| c.column + c.width <= column);
        self.cells
            .get(index)
            .filter(|c| c.column <= column && column < c.column + c.width)
    }

    /// The cell holding logical byte `offset`, if it is on this line.
    pub fn cell_of_offset(&self, offset: usize) -> Option<&Cell<S>> {
        self.cells.iter().find(|c| c.logical.contains(&offset))
    }
}

/// A place on screen, in content columns (see [`Cell::column`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VisualPos {
    /// Index into [`Layout::lines`].
    pub line: usize,
    /// Column from the start of the line's content.
    pub column: usize,
}

/// A paragraph laid out in visual lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout<S> {
    /// The paragraph direction actually used.
    pub direction: Direction,
    /// At least one line (an empty paragraph gives one empty line).
    pub lines: Vec<VisualLine<S>>,
    /// Byte length of the paragraph.
    pub len: usize,
}

impl<S> Layout<S> {
    /// The index of the line whose logical range starts at or before `offset` and which
    /// holds it, or `None` for a dropped break space or an offset past the end.
    pub fn line_of(&self, offset: usize) -> Option<usize> {
        let index = self
            .lines
            .partition_point(|l| l.logical.start <= offset)
            .checked_sub(1)?;
        let line = self.lines.get(index)?;
        line.logical.contains(&offset).then_some(index)
    }

    /// Logical → visual: the position of the cell holding byte `offset` (any byte of a
    /// grapheme gives that grapheme's cell). `None` for a space dropped at a break and for
    /// offsets at or past the end.
    pub fn position_of(&self, offset: usize) -> Option<VisualPos> {
        let line = self.line_of(offset)?;
        let cell = self.lines.get(line)?.cell_of_offset(offset)?;
        Some(VisualPos {
            line,
            column: cell.column,
        })
    }

    /// Visual → logical: the start byte of the grapheme drawn at `pos`, `None` on blank
    /// columns. For every cell of non-zero width this is the inverse of
    /// [`Layout::position_of`].
    pub fn offset_at(&self, pos: VisualPos) -> Option<usize> {
        let cell = self.lines.get(pos.line)?.cell_at_column(pos.column)?;
        Some(cell.logical.start)
    }

    /// Like [`Layout::offset_at`] with a screen column `x` of an area `width` cells wide
    /// (alignment padding included), for mouse clicks.
    pub fn offset_at_screen(&self, line: usize, x: usize, width: usize) -> Option<usize> {
        let indent = self.lines.get(line)?.indent(width);
        let column = x.checked_sub(indent)?;
        self.offset_at(VisualPos { line, column })
    }

    /// Where to draw a text cursor standing before logical byte `offset`, as a screen
    /// position in an area `width` cells wide (alignment padding included).
    ///
    /// On the cell of the grapheme at `offset` if there is one. At the end of the paragraph
    /// or at a dropped break space, just after the previous grapheme in its reading
    /// direction: to its right if it is left-to-right, to its left if it is right-to-left.
    /// Clamped to the area.
    pub fn caret(&self, offset: usize, width: usize) -> VisualPos {
        let last_column = width.saturating_sub(1);
        if let Some(pos) = self.position_of(offset) {
            let indent = self.lines.get(pos.line).map_or(0, |l| l.indent(width));
            let column = (indent + pos.column).min(last_column);
            return VisualPos {
                line: pos.line,
                column,
            };
        }
        match self.cell_before(offset) {
            Some((line, cell)) => {
                let indent = self.lines.get(line).map_or(0, |l| l.indent(width));
                let column = if cell.rtl {
                    (indent + cell.column).saturating_sub(1)
                } else {
                    indent + cell.column + cell.width
                };
                VisualPos {
                    line,
                    column: column.min(last_column),
                }
            }
            None => {
                let column = match self.direction {
                    Direction::Ltr => 0,
                    Direction::Rtl => last_column,
                };
                VisualPos { line: 0, column }
            }
        }
    }

    /// The line and cell of the last grapheme that starts before `offset`.
    fn cell_before(&self, offset: usize) -> Option<(usize, &Cell<S>)> {
        self.lines
            .iter()
            .enumerate()
            .rev()
            .find_map(|(index, line)| {
                line.cells
                    .iter()
                    .filter(|c| c.logical.start < offset)
                    .max_by_key(|c| c.logical.start)
                    .map(|cell| (index, cell))
            })
    }
}

/// The direction of the first strong character outside isolates (UAX #9 P2), or `None` if
/// the text has none (digits, punctuation, an empty search box). Use it to choose a
/// fallback other than left-to-right, e.g. right-to-left for an empty Arabic query.
pub fn strong_direction(text: &str) -> Option<Direction> {
    match unicode_bidi::get_base_direction_full(text) {
        unicode_bidi::Direction::Ltr => Some(Direction::Ltr),
        unicode_bidi::Direction::Rtl => Some(Direction::Rtl),
        unicode_bidi::Direction::Mixed => None,
    }
}

/// The paragraph direction of `text` by UAX #9 P2–P3: the first strong character's,
/// left-to-right if there is none.
pub fn base_direction(text: &str) -> Direction {
    strong_direction(text).unwrap_or(Direction::Ltr)
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
    let graphemes = segment(paragraph, shaped.as_deref());
    let tags = grapheme_styles(&graphemes, styles);
    let wrapped = wrap::wrap(paragraph, &graphemes, options.width);
    let info = ParagraphBidiInfo::new(paragraph, options.base.map(Direction::level));
    let direction = Direction::of_level(info.paragraph_level);
    let alignment = if options.logical {
        Alignment::Left
    } else {
        direction.alignment()
    };
    let analysed = Analysed {
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

/// One grapheme cluster of the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Grapheme {
    /// Byte range in the paragraph.
    bytes: Range<usize>,
    /// Index of its first char among the paragraph's chars, to find its shaped form (only
    /// counted when shaping is on; 0 otherwise).
    first_char: usize,
    /// Display width in cells, as ratatui counts it.
    width: usize,
}

/// The paragraph's grapheme clusters with their display widths.
fn segment(text: &str, shaped: Option<&[char]>) -> Vec<Grapheme> {
    let mut first_char = 0;
    text.grapheme_indices(true)
        .map(|(start, cluster)| {
            // Char positions only matter for finding shaped forms; counting costs.
            let chars = if shaped.is_some() {
                cluster.chars().count()
            } else {
                0
            };
            let shaped = shaped.and_then(|s| s.get(first_char..first_char + chars));
            let grapheme = Grapheme {
                bytes: start..start + cluster.len(),
                first_char,
                width: display_width(cluster, shaped),
            };
            first_char += chars;
            grapheme
        })
        .collect()
}

/// The width of a cluster as drawn (after shaping and sanitizing).
fn display_width(cluster: &str, shaped: Option<&[char]>) -> usize {
    let shown_as_is = || {
        cluster
            .chars()
            .all(|c| sanitize::shown_as(c) == sanitize::Shown::Same)
    };
    if shaped.is_none() && shown_as_is() {
        return cell_width(cluster);
    }
    let mut shown = String::with_capacity(cluster.len());
    push_display(&mut shown, cluster, shaped, false);
    cell_width(&shown)
}

/// The width ratatui's `Buffer` gives a one-grapheme string (ratatui-core `CellWidth`):
/// one byte → 1, else `unicode-width`, plus one per halfwidth katakana sound mark.
fn cell_width(cluster: &str) -> usize {
    match cluster.len() {
        0 => 0,
        1 => 1,
        _ => {
            let sound_marks = cluster
                .chars()
                .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'));
            cluster.width() + sound_marks.count()
        }
    }
}

/// Appends a cluster as drawn: shaped form if given, first char mirrored if `mirror`,
/// controls made visible. The result is always a single grapheme (or nothing), so ratatui
/// draws it in exactly one cell.
fn push_display(out: &mut String, cluster: &str, shaped: Option<&[char]>, mirror: bool) {
    // CR LF is the one cluster made of controls; one picture keeps one grapheme per cell.
    if cluster == "\r\n" {
        out.push(sanitize::NEWLINE_PICTURE);
        return;
    }
    sanitize::push_shown_cluster(out, cluster, |index, c| {
        let c = shaped.and_then(|s| s.get(index).copied()).unwrap_or(c);
        if mirror && index == 0 {
            mirrored(c)
        } else {
            c
        }
    });
}

/// Rule L4: the mirror glyph of a Bidi_Mirrored character (`(` ↔ `)`, `«` ↔ `»`), kept only
/// if it is as wide as the original so that the wrap's widths stay true.
fn mirrored(c: char) -> char {
    if !may_mirror(c) {
        return c;
    }
    unicode_bidi_mirroring::get_mirrored(c)
        .filter(|m| m.width() == c.width())
        .unwrap_or(c)
}

/// False for characters that certainly have no mirror glyph: below U+2000 only these have
/// one (BidiMirroring.txt). Saves a table search per Arabic letter.
fn may_mirror(c: char) -> bool {
    u32::from(c) >= 0x2000
        || matches!(
            c,
            '(' | ')' | '<' | '>' | '[' | ']' | '{' | '}' | '«' | '»' | '\u{0F3A}'
                ..='\u{0F3D}' | '\u{169B}' | '\u{169C}'
        )
}

/// Each grapheme's style tag: the last range in `styles` that overlaps it.
fn grapheme_styles<S: Copy + Default>(
    graphemes: &[Grapheme],
    styles: &[(Range<usize>, S)],
) -> Vec<S> {
    let mut tags = vec![S::default(); graphemes.len()];
    for (range, tag) in styles.iter().filter(|(range, _)| range.start < range.end) {
        let first = graphemes.partition_point(|g| g.bytes.end <= range.start);
        let overlapping = graphemes[first..]
            .iter()
            .take_while(|g| g.bytes.start < range.end);
        for (slot, _) in tags[first..].iter_mut().zip(overlapping) {
            *slot = *tag;
        }
    }
    tags
}

/// A paragraph with its graphemes and bidi levels, ready to produce lines.
struct Analysed<'a> {
    text: &'a str,
    logical: bool,
    graphemes: Vec<Grapheme>,
    shaped: Option<Vec<char>>,
    info: ParagraphBidiInfo<'a>,
}

impl Analysed<'_> {
    /// One wrapped line in visual order.
    fn visual_line<S: Copy + Default>(
        &self,
        line: &wrap::WrappedLine,
        tags: &[S],
        alignment: Alignment,
    ) -> VisualLine<S> {
        let graphemes = self.graphemes.get(line.graphemes.clone()).unwrap_or(&[]);
        let logical = self.byte_range(&line.graphemes);
        let levels = self.grapheme_levels(graphemes, logical.clone());
        let mut text = String::with_capacity(logical.len());
        let mut cells = Vec::with_capacity(graphemes.len());
        let mut column = 0;
        let order = if self.logical {
            (0..levels.len()).collect()
        } else {
            reorder::visual_order(&levels)
        };
        for index in order {
            let (Some(grapheme), Some(level)) = (graphemes.get(index), levels.get(index)) else {
                continue;
            };
            let rtl = level.is_rtl() && !self.logical;
            let start = text.len();
            let cluster = self.text.get(grapheme.bytes.clone()).unwrap_or("");
            push_display(&mut text, cluster, self.shaped_form(grapheme), rtl);
            cells.push(Cell {
                text: start..text.len(),
                logical: grapheme.bytes.clone(),
                column,
                width: grapheme.width,
                rtl,
                style: tags
                    .get(line.graphemes.start + index)
                    .copied()
                    .unwrap_or_default(),
            });
            column += grapheme.width;
        }
        VisualLine {
            text,
            cells,
            logical,
            width: column,
            alignment,
            soft_break: line.soft_break,
        }
    }

    /// The byte range covered by a range of grapheme indices (empty ranges sit at the start
    /// of the next grapheme, or at the end of the text).
    fn byte_range(&self, graphemes: &Range<usize>) -> Range<usize> {
        let start_of = |index: usize| {
            self.graphemes
                .get(index)
                .map_or(self.text.len(), |g| g.bytes.start)
        };
        let start = start_of(graphemes.start);
        let end = graphemes
            .end
            .checked_sub(1)
            .filter(|_| graphemes.end > graphemes.start)
            .and_then(|last| self.graphemes.get(last))
            .map_or(start, |g| g.bytes.end);
        start..end.max(start)
    }

    /// One level per grapheme of the line (the level of its first byte after rule L1).
    fn grapheme_levels(&self, graphemes: &[Grapheme], line: Range<usize>) -> Vec<Level> {
        let paragraph_level = self.info.paragraph_level;
        if self.info.is_pure_ltr && paragraph_level.is_ltr() {
            return vec![paragraph_level; graphemes.len()];
        }
        let byte_levels = reorder::line_levels(&self.info, line.clone());
        graphemes
            .iter()
            .map(|g| {
                let index = g.bytes.start.saturating_sub(line.start);
                byte_levels.get(index).copied().unwrap_or(paragraph_level)
            })
            .collect()
    }

    /// The shaped chars of a grapheme, if shaping is on.
    fn shaped_form(&self, grapheme: &Grapheme) -> Option<&[char]> {
        let shaped = self.shaped.as_deref()?;
        let chars = self.text.get(grapheme.bytes.clone())?.chars().count();
        shaped.get(grapheme.first_char..grapheme.first_char + chars)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_line(text: &str) -> String {
        visual_string(text, None).concat()
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
        let laid = layout_plain("abc", &LayoutOptions::default().with_base(Direction::Rtl));
        assert_eq!(laid.direction, Direction::Rtl);
        assert_eq!(laid.lines[0].text, "abc");
        assert_eq!(one_line("abc!"), "abc!");
        let forced = layout_plain("abc!", &LayoutOptions::default().with_base(Direction::Rtl));
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
    fn maps_are_inverse() {
        let text = "في 11 نوفمبر تم توقيع (RTJMC) بالقرب.[3]";
        let laid = layout_plain(text, &LayoutOptions::wrapped(12));
        for (index, line) in laid.lines.iter().enumerate() {
            for cell in &line.cells {
                let pos = VisualPos {
                    line: index,
                    column: cell.column,
                };
                assert_eq!(laid.position_of(cell.logical.start), Some(pos));
                assert_eq!(laid.offset_at(pos), Some(cell.logical.start));
            }
        }
    }

    #[test]
    fn dropped_spaces_have_no_position() {
        let laid = layout_plain("ab cd", &LayoutOptions::wrapped(2));
        assert_eq!(laid.position_of(2), None);
        assert_eq!(laid.position_of(3), Some(VisualPos { line: 1, column: 0 }));
        assert_eq!(laid.position_of(99), None);
    }

    #[test]
    fn caret_after_rtl_text_is_on_its_left() {
        let laid = layout_plain("سلام", &LayoutOptions::wrapped(10));
        // Line is 4 cells, right-aligned in 10: content at columns 6..10.
        assert_eq!(laid.caret(0, 10), VisualPos { line: 0, column: 9 });
        assert_eq!(laid.caret(laid.len, 10), VisualPos { line: 0, column: 5 });
        let empty = layout_plain("", &LayoutOptions::default().with_base(Direction::Rtl));
        assert_eq!(empty.caret(0, 10), VisualPos { line: 0, column: 9 });
    }

    #[test]
    fn caret_after_ltr_text_is_on_its_right() {
        let laid = layout_plain("abc", &LayoutOptions::wrapped(10));
        assert_eq!(laid.caret(3, 10), VisualPos { line: 0, column: 3 });
        assert_eq!(laid.offset_at_screen(0, 1, 10), Some(1));
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
    fn mirror_fast_path_misses_no_mirrored_char() {
        for c in (0..0x2000).filter_map(char::from_u32) {
            let has_mirror = unicode_bidi_mirroring::get_mirrored(c).is_some();
            assert!(!has_mirror || may_mirror(c), "U+{:04X}", u32::from(c));
        }
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

    #[test]
    fn strong_direction_skips_neutrals() {
        assert_eq!(strong_direction("123 (سلام)"), Some(Direction::Rtl));
        assert_eq!(strong_direction("123 ..."), None);
        assert_eq!(base_direction(""), Direction::Ltr);
    }
}
