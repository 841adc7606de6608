//! The search pane: the query line and the ranked passages (or, for an empty
//! query, the documents).

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::text::to_line;
use super::theme::Theme;
use super::{first_line, fit, pane_block, visual};
use crate::app::geometry::{Panes, RESULT_ROWS};
use crate::app::{App, Pane};
use crate::bidi::{layout, LayoutOptions};
use crate::index::Hit;
use crate::metadata::Source;

pub fn draw(frame: &mut Frame, app: &App, panes: &Panes, theme: &Theme) {
    let count = if app.load_error.is_some() {
        "not loaded".to_string()
    } else if app.search.browsing_documents() {
        format!("{} documents", app.shelf.len())
    } else {
        app.search.passages_label()
    };
    frame.render_widget(
        pane_block(
            app,
            Pane::Search,
            "Search",
            "بحث",
            count,
            panes.search.width,
            theme,
        ),
        panes.search,
    );
    draw_input(frame, app, panes.input, theme);
    let rule = Rect {
        y: panes.input.y.saturating_add(1),
        height: 1,
        ..panes.input
    };
    if rule.bottom() <= panes.results.y || panes.results.height > 0 {
        frame.render_widget(
            Paragraph::new("─".repeat(rule.width as usize)).style(theme.border),
            rule,
        );
    }
    if app.search.browsing_documents() {
        draw_documents(frame, app, panes.results, theme);
    } else {
        draw_hits(frame, app, panes.results, theme);
    }
}

/// The query, laid out like any text (Arabic right-aligned and reordered), with
/// the terminal cursor at the logical cursor's visual place.
fn draw_input(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    if area.width < 3 || area.height == 0 {
        return;
    }
    let prompt = "› ";
    let field = Rect {
        x: area.x + 2,
        width: area.width - 2,
        ..area
    };
    frame.render_widget(Paragraph::new(prompt).style(theme.key), area);
    let input = &app.search.input;
    if input.is_empty() {
        let hint = visual(app, "type to search · اكتب للبحث");
        frame.render_widget(
            Paragraph::new(fit(&hint, field.width as usize)).style(theme.dim),
            field,
        );
        if app.typing() {
            frame.set_cursor_position(Position {
                x: field.x,
                y: field.y,
            });
        }
        return;
    }
    let width = field.width as usize;
    let base = input.direction();
    let options = LayoutOptions {
        base: Some(base),
        ..app.layout_options(width)
    };
    let laid = layout::<()>(input.text(), &options, &[]);
    let caret = laid.caret(input.cursor(), width);
    if let Some(line) = laid.lines.get(caret.line) {
        let rendered = to_line(line, width, &|_| theme.text);
        frame.render_widget(Paragraph::new(rendered), field);
    }
    if app.typing() {
        let x = field.x + (caret.column as u16).min(field.width.saturating_sub(1));
        frame.set_cursor_position(Position { x, y: field.y });
    }
}

fn draw_hits(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    if let Some(error) = &app.search.error {
        frame.render_widget(
            Paragraph::new(fit(&visual(app, error), area.width as usize)).style(theme.error),
            area,
        );
        return;
    }
    if app.search.hits.is_empty() {
        // While a search is in flight its answer is not known yet.
        let msg = if app.search.pending {
            visual(app, "searching… · جار البحث")
        } else {
            visual(app, "no passages match · لا نتائج")
        };
        frame.render_widget(Paragraph::new(msg).style(theme.dim), area);
        return;
    }
    for (item, i) in item_slots(app, area, app.search.hits.len()) {
        let Some(hit) = app.search.hits.get(i) else {
            continue;
        };
        draw_hit(frame, app, item, hit, i, theme);
    }
}

fn draw_hit(frame: &mut Frame, app: &App, area: Rect, hit: &Hit, i: usize, theme: &Theme) {
    let selected = i == app.search.list.selected;
    let header_style = if selected { theme.selected } else { theme.dim };
    let marker = if selected { "▌" } else { " " };
    let header_rect = Rect { height: 1, ..area };
    frame.render_widget(
        Paragraph::new(hit_header(
            app,
            hit,
            i,
            marker,
            area.width as usize,
            header_style,
        )),
        header_rect,
    );
    let width = area.width.saturating_sub(1) as usize;
    let styles: Vec<(std::ops::Range<usize>, bool)> = hit
        .highlights
        .iter()
        .filter_map(|[s, e]| Some((s.checked_sub(hit.start)?..e.checked_sub(hit.start)?, true)))
        .collect();
    let options = app.layout_options(width);
    let laid = layout(&hit.text, &options, &styles);
    // Show the line with the first match and the one after it.
    let first_hit = styles.first().map_or(0, |(r, _)| r.start);
    let start_line = laid
        .line_of(first_hit)
        .unwrap_or(0)
        .min(laid.lines.len().saturating_sub(2));
    let style = |hit: bool| if hit { theme.hit } else { theme.text };
    let lines: Vec<Line> = laid
        .lines
        .iter()
        .skip(start_line)
        .take((RESULT_ROWS - 1) as usize)
        .map(|l| to_line(l, width, &style))
        .collect();
    let body = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: width as u16,
        height: RESULT_ROWS - 1,
    };
    frame.render_widget(Paragraph::new(lines), body);
}

