//! The source view's text: a document shown a screenful at a time, with search
//! hits and the jump target marked.
//!
//! Memory follows the screen, not the document. Nothing lays the whole
//! document out: the view's place is a [`LinePos`] (paragraph, piece, line),
//! only the blocks a move or a frame passes through are laid out, and they are
//! kept in a [`LayoutCache`](super::cache::LayoutCache) bounded in bytes. A 30 MB document laid out whole
//! took 1 GB of cells, and twice that across resizes.
//!
//! A paragraph longer than [`PIECE_BYTES`] (a file with no line break at all)
//! is laid out in pieces cut after a space, so no single layout is unbounded;
//! each piece's lines wrap on their own, and the pieces share the paragraph's
//! direction.

use std::ops::Range;

use unicode_segmentation::GraphemeCursor;

use super::cache::{LayoutCache, Marks};
use crate::bidi::{layout, strong_direction, LayoutOptions, VisualLine};
use crate::corpus::{Document, Paragraph};

/// Paragraphs longer than this are laid out in pieces of about this size.
pub const PIECE_BYTES: usize = 64 * 1024;

/// How far past a piece's nominal end a space is looked for before cutting
/// between graphemes instead.
const BREAK_SEARCH: usize = 4096;

/// How a cell of the source view is marked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Mark {
    #[default]
    Plain,
    /// A word the query matched.
    Hit,
    /// The passage or sentence jumped to.
    Target,
    /// A matched word inside the target.
    TargetHit,
}

/// The unit of layout: piece `piece` of the paragraph at index `paragraph` of
/// [`Document::paragraphs`] (piece 0 is the whole of a paragraph that is not
/// longer than [`PIECE_BYTES`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Block {
    pub paragraph: usize,
    pub piece: usize,
}

/// A screen line of the document: line `line` of `block`'s layout. Ordered as
/// the lines are in the document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinePos {
    pub block: Block,
    pub line: usize,
}

/// One screen line of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLine {
    /// The paragraph's 1-based line number.
    pub paragraph: usize,
    /// True on the paragraph's first line (where its number is drawn).
    pub first: bool,
    /// Byte offset of the line's block in the document (cell offsets are
    /// relative to it).
    pub base: usize,
    pub line: VisualLine<Mark>,
    /// Where the line is in the document.
    pub at: LinePos,
}

/// A document as the source view walks it: blocks laid out on demand through
/// the cache. `hits` are sorted and disjoint (as [`crate::query::Query::highlights`]
/// gives them); `hits` and `target` are byte ranges in the document.
pub struct View<'a> {
    doc: &'a Document,
    hits: &'a [Range<usize>],
    target: Option<&'a Range<usize>>,
    options: LayoutOptions,
    cache: &'a mut LayoutCache,
}

