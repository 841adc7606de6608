//! A paragraph analysed once (graphemes, bidi levels) and turned into visual lines, one
//! wrapped line at a time: levels per grapheme, reordered, drawn into cells.

use std::ops::Range;

use unicode_bidi::{Level, ParagraphBidiInfo};

use super::graphemes::{push_display, Grapheme};
use super::{reorder, wrap, Alignment, Cell, VisualLine};

/// A paragraph with its graphemes and bidi levels, ready to produce lines.
pub(super) struct Analysed<'a> {
    pub(super) text: &'a str,
    pub(super) logical: bool,
    pub(super) graphemes: Vec<Grapheme>,
    pub(super) shaped: Option<Vec<char>>,
    pub(super) info: ParagraphBidiInfo<'a>,
}

impl Analysed<'_> {
    /// One wrapped line in visual order.
    pub(super) fn visual_line<S: Copy + Default>(
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
