//! What reaches the explorer: [`Action`]s a key can be bound to, the
//! [`Event`]s the terminal delivers (an action, typed text, the pointer, a
//! resize), and the [`Msg`]s background work answers with.
//!
//! Every action describes itself (help line, hint label, help section) here,
//! once: the help overlay and the status-bar hints are generated from these
//! and from the key table, so they cannot drift from what the keys do.

use serde::{Deserialize, Serialize};

use super::input::InputEdit;

/// Everything a key can be bound to, by its snake_case name in `keys.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Quit from anywhere, even while typing.
    QuitNow,
    /// Quit (outside the search input).
    Quit,
    Help,
    NextPane,
    PrevPane,
    FocusSearch,
    SelectNext,
    SelectPrev,
    PageDown,
    PageUp,
    First,
    Last,
    Open,
    Back,
    ToggleFollowQuery,
    /// The query's hits inside the open document, as `n`/`N` in less.
    NextHit,
    PrevHit,
    NextMention,
    PrevMention,
    Citations,
    CitingEvents,
    NextDocument,
    PrevDocument,
    DocumentList,
    Copy,
    /// The current results as Markdown, for a report.
    CopyResults,
    Edit,
    // Line editing in the search input, on logical (typing-order) text.
    DeleteBack,
    DeleteForward,
    DeleteWordBack,
    /// Left and right follow the query's direction: in a right-to-left query
    /// the Left arrow moves forward in logical order, as the eye expects.
    CursorLeft,
    CursorRight,
    CursorStart,
    CursorEnd,
    ClearInput,
    /// The query history, as shells and fzf recall theirs.
    OlderQuery,
    NewerQuery,
    /// Does nothing: binding a key to it takes the key away from its default
    /// action.
    Noop,
}

/// The groups of the help overlay, in the order it shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    General,
    Moving,
    Timeline,
    Source,
    SearchInput,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::General,
        Section::Moving,
        Section::Timeline,
        Section::Source,
        Section::SearchInput,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::General => "Everywhere",
            Section::Moving => "Moving in a pane",
            Section::Timeline => "Timeline",
            Section::Source => "Source",
            Section::SearchInput => "In the search input",
        }
    }
}

impl Action {
    /// Every action, in declaration order.
    pub fn all() -> impl Iterator<Item = Action> {
        <Action as strum::IntoEnumIterator>::iter()
    }

