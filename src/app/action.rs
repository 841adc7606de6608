//! Everything the explorer can be asked to do. User actions have snake_case
//! names so the key-binding file can name them; internal ones are not bindable.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Quit from anywhere, even while typing (Ctrl-C).
    QuitNow,
    /// Quit (outside the search input).
    Quit,
    /// Show or hide the help overlay.
    Help,
    /// Focus the next pane: search → timeline → source.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Focus the search input.
    FocusSearch,
    /// Next result, event or line, depending on the focused pane.
    SelectNext,
    /// Previous result, event or line.
    SelectPrev,
    PageDown,
    PageUp,
    /// First item, or the top of the document.
    First,
    /// Last item, or the bottom of the document.
    Last,
    /// Open the selected result, document or event in the source view.
    Open,
    /// Close the popup, or clear the query.
    Back,
    /// Timeline: show only events matching the query, or all of them.
    ToggleFollowQuery,
    /// Show the event's next mention, in the next source.
    NextMention,
    /// Show the event's previous mention.
    PrevMention,
    /// Show the citations (markers and references) of the event or paragraph.
    Citations,
    /// List the timeline events that cite the current paragraph.
    CitingEvents,
    NextDocument,
    PrevDocument,
    /// Show the list of documents.
    DocumentList,
    /// Copy the selected passage or event with its citation (OSC 52).
    Copy,
    /// Open the document in $VISUAL / $EDITOR at the paragraph.
    Edit,

    /// Typed text for the search input.
    #[serde(skip)]
    Insert(String),
    /// A line-editing command in the search input.
    #[serde(skip)]
    EditInput(InputEdit),
    /// The pointer's wheel over a cell.
    #[serde(skip)]
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },
    /// A click on a cell.
    #[serde(skip)]
    Click {
        column: u16,
        row: u16,
    },
    /// The terminal changed size.
    #[serde(skip)]
    Resize(u16, u16),
    /// The corpus, its metadata and its timeline, loaded in the background.
    #[serde(skip)]
    Loaded(Box<super::Loaded>),
    /// Loading the corpus failed.
    #[serde(skip)]
    LoadFailed(String),
    /// A background search finished: its generation and its result.
    #[serde(skip)]
    SearchDone(u64, Box<Result<crate::index::SearchResults, String>>),
    /// The index, checked against the corpus (and updated) in the background
    /// after the explorer opened on its last commit.
    #[serde(skip)]
    IndexChecked(Box<Result<super::Refreshed, String>>),
}

/// Editing commands of the search input, on logical (typing-order) text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputEdit {
    DeleteBack,
    DeleteForward,
    DeleteWordBack,
    /// Left and right follow the text's direction: in a right-to-left query the
    /// Left arrow moves forward in logical order, as the eye expects.
    Left,
    Right,
    Start,
    End,
    Clear,
}
