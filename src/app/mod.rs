//! The explorer's state and how actions change it. Nothing here draws or reads
//! the terminal: `ui::draw` is a pure function of [`App`], and `tui` turns
//! terminal events into [`Event`]s.
//!
//! Each pane's state owns its behaviour ([`search`], [`timeline`], [`source`],
//! [`popup`]); [`App::update`] is the one dispatcher, and the moves from one
//! pane to another (open a hit, jump from an event to its mention) are here.

pub mod action;
mod clip;
pub mod geometry;
pub mod history;
pub mod input;
pub mod keymap;
pub mod popup;
pub mod search;
pub mod selection;
mod settings;
pub mod source;
pub mod timeline;
pub mod worker;

use std::ops::Range;
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;

use ratatui::layout::Rect;

pub use action::{Action, Event, Msg, Section};
pub use geometry::Pane;
use geometry::Panes;
pub use history::History;
pub use input::InputEdit;
pub use keymap::Keymap;
pub use popup::Popup;
use search::SearchState;
pub use settings::Settings;
use source::{Page, SourceState};
use timeline::TimelineState;
pub use worker::{Loaded, Refreshed};

use crate::bidi::LayoutOptions;
use crate::corpus::{Corpus, Document};
use crate::index::CorpusIndex;
use crate::metadata::Metadata;
use crate::query::Query;
use crate::shelf::{Opened, Shelf};
use crate::timeline::filter::MentionIndex;
use crate::timeline::Timeline;

/// How many passages a search keeps for the list.
pub const RESULT_LIMIT: usize = 100;

/// What the terminal loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Put this text on the clipboard (OSC 52); already made inert
    /// ([`crate::bidi::sanitize::clipboard_text`]).
    Copy(String),
    /// Open this file in the user's editor at this line.
    Edit {
        path: std::path::PathBuf,
        line: usize,
    },
    /// Open this file (a PDF, a Word file: not text an editor can change)
    /// with the system's opener.
    Open(std::path::PathBuf),
}

/// The document list's filter keys ([`popup::document_keys`]).
enum DocumentKeys {
    None,
    Building,
    Ready(Arc<crate::filelist::Texts>),
}

pub struct App {
    /// The corpus's files; a document is read when it is shown.
    pub shelf: Shelf,
    /// The load the shelf came from ([`Loaded::generation`]).
    shelf_generation: u64,
    /// What the document list's filter matches each document against.
    document_keys: DocumentKeys,
    pub timeline: Timeline,
    mentions: MentionIndex,
    index: Option<Arc<CorpusIndex>>,
    worker: Option<worker::SearchWorker>,
    /// Where background work sends its answers ([`App::outbox`]), and where
    /// [`App::receive_pending`] takes them from.
    outbox: worker::Outbox,
    inbox: Receiver<Msg>,
    /// The corpus and timeline are still being loaded in the background.
    pub loading: bool,
    /// The latest load asked for: an answer to an older one (read from an
    /// older commit of the index) is not installed over it.
    load_generation: u64,
    /// Why the corpus could not be loaded (a malformed `sources.toml`…): shown
    /// in the panes until a reload succeeds.
    pub load_error: Option<String>,
    pub keymap: Keymap,
    pub settings: Settings,
    pub focus: Pane,
    /// The panes the focus came from, latest last: where Esc goes back to.
    came_from: Vec<Pane>,
    /// The selection moved: the Source pane is to show it ([`App::settle`]).
    preview_due: bool,
    pub popup: Option<Popup>,
    /// The queries run before, recalled in the input; the binary loads and
    /// saves it.
    pub history: History,
    /// The config file's editor command template, if it has one.
    pub editor: Option<String>,
    /// Index updates started after an edit, to be finished before exiting.
    pub checks: Vec<worker::IndexCheck>,
    /// A reload (after an edit or a change on disk) whose index check has not
    /// answered yet.
    reloading: bool,
    pub search: SearchState,
    pub entries: TimelineState,
    pub source: SourceState,
    /// A one-line message for the status bar (cleared by the next action).
    pub message: Option<String>,
    /// Terminal size.
    pub area: Rect,
}

