//! The status bar: what is shown (hit count, message) on the left, the keys that
//! work here on the right — generated from the key map, so hints never lie.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::{fit, visual_message};
use crate::app::{Action, App, Pane, Popup};

/// The actions worth a hint in each context; their labels and keys come
/// from the action and the key table.
fn hints(app: &App) -> &'static [Action] {
    if app.popup.is_some() {
        return &[
            Action::Open,
            Action::SelectNext,
            Action::Back,
            Action::QuitNow,
        ];
    }
    match app.focus {
        Pane::Search => &[
            Action::Open,
            Action::SelectNext,
            Action::NextPane,
            Action::Back,
            Action::Help,
            Action::QuitNow,
        ],
        Pane::Timeline => &[
            Action::Open,
            Action::NextMention,
            Action::Citations,
            Action::ToggleFollowQuery,
            Action::Copy,
            Action::Help,
            Action::Quit,
        ],
        Pane::Source => &[
            Action::SelectNext,
            Action::NextHit,
            Action::Edit,
            Action::CitingEvents,
            Action::Citations,
            Action::NextDocument,
            Action::DocumentList,
            Action::Help,
            Action::Quit,
        ],
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let width = area.width as usize;
    let left = visual_message(app, &left_text(app));
    // The message keeps at least half the bar; hints are dropped from the end
    // until the rest fits, the quit and help hints last.
    let left_width = UnicodeWidthStr::width(left.as_str()).min(width / 2);
    let typing = app.reads_text();
    let hinted: Vec<(Action, String, String, usize)> = hints(app)
        .iter()
        .filter_map(|&action| {
            let key = app.keymap.first_key(action, typing)?;
            let label = format!(" {}  ", action.hint());
            let w = UnicodeWidthStr::width(key.as_str()) + UnicodeWidthStr::width(label.as_str());
            Some((action, key, label, w))
        })
        .collect();
    // The way out and the way to help are kept at any width they fit in; the
    // other hints fill what is left, in their order.
    let essential = |a: Action| a.quits() || a == Action::Help;
    // The hints leave the message its share and one blank.
    let room = width.saturating_sub(left_width + 1);
    let mut used = 0;
    let mut kept = vec![false; hinted.len()];
    for pass_essential in [true, false] {
        for (i, (action, _, _, w)) in hinted.iter().enumerate() {
            if essential(*action) != pass_essential {
                continue;
            }
            if used + w > room {
                // The others are dropped from the end: none after one that
                // does not fit.
                if pass_essential {
                    continue;
                }
                break;
            }
            used += w;
            kept[i] = true;
        }
    }
    let mut right: Vec<Span> = Vec::new();
    for ((_, key, label, _), _) in hinted.into_iter().zip(&kept).filter(|(_, &k)| k) {
        right.push(Span::styled(key, theme.key.patch(theme.status)));
        right.push(Span::styled(label, theme.status));
    }
    // One blank at least between the message and the hints: a message cut
    // to fit never runs into the first key.
    let gap = usize::from(used > 0);
    let room = width.saturating_sub(used + gap);
    let left = if UnicodeWidthStr::width(left.as_str()) > room {
        format!("{}…", fit(&left, room.saturating_sub(1)))
    } else {
        left
    };
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
    if let Some(Popup::Help { .. }) = app.popup {
        return " help".into();
    }
    if app.search.browsing_documents() {
        return format!(
            " {} documents · {} events",
            app.shelf.len(),
            app.timeline.entries.len()
        );
    }
    let count = match (&app.search.error, app.search.total) {
        (Some(_), _) => return " query error".into(),
        (None, 0) => "no passages match".to_string(),
        (None, _) => app.search.passages_label(),
    };
    // Which Arabic spellings Latin words were matched to, so the reader can
    // judge the hits.
    std::iter::once(count)
        .chain(app.search.notes.iter().cloned())
        .fold(String::new(), |line, part| format!("{line} {part} ·"))
        .trim_end_matches(" ·")
        .to_string()
}
