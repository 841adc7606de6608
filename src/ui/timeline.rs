//! The timeline pane: one row per event — date, number of sources, summary.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::theme::Theme;
use super::{first_line, pane_block, visual};
use crate::app::geometry::{Panes, DATE_COLUMNS};
use crate::app::{App, Pane};

pub fn draw(frame: &mut Frame, app: &App, panes: &Panes, theme: &Theme) {
    let follow = app.search.query.is_some() && app.entries.follow_query;
    let extra = if follow {
        format!(
            "{} of {} events match",
            app.entries.visible.len(),
            app.timeline.entries.len()
        )
    } else {
        format!("{} events", app.timeline.entries.len())
    };
    frame.render_widget(
        pane_block(
            app,
            Pane::Timeline,
            "Timeline",
            "الخط الزمني",
            extra,
            panes.timeline.width,
            theme,
        ),
        panes.timeline,
    );
    let area = panes.timeline_list;
    if let Some(error) = &app.load_error {
        super::search::draw_load_error(frame, error, area, theme);
        return;
    }
    if app.entries.visible.is_empty() {
        let msg = if app.loading {
            "loading the timeline…"
        } else if follow {
            "no event matches the query (f: show all)"
        } else {
            "no dated events found"
        };
        frame.render_widget(Paragraph::new(visual(app, msg)).style(theme.dim), area);
        return;
    }
    let rows = area.height as usize;
    for (slot, (i, &entry)) in app
        .entries
        .visible
        .iter()
        .enumerate()
        .skip(app.entries.list.offset)
        .take(rows)
        .enumerate()
    {
        let Some(e) = app.timeline.entries.get(entry) else {
            continue;
        };
        let selected = i == app.entries.list.selected;
        let row = Rect {
            y: area.y + slot as u16,
            height: 1,
            ..area
        };
        frame.render_widget(
            Paragraph::new(entry_line(app, e, selected, row.width as usize, theme)),
            row,
        );
    }
}

fn entry_line(
    app: &App,
    e: &crate::timeline::Entry,
    selected: bool,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let date = format!("{:<DATE_COLUMNS$}", e.date.to_string());
    let sources = e.files().len();
    let count = if sources > 1 {
        format!(" ×{sources} ")
    } else {
        "    ".to_string()
    };
    let marker = if selected { "▌" } else { " " };
    let used = 1 + DATE_COLUMNS + count.chars().count();
    let mut spans = vec![
        Span::styled(marker.to_string(), theme.key),
        Span::styled(date, if selected { theme.selected } else { theme.date }),
        Span::styled(count, theme.key),
    ];
    let summary = first_line(
        app,
        &e.summary,
        width.saturating_sub(used),
        if selected { theme.selected } else { theme.text },
    );
    spans.extend(summary.spans);
    Line::from(spans)
}
