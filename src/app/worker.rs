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
use super::Loaded;
use crate::corpus::Corpus;
use crate::index::CorpusIndex;
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
            Ok(Loaded {
                corpus,
                meta,
                timeline,
            })
        });
        let action = match loaded {
            Ok(loaded) => Action::Loaded(Box::new(loaded)),
            Err(e) => Action::LoadFailed(e.to_string()),
        };
        let _ = outbox.send(action);
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
    while let Ok(mut request) = requests.recv() {
        // Only the newest query matters.
        while let Ok(newer) = requests.try_recv() {
            request = newer;
        }
        let (generation, query) = request;
        let result = index.search(&query, limit).map_err(|e| e.to_string());
        if outbox
            .send(Action::SearchDone(generation, Box::new(result)))
            .is_err()
        {
            return;
        }
    }
}
