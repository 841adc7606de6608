//! The search pane: the query being typed, and either its hits or, for an
//! empty query, the list of documents.

use super::input::{Input, InputEdit};
use super::selection::Selection;
use crate::index::{Hit, SearchResults};
use crate::query::Query;

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
    pub list: Selection,
    /// Number of the newest query sent to the search worker.
    pub generation: u64,
    /// A query has been sent and its answer has not come back yet.
    pub pending: bool,
    /// What the query's Latin words were matched to (Stepanakert →
    /// ستيباناكيرت), shown once in the status bar.
    pub notes: Vec<String>,
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

    /// True for an empty query: the list shows the documents.
    pub fn browsing_documents(&self) -> bool {
        self.input.text().trim().is_empty()
    }

    /// Items in the list: hits, or the `documents` for an empty query.
    pub fn items(&self, documents: usize) -> usize {
        if self.browsing_documents() {
            documents
        } else {
            self.hits.len()
        }
    }

    /// The hit under the selection.
    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits.get(self.list.selected)
    }

    /// Applies a line edit; true when the query's text changed (a cursor
    /// move asks nothing new).
    pub fn edit(&mut self, edit: InputEdit) -> bool {
        let before = self.input.text().to_string();
        self.input.apply(edit);
        before != self.input.text()
    }

    /// Starts a new query from the input's text: the list goes back to its
    /// top and the query to ask is returned (`None` for an empty query, or
    /// one that does not parse, whose error is kept).
    pub fn restart(&mut self) -> Option<Query> {
        let text = self.input.text().trim().to_string();
        self.list = Selection::default();
        self.error = None;
        self.query = None;
        self.generation += 1;
        self.pending = false;
        if text.is_empty() {
            self.clear_results();
            return None;
        }
        match Query::parse(&text) {
            Ok(query) => {
                self.query = Some(query.clone());
                Some(query)
            }
            Err(e) => {
                self.clear_results();
                self.error = Some(e.to_string());
                None
            }
        }
    }

    fn clear_results(&mut self) {
        self.hits.clear();
        self.total = 0;
        self.notes.clear();
    }

    /// Takes the answer to query `generation`; answers to queries typed over
    /// since are dropped.
    pub fn receive(&mut self, generation: u64, result: Result<SearchResults, String>) {
        if generation != self.generation {
            return;
        }
        self.pending = false;
        match result {
            Ok(results) => {
                // The Arabic spellings found for Latin words are the words'
                // own from now on, and near spellings are marked only where
                // the search used them: the source view follows.
                self.query = self.query.as_ref().map(|q| results.resolved(q));
                self.notes = crate::output::transliteration_notes(&results);
                self.total = results.total;
                self.total_exact = results.total_exact;
                self.hits = results.hits;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
        self.list.clamp(self.hits.len());
    }
}