impl<'a> View<'a> {
    /// The view of document number `index` (`doc`) at `options`.
    pub fn new(
        doc: &'a Document,
        index: usize,
        hits: &'a [Range<usize>],
        target: Option<&'a Range<usize>>,
        options: LayoutOptions,
        cache: &'a mut LayoutCache,
    ) -> View<'a> {
        cache.serve(index, options);
        View {
            doc,
            hits,
            target,
            options,
            cache,
        }
    }

    /// The laid-out lines of `block`.
    pub fn lines_of(&mut self, block: Block) -> &[VisualLine<Mark>] {
        let Some(range) = self.block_range(block) else {
            return &[];
        };
        let marks = marks_in(range.clone(), self.hits, self.target);
        let text = &self.doc.text[range];
        let options = self.block_options(block);
        self.cache
            .lines(block, marks, |marks| layout(text, &options, marks).lines)
    }

    /// Lines in `block` (at least one for a block that exists).
    fn line_count(&mut self, block: Block) -> usize {
        self.lines_of(block).len()
    }

    /// The byte range of `block` in the document.
    pub fn block_range(&self, block: Block) -> Option<Range<usize>> {
        let p = self.doc.paragraphs.get(block.paragraph)?;
        let count = piece_count(&self.doc.text, p);
        (block.piece < count).then(|| piece_range(&self.doc.text, p, block.piece, count))
    }

    /// The options for `block`: the pieces of a long paragraph all take the
    /// direction of its first piece (each alone might find another).
    fn block_options(&self, block: Block) -> LayoutOptions {
        let Some(p) = self.doc.paragraphs.get(block.paragraph) else {
            return self.options;
        };
        let count = piece_count(&self.doc.text, p);
        if count == 1 || self.options.base.is_some() {
            return self.options;
        }
        let first = piece_range(&self.doc.text, p, 0, count);
        LayoutOptions {
            base: strong_direction(&self.doc.text[first]),
            ..self.options
        }
    }

    fn next_block(&self, block: Block) -> Option<Block> {
        let p = self.doc.paragraphs.get(block.paragraph)?;
        if block.piece + 1 < piece_count(&self.doc.text, p) {
            return Some(Block {
                piece: block.piece + 1,
                ..block
            });
        }
        (block.paragraph + 1 < self.doc.paragraphs.len()).then_some(Block {
            paragraph: block.paragraph + 1,
            piece: 0,
        })
    }

    fn prev_block(&self, block: Block) -> Option<Block> {
        if block.piece > 0 {
            return Some(Block {
                piece: block.piece - 1,
                ..block
            });
        }
        let paragraph = block.paragraph.checked_sub(1)?;
        let p = self.doc.paragraphs.get(paragraph)?;
        Some(Block {
            paragraph,
            piece: piece_count(&self.doc.text, p) - 1,
        })
    }

    /// The document's last line, `None` for a document with no text.
    fn last_line(&mut self) -> Option<LinePos> {
        let paragraph = self.doc.paragraphs.len().checked_sub(1)?;
        let p = &self.doc.paragraphs[paragraph];
        let block = Block {
            paragraph,
            piece: piece_count(&self.doc.text, p) - 1,
        };
        let line = self.line_count(block).saturating_sub(1);
        Some(LinePos { block, line })
    }

    /// `n` lines after `pos`, or the last line.
    pub fn forward(&mut self, mut pos: LinePos, mut n: usize) -> LinePos {
        loop {
            let count = self.line_count(pos.block);
            let room = count.saturating_sub(pos.line + 1);
            if n <= room {
                pos.line += n;
                return pos;
            }
            n -= room + 1;
            match self.next_block(pos.block) {
                Some(block) => pos = LinePos { block, line: 0 },
                None => {
                    pos.line = count.saturating_sub(1);
                    return pos;
                }
            }
        }
    }

    /// `n` lines before `pos`, or the first line.
    pub fn back(&mut self, mut pos: LinePos, mut n: usize) -> LinePos {
        loop {
            if n <= pos.line {
                pos.line -= n;
                return pos;
            }
            n -= pos.line + 1;
            match self.prev_block(pos.block) {
                Some(block) => {
                    let line = self.line_count(block).saturating_sub(1);
                    pos = LinePos { block, line };
                }
                None => return LinePos::default(),
            }
        }
    }

    /// `pos` moved by `step` lines, within the document.
    pub fn step(&mut self, pos: LinePos, step: isize) -> LinePos {
        if step >= 0 {
            self.forward(pos, step.unsigned_abs())
        } else {
            self.back(pos, step.unsigned_abs())
        }
    }

    /// The first line of the last screenful, `height` lines tall: the view
    /// scrolls no further.
    pub fn last_top(&mut self, height: usize) -> LinePos {
        match self.last_line() {
            Some(last) => self.back(last, height.max(1) - 1),
            None => LinePos::default(),
        }
    }

    /// `pos` made a line of this document (a paragraph, piece or line past the
    /// end, after a resize or a change of document, becomes the last one)
    /// scrolled no further than [`View::last_top`].
    pub fn clamp(&mut self, pos: LinePos, height: usize) -> LinePos {
        let Some(last) = self.last_line() else {
            return LinePos::default();
        };
        let mut pos = pos.min(last);
        if self.block_range(pos.block).is_none() {
            pos = LinePos {
                block: Block {
                    piece: 0,
                    ..pos.block
                },
                line: 0,
            };
        }
        pos.line = pos.line.min(self.line_count(pos.block).saturating_sub(1));
        pos.min(self.last_top(height))
    }

    /// The first line showing byte `offset` of the document; `None` between
    /// paragraphs and past the end. A space dropped at a line break belongs to
    /// the line before it.
    pub fn line_of_offset(&mut self, offset: usize) -> Option<LinePos> {
        let paragraphs = &self.doc.paragraphs;
        let index = paragraphs
            .partition_point(|p| p.start <= offset)
            .checked_sub(1)?;
        let p = &paragraphs[index];
        if offset >= p.end {
            return None;
        }
        let count = piece_count(&self.doc.text, p);
        let mut piece = ((offset - p.start) / PIECE_BYTES).min(count - 1);
        while piece > 0 && piece_start(&self.doc.text, p, piece) > offset {
            piece -= 1;
        }
        let block = Block {
            paragraph: index,
            piece,
        };
        let start = piece_start(&self.doc.text, p, piece);
        let relative = offset - start;
        let line = self
            .lines_of(block)
            .partition_point(|l| l.logical.start <= relative)
            .saturating_sub(1);
        Some(LinePos { block, line })
    }

    /// The first line of paragraph `number` (a 1-based line number), or of the
    /// next paragraph if that line is blank.
    pub fn line_of_paragraph(&self, number: usize) -> Option<LinePos> {
        let index = self.doc.paragraphs.partition_point(|p| p.number < number);
        (index < self.doc.paragraphs.len()).then_some(LinePos {
            block: Block {
                paragraph: index,
                piece: 0,
            },
            line: 0,
        })
    }

    /// Up to `height` lines from `top`: what the screen shows.
    pub fn window(&mut self, top: LinePos, height: usize) -> Vec<SourceLine> {
        let mut out = Vec::with_capacity(height.min(512));
        let mut at = Some(top);
        while let Some(pos) = at {
            if out.len() >= height {
                break;
            }
            let (Some(range), Some(p)) = (
                self.block_range(pos.block),
                self.doc.paragraphs.get(pos.block.paragraph),
            ) else {
                break;
            };
            let number = p.number;
            let room = height - out.len();
            let block = pos.block;
            for (i, line) in self
                .lines_of(block)
                .iter()
                .enumerate()
                .skip(pos.line)
                .take(room)
            {
                out.push(SourceLine {
                    paragraph: number,
                    first: block.piece == 0 && i == 0,
                    base: range.start,
                    line: line.clone(),
                    at: LinePos { block, line: i },
                });
            }
            at = self
                .next_block(block)
                .map(|block| LinePos { block, line: 0 });
        }
        out
    }
}

