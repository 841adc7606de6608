//! The status bar: what is shown (hit count, message) on the left, the keys that
//! work here on the right — generated from the key map, so hints never lie.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::{fit, visual};
use crate::app::{Action, App, Pane, Popup};

/// The actions worth a hint in each context, with their short labels.
fn hints(app: &App) -> Vec<(Action, &'static str)> {
    if app.popup.is_some() {
        return vec![
            (Action::Open, "open"),
            (Action::Back, "close"),
            (Action::QuitNow, "quit"),
        ];
    }
    match app.focus {
        Pane::Search => vec![
            (Action::Open, "open"),
            (Action::SelectNext, "next"),
            (Action::NextPane, "pane"),
            (Action::Back, "clear"),
            (Action::Help, "help"),
            (Action::QuitNow, "quit"),
        ],
        Pane::Timeline => vec![
            (Action::Open, "jump"),
            (Action::NextMention, "next source"),
            (Action::Citations, "citations"),
            (Action::ToggleFollowQuery, "all/query"),
            (Action::Copy, "copy"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        Pane::Source => vec![
            (Action::SelectNext, "scroll"),
            (Action::CitingEvents, "events"),
            (Action::Citations, "citations"),
            (Action::NextDocument, "next doc"),
            (Action::DocumentList, "docs"),
            (Action::Edit, "edit"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let width = area.width as usize;
    let left = visual(app, &left_text(app));
    // The message keeps at least half the bar; hints are dropped from the end
    // until the rest fits.
    let left_width = UnicodeWidthStr::width(left.as_str()).min(width / 2);
    let typing = app.typing();
    let mut right: Vec<Span> = Vec::new();
    let mut used = 0;
    for (action, label) in hints(app) {
        let Some(key) = app.keymap.first_key(&action, typing) else {
            continue;
        };
        let label = format!(" {label}  ");
        let w = UnicodeWidthStr::width(key.as_str()) + UnicodeWidthStr::width(label.as_str());
        if left_width + used + w > width {
            break;
        }
        used += w;
        right.push(Span::styled(key, theme.key.patch(theme.status)));
        right.push(Span::styled(label, theme.status));
    }
    let left = fit(&left, width.saturating_sub(used));
    let pad = width.saturating_sub(UnicodeWidthStr::width(left.as_str()) + used);
    let mut spans = vec![
        Span::styled(left, theme.status),
        Span::styled(" ".repeat(pad), theme.status),
    ];
    spans.extend(right);
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
}

fn left_text(app: &App) -> String {
    if let Some(message) = &app.message {
        return format!(" {message}");
    }
    if app.load_error.is_some() {
        return " could not load the corpus (see the panes)".into();
    }
    if app.loading {
        return " loading the documents and the timeline…".into();
    }
    if app.search.pending {
        return " searching…".into();
    }
    if let Some(Popup::Help) = app.popup {
        return " help".into();
    }
    if app.browsing_documents() {
        return format!(
            " {} documents · {} events",
            app.corpus.documents.len(),
            app.timeline.entries.len()
        );
    }
    match (&app.search.error, app.search.total) {
        (Some(_), _) => " query error".into(),
        (None, 0) => " no passages match".into(),
        (None, _) => format!(" {}", app.search.passages_label()),
    }
}
