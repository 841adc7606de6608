//! Overlays: help (generated from the key map), the document list, citations,
//! and the events citing a paragraph.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::theme::Theme;
use super::{first_line, fit, parts_spans};
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
            vec!["Help".to_string(), "مساعدة".into()],
            help_lines(app, inner_width, theme),
            *top,
        ),
        Popup::Documents {
            list,
            filter,
            shown,
            ..
        } => (
            documents_title(filter.text(), shown.len(), app.shelf.len()),
            document_lines(app, shown, list.selected, inner_width, theme),
            list.offset,
        ),
        Popup::Citations { title, lines, top } => (
            vec!["Citations".to_string(), "المراجع".into(), title.clone()],
            lines
                .iter()
                .map(|l| first_line(app, l, inner_width, theme.text))
                .collect(),
            *top,
        ),
        Popup::CitingEvents {
            paragraph,
            entries,
            list,
        } => (
            vec![format!("Events citing paragraph {paragraph}")],
            event_lines(app, entries, list.selected, inner_width, theme),
            list.offset,
        ),
    };
    let lines: Vec<Line> = lines.into_iter().skip(top).collect();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.border_focused)
        .title(Line::from({
            // Each part laid out on its own: a file name or a count keeps its
            // order beside the Arabic label.
            let parts: Vec<&str> = title.iter().map(String::as_str).collect();
            let mut spans = vec![Span::styled(" ", theme.title_focused)];
            spans.extend(parts_spans(
                app,
                &parts,
                theme.title_focused,
                inner_width.saturating_sub(2),
            ));
            spans.push(Span::styled(" ", theme.title_focused));
            spans
        }))
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

/// `Documents · الوثائق · type to filter`, or with a filter, what it kept.
fn documents_title(filter: &str, shown: usize, all: usize) -> Vec<String> {
    let mut parts = vec!["Documents".to_string(), "الوثائق".into()];
    if filter.is_empty() {
        parts.push("type to filter".into());
    } else {
        parts.push(format!("«{filter}»"));
        parts.push(format!("{shown} of {all}"));
    }
    parts
}

fn document_lines(
    app: &App,
    shown: &[usize],
    selected: usize,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    shown
        .iter()
        .filter_map(|&d| Some((d, app.shelf.name(d)?)))
        .enumerate()
        .map(|(i, (doc, d))| {
            let source = app.shelf.source(doc);
            let source = source.as_deref();
            let title = source.and_then(|s| s.title.clone()).unwrap_or_default();
            // `≈` marks a date worked out from the text.
            let date = source.and_then(|s| s.date_label()).unwrap_or_default();
            let style = if i == selected {
                theme.selected
            } else {
                theme.text
            };
            let head = format!(" {:<28} ", fit(d, 28));
            let mut spans = vec![
                Span::styled(head, style),
                Span::styled(format!("{date:<11} "), theme.date),
            ];
            spans.extend(first_line(app, &title, width.saturating_sub(43), style).spans);
            Line::from(spans)
        })
        .collect()
}