/// How many pieces paragraph `p` is laid out in.
pub fn piece_count(text: &str, p: &Paragraph) -> usize {
    let pieces = (p.end - p.start).div_ceil(PIECE_BYTES).max(1);
    // The last nominal cut can land at the end once moved to a space.
    if pieces > 1 && piece_start(text, p, pieces - 1) >= p.end {
        pieces - 1
    } else {
        pieces
    }
}

/// The byte range of piece `piece` of the `count` pieces of paragraph `p`.
fn piece_range(text: &str, p: &Paragraph, piece: usize, count: usize) -> Range<usize> {
    let end = if piece + 1 >= count {
        p.end
    } else {
        piece_start(text, p, piece + 1)
    };
    piece_start(text, p, piece)..end
}

/// Where piece `piece` of paragraph `p` starts: just after the first space at
/// or past `piece × PIECE_BYTES` (within [`BREAK_SEARCH`] bytes), else at the
/// next grapheme boundary there. Found from the paragraph alone, so any piece
/// is found without the ones before it; cuts strictly increase, since
/// `BREAK_SEARCH` is far below `PIECE_BYTES`.
fn piece_start(text: &str, p: &Paragraph, piece: usize) -> usize {
    if piece == 0 {
        return p.start;
    }
    let nominal = p.start.saturating_add(piece.saturating_mul(PIECE_BYTES));
    if nominal >= p.end {
        return p.end;
    }
    let search_end = nominal.saturating_add(BREAK_SEARCH).min(p.end);
    // A space byte is never inside a multi-byte character: after it is a
    // character boundary.
    if let Some(space) = text.as_bytes()[nominal..search_end]
        .iter()
        .position(|&b| b == b' ')
    {
        return nominal + space + 1;
    }
    grapheme_boundary_from(&text[p.start..p.end], nominal - p.start) + p.start
}