impl App {
    pub fn new(
        corpus: Corpus,
        meta: Metadata,
        timeline: Timeline,
        index: Option<CorpusIndex>,
        keymap: Keymap,
        settings: Settings,
    ) -> App {
        let Loaded {
            shelf,
            timeline,
            mentions,
            ..
        } = Loaded::new(corpus, meta, timeline);
        let (outbox, inbox) = mpsc::channel();
        let mut app = App {
            shelf,
            shelf_generation: 0,
            document_keys: DocumentKeys::None,
            timeline,
            mentions,
            index: index.map(Arc::new),
            worker: None,
            outbox,
            inbox,
            loading: false,
            load_generation: 0,
            load_error: None,
            keymap,
            settings,
            focus: Pane::Search,
            came_from: Vec::new(),
            preview_due: false,
            popup: None,
            history: History::default(),
            editor: None,
            checks: Vec::new(),
            reloading: false,
            search: SearchState::default(),
            entries: TimelineState {
                follow_query: true,
                ..Default::default()
            },
            source: SourceState::default(),
            message: None,
            area: Rect::new(0, 0, 80, 24),
        };
        app.refresh_timeline();
        app.refresh_source_window();
        app
    }

    /// An app whose corpus and timeline are still to come (as [`Msg::Loaded`]
    /// from [`worker::load_corpus`]); searching works meanwhile.
    pub fn loading(
        root: std::path::PathBuf,
        index: Option<CorpusIndex>,
        keymap: Keymap,
        settings: Settings,
    ) -> App {
        let corpus = Corpus {
            root,
            documents: Vec::new(),
            warnings: Vec::new(),
        };
        let mut app = App::new(
            corpus,
            Metadata::default(),
            Timeline::default(),
            index,
            keymap,
            settings,
        );
        app.loading = true;
        app
    }

    /// Lists the corpus and builds its timeline in the background (from the
    /// index when there is one), to arrive as [`Msg::Loaded`].
    pub fn start_loading(&mut self) {
        self.load_generation += 1;
        worker::load_corpus(
            self.shelf.root().to_path_buf(),
            self.index.clone(),
            self.load_generation,
            self.outbox(),
        );
    }

    /// The index the app searches, when there is one.
    pub fn index(&self) -> Option<&Arc<CorpusIndex>> {
        self.index.as_ref()
    }

    /// Where background work answers: a sender into the app's inbox.
    pub fn outbox(&self) -> worker::Outbox {
        self.outbox.clone()
    }

    /// Moves searching to a background thread that answers in the inbox.
    pub fn start_search_worker(&mut self) {
        if let Some(index) = &self.index {
            self.worker = Some(worker::SearchWorker::spawn(
                index.clone(),
                RESULT_LIMIT,
                self.outbox.clone(),
            ));
        }
    }

    /// Takes every answer waiting in the inbox; true when there was one.
    pub fn receive_pending(&mut self) -> bool {
        let pending: Vec<Msg> = self.inbox.try_iter().collect();
        let any = !pending.is_empty();
        for msg in pending {
            self.receive(msg);
        }
        any
    }

    /// Takes one answer of background work, then lays out what the source
    /// view shows.
    pub fn receive(&mut self, msg: Msg) {
        match msg {
            Msg::Loaded(loaded) => self.install(*loaded),
            Msg::LoadFailed(reason) => {
                self.loading = false;
                self.load_error = Some(reason);
            }
            Msg::SearchDone(generation, result) => self.search.receive(generation, *result),
            Msg::IndexChecked(checked) => self.install_checked_index(*checked),
            Msg::CorpusChanged(change) => self.after_change(&change),
            Msg::DocumentKeys(generation, keys) => self.install_document_keys(generation, keys),
        }
        self.refresh_source_window();
    }

    /// Layout settings for text `width` cells wide, from the session settings.
    pub fn layout_options(&self, width: usize) -> LayoutOptions {
        LayoutOptions {
            width: Some(width.max(1)),
            base: None,
            shape: self.settings.shape,
            logical: !self.settings.reorder,
        }
    }

    /// Takes the index as checked in the background: when the check changed
    /// anything, searches go to the new one and the current query is asked
    /// again.
    ///
    /// The documents' list and the timeline are read again from the index
    /// whenever it changed, or a change on disk was waiting for this check
    /// (`sources.toml` edited: the index's records are dated anew).
    fn install_checked_index(&mut self, checked: Result<Refreshed, String>) {
        let reloading = std::mem::take(&mut self.reloading);
        let Refreshed { index, report } = match checked {
            Ok(refreshed) => refreshed,
            Err(e) => {
                self.message = Some(format!("could not check the index: {e}"));
                if reloading {
                    self.start_loading();
                }
                return;
            }
        };
        if let Some(reason) = &report.not_updated {
            self.message = Some(format!(
                "the index could not be updated: {reason}; answering from its last update"
            ));
            if reloading {
                self.start_loading();
            }
            return;
        }
        if !report.touched_anything() {
            // Nothing was left for this check to do, but after a change on
            // disk another process (`sanad watch`) may have indexed it: the
            // answers come from the newest commit.
            if reloading {
                self.message = Some("changes read: the index is up to date".into());
                self.use_index(index);
                self.start_loading();
            }
            return;
        }
        let changed = report.added + report.changed + report.removed;
        self.message = Some(if report.rebuilt.is_some() {
            "index rebuilt".to_string()
        } else {
            let files = if changed == 1 { "file" } else { "files" };
            format!("index updated: {changed} {files} changed since it was built")
        });
        self.use_index(index);
        self.start_loading();
    }

