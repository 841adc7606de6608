//! The explorer's state and how actions change it. Nothing here draws or reads
//! the terminal: `ui::draw` is a pure function of [`App`], and `tui` turns
//! terminal events into [`Action`]s.

pub mod action;
pub mod input;
pub mod keymap;
pub mod source;
pub mod worker;

use std::ops::Range;
use std::sync::Arc;

use ratatui::layout::Rect;

pub use action::{Action, InputEdit};
use input::Input;
pub use keymap::Keymap;
use source::{LayoutCache, LinePos, SourceLine, View};

use crate::bidi::LayoutOptions;
use crate::cite::ReferenceList;
use crate::corpus::{Corpus, Document};
use crate::index::{CorpusIndex, Hit};
use crate::metadata::Metadata;
use crate::query::Query;
use crate::timeline::filter::MentionIndex;
use crate::timeline::Timeline;
use crate::ui::layout::{self, Panes, RESULT_ROWS};

/// How many passages a search keeps for the list.
pub const RESULT_LIMIT: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Search,
    Timeline,
    Source,
}

impl Pane {
    fn next(self) -> Pane {
        match self {
            Pane::Search => Pane::Timeline,
            Pane::Timeline => Pane::Source,
            Pane::Source => Pane::Search,
        }
    }

    fn prev(self) -> Pane {
        self.next().next()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    Help,
    Documents {
        selected: usize,
    },
    /// Citation markers and their references, one entry per line.
    Citations {
        title: String,
        lines: Vec<String>,
    },
    /// Timeline entries citing a paragraph.
    CitingEvents {
        paragraph: usize,
        entries: Vec<usize>,
        selected: usize,
    },
}

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
}

/// What the background loader delivers.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub corpus: Corpus,
    pub meta: Metadata,
    pub timeline: Timeline,
    /// Each document's reference list, found on the loading thread too: at
    /// 400,000 documents that took the UI thread 50 ms.
    pub references: Vec<ReferenceList>,
    /// The words of the timeline's mentions, for following the query.
    pub mentions: MentionIndex,
    /// Problems worth a line in the status bar (metadata naming files that
    /// are not in the corpus).
    pub warnings: Vec<String>,
}

impl Loaded {
    pub fn new(corpus: Corpus, meta: Metadata, timeline: Timeline) -> Loaded {
        let references = corpus.documents.iter().map(ReferenceList::of).collect();
        let mentions = MentionIndex::build(&timeline);
        let warnings = meta.unknown_files_warning(&corpus).into_iter().collect();
        Loaded {
            corpus,
            meta,
            timeline,
            references,
            mentions,
            warnings,
        }
    }
}

/// An index checked against the corpus in the background, and what the check
/// did.
#[derive(Clone)]
pub struct Refreshed {
    pub index: Arc<CorpusIndex>,
    pub report: crate::index::UpdateReport,
}

impl std::fmt::Debug for Refreshed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Refreshed")
            .field("index", &self.index.dir)
            .field("report", &self.report)
            .finish()
    }
}

impl PartialEq for Refreshed {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.index, &other.index)
    }
}

/// Display settings fixed for the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Arabic-first layout: panes mirrored, Arabic labels.
    pub rtl_ui: bool,
    /// No colours: bold, reverse and underline carry every meaning.
    pub mono: bool,
    pub mouse: bool,
    /// False when the terminal reorders right-to-left text itself.
    pub reorder: bool,
    /// Convert Arabic to presentation forms (terminals that do not shape).
    pub shape: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rtl_ui: false,
            mono: false,
            mouse: true,
            reorder: true,
            shape: false,
        }
    }
}

/// The search pane: the query, and either its hits or, for an empty query, the
/// list of documents.
#[derive(Debug, Default)]
pub struct SearchState {
    pub input: Input,
    pub query: Option<Query>,
    pub hits: Vec<Hit>,
    pub total: usize,
    /// False when `total` is an estimate.
    pub total_exact: bool,
    /// Why the query could not run, if it could not.
    pub error: Option<String>,
    pub selected: usize,
    /// First item shown in the list.
    pub offset: usize,
    /// Number of the newest query sent to the search worker.
    pub generation: u64,
    /// A query has been sent and its answer has not come back yet.
    pub pending: bool,
}

