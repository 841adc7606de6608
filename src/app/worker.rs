//! Work that must not hold up the screen: loading the corpus and building the
//! timeline, and running searches. Each runs on its own thread and answers with
//! an [`Action`] that the event loop applies like a key.
//!
//! Searches supersede each other: the worker always runs the newest query it
//! has been sent and drops the ones typed in between, and the app ignores an
//! answer to any query but the current one — the screen never waits on a stale
//! query.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread;

use super::action::Action;
use super::{Loaded, Refreshed};
use crate::corpus::Corpus;
use crate::index::{CorpusIndex, Effort};
use crate::metadata::Metadata;
use crate::query::Query;

/// Where background results go: the event loop's queue.
pub type Outbox = Sender<Action>;

/// Reads the corpus and its metadata and builds the timeline, off the UI thread.
pub fn load_corpus(root: PathBuf, outbox: Outbox) {
    thread::spawn(move || {
        let loaded = Corpus::load(&root).and_then(|corpus| {
            let meta = Metadata::load(&root)?;
            let timeline = crate::timeline::build(&corpus.documents, &meta);
            Ok(Loaded::new(corpus, meta, timeline))
        });
        let action = match loaded {
            Ok(loaded) => Action::Loaded(Box::new(loaded)),
            Err(e) => Action::LoadFailed(e.to_string()),
        };
        let _ = outbox.send(action);
    });
}

/// Brings the index of `corpus` up to date off the UI thread: the explorer
/// answers from the last commit meanwhile (at 400,000 files the check alone
/// stats every file, most of a second).
pub fn check_index(corpus: PathBuf, dir: PathBuf, outbox: Outbox) {
    thread::spawn(move || {
        let checked = CorpusIndex::open(&corpus, &dir, false, &mut |_, _| {})
            .map(|(index, report)| Refreshed {
                index: Arc::new(index),
                report,
            })
            .map_err(|e| e.to_string());
        let _ = outbox.send(Action::IndexChecked(Box::new(checked)));
    });
}

/// The search thread's inbox.
pub struct SearchWorker {
    inbox: Sender<(u64, Query)>,
}

impl SearchWorker {
    pub fn spawn(index: Arc<CorpusIndex>, limit: usize, outbox: Outbox) -> SearchWorker {
        let (inbox, requests) = mpsc::channel::<(u64, Query)>();
        thread::spawn(move || serve(index, limit, requests, outbox));
        SearchWorker { inbox }
    }

    /// Asks for `query`; the answer comes back as `Action::SearchDone(generation, …)`.
    pub fn ask(&self, generation: u64, query: Query) {
        let _ = self.inbox.send((generation, query));
    }
}

fn serve(index: Arc<CorpusIndex>, limit: usize, requests: Receiver<(u64, Query)>, outbox: Outbox) {
    let mut next = None;
    while let Some(mut request) = next.take().or_else(|| requests.recv().ok()) {
        // Only the newest query matters.
        while let Ok(newer) = requests.try_recv() {
            request = newer;
        }
        let (generation, query) = request;
        // The hits go out as soon as they are ranked; the marks of the matched
        // words follow unless a newer query is already waiting.
        let ranked = index.rank_passages(&query, limit, Effort::Sampled);
        let marked = ranked.as_ref().ok().cloned();
        if !deliver(&outbox, generation, ranked.map_err(|e| e.to_string())) {
            return;
        }
        if let Ok(newer) = requests.try_recv() {
            next = Some(newer);
            continue;
        }
        if let Some(mut results) = marked {
            results.mark(&query);
            if !deliver(&outbox, generation, Ok(results)) {
                return;
            }
        }
    }
}

/// Sends an answer to the UI; false once the UI is gone.
fn deliver(
    outbox: &Outbox,
    generation: u64,
    result: Result<crate::index::SearchResults, String>,
) -> bool {
    outbox
        .send(Action::SearchDone(generation, Box::new(result)))
        .is_ok()
}
