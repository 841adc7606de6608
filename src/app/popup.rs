//! The overlays: help, the document list, a citation list, and the events
//! citing a paragraph; and what the keys do while one is open.

use super::action::Action;
use super::input::Input;
use super::keymap::Keymap;
use super::selection::Selection;
use crate::filelist::Texts;
use crate::shelf::Shelf;

#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    /// The key table; `top` is the first line shown.
    Help { top: usize },
    /// The documents, narrowed as you type (over file name, title, outlet
    /// and date): `shown` holds the indices of those that match `filter`.
    Documents {
        list: Selection,
        filter: Input,
        shown: Vec<usize>,
    },
    /// Citation markers and their references, one entry per line.
    /// `top` is the first line shown: a long list scrolls.
    Citations {
        title: String,
        lines: Vec<String>,
        top: usize,
    },
    /// Timeline entries citing a paragraph.
    CitingEvents {
        paragraph: usize,
        entries: Vec<usize>,
        list: Selection,
    },
}

/// What the document list's filter matches each document of `shelf`
/// against: its file name, title, outlet and date, each word normalized as
/// the filter's are, lower case. Every description is read, on several
/// threads: for a shelf described from the index, off the UI thread.
pub fn document_keys(shelf: &Shelf) -> Texts {
    /// Descriptions read before their keys join the list.
    const CHUNK: usize = 4096;
    let all: Vec<usize> = (0..shelf.len()).collect();
    let mut keys = Texts::default();
    for chunk in all.chunks(CHUNK) {
        let key = |&i: &usize| {
            let source = shelf.read_source(i);
            document_haystack(shelf.name(i).unwrap_or_default(), source.as_deref())
        };
        for key in crate::parallel::map_in_order(chunk, 256, key) {
            keys.push(&key);
        }
    }
    keys
}

/// The filter's words, normalized as the keys are.
pub fn filter_words(filter: &str) -> Vec<String> {
    filter.split_whitespace().map(normalized_word).collect()
}

fn normalized_word(w: &str) -> String {
    crate::arabic::normalize_word(w).to_lowercase()
}

fn document_haystack(path: &str, source: Option<&crate::metadata::Source>) -> String {
    let fields = [
        Some(path.to_string()),
        source.and_then(|s| s.title.clone()),
        source.and_then(|s| s.outlet.clone()),
        source.and_then(|s| s.date.map(|d| d.to_string())),
    ];
    fields
        .iter()
        .flatten()
        .flat_map(|f| f.split_whitespace().map(normalized_word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What an action does to an open popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Handled; the popup stays.
    Stay,
    Close,
    /// The popup closes on this choice.
    Chosen(Choice),
    /// Not the popup's: the app handles it as if no popup were open.
    Pass,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Document(usize),
    /// Timeline entry `entry`, shown at its mention in `paragraph`.
    Entry {
        entry: usize,
        paragraph: usize,
    },
}

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A heading: the overlay's, or a section's.
    Title(&'static str),
    /// An action's keys and what it does.
    Keys(String, &'static str),
    Blank,
    /// A closing remark (the query syntax).
    Note(&'static str),
}

/// The help overlay, generated from the key table: a header, then each
/// section's title, its lines and a blank line, then the query syntax. `ui`
/// draws these lines and the popup scrolls over the same ones.
pub fn help_lines(keymap: &Keymap) -> Vec<HelpLine> {
    let mut lines = vec![
        HelpLine::Title("Keys (from assets/keys.toml and your config.toml)"),
        HelpLine::Blank,
    ];
    for (section, actions) in keymap.help() {
        lines.push(HelpLine::Title(section.title()));
        lines.extend(
            actions
                .into_iter()
                .map(|(keys, desc)| HelpLine::Keys(keys, desc)),
        );
        lines.push(HelpLine::Blank);
    }
    lines.push(HelpLine::Note(
        "Query: words (all must match), \"exact phrase\", prefix*, -exclude",
    ));
    lines
}

impl Popup {
    pub fn help() -> Popup {
        Popup::Help { top: 0 }
    }

    /// The list of all `count` documents, `selected` selected.
    pub fn documents(selected: usize, count: usize) -> Popup {
        Popup::Documents {
            list: Selection::at(selected),
            filter: Input::default(),
            shown: (0..count).collect(),
        }
    }

    /// Applies `action` to the popup. `documents` is the number of documents,
    /// `rows` the lines the popup shows; the help's own lines come from
    /// `keymap`.
    pub fn handle(&mut self, action: Action, rows: usize, keymap: &Keymap) -> Outcome {
        match action {
            Action::Back | Action::Help | Action::Quit => return Outcome::Close,
            Action::QuitNow | Action::Copy => return Outcome::Pass,
            _ => {}
        }
        let step = match action {
            Action::SelectNext => 1,
            Action::SelectPrev => -1,
            Action::PageDown => rows.max(1) as isize,
            Action::PageUp => -(rows.max(1) as isize),
            Action::First => isize::MIN / 2,
            Action::Last => isize::MAX / 2,
            Action::Open => return self.choice().map_or(Outcome::Stay, Outcome::Chosen),
            // Anything else is swallowed while a popup is open.
            _ => return Outcome::Stay,
        };
        match self {
            Popup::Help { top } => {
                let last = help_lines(keymap).len().saturating_sub(rows);
                *top = (*top as isize).saturating_add(step).clamp(0, last as isize) as usize;
            }
            Popup::Documents { list, shown, .. } => {
                list.step(step, shown.len());
                list.keep_visible(rows);
            }
            Popup::CitingEvents { entries, list, .. } => {
                list.step(step, entries.len());
                list.keep_visible(rows);
            }
            Popup::Citations { lines, top, .. } => {
                let last = lines.len().saturating_sub(rows);
                *top = (*top as isize).saturating_add(step).clamp(0, last as isize) as usize;
            }
        }
        Outcome::Stay
    }

    fn choice(&self) -> Option<Choice> {
        match self {
            Popup::Documents { list, shown, .. } => {
                shown.get(list.selected).map(|&d| Choice::Document(d))
            }
            Popup::CitingEvents {
                paragraph,
                entries,
                list,
            } => entries.get(list.selected).map(|&entry| Choice::Entry {
                entry,
                paragraph: *paragraph,
            }),
            _ => None,
        }
    }
}
