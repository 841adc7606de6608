//! The source view: the document laid out right to left, with paragraph numbers,
//! search hits and the jump target marked.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::to_line;
use super::theme::Theme;
use super::{pane_block, visual};
use crate::app::geometry::Panes;
use crate::app::{App, Pane};

pub fn draw(frame: &mut Frame, app: &App, panes: &Panes, theme: &Theme) {
    frame.render_widget(
        pane_block(
            app,
            Pane::Source,
            "Source",
            "المصدر",
            title_of(app),
            panes.source.width,
            theme,
        ),
        panes.source,
    );
    let area = panes.source_text;
    if let Err(why) = app.shelf.open(app.source.doc) {
        // Read when shown: a file removed or emptied since it was listed says so.
        let said = match app.shelf.name(app.source.doc) {
            Some(name) => format!("{}: {why}", crate::bidi::visible_controls(name)),
            None => "no document".to_string(),
        };
        frame.render_widget(Paragraph::new(said).style(theme.dim), area);
        return;
    }
    let width = app.source.width;
    let lines: Vec<Line> = app
        .source
        .window
        .iter()
        .take(area.height as usize)
        .map(|l| {
            let number = if l.first {
                format!("{:>4}│", l.paragraph)
            } else {
                "    │".to_string()
            };
            let mut spans = vec![Span::styled(number, theme.gutter)];
            spans.extend(to_line(&l.line, width, &|m| theme.mark(m)).spans);
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
    draw_scroll_position(frame, app, panes.source, theme);
}

/// `— title · outlet · date`, from the metadata, else the file name.
fn title_of(app: &App) -> String {
    let Some(name) = app.shelf.name(app.source.doc) else {
        return String::new();
    };
    let Some(source) = app.shelf.source(app.source.doc) else {
        return name.to_string();
    };
    let mut parts = Vec::new();
    if let Some(t) = &source.title {
        parts.push(t.clone());
    }
    if let Some(o) = &source.outlet {
        parts.push(o.clone());
    }
    if let Some(d) = source.date_label() {
        parts.push(d);
    }
    if parts.is_empty() {
        parts.push(name.to_string());
    }
    parts.join(" · ")
}

/// `12/140` on the bottom border: where in the document the view is, as the
/// line number of the paragraph at the top (the gutter's numbering) over the
/// last one's. Counted in paragraphs, not screen lines: counting those would
/// mean laying out the whole document.
fn draw_scroll_position(frame: &mut Frame, app: &App, pane: Rect, theme: &Theme) {
    if pane.height < 2 || pane.width < 12 {
        return;
    }
    let last = app
        .document()
        .and_then(|d| d.doc.paragraphs.last().map(|p| p.number))
        .unwrap_or(1);
    let top = app.top_paragraph().unwrap_or(1).min(last);
    let text = format!(" {top}/{last} ");
    let w = text.chars().count() as u16;
    let rect = Rect {
        x: pane.right().saturating_sub(w + 1),
        y: pane.bottom() - 1,
        width: w,
        height: 1,
    };
    frame.render_widget(Paragraph::new(visual(app, &text)).style(theme.dim), rect);
}
