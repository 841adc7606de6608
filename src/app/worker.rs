//! Work that must not hold up the screen: loading the corpus and building the
//! timeline, and running searches. Each runs on its own thread and answers with
//! a [`Msg`] in the app's inbox.
//!
//! Searches supersede each other: the worker always runs the newest query it
//! has been sent and drops the ones typed in between, and the app ignores an
//! answer to any query but the current one — the screen never waits on a stale
//! query.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread;

use super::action::Msg;
use crate::corpus::Corpus;
use crate::index::{CorpusIndex, Effort};
use crate::metadata::Metadata;
use crate::query::Query;
use crate::shelf::Shelf;
use crate::timeline::filter::MentionIndex;
use crate::timeline::Timeline;

/// Where background results go: the app's inbox.
pub type Outbox = Sender<Msg>;

/// What the background loader delivers: the list of documents (read, and
/// described, when shown: see [`Shelf`]) and the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub shelf: Shelf,
    pub timeline: Timeline,
    /// The words of the timeline's mentions, for following the query.
    pub mentions: MentionIndex,
    /// Problems worth a line in the status bar (metadata naming files that
    /// are not in the corpus).
    pub warnings: Vec<String>,
    /// Which of the app's loads this answers ([`load_corpus`]).
    pub generation: u64,
}

impl Loaded {
    /// A corpus given whole, kept as it is (its documents may exist only in
    /// memory): for tests and tools that made it.
    pub fn new(corpus: Corpus, meta: Metadata, timeline: Timeline) -> Loaded {
        let warnings = meta
            .unknown_files_warning(|file| corpus.document(file).is_some())
            .into_iter()
            .collect();
        Loaded::of(
            Shelf::holding(corpus).described_by(meta),
            timeline,
            warnings,
        )
    }

    fn of(shelf: Shelf, timeline: Timeline, warnings: Vec<String>) -> Loaded {
        let mentions = MentionIndex::build(&timeline);
        Loaded {
            shelf,
            timeline,
            mentions,
            warnings,
            generation: 0,
        }
    }

    /// The corpus at `root` as its index holds it: the files it indexed
    /// (described from their records when shown), and the timeline of their
    /// stored mentions, dated with `sources.toml` as it is now. No document
    /// is read (but those that `sources.toml` now dates otherwise than when
    /// they were indexed), and only the records of files with dated
    /// mentions are.
    pub fn from_index(root: &Path, index: &CorpusIndex) -> crate::error::Result<Loaded> {
        let given = Metadata::load(root)?;
        let (listing, records) = index.listing(&given)?;
        let timeline = Timeline::of_records(&records.records);
        drop(records.records);
        Ok(Loaded::of(
            Shelf::of_index(root.to_path_buf(), listing, given),
            timeline,
            records.warning.into_iter().collect(),
        ))
    }