    /// Searches go to `index` from now on, and the current query is asked
    /// again.
    fn use_index(&mut self, index: Arc<CorpusIndex>) {
        let had_worker = self.worker.is_some();
        self.index = Some(index);
        if had_worker {
            self.start_search_worker();
        }
        if let Some(query) = self.search.query.clone() {
            self.search.generation += 1;
            self.ask(query);
        }
    }

    /// True while an answer from a background thread is expected.
    pub fn waiting(&self) -> bool {
        self.loading || self.search.pending
    }

    fn install(&mut self, loaded: Loaded) {
        if loaded.generation < self.load_generation {
            return;
        }
        self.mentions = loaded.mentions;
        self.shelf = loaded.shelf;
        self.shelf_generation = loaded.generation;
        self.document_keys = DocumentKeys::None;
        self.timeline = loaded.timeline;
        self.loading = false;
        self.load_error = None;
        if !loaded.warnings.is_empty() {
            self.message = Some(loaded.warnings.join("; "));
        }
        // The documents changed under their indices: nothing laid out holds.
        self.source.cache.clear();
        self.refresh_timeline();
        self.refresh_source_hits();
    }

    pub fn panes(&self) -> Panes {
        geometry::panes(self.area, self.settings.rtl_ui)
    }

    /// True while typed letters are text, not commands: in the search input,
    /// and in the document list, which filters as you type.
    pub fn reads_text(&self) -> bool {
        self.typing() || matches!(self.popup, Some(Popup::Documents { .. }))
    }

    /// Narrows the document list to the documents whose file name, title,
    /// outlet or date hold every word of its filter (Arabic compared
    /// normalized: hamza seats, alef forms and diacritics do not count).
    /// Their keys are made at the first filtering keystroke: at once when
    /// the descriptions are in memory, else in the background (the list
    /// narrows when they arrive).
    fn filter_documents(&mut self) {
        let Some(Popup::Documents { filter, .. }) = &self.popup else {
            return;
        };
        let words = popup::filter_words(filter.text());
        let keys = match &self.document_keys {
            _ if words.is_empty() => None,
            DocumentKeys::Ready(keys) if keys.len() == self.shelf.len() => Some(Arc::clone(keys)),
            _ if self.shelf.sources_in_memory() => {
                let keys = Arc::new(popup::document_keys(&self.shelf));
                self.document_keys = DocumentKeys::Ready(Arc::clone(&keys));
                Some(keys)
            }
            DocumentKeys::Building => return self.say_filter_waits(),
            _ => {
                self.document_keys = DocumentKeys::Building;
                worker::make_document_keys(
                    self.shelf.clone(),
                    self.shelf_generation,
                    self.outbox(),
                );
                return self.say_filter_waits();
            }
        };
        let count = self.shelf.len();
        if let Some(Popup::Documents { list, shown, .. }) = &mut self.popup {
            *shown = match keys {
                None => (0..count).collect(),
                Some(keys) => (0..keys.len())
                    .filter(|&i| {
                        let key = keys.get(i).unwrap_or_default();
                        words.iter().all(|w| key.contains(w.as_str()))
                    })
                    .collect(),
            };
            *list = selection::Selection::default();
        }
    }

    fn say_filter_waits(&mut self) {
        self.message = Some("reading every document's title, outlet and date to filter…".into());
    }

    /// Takes the document list's keys made in the background, for the
    /// shelf of load `generation`.
    fn install_document_keys(&mut self, generation: u64, keys: Arc<crate::filelist::Texts>) {
        if generation != self.shelf_generation {
            return;
        }
        self.document_keys = DocumentKeys::Ready(keys);
        if matches!(self.popup, Some(Popup::Documents { .. })) {
            self.message = None;
            self.filter_documents();
        }
    }

