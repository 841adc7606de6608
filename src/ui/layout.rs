//! Where each pane goes on screen: one pure function of the terminal size, used
//! by drawing and by the app (page sizes, mouse clicks), so both agree.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

/// Below this size the explorer shows a "terminal too small" message.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// Rows each search result takes in the list: a header and two lines of text.
pub const RESULT_ROWS: u16 = 3;

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
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
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
    fn tiny_areas_do_not_panic() {
        for (w, h) in [(0, 0), (1, 1), (3, 2), (20, 6)] {
            let _ = panes(Rect::new(0, 0, w, h), false);
        }
    }
}
