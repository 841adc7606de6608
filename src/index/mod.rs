//! The persistent full-text index: open it, bring it up to date with the corpus,
//! or rebuild it when it is missing, broken or from another analyzer.
//!
//! Layout of an index directory (see [`store`] for what makes it sanad's):
//! - `SANAD-INDEX`: the marker that says the folder is sanad's;
//! - `CURRENT`: the name of the generation in use, replaced atomically;
//! - `gen-*/`: a tantivy index plus `manifest-*.bin`, the fingerprints of the
//!   sources it holds. Each tantivy commit names its manifest in its payload, so
//!   the passages and the fingerprints always change together: a process killed
//!   mid-update leaves the previous commit, and its manifest, answering.
//! - `sanad.lock`: held by the one process updating the index.

mod directory;
mod events;
mod fuzzy;
mod latin;
mod listing;
mod manifest;
mod rank;
mod schema;
mod search;
mod store;
mod tokenizer;
mod update;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::arabic::ANALYZER_VERSION;
use crate::corpus::{self, Warning};
use crate::error::{Error, Result};
use crate::extract::EXTRACTOR_VERSION;
use crate::metadata::{Date, Metadata};
use crate::query::Query;
use crate::timeline::{FileRecord, RecordSet, TermCounts, When};
use directory::IndexDirectory;
pub use listing::{Listing, RecordPlaces};
use manifest::{content_hash, Payload};
pub use manifest::{FileEntry, Manifest};
pub use schema::{Fields, SCHEMA_VERSION};
pub use search::{describe_total, Effort, Freshness, Hit, MatchKind, SearchResults};
pub use store::check_chosen_dir;
use tokenizer::{ArabicTokenizer, Form, EXACT_TOKENIZER, STEM_TOKENIZER};
use update::{rebuild_all, Scan, Work};

/// Days to read the timeline of: from, to (either open).
pub type DayRange = (Option<Date>, Option<Date>);

/// Which files' records to read.
#[derive(Debug, Clone)]
pub enum Select {
    All,
    /// The files whose mentions reach into these days.
    Days(DayRange),
    /// These files (corpus-relative names).
    Files(std::collections::BTreeSet<String>),
    /// What a timeline of the events a query's sentences state, in these
    /// days, needs: the files whose mentions share a date with a mention
    /// the query matches (each date's mentions merge among themselves
    /// only), found through the search index.
    Saying(Box<Query>, DayRange),
    /// The files whose mentions reach into any of these spans of days
    /// (since 1970), sorted and apart.
    Spans(Vec<(i64, i64)>),
}

impl Select {
    /// The files a timeline from `from` to `to` needs (each bound taken as
    /// its whole period): every file with dated mentions when neither is
    /// given.
    pub fn between(from: Option<When>, to: Option<When>) -> Select {
        Select::Days(Self::days(from, to))
    }

    /// The files a timeline of what `query`'s sentences state, from `from`
    /// to `to`, needs.
    pub fn saying(query: Query, from: Option<When>, to: Option<When>) -> Select {
        Select::Saying(Box::new(query), Self::days(from, to))
    }

    fn days(from: Option<When>, to: Option<When>) -> DayRange {
        (from.map(When::first_day), to.map(When::last_day))
    }
}

/// The timeline records [`CorpusIndex::records`] reads.
#[derive(Debug, Clone)]
pub struct Records {
    pub records: RecordSet,
    /// The line naming the files `sources.toml` describes and the index
    /// does not hold, if any.
    pub warning: Option<String>,
}

