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
mod fuzzy;
mod manifest;
mod rank;
mod schema;
mod search;
mod store;
mod tokenizer;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tantivy::schema::TantivyDocument;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use crate::arabic::ANALYZER_VERSION;
use crate::corpus::{self, Document, SourceFile, Warning};
use crate::error::{Error, Result};
use directory::IndexDirectory;
use manifest::{content_hash, Payload};
pub use manifest::{FileEntry, Manifest};
pub use schema::{Fields, SCHEMA_VERSION};
pub use search::{describe_total, Effort, Hit, SearchResults};
pub use store::{check_chosen_dir, MARKER};
use tokenizer::{ArabicTokenizer, Form, EXACT_TOKENIZER, STEM_TOKENIZER};

const WRITER_HEAP_BYTES: usize = 128 * 1024 * 1024;

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
    /// The fingerprints this generation's last commit names. Read only to bring
    /// the index up to date: answering needs just the payload's counts.
    fn manifest(&self) -> Result<Manifest, String> {
        let manifest = manifest::load(&self.path.join(&self.payload.manifest))?;
        if manifest.passages() != self.payload.passages {
            return Err(format!(
                "{} promises {} passages, the commit {}",
                self.payload.manifest,
                manifest.passages(),
                self.payload.passages
            ));
        }
        Ok(manifest)
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
                    Ok(scan) => {
                        work.report.warnings = scan.warnings;
                        update(&generation, scan.manifest, scan.diff, &mut work)?
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
    let reader =
        open_reader(&generation.index).map_err(|reason| index_error(&generation.path, reason))?;
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

fn open_reader(index: &Index) -> Result<IndexReader, String> {
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e| e.to_string())
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
    if payload.analyzer_version != ANALYZER_VERSION || payload.schema_version != SCHEMA_VERSION {
        return Err(format!(
            "built by analyzer {} / schema {}, this is analyzer {} / schema {}",
            payload.analyzer_version, payload.schema_version, ANALYZER_VERSION, SCHEMA_VERSION
        ));
    }
    let reader = open_reader(&index)?;
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

/// A generation's manifest and how the corpus differs from it.
struct Scan {
    manifest: Manifest,
    diff: Diff,
    warnings: Vec<Warning>,
}

impl Scan {
    /// The inner error is why the manifest cannot be used (the index is then
    /// rebuilt); the outer one, a corpus that cannot be walked.
    fn of(generation: &Generation, corpus: &Path) -> Result<Result<Scan, String>> {
        let manifest = match generation.manifest() {
            Ok(manifest) => manifest,
            Err(reason) => return Ok(Err(reason)),
        };
        let (diff, warnings) = Diff::scan(&manifest, corpus)?;
        Ok(Ok(Scan {
            manifest,
            diff,
            warnings,
        }))
    }
}

/// How the corpus differs from a manifest.
#[derive(Debug, Default)]
struct Diff {
    /// Files to read: new, or not known to be unchanged.
    to_read: Vec<SourceFile>,
    removed: Vec<String>,
}

impl Diff {
    /// Walks `corpus` against `manifest`, keeping only the files that changed:
    /// the unchanged majority of a large archive is never held in memory.
    fn scan(manifest: &Manifest, corpus: &Path) -> Result<(Diff, Vec<Warning>)> {
        // Sorted, as the map is: a binary search finds an entry's position.
        let known: Vec<(&String, &FileEntry)> = manifest.files.iter().collect();
        let mut seen = vec![false; known.len()];
        let mut diff = Diff::default();
        // The walk visits files nearly in the manifest's order: try the entry
        // after the last one found before searching.
        let mut next = 0;
        let warnings = corpus::walk_sources(corpus, |file| {
            let found = match known.get(next) {
                Some((rel, _)) if **rel == file.rel => Ok(next),
                _ => known.binary_search_by(|(rel, _)| rel.as_str().cmp(&file.rel)),
            };
            match found {
                Ok(i) => {
                    next = i + 1;
                    seen[i] = true;
                    let entry = known[i].1;
                    if !entry.looks_unchanged(&file) || is_retry(entry) {
                        diff.to_read.push(file);
                    }
                }
                Err(_) => diff.to_read.push(file),
            }
        })?;
        diff.removed = known
            .iter()
            .zip(seen)
            .filter(|(_, seen)| !seen)
            .map(|((rel, _), _)| (*rel).clone())
            .collect();
        Ok((diff, warnings))
    }

    fn is_empty(&self) -> bool {
        self.to_read.is_empty() && self.removed.is_empty()
    }

    fn len(&self) -> usize {
        self.to_read.len() + self.removed.len()
    }
}

/// What an update or a build carries along: its report, the progress display,
/// and the flag that cancels it between files.
struct Work<'a, 'p> {
    report: &'a mut UpdateReport,
    progress: Progress<'p>,
    cancel: &'a AtomicBool,
}

impl Work<'_, '_> {
    /// Reports progress; fails once the work is cancelled (before any commit).
    fn step(&mut self, done: usize, total: usize) -> Result<()> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }
        (self.progress)(done, total);
        crash_for_tests(done);
        Ok(())
    }
}