    /// The corpus at `root` read and dated anew, as when there is no index to
    /// read it from; only the names of its documents are kept.
    pub fn from_documents(root: &Path) -> crate::error::Result<Loaded> {
        let archive = crate::archive::Archive::load(root)?;
        let warnings = archive.unknown_files_warning().into_iter().collect();
        Ok(Loaded::of(
            Shelf::of_corpus(archive.corpus).described_by(archive.meta),
            archive.timeline,
            warnings,
        ))
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

/// Lists the corpus, reads its metadata and builds its timeline, off the UI
/// thread: from `index` when there is one (its stored records), else from the
/// documents; `generation` tags the answer. When that fails (a malformed `sources.toml`), the error is shown
/// and the load is tried again each time the metadata file changes, until it
/// works or the explorer closes.
pub fn load_corpus(
    root: PathBuf,
    index: Option<Arc<CorpusIndex>>,
    generation: u64,
    outbox: Outbox,
) {
    thread::spawn(move || loop {
        let stamp = metadata_stamp(&root);
        let action = match load(&root, index.as_deref()) {
            Ok(loaded) => Msg::Loaded(Box::new(Loaded {
                generation,
                ..loaded
            })),
            Err(e) => Msg::LoadFailed(e.to_string()),
        };
        let failed = matches!(action, Msg::LoadFailed(_));
        if outbox.send(action).is_err() || !failed {
            return;
        }
        while metadata_stamp(&root) == stamp {
            thread::sleep(RELOAD_POLL);
        }
    });
}

/// How often a failed load looks at the metadata file for a change.
const RELOAD_POLL: std::time::Duration = std::time::Duration::from_millis(500);

/// [`Loaded::from_index`], or from the documents when there is no index or
/// its records cannot be read (said in the status bar: a damaged index is
/// rebuilt by its next check, never trusted). A malformed `sources.toml` is
/// an error either way.
fn load(root: &Path, index: Option<&CorpusIndex>) -> crate::error::Result<Loaded> {
    let Some(index) = index else {
        return Loaded::from_documents(root);
    };
    match Loaded::from_index(root, index) {
        Err(crate::error::Error::Index { reason, .. }) => {
            let mut loaded = Loaded::from_documents(root)?;
            loaded.warnings.push(format!(
                "the index's timeline cannot be read ({reason}): dated from the documents"
            ));
            Ok(loaded)
        }
        loaded => loaded,
    }
}

/// What identifies a version of the metadata file: its size and modification
/// time (`None` when it is gone).
fn metadata_stamp(root: &std::path::Path) -> Option<(u64, std::time::SystemTime)> {
    let meta = std::fs::symlink_metadata(root.join(crate::metadata::FILE_NAME)).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Makes the document list's filter keys of `shelf` off the UI thread: at
/// 400,000 files, every description is read from the index's records.
pub fn make_document_keys(shelf: Shelf, generation: u64, outbox: Outbox) {
    thread::spawn(move || {
        let keys = super::popup::document_keys(&shelf);
        let _ = outbox.send(Msg::DocumentKeys(generation, Arc::new(keys)));
    });
}

/// Brings the index of `corpus` up to date off the UI thread: the explorer
/// answers from the last commit meanwhile (at 400,000 files the check alone
/// stats every file, most of a second).
pub fn check_index(corpus: PathBuf, dir: PathBuf, outbox: Outbox) -> IndexCheck {
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    let handle = thread::spawn(move || {
        let checked = CorpusIndex::open_cancellable(&corpus, &dir, false, &mut |_, _| {}, &flag)
            .map(|(index, report)| Refreshed {
                index: Arc::new(index),
                report,
            })
            .map_err(|e| e.to_string());
        let _ = outbox.send(Msg::IndexChecked(Box::new(checked)));
    });
    IndexCheck { cancel, handle }
}

/// The background index check, to be finished before the process exits.
pub struct IndexCheck {
    cancel: Arc<AtomicBool>,
    handle: thread::JoinHandle<()>,
}

impl IndexCheck {
    /// Stops the check before its next file and waits for it: an update that
    /// is committing finishes its commit, one that is not yet committing
    /// stops without writing anything that counts. Either way the index is
    /// whole when the process exits.
    pub fn finish(self) {
        self.cancel.store(true, Ordering::Relaxed);
        let _ = self.handle.join();
    }
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

    /// Asks for `query`; the answer comes back as `Msg::SearchDone(generation, …)`.
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
        .send(Msg::SearchDone(generation, Box::new(result)))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// A malformed `sources.toml` is reported, and fixing it loads the corpus
    /// without restarting the explorer.
    #[test]
    fn a_failed_load_is_tried_again_when_the_metadata_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let seed =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/001_f782a295b2e42d0e.txt");
        std::fs::copy(&seed, dir.path().join("a.txt")).unwrap();
        let meta = dir.path().join(crate::metadata::FILE_NAME);
        std::fs::write(&meta, "[sources.\"a.txt\"]\ndate = \"2023-02-30\"\n").unwrap();
        let (outbox, inbox) = mpsc::channel();
        load_corpus(dir.path().to_path_buf(), None, 1, outbox);
        let wait = Duration::from_secs(20);
        match inbox.recv_timeout(wait).unwrap() {
            Msg::LoadFailed(reason) => assert!(reason.contains("sources.toml"), "{reason}"),
            _ => panic!("expected LoadFailed"),
        }
        std::fs::write(
            &meta,
            "[sources.\"a.txt\"]\ndate = \"2023-02-28\"\nkind = \"news\"\n",
        )
        .unwrap();
        match inbox.recv_timeout(wait).unwrap() {
            Msg::Loaded(loaded) => assert_eq!(loaded.shelf.len(), 1),
            _ => panic!("expected Loaded after the fix"),
        }
    }
}
