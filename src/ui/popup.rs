//! Overlays: help (generated from the key map), the document list, citations,
//! and the events citing a paragraph.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::theme::Theme;
use super::{first_line, fit, visual_spans};
use crate::app::popup::HelpLine;
use crate::app::{geometry, App, Popup};

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let Some(popup) = &app.popup else { return };
    let rect = geometry::popup(area);
    if rect.width < 10 || rect.height < 4 {
        return;
    }
    frame.render_widget(Clear, rect);
    let inner_width = rect.width.saturating_sub(2) as usize;
    let (title, lines, top) = match popup {
        Popup::Help { top } => (
            "Help · مساعدة".to_string(),
            help_lines(app, inner_width, theme),
            *top,
        ),
        Popup::Documents { list } => (
            "Documents · الوثائق".to_string(),
            document_lines(app, list.selected, inner_width, theme),
            list.offset,
        ),
        Popup::Citations { title, lines } => (
            format!("Citations · المراجع — {title}"),
            lines
                .iter()
                .map(|l| first_line(app, l, inner_width, theme.text))
                .collect(),
            0,
        ),
        Popup::CitingEvents {
            paragraph,
            entries,
            list,
        } => (
            format!("Events citing paragraph {paragraph}"),
            event_lines(app, entries, list.selected, inner_width, theme),
            list.offset,
        ),
    };
    let lines: Vec<Line> = lines.into_iter().skip(top).collect();
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

/// The help overlay's lines ([`help_lines`](crate::app::popup::help_lines)),
/// styled.
fn help_lines(app: &App, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    crate::app::popup::help_lines(&app.keymap)
        .into_iter()
        .map(|line| match line {
            HelpLine::Title(title) => Line::from(Span::styled(title, theme.title_focused)),
            HelpLine::Keys(keys, desc) => Line::from(vec![
                Span::styled(format!("{:>18}  ", fit(&keys, 18)), theme.key),
                Span::styled(fit(desc, width.saturating_sub(20)), theme.text),
            ]),
            HelpLine::Blank => Line::from(""),
            HelpLine::Note(note) => Line::from(Span::styled(note, theme.dim)),
        })
        .collect()
}

fn event_lines(
    app: &App,
    entries: &[usize],
    selected: usize,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    entries
        .iter()
        .enumerate()
        .filter_map(|(i, &e)| {
            let entry = app.timeline.entries.get(e)?;
            let style = if i == selected {
                theme.selected
            } else {
                theme.text
            };
            let date = format!(" {:<11}", entry.date.to_string());
            let mut spans = vec![Span::styled(date, theme.date)];
            spans.extend(first_line(app, &entry.summary, width.saturating_sub(12), style).spans);
            Some(Line::from(spans))
        })
        .collect()
}

fn document_lines(app: &App, selected: usize, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    app.corpus
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let source = app.meta.get(&d.path);
            let title = source.and_then(|s| s.title.clone()).unwrap_or_default();
            // `≈` marks a date worked out from the text.
            let date = source.and_then(|s| s.date_label()).unwrap_or_default();
            let style = if i == selected {
                theme.selected
            } else {
                theme.text
            };
            let head = format!(" {:<28} ", fit(&d.path, 28));
            let mut spans = vec![
                Span::styled(head, style),
                Span::styled(format!("{date:<11} "), theme.date),
            ];
            spans.extend(first_line(app, &title, width.saturating_sub(43), style).spans);
            Line::from(spans)
        })
        .collect()
}