/// The first grapheme boundary of `paragraph` at or after byte `at`.
fn grapheme_boundary_from(paragraph: &str, at: usize) -> usize {
    let mut at = at.min(paragraph.len());
    while !paragraph.is_char_boundary(at) {
        at += 1;
    }
    let mut cursor = GraphemeCursor::new(at, paragraph.len(), true);
    match cursor.is_boundary(paragraph, 0) {
        Ok(true) => at,
        _ => cursor
            .next_boundary(paragraph, 0)
            .ok()
            .flatten()
            .unwrap_or(paragraph.len()),
    }
}

/// The marks falling in `block`, relative to its start; later ranges win in the
/// layout, so hits come after the target. `hits` are sorted and disjoint.
fn marks_in(block: Range<usize>, hits: &[Range<usize>], target: Option<&Range<usize>>) -> Marks {
    let clip = |r: &Range<usize>| -> Option<Range<usize>> {
        let s = r.start.max(block.start);
        let e = r.end.min(block.end);
        (s < e).then(|| s - block.start..e - block.start)
    };
    let mut marks = Vec::new();
    if let Some(t) = target.and_then(clip) {
        marks.push((t, Mark::Target));
    }
    let first = hits.partition_point(|h| h.end <= block.start);
    for h in hits[first..].iter().take_while(|h| h.start < block.end) {
        if let Some(r) = clip(h) {
            let inside = target.is_some_and(|t| h.start < t.end && t.start < h.end);
            marks.push((r, if inside { Mark::TargetHit } else { Mark::Hit }));
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::source::CACHE_BYTES;
    use crate::corpus::Encoding;

    /// Every line of `doc`, walking from the top one line at a time.
    fn all_lines(view: &mut View, height: usize) -> Vec<SourceLine> {
        view.window(LinePos::default(), height)
    }

    fn view<'a>(
        doc: &'a Document,
        hits: &'a [Range<usize>],
        target: Option<&'a Range<usize>>,
        width: usize,
        cache: &'a mut LayoutCache,
    ) -> View<'a> {
        View::new(doc, 0, hits, target, LayoutOptions::wrapped(width), cache)
    }

    #[test]
    fn marks_hits_and_target() {
        let text = "قوات حفظ السلام في قره باغ.\nسطر ثان عن لاتشين.";
        let doc = Document::new("a".into(), text.into(), Encoding::Utf8, 0);
        let hit = text.find("لاتشين").unwrap();
        let target = 0..text.find('\n').unwrap();
        let hits = [0..8, hit..hit + "لاتشين".len()];
        let mut cache = LayoutCache::default();
        let mut v = view(&doc, &hits, Some(&target), 20, &mut cache);
        let lines = all_lines(&mut v, 100);
        assert!(lines.len() >= 3);
        assert_eq!(lines[0].paragraph, 1);
        assert!(lines.iter().any(|l| l.paragraph == 2 && l.first));
        let marks: Vec<Mark> = lines
            .iter()
            .flat_map(|l| l.line.cells.iter().map(|c| c.style))
            .collect();
        assert!(
            marks.contains(&Mark::Hit)
                && marks.contains(&Mark::Target)
                && marks.contains(&Mark::TargetHit)
        );
        let at = v.line_of_offset(hit).unwrap();
        assert_eq!(lines.iter().find(|l| l.at == at).unwrap().paragraph, 2);
        let at = v.line_of_paragraph(2).unwrap();
        assert!(lines.iter().find(|l| l.at == at).unwrap().first);
        // Past the last paragraph there is none.
        assert_eq!(v.line_of_paragraph(3), None);
    }

    /// Walking by any number of lines, either way, lands where counting the
    /// lines of the whole layout says, at several widths.
    #[test]
    fn steps_agree_with_the_whole_layout() {
        let text = "سطر أول قصير.\n\n  فقرة ثانية أطول قليلا من الأولى عن قره باغ ولاتشين.\nthird, in English, long enough to wrap twice at twelve.\nأخيرة";
        let doc = Document::new("a".into(), text.into(), Encoding::Utf8, 0);
        for width in [1, 5, 12, 40, 200] {
            let mut cache = LayoutCache::default();
            let mut v = view(&doc, &[], None, width, &mut cache);
            let lines = all_lines(&mut v, usize::MAX);
            let whole: usize = doc
                .paragraphs
                .iter()
                .map(|p| {
                    layout::<Mark>(&text[p.range()], &LayoutOptions::wrapped(width), &[])
                        .lines
                        .len()
                })
                .sum();
            assert_eq!(lines.len(), whole, "width {width}");
            for from in 0..lines.len() {
                for step in -(lines.len() as isize + 2)..=(lines.len() as isize + 2) {
                    let to = (from as isize + step).clamp(0, lines.len() as isize - 1) as usize;
                    assert_eq!(
                        v.step(lines[from].at, step),
                        lines[to].at,
                        "width {width}, from {from} by {step}"
                    );
                }
            }
            for height in 1..lines.len() + 3 {
                let last = lines.len().saturating_sub(height);
                assert_eq!(v.last_top(height), lines[last].at, "height {height}");
                let window = v.window(lines[0].at, height);
                assert_eq!(window.len(), height.min(lines.len()));
            }
        }
    }

    #[test]
    fn a_huge_paragraph_is_cut_into_pieces_after_spaces() {
        let word = "كلمة ";
        let text = word.repeat(3 * PIECE_BYTES / word.len() + 7);
        let text = text.trim_end().to_string();
        let doc = Document::new("a".into(), text.clone(), Encoding::Utf8, 0);
        let p = &doc.paragraphs[0];
        let count = piece_count(&text, p);
        assert_eq!(count, 4);
        let mut at = p.start;
        for piece in 0..count {
            let r = piece_range(&text, p, piece, count);
            assert_eq!(r.start, at, "pieces are contiguous");
            assert!(r.len() <= PIECE_BYTES + BREAK_SEARCH);
            assert!(piece + 1 == count || text[..r.end].ends_with(' '));
            at = r.end;
        }
        assert_eq!(at, p.end);
        // Offsets map to the piece that holds them, and the last top is in
        // the last piece.
        let mut cache = LayoutCache::default();
        let mut v = view(&doc, &[], None, 30, &mut cache);
        let near_end = text.len() - 3;
        let pos = v.line_of_offset(near_end).unwrap();
        assert_eq!(pos.block.piece, count - 1);
        assert_eq!(v.last_top(1), v.last_line().unwrap());
        let top = v.last_top(10);
        let window = v.window(top, 10);
        assert_eq!(window.len(), 10);
        assert!(window.iter().any(|l| l.at == pos));
    }

    #[test]
    fn a_huge_paragraph_without_spaces_is_cut_between_graphemes() {
        // Letters with a mark each: a cut must not split a letter from its mark.
        let text = "بِ".repeat(PIECE_BYTES);
        let doc = Document::new("a".into(), text.clone(), Encoding::Utf8, 0);
        let p = &doc.paragraphs[0];
        let count = piece_count(&text, p);
        assert!(count > 1);
        for piece in 1..count {
            let start = piece_start(&text, p, piece);
            assert!(text[start..].starts_with('ب'), "piece {piece} at {start}");
        }
    }

    #[test]
    fn the_cache_stays_within_its_budget_and_drops_other_widths() {
        let text = "سطر عن قره باغ ولاتشين وستيباناكيرت\n".repeat(20_000);
        let doc = Document::new("a".into(), text, Encoding::Utf8, 0);
        let mut cache = LayoutCache::default();
        {
            let mut v = view(&doc, &[], None, 3, &mut cache);
            let end = v.last_top(5);
            let walked = v.forward(LinePos::default(), usize::MAX / 2);
            assert!(walked >= end);
        }
        assert!(cache.bytes() <= CACHE_BYTES, "{}", cache.bytes());
        assert!(cache.len() < doc.paragraphs.len());
        {
            let mut v = view(&doc, &[], None, 4, &mut cache);
            v.window(LinePos::default(), 3);
        }
        assert_eq!(cache.len(), 1, "only the new width's block is kept");
    }

    #[test]
    fn an_empty_document_has_no_lines() {
        let doc = Document::new("a".into(), "\n \n".into(), Encoding::Utf8, 0);
        let mut cache = LayoutCache::default();
        let mut v = view(&doc, &[], None, 10, &mut cache);
        assert!(v.window(LinePos::default(), 10).is_empty());
        assert_eq!(v.clamp(LinePos::default(), 10), LinePos::default());
        assert_eq!(v.line_of_offset(0), None);
        assert_eq!(v.step(LinePos::default(), 5), LinePos::default());
    }
}