    /// The line of the help overlay.
    pub fn description(self) -> &'static str {
        match self {
            Action::QuitNow => "quit, even while typing",
            Action::Quit => "quit",
            Action::Help => "show or hide this help",
            Action::NextPane => "next pane: search → timeline → source",
            Action::PrevPane => "previous pane",
            Action::FocusSearch => "type a query",
            Action::SelectNext => "next item / scroll down",
            Action::SelectPrev => "previous item / scroll up",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::First => "first item / top of the document",
            Action::Last => "last item / bottom of the document",
            Action::Open => "open the result, document or event in the source view",
            Action::Back => {
                "close the popup, go back to the pane you came from, or clear the query"
            }
            Action::ToggleFollowQuery => "timeline: follow the query / show every event",
            Action::NextHit => "the query's next hit in the open document (hit 3/12)",
            Action::PrevHit => "the query's previous hit in the open document",
            Action::NextMention => "the event's next mention (in the next source)",
            Action::PrevMention => "the event's previous mention",
            Action::Citations => "citations of the event or paragraph",
            Action::CitingEvents => "timeline events citing this paragraph",
            Action::NextDocument => "next document",
            Action::PrevDocument => "previous document",
            Action::DocumentList => "list of documents",
            Action::Copy => "copy the passage or event with its citation",
            Action::CopyResults => "copy the results as Markdown (title, date, passage, place)",
            Action::Edit => "open the document in $VISUAL / $EDITOR at the paragraph (a PDF, Word or EPUB file in the system's viewer)",
            Action::DeleteBack => "delete the character before the cursor",
            Action::DeleteForward => "delete the character under the cursor",
            Action::DeleteWordBack => "delete the word before the cursor",
            Action::CursorLeft => "cursor left (follows the query's direction)",
            Action::CursorRight => "cursor right (follows the query's direction)",
            Action::CursorStart => "start of the query",
            Action::CursorEnd => "end of the query",
            Action::ClearInput => "clear the query",
            Action::OlderQuery => "the query before this one (history)",
            Action::NewerQuery => "the query after this one, then what you were typing",
            Action::Noop => "nothing (the key is unbound)",
        }
    }

    /// The short label of a status-bar hint.
    pub fn hint(self) -> &'static str {
        match self {
            Action::QuitNow | Action::Quit => "quit",
            Action::Help => "help",
            Action::NextPane => "pane",
            Action::PrevPane => "pane back",
            Action::FocusSearch => "search",
            Action::SelectNext => "next",
            Action::SelectPrev => "previous",
            Action::PageDown => "page",
            Action::PageUp => "page up",
            Action::First => "first",
            Action::Last => "last",
            Action::Open => "open",
            Action::Back => "back",
            Action::ToggleFollowQuery => "all/query",
            Action::NextHit => "next hit",
            Action::PrevHit => "previous hit",
            Action::NextMention => "next source",
            Action::PrevMention => "previous source",
            Action::Citations => "citations",
            Action::CitingEvents => "events",
            Action::NextDocument => "next doc",
            Action::PrevDocument => "previous doc",
            Action::DocumentList => "docs",
            Action::Copy => "copy",
            Action::CopyResults => "copy results",
            Action::Edit => "edit",
            Action::DeleteBack | Action::DeleteForward => "delete",
            Action::DeleteWordBack => "delete word",
            Action::CursorLeft | Action::CursorRight => "cursor",
            Action::CursorStart => "start",
            Action::CursorEnd => "end",
            Action::ClearInput => "clear",
            Action::OlderQuery => "older query",
            Action::NewerQuery => "newer query",
            Action::Noop => "",
        }
    }

    pub fn section(self) -> Section {
        match self {
            Action::QuitNow
            | Action::Quit
            | Action::Help
            | Action::NextPane
            | Action::PrevPane
            | Action::FocusSearch
            | Action::Open
            | Action::Back
            | Action::Copy
            | Action::CopyResults
            | Action::Noop => Section::General,
            Action::SelectNext
            | Action::SelectPrev
            | Action::PageDown
            | Action::PageUp
            | Action::First
            | Action::Last => Section::Moving,
            Action::ToggleFollowQuery
            | Action::NextMention
            | Action::PrevMention
            | Action::Citations => Section::Timeline,
            Action::CitingEvents
            | Action::NextDocument
            | Action::PrevDocument
            | Action::DocumentList
            | Action::NextHit
            | Action::PrevHit
            | Action::Edit => Section::Source,
            Action::DeleteBack
            | Action::DeleteForward
            | Action::DeleteWordBack
            | Action::CursorLeft
            | Action::CursorRight
            | Action::CursorStart
            | Action::CursorEnd
            | Action::ClearInput
            | Action::OlderQuery
            | Action::NewerQuery => Section::SearchInput,
        }
    }

    /// The edit of the search input this action makes, if it is one.
    pub fn input_edit(self) -> Option<InputEdit> {
        Some(match self {
            Action::DeleteBack => InputEdit::DeleteBack,
            Action::DeleteForward => InputEdit::DeleteForward,
            Action::DeleteWordBack => InputEdit::DeleteWordBack,
            Action::CursorLeft => InputEdit::Left,
            Action::CursorRight => InputEdit::Right,
            Action::CursorStart => InputEdit::Start,
            Action::CursorEnd => InputEdit::End,
            Action::ClearInput => InputEdit::Clear,
            _ => return None,
        })
    }

    /// True for the actions that end the session.
    pub fn quits(self) -> bool {
        matches!(self, Action::Quit | Action::QuitNow)
    }
}

/// What the terminal delivers, read against the key table.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A bound key.
    Action(Action),
    /// Typed or pasted text for the search input.
    Insert(String),
    /// The pointer's wheel over a cell.
    Scroll { column: u16, row: u16, down: bool },
    /// A click on a cell.
    Click { column: u16, row: u16 },
    /// The terminal changed size.
    Resize(u16, u16),
}

impl From<Action> for Event {
    fn from(action: Action) -> Event {
        Event::Action(action)
    }
}

/// What background work answers with, through the app's inbox.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// The corpus, its metadata and its timeline, loaded in the background.
    Loaded(Box<super::Loaded>),
    /// Loading the corpus failed, and why.
    LoadFailed(String),
    /// A background search finished: its generation and its result.
    SearchDone(u64, Box<Result<crate::index::SearchResults, String>>),
    /// The index, checked against the corpus (and updated) in the background
    /// after the explorer opened on its last commit.
    IndexChecked(Box<Result<super::Refreshed, String>>),
    /// Files of the corpus changed on disk while the explorer was open.
    CorpusChanged(crate::watch::Change),
    /// The document list's filter keys, made in the background for the
    /// shelf of this load.
    DocumentKeys(u64, std::sync::Arc<crate::filelist::Texts>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_says_what_it_does() {
        let all: Vec<Action> = Action::all().collect();
        assert!(all.len() > 30);
        for action in all {
            assert!(!action.description().is_empty(), "{action:?}");
            assert!(
                action == Action::Noop || !action.hint().is_empty(),
                "{action:?}"
            );
        }
    }
}