    /// True while the search input has the focus: letters are typed, not commands.
    pub fn typing(&self) -> bool {
        self.focus == Pane::Search && self.popup.is_none()
    }

    /// The document the source pane shows, read if it is not at hand.
    pub fn document(&self) -> Option<Arc<Opened>> {
        self.shelf.document(self.source.doc)
    }

    /// Applies one event, then lays out what the source view shows.
    pub fn update(&mut self, event: impl Into<Event>) -> Effect {
        let event = event.into();
        if !matches!(event, Event::Resize(..)) {
            self.message = None;
        }
        let effect = match event {
            Event::Action(action) => self.act(action),
            // Nobody searches for a lone «?» (or the Arabic «؟»): typed into
            // an empty input it asks for help, as «?» does outside the input.
            Event::Insert(text)
                if matches!(text.as_str(), "?" | "؟")
                    && self.typing()
                    && self.search.input.is_empty() =>
            {
                self.act(Action::Help)
            }
            Event::Insert(text) if matches!(self.popup, Some(Popup::Documents { .. })) => {
                if let Some(Popup::Documents { filter, .. }) = &mut self.popup {
                    filter.insert(&text);
                }
                self.filter_documents();
                Effect::None
            }
            Event::Insert(text) => {
                if self.typing() {
                    self.history.stop_walking();
                    self.search.input.insert(&text);
                    self.run_search();
                }
                Effect::None
            }
            // The wheel over an open popup scrolls the popup.
            Event::Scroll { down, .. } if self.popup.is_some() => self.act(if down {
                Action::SelectNext
            } else {
                Action::SelectPrev
            }),
            Event::Scroll { column, row, down } => {
                self.scroll_at(column, row, down);
                Effect::None
            }
            Event::Click { column, row } => {
                self.click_at(column, row);
                Effect::None
            }
            Event::Resize(w, h) => {
                self.area = Rect::new(0, 0, w, h);
                self.keep_visible();
                Effect::None
            }
        };
        self.refresh_source_window();
        effect
    }

    fn act(&mut self, action: Action) -> Effect {
        if let Some(popup) = &mut self.popup {
            let rows = geometry::popup_rows(self.area);
            if let Popup::Documents { filter, .. } = &mut *popup {
                // The filter is edited like the search input, and Esc clears
                // it before it closes the list.
                let edit = match action {
                    Action::Back if !filter.is_empty() => Some(InputEdit::Clear),
                    _ => action.input_edit(),
                };
                if let Some(edit) = edit {
                    filter.apply(edit);
                    self.filter_documents();
                    return Effect::None;
                }
            }
            match popup.handle(action, rows, &self.keymap) {
                popup::Outcome::Stay => return Effect::None,
                popup::Outcome::Close => {
                    self.popup = None;
                    return Effect::None;
                }
                popup::Outcome::Chosen(choice) => {
                    self.popup = None;
                    self.choose(choice);
                    return Effect::None;
                }
                popup::Outcome::Pass => {}
            }
        }
        if let Some(edit) = action.input_edit() {
            if self.typing() && self.search.edit(edit) {
                self.history.stop_walking();
                self.run_search();
            }
            return Effect::None;
        }
        match action {
            Action::QuitNow | Action::Quit => return Effect::Quit,
            Action::Help => self.popup = Some(Popup::help()),
            Action::NextPane => self.focus_on(self.focus.next()),
            Action::PrevPane => self.focus_on(self.focus.prev()),
            Action::FocusSearch => self.focus_on(Pane::Search),
            Action::SelectNext => self.move_selection(1),
            Action::SelectPrev => self.move_selection(-1),
            Action::PageDown => self.move_selection(self.page_size() as isize),
            Action::PageUp => self.move_selection(-(self.page_size() as isize)),
            Action::First => self.move_to_end(false),
            Action::Last => self.move_to_end(true),
            Action::Open => self.open_selected(),
            Action::Back => self.back(),
            Action::ToggleFollowQuery => self.toggle_follow_query(),
            Action::NextHit => self.step_hit(true),
            Action::PrevHit => self.step_hit(false),
            Action::NextMention => self.cycle_mention(1),
            Action::PrevMention => self.cycle_mention(-1),
            Action::Citations => self.show_citations(),
            Action::CitingEvents => self.show_citing_events(),
            Action::NextDocument => self.step_document(1),
            Action::PrevDocument => self.step_document(-1),
            Action::DocumentList => {
                self.popup = Some(Popup::documents(self.source.doc, self.shelf.len()))
            }
            Action::OlderQuery => self.recall_query(true),
            Action::NewerQuery => self.recall_query(false),
            Action::Copy => return self.copy(),
            Action::CopyResults => return self.copy_results(),
            Action::Edit => return self.edit(),
            // Input edits were handled above.
            _ => {}
        }
        Effect::None
    }

