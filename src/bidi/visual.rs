//! A laid-out paragraph: visual lines of cells, and the maps between logical byte offsets
//! and screen positions (hit testing, the text cursor).

use std::ops::Range;

use super::{Alignment, Direction};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bidi::{layout_plain, LayoutOptions};

    fn rtl_base() -> LayoutOptions {
        LayoutOptions {
            base: Some(Direction::Rtl),
            ..LayoutOptions::default()
        }
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
        let empty = layout_plain("", &rtl_base());
        assert_eq!(empty.caret(0, 10), VisualPos { line: 0, column: 9 });
    }

    #[test]
    fn caret_after_ltr_text_is_on_its_right() {
        let laid = layout_plain("abc", &LayoutOptions::wrapped(10));
        assert_eq!(laid.caret(3, 10), VisualPos { line: 0, column: 3 });
    }
}
