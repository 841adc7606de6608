//! Drawing: pure functions of the app state into ratatui widgets. Nothing here
//! changes state.

mod popup;
mod search;
pub mod source;
mod status;
pub mod text;
pub mod theme;
mod timeline;

use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};
use ratatui::Frame;

use crate::app::{geometry, App, Pane};
use theme::Theme;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = Theme::new(app.settings.mono);
    if !geometry::fits(area) {
        draw_too_small(frame, area, &theme);
        return;
    }
    let panes = app.panes();
    search::draw(frame, app, &panes, &theme);
    timeline::draw(frame, app, &panes, &theme);
    source::draw(frame, app, &panes, &theme);
    status::draw(frame, app, panes.status, &theme);
    popup::draw(frame, app, area, &theme);
}

fn draw_too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = format!(
        "terminal too small: {}×{}, sanad needs {}×{}",
        area.width,
        area.height,
        geometry::MIN_WIDTH,
        geometry::MIN_HEIGHT
    );
    let y = area.y + area.height / 2;
    let line = Rect {
        y,
        height: area.height.min(1),
        ..area
    };
    frame.render_widget(
        Paragraph::new(text)
            .style(theme.text)
            .alignment(Alignment::Center),
        line,
    );
}

/// Text in visual order for a one-line label (titles, status), so Arabic reads
/// right in terminals without bidi; logical order when the terminal reorders.
pub fn visual(app: &App, s: &str) -> String {
    visual_in(app, s, None)
}

/// [`visual`] for the status line's messages: English sentences with file
/// names, queries and titles in them, so always left to right, whatever the
/// first letter (a warning that opens with an Arabic file name must not turn
/// the whole sentence around).
pub fn visual_message(app: &App, s: &str) -> String {
    visual_in(app, s, Some(crate::bidi::Direction::Ltr))
}

/// One line of `s` in visual order, in the paragraph direction `base` (its
/// first strong letter's when `None`).
fn visual_in(app: &App, s: &str, base: Option<crate::bidi::Direction>) -> String {
    let clean = crate::bidi::visible_controls(s);
    if !app.settings.reorder {
        return clean.into_owned();
    }
    let options = crate::bidi::LayoutOptions {
        base,
        ..crate::bidi::LayoutOptions::default()
    };
    crate::bidi::layout_plain(&clean, &options)
        .lines
        .into_iter()
        .next()
        .map(|l| l.text)
        .unwrap_or_default()
}

/// [`visual`] as one span per grapheme: ratatui measures a span with
/// `str::width`, which counts the visual-order pair لا as one cell where
/// terminals draw two; per-grapheme spans are measured right.
pub fn visual_spans(app: &App, s: &str, style: Style) -> Vec<Span<'static>> {
    use unicode_segmentation::UnicodeSegmentation;
    visual(app, s)
        .graphemes(true)
        .map(|g| Span::styled(g.to_string(), style))
        .collect()
}

/// Parts joined by ` · `, each laid out on its own: a title mixing English
/// labels, Arabic titles and dates keeps its parts in order, each readable.
/// At most `budget` cells: a part that does not fit is cut in logical order
/// (keeping its first words) before it is reordered.
fn parts_spans(app: &App, parts: &[&str], style: Style, budget: usize) -> Vec<Span<'static>> {
    use unicode_width::UnicodeWidthStr;
    let mut spans = Vec::new();
    let mut left = budget;
    for (i, part) in parts.iter().enumerate() {
        let sep = if i > 0 { 3 } else { 0 };
        if left <= sep + 1 {
            break;
        }
        if i > 0 {
            spans.push(Span::styled(" · ", style));
        }
        left -= sep;
        let mut text = part.to_string();
        if text.width() > left {
            text = format!("{}…", fit(part, left.saturating_sub(1)));
        }
        left = left.saturating_sub(text.width());
        spans.extend(visual_spans(app, &text, style));
    }
    spans
}

/// The beginning of `text` on one line of `width` cells, laid out like any
/// paragraph: right-to-left text is right-aligned and keeps its first words.
pub fn first_line(app: &App, text: &str, width: usize, style: Style) -> Line<'static> {
    let options = app.layout_options(width);
    // The first line holds at most `width` characters of width one and their
    // marks: laying out more of a long summary on every frame is wasted work.
    let head = text
        .char_indices()
        .nth(width.saturating_mul(3))
        .map_or(text, |(i, _)| &text[..i]);
    let laid = crate::bidi::layout::<()>(head, &options, &[]);
    laid.lines
        .first()
        .map(|l| text::to_line(l, width, &|_| style))
        .unwrap_or_default()
}

/// A pane's border and title, highlighted when it has the focus.
fn pane_block<'a>(
    app: &App,
    pane: Pane,
    english: &str,
    arabic: &str,
    extra: String,
    width: u16,
    theme: &Theme,
) -> Block<'a> {
    let focused = app.focus == pane && app.popup.is_none();
    let label = if app.settings.rtl_ui {
        [arabic, english]
    } else {
        [english, arabic]
    };
    let style = if focused {
        theme.title_focused
    } else {
        theme.title
    };
    let mut budget = (width as usize).saturating_sub(4);
    let mut spans = vec![Span::styled(" ", style)];
    let label_spans = parts_spans(app, &label, style, budget);
    budget = budget.saturating_sub(label_spans.iter().map(Span::width).sum::<usize>() + 1);
    spans.extend(label_spans);
    spans.push(Span::styled(" ", style));
    if !extra.is_empty() {
        let parts: Vec<&str> = extra.split(" · ").collect();
        spans.extend(parts_spans(
            app,
            &parts,
            theme.dim,
            budget.saturating_sub(1),
        ));
        spans.push(Span::styled(" ", theme.dim));
    }
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(Line::from(spans))
}

/// `s` as the display filter shows it ([`crate::bidi::visible_controls`]), cut to at most
/// `width` display cells (by grapheme). Every one-line label goes through it: ratatui
/// would silently delete ESC, TAB and CR, so two different file names could look the
/// same, where the CLI shows control pictures.
///
/// Hand-written, not `unicode-truncate` (ratatui's): its 2.0 debug-asserts that
/// the widths of the graphemes add up to the width of the string, which Arabic
/// breaks (lam-alef and marks measure differently as a cluster and as a
/// string): the explorer's tests panicked in it on the seeds.
pub fn fit(s: &str, width: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    let mut out = String::new();
    let mut used = 0;
    for g in crate::bidi::visible_controls(s).graphemes(true) {
        let w = g.width();
        if used + w > width {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out
}