impl SearchState {
    /// The number of matching passages as shown: estimates say so. No match is
    /// always exact (an estimate needs a sample).
    pub fn total_label(&self) -> String {
        crate::index::describe_total(self.total, self.total_exact || self.total == 0)
    }

    /// "1 passage", "12 passages", "about 520000 passages".
    pub fn passages_label(&self) -> String {
        let noun = if self.total == 1 && self.total_exact {
            "passage"
        } else {
            "passages"
        };
        format!("{} {noun}", self.total_label())
    }
}

#[derive(Debug, Default)]
pub struct TimelineState {
    /// Show only entries with a mention matching the query.
    pub follow_query: bool,
    /// Indices into the timeline's entries, in date order.
    pub visible: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    /// Which mention of the selected entry the source view shows.
    pub mention: usize,
}

/// The source view. Only what is on screen is laid out (see [`source`]): the
/// place in the document is a line position, not an index into every line.
#[derive(Debug, Default)]
pub struct SourceState {
    /// Index into the corpus documents.
    pub doc: usize,
    /// The first line shown.
    pub top: LinePos,
    /// The passage or sentence jumped to (document byte range).
    pub target: Option<Range<usize>>,
    /// Where the target starts, when it is in the document.
    pub target_at: Option<LinePos>,
    /// Query hits in the document, sorted and disjoint.
    pub hits: Vec<Range<usize>>,
    /// The lines on screen from `top`, laid out after every action: all that
    /// the source pane draws.
    pub window: Vec<SourceLine>,
    /// Width the lines were laid out for.
    pub width: usize,
    /// The document's blocks laid out so far, bounded.
    pub cache: LayoutCache,
}