/// Files that could not be read are tried again every time: permissions change
/// without touching the modification time.
fn is_retry(entry: &FileEntry) -> bool {
    entry
        .skipped
        .as_deref()
        .is_some_and(|s| s.starts_with("cannot be read"))
}

fn open_writer(index: &Index, path: &Path) -> Result<IndexWriter> {
    index
        .writer(WRITER_HEAP_BYTES)
        .map_err(|e| index_error(path, e))
}

/// Applies the corpus changes to the current generation in one commit.
fn update(
    generation: &Generation,
    mut manifest: Manifest,
    diff: Diff,
    work: &mut Work,
) -> Result<Generation> {
    if diff.is_empty() {
        return open_generation(&generation.path).map_err(|r| index_error(&generation.path, r));
    }
    let mut writer = open_writer(&generation.index, &generation.path)?;
    clear_interrupted_commits(&writer, generation)?;
    let total = diff.to_read.len();
    for (done, file) in diff.to_read.iter().enumerate() {
        work.step(done, total)?;
        let previous = manifest.files.get(&file.rel).cloned();
        let outcome = read_and_fingerprint(file);
        if let (Some(prev), Ok((_, hash))) = (&previous, &outcome) {
            if prev.hash == *hash && prev.skipped.is_none() {
                // Touched but not changed: remember the new time, keep the passages.
                manifest.files.insert(
                    file.rel.clone(),
                    FileEntry {
                        size: file.size,
                        mtime_ns: clamp_ns(file.mtime_ns),
                        ..prev.clone()
                    },
                );
                continue;
            }
        }
        if previous.is_some() {
            writer.delete_term(Term::from_field_text(generation.fields.file, &file.rel));
            work.report.changed += 1;
        } else {
            work.report.added += 1;
        }
        let entry = index_outcome(&writer, generation.fields, file, outcome, work.report)?;
        manifest.files.insert(file.rel.clone(), entry);
    }
    work.step(total, total)?;
    for rel in &diff.removed {
        writer.delete_term(Term::from_field_text(generation.fields.file, rel));
        manifest.files.remove(rel);
        work.report.removed += 1;
    }
    let committed = commit(&mut writer, &generation.path, &manifest)?;
    store::remove_stale_manifests(&generation.path, &committed);
    drop(writer);
    open_generation(&generation.path).map_err(|r| index_error(&generation.path, r))
}

/// Removes what an interrupted update left in a generation: the files of a
/// commit that never reached `meta.json` (tantivy names a commit's `.del`
/// files after its operation stamp, which the next update reuses, so a
/// leftover one made every later commit fail with "file already exists"),
/// the segments of an update that never committed, and manifests no commit
/// names. The generation's committed files are all kept.
fn clear_interrupted_commits(writer: &IndexWriter, generation: &Generation) -> Result<()> {
    writer
        .garbage_collect_files()
        .wait()
        .map_err(|e| index_error(&generation.path, e))?;
    store::remove_stale_manifests(&generation.path, &generation.payload.manifest);
    Ok(())
}

/// Lists the whole corpus and builds a new generation from it.
fn rebuild_all(dir: &Path, corpus: &Path, why: Rebuild, work: &mut Work) -> Result<Generation> {
    work.report.rebuilt = Some(why);
    let (files, warnings) = corpus::list_sources(corpus)?;
    work.report.warnings = warnings;
    let name = store::generation_name();
    match build_generation(dir, &name, &files, work) {
        Ok(generation) => Ok(generation),
        Err(e) => {
            // A full disk, a write error or a cancel: what this build wrote
            // goes, and the previous generation (if any) goes on answering.
            store::remove_unfinished_generation(dir, &name);
            Err(e)
        }
    }
}