    /// What a popup's Enter picked.
    fn choose(&mut self, choice: popup::Choice) {
        match choice {
            popup::Choice::Document(doc) => self.open_document(doc, None, None),
            popup::Choice::Entry { entry, paragraph } => self.select_entry(entry, paragraph),
        }
    }

    // ----- search -----

    fn run_search(&mut self) {
        if let Some(query) = self.search.restart() {
            self.ask(query);
        }
        self.refresh_timeline();
        self.refresh_source_hits();
    }

    /// Runs `query` on the worker if there is one (the old hits stay on screen
    /// until the answer comes), else right here.
    fn ask(&mut self, query: Query) {
        if let Some(worker) = &self.worker {
            self.search.pending = true;
            worker.ask(self.search.generation, query);
            return;
        }
        let generation = self.search.generation;
        let result = match &self.index {
            Some(index) => index
                .search(&query, RESULT_LIMIT)
                .map_err(|e| e.to_string()),
            None => Err("no index".to_string()),
        };
        self.search.receive(generation, result);
    }

    /// Items in the search list: hits, or documents for an empty query.
    pub fn search_items(&self) -> usize {
        self.search.items(self.shelf.len())
    }

    // ----- timeline -----

    fn refresh_timeline(&mut self) {
        self.entries
            .refresh(&self.timeline, &self.mentions, self.search.query.as_ref());
    }

    fn toggle_follow_query(&mut self) {
        self.entries.follow_query = !self.entries.follow_query;
        self.refresh_timeline();
        self.message = Some(
            if self.entries.follow_query {
                "timeline follows the query"
            } else {
                "timeline shows every event"
            }
            .into(),
        );
    }

    /// Selects timeline entry `entry` (showing every entry if the query hides it)
    /// and shows its mention in `paragraph` of the current document, if any.
    fn select_entry(&mut self, entry: usize, paragraph: usize) {
        if !self.entries.select(entry) {
            self.entries.follow_query = false;
            self.refresh_timeline();
            self.entries.select(entry);
        }
        self.focus_on(Pane::Timeline);
        let file = self
            .document()
            .map(|d| d.doc.path.clone())
            .unwrap_or_default();
        let mention = self.timeline.entries.get(entry).and_then(|e| {
            e.mentions
                .iter()
                .position(|m| m.file == file && m.paragraph == paragraph)
        });
        self.entries.mention = mention.unwrap_or(0);
        self.show_mention();
        self.keep_visible();
    }

    fn cycle_mention(&mut self, step: isize) {
        if self.entries.cycle_mention(&self.timeline, step) {
            self.show_mention();
        }
    }

    /// Opens the selected entry's current mention in the source view, with its
    /// sentence highlighted and its citations in the status bar.
    fn show_mention(&mut self) {
        let Some((entry, m)) = self.entries.selected_mention(&self.timeline) else {
            return;
        };
        let n = entry.mentions.len();
        let m = m.clone();
        let Some(doc) = self.shelf.position(&m.file) else {
            self.message = Some(format!("{} is not in the corpus any more", m.file));
            return;
        };
        self.open_document(doc, Some(m.start..m.end), None);
        self.message = Some(clip::mention_status(&m, self.entries.mention, n));
    }

    // ----- source -----

    /// The layout options and the rows of the source pane at this size.
    fn source_frame(&self) -> (LayoutOptions, usize) {
        let panes = self.panes();
        (
            self.layout_options(panes.source_text_width()),
            panes.source_rows(),
        )
    }

    /// Shows document `doc`, scrolled to `target` (highlighted) or to paragraph
    /// `paragraph`, or to where it was.
    fn open_document(
        &mut self,
        doc: usize,
        target: Option<Range<usize>>,
        paragraph: Option<usize>,
    ) {
        let frame = self.source_frame();
        if let Some(opened) = self.shelf.document(doc) {
            let page = page(&opened.doc, frame);
            self.source
                .show(doc, page, self.search.query.as_ref(), target, paragraph);
        }
    }