pub struct App {
    pub corpus: Corpus,
    pub meta: Metadata,
    pub timeline: Timeline,
    references: Vec<ReferenceList>,
    mentions: MentionIndex,
    index: Option<Arc<CorpusIndex>>,
    worker: Option<worker::SearchWorker>,
    /// Where background answers go, once the event loop runs.
    outbox: Option<worker::Outbox>,
    /// The corpus and timeline are still being loaded in the background.
    pub loading: bool,
    /// Why the corpus could not be loaded (a malformed `sources.toml`…): shown
    /// in the panes until a reload succeeds.
    pub load_error: Option<String>,
    pub keymap: Keymap,
    pub settings: Settings,
    pub focus: Pane,
    pub popup: Option<Popup>,
    pub search: SearchState,
    pub events: TimelineState,
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
            corpus,
            meta,
            timeline,
            references,
            mentions,
            warnings: _,
        } = Loaded::new(corpus, meta, timeline);
        let mut app = App {
            corpus,
            meta,
            timeline,
            references,
            mentions,
            index: index.map(Arc::new),
            worker: None,
            outbox: None,
            loading: false,
            load_error: None,
            keymap,
            settings,
            focus: Pane::Search,
            popup: None,
            search: SearchState::default(),
            events: TimelineState {
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

    /// Layout settings for text `width` cells wide, from the session settings.
    pub fn layout_options(&self, width: usize) -> LayoutOptions {
        LayoutOptions {
            width: Some(width.max(1)),
            base: None,
            shape: self.settings.shape,
            logical: !self.settings.reorder,
        }
    }

    /// An app whose corpus and timeline are still to come (as `Action::Loaded`
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

    /// Moves searching to a background thread that answers through `outbox`.
    pub fn start_search_worker(&mut self, outbox: worker::Outbox) {
        if let Some(index) = &self.index {
            self.worker = Some(worker::SearchWorker::spawn(
                index.clone(),
                RESULT_LIMIT,
                outbox.clone(),
            ));
        }
        self.outbox = Some(outbox);
    }

    /// Takes the index as checked in the background: when the check changed
    /// anything, searches go to the new one and the current query is asked
    /// again.
    fn install_checked_index(&mut self, checked: Result<Refreshed, String>) {
        let Refreshed { index, report } = match checked {
            Ok(refreshed) => refreshed,
            Err(e) => {
                self.message = Some(format!("could not check the index: {e}"));
                return;
            }
        };
        if let Some(reason) = &report.not_updated {
            self.message = Some(format!(
                "the index could not be updated: {reason}; answering from its last update"
            ));
            return;
        }
        if !report.touched_anything() {
            return;
        }
        let changed = report.added + report.changed + report.removed;
        self.message = Some(if report.rebuilt.is_some() {
            "index rebuilt".to_string()
        } else {
            let files = if changed == 1 { "file" } else { "files" };
            format!("index updated: {changed} {files} changed since it was built")
        });
        self.index = Some(index);
        if let Some(outbox) = self.outbox.clone() {
            self.start_search_worker(outbox);
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
        self.references = loaded.references;
        self.mentions = loaded.mentions;
        self.corpus = loaded.corpus;
        self.meta = loaded.meta;
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

    fn receive_results(
        &mut self,
        generation: u64,
        result: Result<crate::index::SearchResults, String>,
    ) {
        if generation != self.search.generation {
            return; // an answer to a query typed over since
        }
        self.search.pending = false;
        match result {
            Ok(results) => {
                self.search.total = results.total;
                self.search.total_exact = results.total_exact;
                self.search.hits = results.hits;
                self.search.error = None;
            }
            Err(e) => self.search.error = Some(e),
        }
        self.search.selected = self
            .search
            .selected
            .min(self.search.hits.len().saturating_sub(1));
    }

    pub fn panes(&self) -> Panes {
        layout::panes(self.area, self.settings.rtl_ui)
    }

    /// True while the search input has the focus: letters are typed, not commands.
    pub fn typing(&self) -> bool {
        self.focus == Pane::Search && self.popup.is_none()
    }

    pub fn document(&self) -> Option<&Document> {
        self.corpus.documents.get(self.source.doc)
    }

    pub fn references_of(&self, doc: usize) -> Option<&ReferenceList> {
        self.references.get(doc)
    }

    /// Applies one action, then lays out what the source view shows.
    pub fn update(&mut self, action: Action) -> Effect {
        let effect = self.apply(action);
        self.refresh_source_window();
        effect
    }

    fn apply(&mut self, action: Action) -> Effect {
        if !matches!(
            action,
            Action::Resize(..)
                | Action::SearchDone(..)
                | Action::Loaded(..)
                | Action::IndexChecked(..)
        ) {
            self.message = None;
        }
        if self.popup.is_some() {
            if let Some(effect) = self.update_popup(&action) {
                return effect;
            }
        }
        match action {
            Action::QuitNow => return Effect::Quit,
            Action::Quit => return Effect::Quit,
            Action::Help => self.popup = Some(Popup::Help),
            Action::NextPane => self.focus = self.focus.next(),
            Action::PrevPane => self.focus = self.focus.prev(),
            Action::FocusSearch => self.focus = Pane::Search,
            Action::SelectNext => self.move_selection(1),
            Action::SelectPrev => self.move_selection(-1),
            Action::PageDown => self.move_selection(self.page_size() as isize),
            Action::PageUp => self.move_selection(-(self.page_size() as isize)),
            Action::First => self.move_to_end(false),
            Action::Last => self.move_to_end(true),
            Action::Open => self.open_selected(),
            Action::Back => self.back(),
            Action::ToggleFollowQuery => {
                self.events.follow_query = !self.events.follow_query;
                self.refresh_timeline();
                self.message = Some(
                    if self.events.follow_query {
                        "timeline follows the query"
                    } else {
                        "timeline shows every event"
                    }
                    .into(),
                );
            }
            Action::NextMention => self.cycle_mention(1),
            Action::PrevMention => self.cycle_mention(-1),
            Action::Citations => self.show_citations(),
            Action::CitingEvents => self.show_citing_events(),
            Action::NextDocument => self.step_document(1),
            Action::PrevDocument => self.step_document(-1),
            Action::DocumentList => {
                self.popup = Some(Popup::Documents {
                    selected: self.source.doc,
                })
            }
            Action::Copy => return self.copy(),
            Action::Edit => return self.edit(),
            Action::Insert(text) => {
                if self.typing() {
                    self.search.input.insert(&text);
                    self.run_search();
                }
            }
            Action::EditInput(edit) => {
                if self.typing() {
                    let before = self.search.input.text().to_string();
                    self.search.input.apply(edit);
                    if before != self.search.input.text() {
                        self.run_search();
                    }
                }
            }
            Action::Scroll { column, row, down } => self.scroll_at(column, row, down),
            Action::Click { column, row } => self.click_at(column, row),
            Action::Resize(w, h) => {
                self.area = Rect::new(0, 0, w, h);
                self.keep_visible();
            }
            Action::Loaded(loaded) => self.install(*loaded),
            Action::LoadFailed(reason) => {
                self.loading = false;
                self.load_error = Some(reason);
            }
            Action::SearchDone(generation, result) => self.receive_results(generation, *result),
            Action::IndexChecked(checked) => self.install_checked_index(*checked),
        }
        Effect::None
    }

    /// Keys while a popup is open; `None` lets the action through.
    fn update_popup(&mut self, action: &Action) -> Option<Effect> {
        let popup = self.popup.as_mut()?;
        match (popup, action) {
            (_, Action::QuitNow) => Some(Effect::Quit),
            (_, Action::Back | Action::Help | Action::Quit) => {
                self.popup = None;
                Some(Effect::None)
            }
            (Popup::Documents { selected }, Action::SelectNext) => {
                *selected = (*selected + 1).min(self.corpus.documents.len().saturating_sub(1));
                Some(Effect::None)
            }
            (Popup::Documents { selected }, Action::SelectPrev) => {
                *selected = selected.saturating_sub(1);
                Some(Effect::None)
            }
            (Popup::Documents { selected }, Action::Open) => {
                let doc = *selected;
                self.popup = None;
                self.open_document(doc, None, None);
                Some(Effect::None)
            }
            (
                Popup::CitingEvents {
                    entries, selected, ..
                },
                Action::SelectNext,
            ) => {
                *selected = (*selected + 1).min(entries.len().saturating_sub(1));
                Some(Effect::None)
            }
            (Popup::CitingEvents { selected, .. }, Action::SelectPrev) => {
                *selected = selected.saturating_sub(1);
                Some(Effect::None)
            }
            (
                Popup::CitingEvents {
                    entries,
                    selected,
                    paragraph,
                },
                Action::Open,
            ) => {
                let entry = entries.get(*selected).copied();
                let paragraph = *paragraph;
                self.popup = None;
                if let Some(entry) = entry {
                    self.select_entry(entry, paragraph);
                }
                Some(Effect::None)
            }
            (
                _,
                Action::Resize(..)
                | Action::Copy
                | Action::Loaded(..)
                | Action::LoadFailed(..)
                | Action::SearchDone(..)
                | Action::IndexChecked(..),
            ) => None,
            // Anything else is swallowed while a popup is open.
            _ => Some(Effect::None),
        }
    }

    // ----- search -----

    fn run_search(&mut self) {
        let text = self.search.input.text().trim().to_string();
        self.search.selected = 0;
        self.search.offset = 0;
        self.search.error = None;
        self.search.query = None;
        self.search.generation += 1;
        self.search.pending = false;
        if text.is_empty() {
            self.search.hits.clear();
            self.search.total = 0;
        } else {
            match Query::parse(&text) {
                Ok(query) => {
                    self.ask(query.clone());
                    self.search.query = Some(query);
                }
                Err(e) => {
                    self.search.hits.clear();
                    self.search.total = 0;
                    self.search.error = Some(e.to_string());
                }
            }
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
        self.receive_results(generation, result);
    }

    /// Items in the search list: hits, or documents for an empty query.
    pub fn search_items(&self) -> usize {
        if self.search.input.text().trim().is_empty() {
            self.corpus.documents.len()
        } else {
            self.search.hits.len()
        }
    }

    pub fn browsing_documents(&self) -> bool {
        self.search.input.text().trim().is_empty()
    }

    // ----- timeline -----

    fn refresh_timeline(&mut self) {
        let query = self
            .search
            .query
            .as_ref()
            .filter(|_| self.events.follow_query);
        self.events.visible = match query {
            Some(q) => self.mentions.entries_matching(&self.timeline, q),
            None => (0..self.timeline.entries.len()).collect(),
        };
        self.events.selected = self
            .events
            .selected
            .min(self.events.visible.len().saturating_sub(1));
        self.events.offset = self.events.offset.min(self.events.selected);
        self.events.mention = 0;
    }

    pub fn selected_entry(&self) -> Option<usize> {
        self.events.visible.get(self.events.selected).copied()
    }

    /// Selects timeline entry `entry` (showing every entry if the query hides it)
    /// and shows its mention in `paragraph` of the current document, if any.
    fn select_entry(&mut self, entry: usize, paragraph: usize) {
        if !self.events.visible.contains(&entry) {
            self.events.follow_query = false;
            self.refresh_timeline();
        }
        if let Some(pos) = self.events.visible.iter().position(|&e| e == entry) {
            self.events.selected = pos;
        }
        self.focus = Pane::Timeline;
        let file = self.document().map(|d| d.path.clone()).unwrap_or_default();
        let mention = self.timeline.entries.get(entry).and_then(|e| {
            e.mentions
                .iter()
                .position(|m| m.file == file && m.paragraph == paragraph)
        });
        self.events.mention = mention.unwrap_or(0);
        self.show_mention();
        self.keep_visible();
    }

    fn cycle_mention(&mut self, step: isize) {
        let Some(entry) = self
            .selected_entry()
            .and_then(|e| self.timeline.entries.get(e))
        else {
            return;
        };
        let n = entry.mentions.len();
        if n == 0 {
            return;
        }
        self.events.mention = (self.events.mention as isize + step).rem_euclid(n as isize) as usize;
        self.show_mention();
    }

    /// Opens the selected entry's current mention in the source view, with its
    /// sentence highlighted and its citations in the status bar.
    fn show_mention(&mut self) {
        let Some(entry) = self
            .selected_entry()
            .and_then(|e| self.timeline.entries.get(e))
        else {
            return;
        };
        let Some(m) = entry.mentions.get(self.events.mention).cloned() else {
            return;
        };
        let n = entry.mentions.len();
        let Some(doc) = self.corpus.position(&m.file) else {
            self.message = Some(format!("{} is not in the corpus any more", m.file));
            return;
        };
        self.open_document(doc, Some(m.start..m.end), None);
        let cites = if m.markers.is_empty() {
            String::new()
        } else {
            format!("  cites {}", m.markers.join(" "))
        };
        let refs = m
            .references
            .first()
            .map(|r| format!(" — {r}"))
            .unwrap_or_default();
        self.message = Some(format!(
            "mention {}/{n}: {}:{}{cites}{refs}",
            self.events.mention + 1,
            m.file,
            m.paragraph
        ));
    }

    // ----- source -----

    /// Shows document `doc`, scrolled to `target` (highlighted) or to paragraph
    /// `paragraph`, or to the top.
    fn open_document(
        &mut self,
        doc: usize,
        target: Option<Range<usize>>,
        paragraph: Option<usize>,
    ) {
        if doc >= self.corpus.documents.len() {
            return;
        }
        let changed = doc != self.source.doc;
        self.source.doc = doc;
        self.source.target = target.clone();
        self.refresh_source_hits();
        if changed {
            // A place in another document means nothing here.
            self.source.top = LinePos::default();
        }
        let top = self.source_view().and_then(|mut view| {
            let line = match (&target, paragraph) {
                (Some(t), _) => view.line_of_offset(t.start),
                (None, Some(p)) => view.line_of_paragraph(p),
                (None, None) => None,
            };
            // A little context above the target.
            line.map(|line| view.back(line, 2))
        });
        if let Some(top) = top {
            self.source.top = top;
        }
    }

    /// The query's hits in the shown document (drawn at the next refresh).
    fn refresh_source_hits(&mut self) {
        self.source.hits = match (
            &self.search.query,
            self.corpus.documents.get(self.source.doc),
        ) {
            (Some(q), Some(d)) => q.highlights(&d.text),
            _ => Vec::new(),
        };
    }

    /// The shown document as the source view walks it, laid out for the
    /// pane's width; `None` without a document.
    fn source_view(&mut self) -> Option<View<'_>> {
        let options = self.layout_options(self.source_text_width());
        let doc = self.corpus.documents.get(self.source.doc)?;
        let s = &mut self.source;
        Some(View::new(
            doc,
            s.doc,
            &s.hits,
            s.target.as_ref(),
            options,
            &mut s.cache,
        ))
    }

    /// Clamps the scroll position and lays out the lines on screen: the only
    /// layout the source view does, after each action.
    fn refresh_source_window(&mut self) {
        let height = self.source_height();
        self.source.width = self.source_text_width();
        let top = self.source.top;
        let target = self.source.target.as_ref().map(|t| t.start);
        let refreshed = self.source_view().map(|mut view| {
            let top = view.clamp(top, height);
            let window = view.window(top, height);
            let target_at = target.and_then(|t| view.line_of_offset(t));
            (top, window, target_at)
        });
        let (top, window, target_at) = refreshed.unwrap_or_default();
        self.source.top = top;
        self.source.window = window;
        self.source.target_at = target_at;
    }

    /// Rows of text in the source pane.
    fn source_height(&self) -> usize {
        self.panes().source_text.height as usize
    }

    /// Cells for text in the source pane: its inner width less the paragraph
    /// number gutter.
    pub fn source_text_width(&self) -> usize {
        (self.panes().source_text.width as usize)
            .saturating_sub(crate::ui::source::GUTTER)
            .max(1)
    }

    /// Scrolls the source view by `step` lines (clamped at the next refresh).
    fn scroll_source(&mut self, step: isize) {
        let top = self.source.top;
        if let Some(top) = self.source_view().map(|mut view| view.step(top, step)) {
            self.source.top = top;
        }
    }

    /// `g`/`G`: the first or last item of the focused pane. The source view
    /// jumps to its last screenful directly: walking there line by line would
    /// lay out the whole document.
    fn move_to_end(&mut self, last: bool) {
        if self.focus != Pane::Source {
            self.move_selection(if last { isize::MAX / 2 } else { isize::MIN / 2 });
            return;
        }
        let height = self.source_height();
        let top = match self.source_view() {
            Some(mut view) if last => view.last_top(height),
            _ => LinePos::default(),
        };
        self.source.top = top;
    }

    /// The 1-based line number of the paragraph at the top of the source view.
    pub fn top_paragraph(&self) -> Option<usize> {
        let doc = self.document()?;
        doc.paragraphs
            .get(self.source.top.block.paragraph)
            .map(|p| p.number)
    }

    /// The paragraph at the top of the source view (or holding the target, if it
    /// is on screen).
    pub fn current_paragraph(&self) -> Option<usize> {
        let target = self.source.target_at.and_then(|at| {
            self.source
                .window
                .iter()
                .find(|l| l.at == at)
                .map(|l| l.paragraph)
        });
        target.or_else(|| self.top_paragraph())
    }

    fn step_document(&mut self, step: isize) {
        let n = self.corpus.documents.len();
        if n == 0 {
            return;
        }
        let doc = (self.source.doc as isize + step).rem_euclid(n as isize) as usize;
        self.open_document(doc, None, None);
        self.source.top = LinePos::default();
        self.focus = Pane::Source;
    }

    fn show_citations(&mut self) {
        let (title, markers, doc) = match self.focus {
            Pane::Timeline => {
                let Some(entry) = self
                    .selected_entry()
                    .and_then(|e| self.timeline.entries.get(e))
                else {
                    return;
                };
                let Some(m) = entry.mentions.get(self.events.mention) else {
                    return;
                };
                let doc = self.corpus.position(&m.file);
                (
                    format!("{} {}:{}", entry.date, m.file, m.paragraph),
                    markers_of(&m.text),
                    doc,
                )
            }
            _ => {
                let Some(p) = self.current_paragraph() else {
                    return;
                };
                let Some(d) = self.document() else { return };
                let Some(par) = d.paragraph(p) else { return };
                (
                    format!("{}:{p}", d.path),
                    markers_of(&d.text[par.start..par.end]),
                    Some(self.source.doc),
                )
            }
        };
        let refs = doc.and_then(|d| self.references.get(d));
        let mut lines = Vec::new();
        for marker in &markers {
            let reference = refs.and_then(|r| r.resolve(marker)).map(|r| r.text.clone());
            lines.push(match reference {
                Some(text) => format!("{} {text}", marker.written()),
                None => format!("{} (no reference list entry)", marker.written()),
            });
        }
        if lines.is_empty() {
            lines.push("no citation markers here".into());
        }
        self.popup = Some(Popup::Citations { title, lines });
    }

    fn show_citing_events(&mut self) {
        let Some(p) = self.current_paragraph() else {
            return;
        };
        let Some(file) = self.document().map(|d| d.path.clone()) else {
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
            selected: 0,
        });
    }

    // ----- selection, scrolling, mouse -----

    fn page_size(&self) -> usize {
        let p = self.panes();
        match self.focus {
            Pane::Search => (p.results.height / RESULT_ROWS).max(1) as usize,
            Pane::Timeline => p.timeline_list.height.max(1) as usize,
            Pane::Source => p.source_text.height.saturating_sub(1).max(1) as usize,
        }
    }

    fn move_selection(&mut self, step: isize) {
        match self.focus {
            Pane::Search => {
                self.search.selected = step_index(self.search.selected, step, self.search_items());
            }
            Pane::Timeline => {
                let before = self.events.selected;
                self.events.selected = step_index(before, step, self.events.visible.len());
                if before != self.events.selected {
                    self.events.mention = 0;
                }
            }
            Pane::Source => self.scroll_source(step),
        }
        self.keep_visible();
    }

    /// Scrolls the lists so their selection is on screen.
    fn keep_visible(&mut self) {
        let p = self.panes();
        let rows = (p.results.height / RESULT_ROWS).max(1) as usize;
        self.search.offset = visible_offset(self.search.offset, self.search.selected, rows);
        let rows = p.timeline_list.height.max(1) as usize;
        self.events.offset = visible_offset(self.events.offset, self.events.selected, rows);
    }

    fn open_selected(&mut self) {
        match self.focus {
            Pane::Search if self.browsing_documents() => {
                let doc = self.search.selected;
                self.open_document(doc, None, None);
                self.source.top = LinePos::default();
                self.focus = Pane::Source;
            }
            Pane::Search => {
                let Some(hit) = self.search.hits.get(self.search.selected).cloned() else {
                    return;
                };
                let Some(doc) = self.corpus.position(&hit.file) else {
                    self.message = Some(format!("{} is not in the corpus any more", hit.file));
                    return;
                };
                self.open_document(doc, Some(hit.start..hit.end), None);
                self.focus = Pane::Source;
                self.message = Some(format!("{}:{}", hit.file, hit.paragraph));
            }
            Pane::Timeline => {
                self.show_mention();
                self.focus = Pane::Source;
            }
            Pane::Source => self.show_citing_events(),
        }
    }

    fn back(&mut self) {
        if !self.search.input.is_empty() {
            self.search.input.apply(InputEdit::Clear);
            self.run_search();
            self.focus = Pane::Search;
        } else {
            self.source.target = None;
        }
    }

    fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let p = self.panes();
        let pos = ratatui::layout::Position { x: column, y: row };
        [
            (p.search, Pane::Search),
            (p.timeline, Pane::Timeline),
            (p.source, Pane::Source),
        ]
        .into_iter()
        .find(|(r, _)| r.contains(pos))
        .map(|(_, pane)| pane)
    }

    fn scroll_at(&mut self, column: u16, row: u16, down: bool) {
        let Some(pane) = self.pane_at(column, row) else {
            return;
        };
        let step = if down { 3 } else { -3 };
        match pane {
            Pane::Source => self.scroll_source(step),
            Pane::Search => {
                self.search.selected =
                    step_index(self.search.selected, step.signum(), self.search_items())
            }
            Pane::Timeline => {
                self.events.selected = step_index(
                    self.events.selected,
                    step.signum(),
                    self.events.visible.len(),
                )
            }
        }
        self.keep_visible();
    }

    fn click_at(&mut self, column: u16, row: u16) {
        let Some(pane) = self.pane_at(column, row) else {
            return;
        };
        self.focus = pane;
        let p = self.panes();
        match pane {
            Pane::Search if row >= p.results.y => {
                let i = self.search.offset + ((row - p.results.y) / RESULT_ROWS) as usize;
                if i < self.search_items() {
                    self.search.selected = i;
                }
            }
            Pane::Timeline if row >= p.timeline_list.y => {
                let i = self.events.offset + (row - p.timeline_list.y) as usize;
                if i < self.events.visible.len() {
                    self.events.selected = i;
                    self.events.mention = 0;
                }
            }
            _ => {}
        }
    }

    // ----- clipboard and editor -----

    fn copy(&mut self) -> Effect {
        let text = match self.focus {
            Pane::Search => self.search.hits.get(self.search.selected).map(|h| {
                let markers: Vec<String> =
                    markers_of(&h.text).iter().map(|m| m.written()).collect();
                format!(
                    "{}\n— {}, paragraph {}{}",
                    h.text,
                    h.file,
                    h.paragraph,
                    cite_suffix(&markers)
                )
            }),
            Pane::Timeline => self
                .selected_entry()
                .and_then(|e| self.timeline.entries.get(e))
                .and_then(|entry| {
                    let m = entry.mentions.get(self.events.mention)?;
                    Some(format!(
                        "{} — {}\n— {}, paragraph {}{}",
                        entry.date,
                        m.text,
                        m.file,
                        m.paragraph,
                        cite_suffix(&m.markers)
                    ))
                }),
            Pane::Source => self.current_paragraph().and_then(|p| {
                let d = self.document()?;
                let par = d.paragraph(p)?;
                let text = &d.text[par.start..par.end];
                let markers: Vec<String> = markers_of(text).iter().map(|m| m.written()).collect();
                Some(format!(
                    "{text}\n— {}, paragraph {p}{}",
                    d.path,
                    cite_suffix(&markers)
                ))
            }),
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
        let Some(doc) = self.document() else {
            return Effect::None;
        };
        let line = self.current_paragraph().unwrap_or(1);
        Effect::Edit {
            path: doc.file_path(&self.corpus.root),
            line,
        }
    }

    /// Called after the editor returns: sources may have changed on disk, but the
    /// session keeps what it loaded; say so.
    pub fn after_edit(&mut self) {
        self.message =
            Some("back from the editor (changes are picked up on the next start)".into());
    }
}

fn cite_suffix(markers: &[String]) -> String {
    if markers.is_empty() {
        String::new()
    } else {
        format!(", citing {}", markers.join(" "))
    }
}

fn markers_of(text: &str) -> Vec<crate::cite::Marker> {
    crate::cite::markers_in(text, 0..text.len())
}

/// Moves `current` by `step` within `0..len`, clamped.
fn step_index(current: usize, step: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (current as isize)
        .saturating_add(step)
        .clamp(0, len as isize - 1) as usize
}

/// The first row to show so that `selected` is among `rows` rows from it.
fn visible_offset(offset: usize, selected: usize, rows: usize) -> usize {
    if selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_and_offset_stay_in_bounds() {
        assert_eq!(step_index(0, -1, 5), 0);
        assert_eq!(step_index(3, 10, 5), 4);
        assert_eq!(step_index(2, isize::MIN / 2, 5), 0);
        assert_eq!(step_index(0, 1, 0), 0);
        assert_eq!(visible_offset(0, 7, 5), 3);
        assert_eq!(visible_offset(4, 2, 5), 2);
    }
}