/// `spans` sorted, those that overlap or touch joined.
fn disjoint(mut spans: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    spans.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match out.last_mut() {
            Some(last) if start <= last.1.saturating_add(1) => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

/// True when the days `first ..= last` (since 1970) meet `range`.
fn meets(range: DayRange, (first, last): (i64, i64)) -> bool {
    range.0.is_none_or(|from| last >= from.to_days())
        && range.1.is_none_or(|to| first <= to.to_days())
}

/// True when the days `first ..= last` meet one of `spans` (sorted, apart).
fn reaches_into(spans: &[(i64, i64)], (first, last): (i64, i64)) -> bool {
    // The first span not ending before `first`.
    let i = spans.partition_point(|&(_, end)| end < first);
    spans.get(i).is_some_and(|&(start, _)| start <= last)
}

/// Why one read of a commit's records failed.
enum Failed {
    Read(events::ReadError),
    /// The manifest is damaged.
    Manifest(String),
}

impl From<events::ReadError> for Failed {
    fn from(e: events::ReadError) -> Failed {
        Failed::Read(e)
    }
}

type Attempt<T> = std::result::Result<T, Failed>;

/// The files a read of records picks from one streamed manifest.
struct Picked {
    /// Each picked file's name, where its record is, and the key of the
    /// `sources.toml` entry it was dated with.
    files: Vec<(String, events::EventsAt, u64)>,
    /// The files `sources.toml` names that the index holds, for the warning.
    given_and_indexed: std::collections::HashSet<String>,
    /// The archive's term counts, as its records were indexed.
    counts: TermCounts,
}

impl Picked {
    /// Streams `generation`'s manifest, picking the files `select` wants
    /// (and for days, those `meta` now dates otherwise than when they were
    /// indexed); `visit` sees every file.
    fn of(
        generation: &Generation,
        meta: &Metadata,
        select: &Select,
        mut visit: impl FnMut(&str, &FileEntry),
    ) -> Attempt<Picked> {
        let wanted = |rel: &str, e: &FileEntry| match (select, e.days) {
            (Select::All, _) => true,
            (Select::Files(files), _) => files.contains(rel),
            (Select::Days(_), None) => false,
            (Select::Days(range), Some(days)) => meets(*range, days),
            (Select::Spans(_), None) => false,
            (Select::Spans(spans), Some(days)) => reaches_into(spans, days),
            // Read in two steps (`records_saying`), never picked at once.
            (Select::Saying(..), _) => false,
        };
        let mut files = Vec::new();
        let mut given_and_indexed = std::collections::HashSet::new();
        let counts = generation
            .each_file_and_counts(|rel, e| {
                visit(&rel, &e);
                let given = meta.get(&rel);
                if e.skipped.is_none() && given.is_some() {
                    given_and_indexed.insert(rel.clone());
                }
                // A timeline needs what a new entry may date; a list of files, not.
                let redate = matches!(select, Select::Days(_) | Select::Spans(_))
                    && e.source_key != events::source_key(given);
                if let Some(at) = e.events.filter(|_| redate || wanted(&rel, &e)) {
                    files.push((rel, at, e.source_key));
                }
            })
            .map_err(Failed::Manifest)?;
        Ok(Picked {
            files,
            given_and_indexed,
            counts,
        })
    }

    /// The line naming the files `meta` describes that the index does not hold.
    fn warning(&self, meta: &Metadata) -> Option<String> {
        meta.unknown_files_warning(|file| self.given_and_indexed.contains(file))
    }
}

/// Reads of the timeline records tried before giving up on an index that
/// keeps changing.
const READ_ATTEMPTS: usize = 3;

/// What opening the index did.
#[derive(Debug, Default, Clone)]
pub struct UpdateReport {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    /// Documents and passages now in the index, and files skipped.
    pub documents: usize,
    pub passages: usize,
    pub skipped: usize,
    /// Set when the index was rebuilt from scratch, with the reason.
    pub rebuilt: Option<Rebuild>,
    /// Problems with single files, each to be reported once.
    pub warnings: Vec<Warning>,
    /// Set when the corpus changed but the index could not be updated (a
    /// read-only folder): the answers come from the last update. The reason
    /// says why.
    pub not_updated: Option<String>,
    pub elapsed: Duration,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuild {
    /// There was no index yet.
    New,
    /// The user asked for it.
    Requested,
    /// The index could not be used; the reason says why.
    Unusable(String),
}

impl UpdateReport {
    pub fn touched_anything(&self) -> bool {
        self.rebuilt.is_some() || self.added + self.changed + self.removed > 0
    }
}

/// An open, up-to-date index of one corpus.
pub struct CorpusIndex {
    pub corpus: PathBuf,
    pub dir: PathBuf,
    reader: IndexReader,
    fields: Fields,
}

/// Calls made while files are read, for a progress display: (done, total).
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// Where the index of `corpus` lives by default: the user's cache directory, in a
/// folder named after the corpus path.
pub fn default_index_dir(corpus: &Path) -> PathBuf {
    let canonical = corpus
        .canonicalize()
        .unwrap_or_else(|_| corpus.to_path_buf());
    let key = content_hash(canonical.to_string_lossy().as_bytes());
    let name = canonical
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = dirs::cache_dir().unwrap_or_else(std::env::temp_dir);
    base.join("sanad")
        .join(format!("{}-{key:016x}", sanitize_dir_name(&name)))
}

fn sanitize_dir_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect()
}

struct Generation {
    path: PathBuf,
    index: Index,
    fields: Fields,
    payload: Payload,
}

impl Generation {
    /// Each file this generation's last commit names, in name order, read
    /// as a stream; an error (a damaged manifest) means what `visit` saw
    /// must be thrown away.
    fn each_file(&self, visit: impl FnMut(String, FileEntry)) -> Result<(), String> {
        self.read_files(visit, false).map(drop)
    }

    /// [`Generation::each_file`], then the archive's term counts, which a
    /// timeline merges by.
    fn each_file_and_counts(
        &self,
        visit: impl FnMut(String, FileEntry),
    ) -> Result<TermCounts, String> {
        self.read_files(visit, true).map(Option::unwrap_or_default)
    }

    fn read_files(
        &self,
        mut visit: impl FnMut(String, FileEntry),
        counts: bool,
    ) -> Result<Option<TermCounts>, String> {
        let mut passages = 0;
        let path = self.path.join(&self.payload.manifest);
        let (_, read) = manifest::each_entry(
            &path,
            |rel, entry| {
                passages += entry.passages as usize;
                visit(rel, entry);
            },
            counts,
        )?;
        self.check_passages(passages)?;
        Ok(read)
    }

    /// The fingerprints this generation's last commit names. Read only to bring
    /// the index up to date: answering needs just the payload's counts.
    fn manifest(&self) -> Result<Manifest, String> {
        let manifest = manifest::load(&self.path.join(&self.payload.manifest))?;
        self.check_passages(manifest.passages())?;
        Ok(manifest)
    }

    /// A manifest must count the passages its commit does.
    fn check_passages(&self, passages: usize) -> Result<(), String> {
        if passages == self.payload.passages {
            return Ok(());
        }
        Err(format!(
            "{} promises {passages} passages, the commit {}",
            self.payload.manifest, self.payload.passages
        ))
    }
}

impl CorpusIndex {
    /// Opens the index in `dir` for `corpus`, bringing it up to date: only files
    /// added, changed or removed since the last update are (re)indexed. A missing,
    /// broken or incompatible index is rebuilt; `rebuild` forces that.
    pub fn open(
        corpus: &Path,
        dir: &Path,
        rebuild: bool,
        progress: Progress,
    ) -> Result<(CorpusIndex, UpdateReport)> {
        Self::open_cancellable(corpus, dir, rebuild, progress, &AtomicBool::new(false))
    }

    /// [`CorpusIndex::open`], stopping with [`Error::Cancelled`] before the
    /// next file once `cancel` is set. A commit that has begun is finished:
    /// cancelling never leaves a half-written index, and what was not
    /// committed is cleaned up by the next update.
    pub fn open_cancellable(
        corpus: &Path,
        dir: &Path,
        rebuild: bool,
        progress: Progress,
        cancel: &AtomicBool,
    ) -> Result<(CorpusIndex, UpdateReport)> {
        let started = Instant::now();
        corpus::check_root(corpus)?;
        store::prepare(dir)?;
        let mut report = UpdateReport::default();
        let mut work = Work {
            report: &mut report,
            progress,
            cancel,
        };

        // Fast path, no lock: an up-to-date index is only read.
        let mut scanned = None;
        let mut stale = None;
        if !rebuild {
            if let Ok(generation) = open_current(dir) {
                if let Ok(scan) = Scan::of(&generation, corpus)? {
                    if scan.diff.is_empty() {
                        work.report.warnings = scan.warnings;
                        return finish(corpus, dir, generation, report, started);
                    }
                    scanned = Some((generation.payload.manifest.clone(), scan));
                }
                stale = Some(generation);
            }
        }

        let _lock = match store::lock_dir(dir) {
            Ok(lock) => lock,
            // A shared archive on a read-only mount: answer from the index as
            // it is, and say that it could not be brought up to date.
            Err(Error::Io { source, .. })
                if directory::is_read_only(&source) && stale.is_some() =>
            {
                let generation = stale.take().ok_or_else(|| index_error(dir, "no index"))?;
                let changed = scanned.as_ref().map_or(0, |(_, scan)| scan.diff.len());
                work.report.not_updated = Some(format!(
                    "{} ({changed} file(s) changed since it was built)",
                    crate::error::plain_os_error(&source)
                ));
                if let Some((_, scan)) = scanned {
                    work.report.warnings = scan.warnings;
                }
                return finish(corpus, dir, generation, report, started);
            }
            Err(e) => return Err(e),
        };
        drop(stale);
        // Read again under the lock: another process may have updated it since.
        let generation = match (rebuild, open_current(dir)) {
            (true, _) => rebuild_all(dir, corpus, Rebuild::Requested, &mut work)?,
            (false, Err(reason)) => rebuild_all(dir, corpus, reason, &mut work)?,
            (false, Ok(generation)) => {
                // Nobody committed since the scan: what it found still holds,
                // and a large corpus is not walked twice.
                let scan = match scanned {
                    Some((name, scan)) if name == generation.payload.manifest => Ok(scan),
                    _ => Scan::of(&generation, corpus)?,
                };
                match scan {
                    Ok(mut scan) => {
                        work.report.warnings = std::mem::take(&mut scan.warnings);
                        update::update(&generation, scan, &mut work)?
                    }
                    Err(reason) => {
                        let why = Rebuild::Unusable(reason);
                        rebuild_all(dir, corpus, why, &mut work)?
                    }
                }
            }
        };
        finish(corpus, dir, generation, report, started)
    }

    /// Opens the index's last commit as it is, without looking at the corpus:
    /// the way to answer at once from a large archive, whose freshness check
    /// (one `stat` per file) then runs in the background through
    /// [`CorpusIndex::open`]. `None` when there is no usable index yet.
    pub fn open_committed(corpus: &Path, dir: &Path) -> Option<CorpusIndex> {
        let generation = open_current(dir).ok()?;
        let report = UpdateReport::default();
        finish(corpus, dir, generation, report, Instant::now())
            .ok()
            .map(|(index, _)| index)
    }

    /// The timeline record of every indexed file, in file order, from the
    /// index's newest commit: with `days`, only those of the files whose
    /// mentions reach into them. A record dated with another `sources.toml`
    /// entry than `meta`'s (the metadata changed after the last update) is
    /// made again from its file. Damaged records are an error: the index is
    /// then rebuilt, not trusted.
    pub fn records(&self, meta: &Metadata, days: Option<DayRange>) -> Result<Records> {
        self.records_of(meta, days.map_or(Select::All, Select::Days))
    }

    /// [`CorpusIndex::records`] of the files `select` picks, and for days, of
    /// every file `sources.toml` now dates otherwise than when it was indexed (its
    /// mentions may resolve otherwise). The manifest is read as a stream:
    /// only the picked files' names are kept.
    pub fn records_of(&self, meta: &Metadata, select: Select) -> Result<Records> {
        if let Select::Saying(query, days) = &select {
            return self.records_saying(meta, query, *days);
        }
        self.read_commit(|generation| {
            let mut picked = Picked::of(generation, meta, &select, |_, _| {})?;
            let (records, _) = self.read_picked(generation, &mut picked, meta)?;
            Ok(Records {
                warning: picked.warning(meta),
                records,
            })
        })
    }

    /// [`Select::Saying`]: the files the search index says hold the query's
    /// words, then the files with mentions on the dates of their mentions
    /// the query matches. A query matching too much reads every file of the
    /// days; the two reads are of one commit unless another process commits
    /// between them, when the second answers as of its commit.
    fn records_saying(&self, meta: &Metadata, query: &Query, days: DayRange) -> Result<Records> {
        let Some(files) = self.files_matching(query)? else {
            return self.records_of(meta, Select::Days(days));
        };
        let first = self.records_of(meta, Select::Files(files))?;
        let mut spans = Vec::new();
        for record in first.records.iter() {
            let mentions = &record.mentions;
            for m in 0..mentions.len() {
                let (when, end) = (mentions.when(m), mentions.end(m));
                let span = (
                    when.first_day().to_days(),
                    end.unwrap_or(when).last_day().to_days(),
                );
                if meets(days, span) && query.matches(mentions.text(m)) {
                    spans.push(span);
                }
            }
        }
        self.records_of(meta, Select::Spans(disjoint(spans)))
    }

    /// Every indexed file, described when it is shown ([`Listing`]), and the
    /// records a whole timeline needs (those of [`Select::between`] with no
    /// bounds), from one read of the manifest.
    pub fn listing(&self, meta: &Metadata) -> Result<(Listing, Records)> {
        let select = Select::between(None, None);
        self.read_commit(|generation| {
            let mut builder = listing::Builder::default();
            let mut picked = Picked::of(generation, meta, &select, |rel, e| builder.push(rel, e))?;
            let (records, remade) = self.read_picked(generation, &mut picked, meta)?;
            // A record made again holds the description the listing's is not.
            let remade: std::collections::HashSet<String> = remade.into_iter().collect();
            let redated = records
                .iter()
                .filter(|r| remade.contains(&r.described.file))
                .filter_map(|r| Some((builder.position(&r.described.file)?, r.described.clone())))
                .collect();
            let listing = builder.finish(&generation.path, redated)?;
            Ok((
                listing,
                Records {
                    warning: picked.warning(meta),
                    records,
                },
            ))
        })
    }

    /// `read` of the newest commit, tried again when a commit between
    /// reading the manifest and its segments moved the records.
    fn read_commit<T>(&self, mut read: impl FnMut(&Generation) -> Attempt<T>) -> Result<T> {
        for _ in 0..READ_ATTEMPTS {
            let generation = open_current(&self.dir).map_err(|why| match why {
                Rebuild::Unusable(reason) => index_error(&self.dir, reason),
                _ => index_error(&self.dir, "no index"),
            })?;
            match read(&generation) {
                Ok(read) => return Ok(read),
                Err(Failed::Read(events::ReadError::Moved)) => continue,
                Err(Failed::Read(events::ReadError::Damaged(why))) => {
                    return Err(index_error(&generation.path, why))
                }
                Err(Failed::Manifest(why)) => return Err(index_error(&generation.path, why)),
            }
        }
        Err(index_error(
            &self.dir,
            "changed on every read of its timeline",
        ))
    }

    /// The records `picked` picked, each dated with `meta`, weighed by the
    /// archive's term counts (taken out of `picked`): a record made again
    /// with a changed `sources.toml` entry counts as made. Also the files
    /// whose records were made again.
    fn read_picked(
        &self,
        generation: &Generation,
        picked: &mut Picked,
        meta: &Metadata,
    ) -> std::result::Result<(RecordSet, Vec<String>), events::ReadError> {
        let remade = std::sync::Mutex::new((std::mem::take(&mut picked.counts), Vec::new()));
        let finish = |record: FileRecord, key: u64| {
            if key == events::source_key(meta.get(&record.described.file)) {
                return record;
            }
            let lock = || remade.lock().unwrap_or_else(|e| e.into_inner());
            record.count_into(&mut lock().0, false);
            let again = self.made_again(record, meta);
            let mut remade = lock();
            again.count_into(&mut remade.0, true);
            remade.1.push(again.described.file.clone());
            again
        };
        let set = events::read_picked(&generation.path, &picked.files, finish)?;
        let (counts, files) = remade.into_inner().unwrap_or_else(|e| e.into_inner());
        Ok((set.with_archive_counts(counts), files))
    }

    /// The record of `record`'s file made again from the file, dated with
    /// `meta`'s entry; `record` as it is when the file can no longer be read.
    fn made_again(&self, record: FileRecord, meta: &Metadata) -> FileRecord {
        let source = meta.get(&record.described.file);
        let file = self.corpus.join(&record.described.file);
        let again = corpus::read_bytes(&file)
            .and_then(|bytes| corpus::document_from_bytes(record.described.file.clone(), &bytes));
        match again {
            Ok(doc) => FileRecord::of(&doc, source),
            Err(_) => record,
        }
    }

    pub fn fields(&self) -> Fields {
        self.fields
    }

    pub fn num_passages(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}

fn finish(
    corpus: &Path,
    dir: &Path,
    generation: Generation,
    mut report: UpdateReport,
    started: Instant,
) -> Result<(CorpusIndex, UpdateReport)> {
    let reader = open_reader(&generation.index).map_err(|e| Error::tantivy(&generation.path, e))?;
    report.documents = generation.payload.documents;
    report.passages = generation.payload.passages;
    report.skipped = generation.payload.skipped;
    report.elapsed = started.elapsed();
    let index = CorpusIndex {
        corpus: corpus.to_path_buf(),
        dir: dir.to_path_buf(),
        reader,
        fields: generation.fields,
    };
    Ok((index, report))
}

fn index_error(path: &Path, reason: impl ToString) -> Error {
    Error::Index {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

fn open_reader(index: &Index) -> tantivy::Result<IndexReader> {
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
}

fn register_tokenizers(index: &Index) {
    let manager = index.tokenizers();
    manager.register(EXACT_TOKENIZER, ArabicTokenizer(Form::Exact));
    manager.register(STEM_TOKENIZER, ArabicTokenizer(Form::Stem));
}

/// Opens the generation named by `CURRENT` and checks that it is whole: the
/// schema, the analyzer version, the manifest its last commit names, and the
/// passage count the manifest promises.
fn open_current(dir: &Path) -> Result<Generation, Rebuild> {
    let name = match store::read_current(dir) {
        Ok(name) => name,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Rebuild::New),
        Err(e) => {
            return Err(Rebuild::Unusable(format!(
                "{}: {}",
                store::CURRENT,
                crate::error::plain_os_error(&e)
            )))
        }
    };
    open_generation(&dir.join(name)).map_err(Rebuild::Unusable)
}

fn open_tantivy(path: &Path) -> Result<Index, String> {
    let directory = IndexDirectory::open(path).map_err(|e| e.to_string())?;
    Index::open(directory).map_err(|e| e.to_string())
}

fn open_generation(path: &Path) -> Result<Generation, String> {
    let index = open_tantivy(path)?;
    register_tokenizers(&index);
    let fields = Fields::of(&index.schema())?;
    let metas = index.load_metas().map_err(|e| e.to_string())?;
    let payload: Payload = metas
        .payload
        .as_deref()
        .ok_or("the last commit names no manifest")
        .and_then(|p| serde_json::from_str(p).map_err(|_| "unreadable commit payload"))?;
    if !is_manifest_name(&payload.manifest) {
        return Err("the commit names an invalid manifest".into());
    }
    let built_by = (
        payload.analyzer_version,
        payload.schema_version,
        payload.extractor_version,
    );
    let this = (ANALYZER_VERSION, SCHEMA_VERSION, EXTRACTOR_VERSION);
    if built_by != this {
        return Err(format!(
            "built by analyzer {} / schema {} / extractor {}, this is analyzer {} / schema {} / extractor {}",
            built_by.0, built_by.1, built_by.2, this.0, this.1, this.2
        ));
    }
    let reader = open_reader(&index).map_err(|e| e.to_string())?;
    verify_checksums(&index, path)?;
    let held = reader.searcher().num_docs();
    if held != payload.passages as u64 {
        return Err(format!(
            "holds {held} passages, its last commit says {}",
            payload.passages
        ));
    }
    Ok(Generation {
        path: path.to_path_buf(),
        index,
        fields,
        payload,
    })
}

/// Indexes up to this size have every file's checksum verified on open: a
/// flipped or truncated byte is caught before it can give a wrong answer. Larger
/// ones rely on tantivy's footers and on search errors (which trigger a rebuild),
/// so that reopening stays fast.
const VERIFY_MAX_BYTES: u64 = 32 * 1024 * 1024;

fn verify_checksums(index: &Index, path: &Path) -> Result<(), String> {
    let size: u64 = fs::read_dir(path)
        .map_err(|e| e.to_string())?
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    if size > VERIFY_MAX_BYTES {
        return Ok(());
    }
    let damaged = index.validate_checksum().map_err(|e| e.to_string())?;
    match damaged.iter().next() {
        None => Ok(()),
        Some(file) => Err(format!("{} has a bad checksum", file.display())),
    }
}

fn is_manifest_name(name: &str) -> bool {
    name.starts_with("manifest-") && name.ends_with(".bin") && !name.contains(['/', '\\'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_joined_and_a_file_reaches_into_them_by_its_days() {
        let spans = disjoint(vec![(10, 12), (1, 3), (4, 5), (11, 20), (30, 30)]);
        assert_eq!(spans, [(1, 5), (10, 20), (30, 30)]);
        for (days, reaches) in [
            ((0, 0), false),
            ((0, 1), true),
            ((6, 9), false),
            ((6, 10), true),
            ((15, 16), true),
            ((21, 29), false),
            ((21, 40), true),
            ((31, 99), false),
            ((-5, 100), true),
        ] {
            assert_eq!(reaches_into(&spans, days), reaches, "{days:?}");
        }
        assert!(!reaches_into(&[], (0, 10)));
    }
}
