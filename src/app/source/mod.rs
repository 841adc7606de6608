//! The source pane: which document is shown, where, with what marked. Only
//! what is on screen is laid out ([`view`]): the place in the document is a
//! line position, not an index into every line.

mod cache;
pub mod view;

use std::ops::Range;

pub use cache::{LayoutCache, CACHE_BYTES};
pub use view::{piece_count, Block, LinePos, Mark, SourceLine, View, PIECE_BYTES};

use crate::bidi::LayoutOptions;
use crate::corpus::Document;
use crate::query::Query;

/// The source view's state.
#[derive(Debug, Default)]
pub struct SourceState {
    /// Index into the corpus documents.
    pub doc: usize,
    /// The first line shown.
    pub top: LinePos,
    /// The passage or sentence jumped to (document byte range).
    pub target: Option<Range<usize>>,
    /// Where the target starts, when it is in the document.
    pub target_at: Option<LinePos>,
    /// Query hits in the document, sorted and disjoint.
    pub hits: Vec<Range<usize>>,
    /// Which hit `n`/`N` last stepped to (an index into `hits`).
    pub current_hit: Option<usize>,
    /// The lines on screen from `top`, laid out after every action: all that
    /// the source pane draws.
    pub window: Vec<SourceLine>,
    /// Width the lines were laid out for.
    pub width: usize,
    /// The document's blocks laid out so far, bounded.
    pub cache: LayoutCache,
}

/// What the source view is laid out with: the document shown and the layout
/// options for the pane's width.
#[derive(Clone, Copy)]
pub struct Page<'a> {
    pub doc: &'a Document,
    pub options: LayoutOptions,
    /// Rows of text in the pane.
    pub height: usize,
}

impl SourceState {
    /// The shown document as the view walks it.
    fn view<'a>(&'a mut self, page: Page<'a>) -> View<'a> {
        View::new(
            page.doc,
            self.doc,
            &self.hits,
            self.target.as_ref(),
            page.options,
            &mut self.cache,
        )
    }

    /// Shows document `doc` (its index, in `page`), scrolled to `target`
    /// (highlighted) or to paragraph `paragraph`, or where it was.
    pub fn show(
        &mut self,
        doc: usize,
        page: Page<'_>,
        query: Option<&Query>,
        target: Option<Range<usize>>,
        paragraph: Option<usize>,
    ) {
        if doc != self.doc {
            // A place in another document means nothing here.
            self.top = LinePos::default();
        }
        self.doc = doc;
        self.target = target.clone();
        self.current_hit = None;
        self.mark_hits(Some(page.doc), query);
        let mut view = self.view(page);
        let line = match (&target, paragraph) {
            (Some(t), _) => view.line_of_offset(t.start),
            (None, Some(p)) => view.line_of_paragraph(p),
            (None, None) => None,
        };
        // A little context above the target.
        if let Some(top) = line.map(|line| view.back(line, 2)) {
            self.top = top;
        }
    }

    /// The next (`forward`) or previous hit of the query from where the reader
    /// is — the hit stepped to last, else the target, else the top of the view
    /// — wrapping around as less does. Returns the hit's index and the count.
    pub fn next_hit(&self, doc: &Document, forward: bool) -> Option<(usize, usize)> {
        let n = self.hits.len();
        if n == 0 {
            return None;
        }
        let index = match self.current_hit {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None => {
                let here = self.target.as_ref().map_or_else(
                    || {
                        doc.paragraphs
                            .get(self.top.block.paragraph)
                            .map_or(0, |p| p.start)
                    },
                    |t| t.start,
                );
                if forward {
                    self.hits.iter().position(|h| h.start >= here).unwrap_or(0)
                } else {
                    self.hits
                        .iter()
                        .rposition(|h| h.start < here)
                        .unwrap_or(n - 1)
                }
            }
        };
        Some((index, n))
    }

    /// Marks the query's hits in the shown document (drawn at the next
    /// refresh).
    pub fn mark_hits(&mut self, doc: Option<&Document>, query: Option<&Query>) {
        self.hits = match (query, doc) {
            (Some(q), Some(d)) => q.highlights(&d.text),
            _ => Vec::new(),
        };
    }

    /// Clamps the scroll position and lays out the lines on screen: the only
    /// layout the source view does, after each action.
    pub fn refresh_window(&mut self, page: Option<Page<'_>>) {
        let top = self.top;
        let target = self.target.as_ref().map(|t| t.start);
        let refreshed = page.map(|page| {
            let mut view = self.view(page);
            let top = view.clamp(top, page.height);
            let window = view.window(top, page.height);
            let target_at = target.and_then(|t| view.line_of_offset(t));
            (top, window, target_at)
        });
        let (top, window, target_at) = refreshed.unwrap_or_default();
        self.top = top;
        self.window = window;
        self.target_at = target_at;
    }

    /// Scrolls by `step` lines (clamped at the next refresh).
    pub fn scroll(&mut self, page: Page<'_>, step: isize) {
        let top = self.top;
        self.top = self.view(page).step(top, step);
    }

    /// The top of the document, or its last screenful, reached directly:
    /// walking there line by line would lay out the whole document.
    pub fn jump_to_end(&mut self, page: Page<'_>, last: bool) {
        self.top = if last {
            self.view(page).last_top(page.height)
        } else {
            LinePos::default()
        };
    }

    /// The 1-based line number of the paragraph at the top of the view.
    pub fn top_paragraph(&self, doc: &Document) -> Option<usize> {
        doc.paragraphs
            .get(self.top.block.paragraph)
            .map(|p| p.number)
    }

    /// The paragraph holding the target, if it is on screen, else the one at
    /// the top.
    pub fn current_paragraph(&self, doc: &Document) -> Option<usize> {
        let target = self
            .target_at
            .and_then(|at| self.window.iter().find(|l| l.at == at))
            .map(|l| l.paragraph);
        target.or_else(|| self.top_paragraph(doc))
    }
}