    /// `n`/`N`: the next or previous hit of the query in the open document,
    /// scrolled to and marked, with its place (`hit 3/12`) in the status bar.
    fn step_hit(&mut self, forward: bool) {
        let Some(opened) = self.document() else {
            return;
        };
        let doc = &opened.doc;
        if self.search.query.is_none() {
            self.message = Some("no query: type one to step through its hits".into());
            return;
        }
        let Some((index, n)) = self.source.next_hit(doc, forward) else {
            self.message = Some("no hits of the query in this document".into());
            return;
        };
        let hit = self.source.hits[index].clone();
        self.open_document(self.source.doc, Some(hit), None);
        self.source.current_hit = Some(index);
        self.focus_on(Pane::Source);
        self.message = Some(format!("hit {}/{n}", index + 1));
    }

    /// The query's hits in the shown document (drawn at the next refresh).
    fn refresh_source_hits(&mut self) {
        let opened = self.document();
        let doc = opened.as_deref().map(|o| &o.doc);
        self.source.mark_hits(doc, self.search.query.as_ref());
    }

    /// Lays out the lines the source pane shows, after every change.
    fn refresh_source_window(&mut self) {
        let frame = self.source_frame();
        self.source.width = frame.0.width.unwrap_or(1);
        let opened = self.document();
        let page = opened.as_deref().map(|o| page(&o.doc, frame));
        self.source.refresh_window(page);
    }

    fn scroll_source(&mut self, step: isize) {
        let frame = self.source_frame();
        if let Some(opened) = self.document() {
            self.source.scroll(page(&opened.doc, frame), step);
        }
    }

    /// `g`/`G`: the first or last item of the focused pane, or the top or
    /// bottom of the document.
    fn move_to_end(&mut self, last: bool) {
        if self.focus != Pane::Source {
            self.move_selection(if last { isize::MAX / 2 } else { isize::MIN / 2 });
            return;
        }
        let frame = self.source_frame();
        if let Some(opened) = self.document() {
            self.source.jump_to_end(page(&opened.doc, frame), last);
        }
    }

    /// The 1-based line number of the paragraph at the top of the source view.
    pub fn top_paragraph(&self) -> Option<usize> {
        self.source.top_paragraph(&self.document()?.doc)
    }

    /// The paragraph at the top of the source view (or holding the target, if
    /// it is on screen).
    pub fn current_paragraph(&self) -> Option<usize> {
        self.source.current_paragraph(&self.document()?.doc)
    }

    fn step_document(&mut self, step: isize) {
        let n = self.shelf.len();
        if n == 0 {
            return;
        }
        let doc = (self.source.doc as isize + step).rem_euclid(n as isize) as usize;
        self.show_document_top(doc);
    }

    /// Document `doc` from its first line, in the focused source pane.
    fn show_document_top(&mut self, doc: usize) {
        self.open_document(doc, None, None);
        self.source.top = source::LinePos::default();
        self.focus_on(Pane::Source);
    }

    fn show_citations(&mut self) {
        let found = match self.focus {
            Pane::Timeline => self
                .entries
                .selected_mention(&self.timeline)
                .map(|(entry, m)| {
                    let doc = self.shelf.position(&m.file);
                    (clip::mention_place(entry, m), m.text.clone(), doc)
                }),
            _ => self.current_paragraph().and_then(|p| {
                let opened = self.document()?;
                let d = &opened.doc;
                let par = d.paragraph(p)?;
                let text = d.text[par.start..par.end].to_string();
                Some((format!("{}:{p}", d.path), text, Some(self.source.doc)))
            }),
        };
        let Some((title, text, doc)) = found else {
            return;
        };
        let opened = doc.and_then(|d| self.shelf.document(d));
        let lines = clip::citation_lines(&text, opened.as_deref().map(|o| &o.references));
        self.popup = Some(Popup::Citations {
            title,
            lines,
            top: 0,
        });
    }

    fn show_citing_events(&mut self) {
        let Some(p) = self.current_paragraph() else {
            return;
        };
        let Some(file) = self.document().map(|d| d.doc.path.clone()) else {
            return;
        };
        let entries = self.timeline.entries_citing(&file, p);
        if entries.is_empty() {
            self.message = Some(format!("no timeline event cites {file}:{p}"));
            return;
        }
        self.popup = Some(Popup::CitingEvents {
            paragraph: p,
            entries,
            list: selection::Selection::default(),
        });
    }

    // ----- selection, scrolling, mouse -----

    fn page_size(&self) -> usize {
        let p = self.panes();
        match self.focus {
            Pane::Search => p.result_slots(),
            Pane::Timeline => p.timeline_rows(),
            Pane::Source => p.source_rows().saturating_sub(1).max(1),
        }
    }

