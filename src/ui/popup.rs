//! Overlays: help (generated from the key map), the document list, citations,
//! and the events citing a paragraph.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::theme::Theme;
use super::{first_line, fit, visual_spans};
use crate::app::{App, Popup};

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let Some(popup) = &app.popup else { return };
    let rect = centered(area, 80, 80);
    if rect.width < 10 || rect.height < 4 {
        return;
    }
    frame.render_widget(Clear, rect);
    let inner_width = rect.width.saturating_sub(2) as usize;
    let (title, lines) = match popup {
        Popup::Help => (
            "Help · مساعدة".to_string(),
            help_lines(app, inner_width, theme),
        ),
        Popup::Documents { selected } => (
            "Documents · الوثائق".to_string(),
            document_lines(app, *selected, inner_width, theme),
        ),
        Popup::Citations { title, lines } => (
            format!("Citations · المراجع — {title}"),
            lines
                .iter()
                .map(|l| first_line(app, l, inner_width, theme.text))
                .collect(),
        ),
        Popup::CitingEvents {
            paragraph,
            entries,
            selected,
        } => (
            format!("Events citing paragraph {paragraph}"),
            entries
                .iter()
                .enumerate()
                .filter_map(|(i, &e)| {
                    let entry = app.timeline.entries.get(e)?;
                    let style = if i == *selected {
                        theme.selected
                    } else {
                        theme.text
                    };
                    let date = format!(" {:<11}", entry.date.to_string());
                    let mut spans = vec![Span::styled(date, theme.date)];
                    spans.extend(
                        first_line(app, &entry.summary, inner_width.saturating_sub(12), style)
                            .spans,
                    );
                    Some(Line::from(spans))
                })
                .collect(),
        ),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.border_focused)
        .title(Line::from(visual_spans(
            app,
            &format!(" {title} "),
            theme.title_focused,
        )))
        .title_bottom(Span::styled(" Esc close ", theme.dim));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

fn help_lines(app: &App, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        "Keys (from assets/keys.toml and your config.toml)",
        theme.title_focused,
    ))];
    for (keys, desc) in app.keymap.help_lines() {
        let keys = format!("{keys:>18}  ");
        lines.push(Line::from(vec![
            Span::styled(keys, theme.key),
            Span::styled(fit(&desc, width.saturating_sub(20)), theme.text),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "In the search input",
        theme.title_focused,
    )));
    for (keys, desc) in [
        ("← →", "move the cursor (they follow the text's direction)"),
        ("Backspace Del", "delete a character"),
        ("ctrl-w", "delete a word"),
        ("ctrl-a ctrl-e", "start / end of the query"),
        ("Esc", "clear the query"),
    ] {
        lines.push(Line::from(vec![
            Span::styled(format!("{keys:>18}  "), theme.key),
            Span::styled(desc.to_string(), theme.text),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Query: words (all must match), \"exact phrase\", prefix*, -exclude",
        theme.dim,
    )));
    lines
}

fn document_lines(app: &App, selected: usize, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    app.corpus
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let title = app
                .meta
                .get(&d.path)
                .and_then(|s| s.title.clone())
                .unwrap_or_default();
            let style = if i == selected {
                theme.selected
            } else {
                theme.text
            };
            let head = format!(" {:<28} ", fit(&d.path, 28));
            let mut spans = vec![Span::styled(head, style)];
            spans.extend(first_line(app, &title, width.saturating_sub(31), style).spans);
            Line::from(spans)
        })
        .collect()
}

/// A rectangle of `percent_x` × `percent_y` of `area`, centred.
fn centered(area: Rect, percent_x: u16, percent_y: u16) -> Rect {
    let width = area.width * percent_x / 100;
    let height = area.height * percent_y / 100;
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}
