//! Where each pane goes on screen: one pure function of the terminal size, and
//! the fixed measures inside the panes. The app sizes pages, lays out the
//! source text and maps mouse clicks with it; `ui` draws into the same
//! rectangles, so both agree.

use ratatui::layout::{Constraint, Direction, Layout, Margin, Rect};

/// Below this size the explorer shows a "terminal too small" message.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// Rows each search result takes in the list: a header and two lines of text.
pub const RESULT_ROWS: u16 = 3;

/// Columns of the source view's paragraph-number gutter: `1234│`.
pub const GUTTER: usize = 5;

/// Columns for a timeline date: `2020-11-10` is ten.
pub const DATE_COLUMNS: usize = 10;

/// The three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Search,
    Timeline,
    Source,
}

impl Pane {
    pub fn next(self) -> Pane {
        match self {
            Pane::Search => Pane::Timeline,
            Pane::Timeline => Pane::Source,
            Pane::Source => Pane::Search,
        }
    }

    pub fn prev(self) -> Pane {
        self.next().next()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    /// The search pane's outer block (input + results).
    pub search: Rect,
    /// The query line inside it.
    pub input: Rect,
    /// The result list inside it.
    pub results: Rect,
    /// The timeline pane's outer block, and its list.
    pub timeline: Rect,
    pub timeline_list: Rect,
    /// The source pane's outer block, and its text area.
    pub source: Rect,
    pub source_text: Rect,
    pub status: Rect,
}

impl Panes {
    /// The pane at a cell, for the mouse.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let pos = ratatui::layout::Position { x: column, y: row };
        [
            (self.search, Pane::Search),
            (self.timeline, Pane::Timeline),
            (self.source, Pane::Source),
        ]
        .into_iter()
        .find(|(r, _)| r.contains(pos))
        .map(|(_, pane)| pane)
    }

    /// Search results that fit in the list.
    pub fn result_slots(&self) -> usize {
        (self.results.height / RESULT_ROWS).max(1) as usize
    }

    /// The result shown on screen row `row`, counted from the list's top.
    pub fn result_row(&self, row: u16) -> Option<usize> {
        (row >= self.results.y).then(|| ((row - self.results.y) / RESULT_ROWS) as usize)
    }

    /// Timeline events that fit in the list.
    pub fn timeline_rows(&self) -> usize {
        self.timeline_list.height.max(1) as usize
    }

    /// The event shown on screen row `row`, counted from the list's top.
    pub fn timeline_row(&self, row: u16) -> Option<usize> {
        (row >= self.timeline_list.y).then(|| (row - self.timeline_list.y) as usize)
    }

    /// Rows of text in the source pane.
    pub fn source_rows(&self) -> usize {
        self.source_text.height as usize
    }

    /// Cells for text in the source pane: its inner width less the paragraph
    /// number gutter.
    pub fn source_text_width(&self) -> usize {
        (self.source_text.width as usize)
            .saturating_sub(GUTTER)
            .max(1)
    }
}

/// The popup's frame: four fifths of the screen each way, centred.
pub fn popup(area: Rect) -> Rect {
    area.centered(Constraint::Percentage(80), Constraint::Percentage(80))
}

/// Lines of text inside the popup's frame.
pub fn popup_rows(area: Rect) -> usize {
    inner(popup(area)).height as usize
}

pub fn fits(area: Rect) -> bool {
    area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT
}

/// Search and timeline stacked on one side, the source on the other (the right,
/// or the left with `rtl`), the status bar below.
pub fn panes(area: Rect, rtl: bool) -> Panes {
    let rows = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).split(area);
    let (main, status) = (rows[0], rows[1]);
    let lists_share = if area.width >= 120 { 40 } else { 45 };
    let constraints = [Constraint::Percentage(lists_share), Constraint::Min(10)];
    let columns = if rtl {
        let c = Layout::horizontal([constraints[1], constraints[0]]).split(main);
        [c[1], c[0]]
    } else {
        let c = Layout::horizontal(constraints).split(main);
        [c[0], c[1]]
    };
    let (lists, source) = (columns[0], columns[1]);
    let stacked = Layout::new(
        Direction::Vertical,
        [Constraint::Percentage(58), Constraint::Min(4)],
    )
    .split(lists);
    let (search, timeline) = (stacked[0], stacked[1]);
    let search_inner = inner(search);
    let input = Rect {
        height: search_inner.height.min(1),
        ..search_inner
    };
    let results = Rect {
        y: search_inner.y.saturating_add(2).min(search_inner.bottom()),
        height: search_inner.height.saturating_sub(2),
        ..search_inner
    };
    Panes {
        search,
        input,
        results,
        timeline,
        timeline_list: inner(timeline),
        source,
        source_text: inner(source),
        status,
    }
}

/// The area inside a one-cell border.
fn inner(r: Rect) -> Rect {
    r.inner(Margin::new(1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen_at_80_by_24() {
        let p = panes(Rect::new(0, 0, 80, 24), false);
        assert_eq!(p.status, Rect::new(0, 23, 80, 1));
        assert_eq!(p.search.x, 0);
        assert!(p.source.x > p.search.x);
        assert_eq!(p.search.width + p.source.width, 80);
        assert_eq!(p.search.height + p.timeline.height, 23);
        assert!(p.results.height >= 6);
    }

    #[test]
    fn rtl_mirrors_the_columns() {
        let p = panes(Rect::new(0, 0, 100, 30), true);
        assert_eq!(p.source.x, 0);
        assert!(p.search.x > 0);
    }

    #[test]
    fn tiny_and_huge_areas_do_not_panic() {
        for (w, h) in [(0, 0), (1, 1), (3, 2), (20, 6), (u16::MAX, u16::MAX)] {
            let area = Rect::new(0, 0, w, h);
            let _ = panes(area, false);
            // 80% of 65535 columns: a multiplication in u16 overflowed here.
            assert!(popup(area).width <= w);
        }
    }
}