    fn move_selection(&mut self, step: isize) {
        match self.focus {
            Pane::Search => {
                let items = self.search_items();
                self.search.list.step(step, items);
            }
            Pane::Timeline => self.entries.step(step),
            Pane::Source => self.scroll_source(step),
        }
        self.keep_visible();
        self.preview_due = true;
    }

    /// Shows the pending live preview (the selection moved since the last
    /// one): called once a burst of keys has been read, so holding ↓ moves
    /// the selection at key speed and the Source pane follows where it
    /// stops. True when there was one.
    pub fn settle(&mut self) -> bool {
        if !std::mem::take(&mut self.preview_due) {
            return false;
        }
        self.preview_selected();
        self.refresh_source_window();
        true
    }

    /// Live preview: the Source pane follows the selection of the results or
    /// the timeline, the focus staying where it is (Enter moves it). Only the
    /// lines on screen are laid out, so a preview costs a frame's work.
    fn preview_selected(&mut self) {
        match self.focus {
            Pane::Search if self.search.browsing_documents() => {
                let doc = self.search.list.selected;
                if doc < self.shelf.len() && doc != self.source.doc {
                    self.open_document(doc, None, None);
                }
            }
            Pane::Search => {
                let Some(hit) = self.search.selected_hit().cloned() else {
                    return;
                };
                if let Some(doc) = self.shelf.position(&hit.file) {
                    self.open_document(doc, Some(hit.start..hit.end), None);
                }
            }
            Pane::Timeline => self.show_mention(),
            Pane::Source => {}
        }
    }

    /// Scrolls the lists so their selection is on screen.
    fn keep_visible(&mut self) {
        let p = self.panes();
        self.search.list.keep_visible(p.result_slots());
        self.entries.list.keep_visible(p.timeline_rows());
    }

    fn open_selected(&mut self) {
        match self.focus {
            Pane::Search if self.search.browsing_documents() => {
                self.show_document_top(self.search.list.selected)
            }
            Pane::Search => {
                let Some(hit) = self.search.selected_hit().cloned() else {
                    return;
                };
                self.remember_query();
                let Some(doc) = self.shelf.position(&hit.file) else {
                    self.message = Some(format!("{} is not in the corpus any more", hit.file));
                    return;
                };
                self.open_document(doc, Some(hit.start..hit.end), None);
                self.focus_on(Pane::Source);
                self.message = Some(hit.address());
            }
            Pane::Timeline => {
                self.show_mention();
                self.focus_on(Pane::Source);
            }
            Pane::Source => self.show_citing_events(),
        }
    }

    /// Esc: back where the reader came from. Only in the search input does it
    /// clear the query (a cleared query comes back from the history).
    fn back(&mut self) {
        if self.focus != Pane::Search {
            let to = self.came_from.pop().unwrap_or(Pane::Search);
            self.focus = to;
            return;
        }
        if !self.search.input.is_empty() {
            self.remember_query();
            self.search.input.apply(InputEdit::Clear);
            self.run_search();
        } else {
            self.source.target = None;
        }
    }

    /// Puts the query in the history (Esc clearing it, Enter opening one of
    /// its results, quitting).
    pub fn remember_query(&mut self) {
        self.history.record(self.search.input.text());
    }

    /// Shows the older or newer query of the history in the input.
    fn recall_query(&mut self, older: bool) {
        if !self.typing() {
            return;
        }
        let recalled = if older {
            self.history.older(self.search.input.text())
        } else {
            self.history.newer()
        };
        let Some(query) = recalled.map(str::to_string) else {
            return;
        };
        self.search.input.apply(InputEdit::Clear);
        self.search.input.insert(&query);
        self.run_search();
    }

    /// Moves the focus to `pane`, remembering where it was for Esc.
    fn focus_on(&mut self, pane: Pane) {
        if pane == self.focus {
            return;
        }
        // Tab cycles through the panes: only the last place of each kind is
        // worth returning to.
        self.came_from.retain(|&p| p != self.focus && p != pane);
        self.came_from.push(self.focus);
        self.focus = pane;
    }

    fn scroll_at(&mut self, column: u16, row: u16, down: bool) {
        let Some(pane) = self.panes().pane_at(column, row) else {
            return;
        };
        let step = if down { 1 } else { -1 };
        match pane {
            // Three lines a notch, as terminals scroll.
            Pane::Source => self.scroll_source(3 * step),
            Pane::Search => {
                let items = self.search_items();
                self.search.list.step(step, items);
            }
            Pane::Timeline => self.entries.step(step),
        }
        self.keep_visible();
    }