/// `▌ 1. 004_….txt:7 · ≈2023-09-22 · title`: where the hit is, then, as room
/// allows, its source's date and title (or outlet), then its score. Each
/// field is laid out on its own, so the Arabic title never reorders the file
/// name or the date around it.
fn hit_header(
    app: &App,
    hit: &Hit,
    i: usize,
    marker: &str,
    width: usize,
    style: ratatui::style::Style,
) -> Line<'static> {
    /// A title is worth showing in this many cells or more.
    const MIN_TITLE: usize = 8;
    let place = format!("{marker}{:>2}. {}", i + 1, hit.address());
    let mut used = UnicodeWidthStr::width(place.as_str());
    let mut spans = vec![Span::styled(fit(&place, width), style)];
    let source = app.shelf.source_named(&hit.file);
    let source = source.as_deref();
    if let Some(date) = source.and_then(Source::date_label) {
        let field = format!(" · {date}");
        let w = UnicodeWidthStr::width(field.as_str());
        if used + w <= width {
            used += w;
            spans.push(Span::styled(field, style));
        }
    }
    let name = source.and_then(|s| s.title.clone().or_else(|| s.outlet.clone()));
    if let Some(name) = name {
        let room = width.saturating_sub(used + 3);
        if room >= MIN_TITLE {
            spans.push(Span::styled(" · ", style));
            let title = first_line(app, &name, room, style);
            used += 3 + title.width();
            spans.extend(title.spans);
        }
    }
    let score = format!("  {:.1}", hit.score);
    if used + UnicodeWidthStr::width(score.as_str()) <= width {
        spans.push(Span::styled(score, style));
    }
    Line::from(spans)
}

fn draw_documents(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    if let Some(error) = &app.load_error {
        draw_load_error(frame, error, area, theme);
        return;
    }
    if app.shelf.is_empty() {
        let msg = if app.loading {
            "loading the documents…"
        } else {
            "no documents in the corpus"
        };
        frame.render_widget(Paragraph::new(msg).style(theme.dim), area);
        return;
    }
    let width = area.width as usize;
    for (item, i) in item_slots(app, area, app.shelf.len()) {
        let Some(name) = app.shelf.name(i) else {
            continue;
        };
        let selected = i == app.search.list.selected;
        let source = app.shelf.source(i);
        let source = source.as_deref();
        let title = source
            .and_then(|s| s.title.clone())
            .unwrap_or_else(|| name.to_string());
        let mut details = Vec::new();
        if let Some(outlet) = source.and_then(|s| s.outlet.clone()) {
            details.push(outlet);
        }
        if let Some(date) = source.and_then(Source::date_label) {
            details.push(date);
        }
        // What the index knows, not the text: the list reads no document.
        if let Some(kind) = source.and_then(|s| s.kind) {
            details.push(kind.as_str().to_string());
        }
        let marker = if selected { "▌" } else { " " };
        let lines = vec![
            Line::from(vec![Span::styled(
                format!(
                    "{marker}{:>2}. {}",
                    i + 1,
                    fit(name, width.saturating_sub(5))
                ),
                if selected { theme.selected } else { theme.dim },
            )]),
            indented(first_line(app, &title, width.saturating_sub(1), theme.text)),
            indented(first_line(
                app,
                &details.join(" · "),
                width.saturating_sub(1),
                theme.dim,
            )),
        ];
        frame.render_widget(Paragraph::new(lines), item);
    }
}

fn indented(line: Line<'static>) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    spans.extend(line.spans);
    Line::from(spans)
}

/// The list items on screen: each one's rectangle (RESULT_ROWS high) and index,
/// from the list's scroll offset.
fn item_slots(app: &App, area: Rect, len: usize) -> impl Iterator<Item = (Rect, usize)> {
    let rows = (area.height / RESULT_ROWS) as usize;
    (app.search.list.offset..len)
        .take(rows)
        .enumerate()
        .map(move |(slot, i)| {
            (
                Rect {
                    y: area.y + slot as u16 * RESULT_ROWS,
                    height: RESULT_ROWS,
                    ..area
                },
                i,
            )
        })
}

/// Why the corpus could not be loaded, in place of the list it stops; wrapped,
/// because it names a file and the problem, and the user has to read it all.
pub fn draw_load_error(frame: &mut Frame, error: &str, area: Rect, theme: &Theme) {
    let text = format!(
        "could not load the corpus: {}. Fix it and sanad reloads.",
        crate::bidi::visible_controls(error)
    );
    frame.render_widget(
        Paragraph::new(text)
            .style(theme.error)
            .wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}