/// Builds a whole new generation, then switches `CURRENT` to it.
fn build_generation(
    dir: &Path,
    name: &str,
    files: &[SourceFile],
    work: &mut Work,
) -> Result<Generation> {
    let path = dir.join(name);
    fs::create_dir(&path).map_err(|e| Error::io(&path, e))?;
    let directory = IndexDirectory::open(&path).map_err(|e| index_error(&path, e))?;
    let index = Index::builder()
        .schema(schema::build_schema())
        .settings(schema::settings())
        .open_or_create(directory)
        .map_err(|e| index_error(&path, e))?;
    register_tokenizers(&index);
    let fields = Fields::of(&index.schema()).map_err(|r| index_error(&path, r))?;
    let mut writer = open_writer(&index, &path)?;
    let mut manifest = Manifest {
        analyzer_version: ANALYZER_VERSION,
        schema_version: SCHEMA_VERSION,
        ..Default::default()
    };
    let total = files.len();
    for (done, file) in files.iter().enumerate() {
        work.step(done, total)?;
        let outcome = read_and_fingerprint(file);
        let entry = index_outcome(&writer, fields, file, outcome, work.report)?;
        manifest.files.insert(file.rel.clone(), entry);
        work.report.added += 1;
    }
    work.step(total, total)?;
    commit(&mut writer, &path, &manifest)?;
    writer
        .wait_merging_threads()
        .map_err(|e| index_error(&path, e))?;
    store::switch_current(dir, name)?;
    store::remove_other_generations(dir, name);
    open_generation(&path).map_err(|r| index_error(&path, r))
}

/// Dies like a killed process (no unwinding, no cleanup) after `SANAD_CRASH_AFTER`
/// files of an update, so tests can show a killed update loses nothing.
fn crash_for_tests(files_done: usize) {
    static AFTER: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
    let after = AFTER.get_or_init(|| std::env::var("SANAD_CRASH_AFTER").ok()?.parse().ok());
    if *after == Some(files_done) {
        std::process::abort();
    }
}

fn now_ns() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

fn clamp_ns(ns: i128) -> i64 {
    i64::try_from(ns).unwrap_or(i64::MAX)
}

/// Reads a file and hashes its bytes, or says why it could not be read.
fn read_and_fingerprint(file: &SourceFile) -> Result<(Vec<u8>, u64), corpus::Skip> {
    // Bounded read: a huge file or a link to an endless one is refused, not
    // read into memory.
    let bytes = corpus::read_bytes(&file.abs)?;
    let hash = content_hash(&bytes);
    Ok((bytes, hash))
}

/// Indexes one file's passages (or records why it was skipped) and returns its
/// manifest entry.
fn index_outcome(
    writer: &IndexWriter,
    fields: Fields,
    file: &SourceFile,
    outcome: Result<(Vec<u8>, u64), corpus::Skip>,
    report: &mut UpdateReport,
) -> Result<FileEntry> {
    let mut entry = FileEntry {
        size: file.size,
        mtime_ns: clamp_ns(file.mtime_ns),
        hash: 0,
        passages: 0,
        skipped: None,
    };
    let decoded = outcome.and_then(|(bytes, hash)| {
        entry.hash = hash;
        corpus::decode(&bytes)
    });
    match decoded {
        Ok((text, encoding, replaced)) => {
            let doc = Document::new(file.rel.clone(), text, encoding, replaced);
            report.warnings.extend(corpus::replacement_warning(&doc));
            entry.passages = add_passages(writer, fields, &doc)?;
        }
        Err(skip) => {
            let message = skip.to_string();
            report.warnings.push(Warning {
                path: file.rel.clone(),
                message: message.clone(),
            });
            entry.skipped = Some(message);
        }
    }
    Ok(entry)
}

fn add_passages(writer: &IndexWriter, fields: Fields, doc: &Document) -> Result<u32> {
    let passages = doc.passages();
    for p in &passages {
        let text = &doc.text[p.start..p.end];
        let mut d = TantivyDocument::new();
        d.add_text(fields.file, &doc.path);
        d.add_u64(fields.paragraph, p.paragraph as u64);
        d.add_u64(fields.start, p.start as u64);
        d.add_u64(fields.end, p.end as u64);
        d.add_text(fields.text, text);
        d.add_text(fields.exact, text);
        d.add_text(fields.stem, text);
        writer
            .add_document(d)
            .map_err(|e| index_error(Path::new(&doc.path), e))?;
    }
    Ok(passages.len() as u32)
}

/// Saves the manifest under a new name, then commits with that name as payload:
/// the commit is the single atomic step that makes both visible. Returns the
/// manifest's name.
fn commit(writer: &mut IndexWriter, path: &Path, manifest: &Manifest) -> Result<String> {
    let name = format!("manifest-{}.bin", now_ns());
    let manifest_path = path.join(&name);
    manifest::save(&manifest_path, manifest).map_err(|e| Error::io(&manifest_path, e))?;
    let payload = serde_json::to_string(&Payload::of(name.clone(), manifest))
        .map_err(|e| index_error(path, e))?;
    let mut prepared = writer.prepare_commit().map_err(|e| index_error(path, e))?;
    prepared.set_payload(&payload);
    directory::delay_commit();
    prepared.commit().map_err(|e| index_error(path, e))?;
    Ok(name)
}