    fn click_at(&mut self, column: u16, row: u16) {
        let Some(pane) = self.panes().pane_at(column, row) else {
            return;
        };
        self.focus_on(pane);
        let p = self.panes();
        match pane {
            Pane::Search => {
                if let Some(slot) = p.result_row(row) {
                    let items = self.search_items();
                    self.search.list.click(slot, items);
                }
            }
            Pane::Timeline => {
                if let Some(slot) = p.timeline_row(row) {
                    self.entries.click(slot);
                }
            }
            Pane::Source => {}
        }
        self.preview_due = true;
    }

    // ----- clipboard and editor -----

    /// The results on hand as a Markdown report, as `sanad search --format md`.
    fn copy_results(&mut self) -> Effect {
        if self.search.hits.is_empty() {
            self.message = Some("no results to copy".into());
            return Effect::None;
        }
        let results = crate::index::SearchResults {
            query: self.search.input.text().to_string(),
            total: self.search.total,
            total_exact: self.search.total_exact,
            hits: self.search.hits.clone(),
            ..Default::default()
        };
        let meta = self
            .shelf
            .metadata_of(results.hits.iter().map(|h| h.file.as_str()));
        let report = crate::output::search::markdown(&results, &meta);
        self.message = Some(format!(
            "copied {} results as Markdown (OSC 52)",
            results.hits.len()
        ));
        Effect::Copy(crate::bidi::sanitize::clipboard_text(&report).into_owned())
    }

    fn copy(&mut self) -> Effect {
        let text = match self.focus {
            Pane::Search => self.search.selected_hit().map(clip::hit_text),
            Pane::Timeline => self
                .entries
                .selected_mention(&self.timeline)
                .map(|(entry, _)| {
                    let files = entry.mentions.iter().map(|m| m.file.as_str());
                    clip::event_text(entry, &self.shelf.metadata_of(files))
                }),
            Pane::Source => self
                .current_paragraph()
                .and_then(|p| clip::paragraph_text(&self.document()?.doc, p)),
        };
        match text {
            Some(t) => {
                self.message = Some("copied to the clipboard (OSC 52)".into());
                // Pasted into a shell, raw document text could end the
                // bracketed paste and run a command: copy what the screen shows.
                Effect::Copy(crate::bidi::sanitize::clipboard_text(&t).into_owned())
            }
            None => {
                self.message = Some("nothing selected to copy".into());
                Effect::None
            }
        }
    }

    fn edit(&mut self) -> Effect {
        let doc = self.source.doc;
        let (Some(path), Some(format)) = (self.shelf.file_path(doc), self.shelf.format(doc)) else {
            return Effect::None;
        };
        if !format.is_text() {
            return Effect::Open(path);
        }
        let line = self.current_paragraph().unwrap_or(1);
        Effect::Edit { path, line }
    }

    /// Called after the system's opener was asked to open a file: says so,
    /// or why it could not.
    pub fn after_open(&mut self, path: &std::path::Path, outcome: Result<(), String>) {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        self.message = Some(match outcome {
            Ok(()) => format!("opening {name} with the system's viewer"),
            Err(why) => format!("cannot open {name}: {why}"),
        });
    }

    /// Called after the editor returns: the file may have changed, so the
    /// documents and the timeline are read again and the index brought up to
    /// date, in the background (only what changed is re-indexed).
    pub fn after_edit(&mut self) {
        self.reload("back from the editor: reading the changes…".into());
    }

    /// Called when the corpus folder changed on disk (the watcher of
    /// [`crate::watch`]): the same catching up as after an edit.
    pub fn after_change(&mut self, change: &crate::watch::Change) {
        self.reload(format!(
            "{} on disk: reading the changes…",
            change.describe()
        ));
    }

    /// Brings the index up to date, then lists the documents and builds the
    /// timeline again from it, in the background (only what changed is
    /// re-indexed and re-dated); says so.
    fn reload(&mut self, message: String) {
        match &self.index {
            Some(index) => {
                let root = self.shelf.root().to_path_buf();
                let check = worker::check_index(root, index.dir.clone(), self.outbox());
                self.checks.push(check);
                self.reloading = true;
            }
            None => self.start_loading(),
        }
        self.message = Some(message);
    }
}

/// What the source view lays out of `doc`, with the pane's options and rows.
fn page(doc: &Document, (options, height): (LayoutOptions, usize)) -> Page<'_> {
    Page {
        doc,
        options,
        height,
    }
}
