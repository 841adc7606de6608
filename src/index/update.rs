//! Bringing an index up to date: how the corpus differs from the last
//! commit ([`Scan`], [`Diff`]), an update of the current generation in one
//! commit, and a rebuild into a new generation. Each ends in a single atomic
//! step (a tantivy commit naming its manifest, or the `CURRENT` switch), so
//! that a process stopped at any point leaves the previous state answering.

use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use tantivy::schema::TantivyDocument;
use tantivy::{Index, IndexWriter, Term};

use super::directory::{self, IndexDirectory};
use super::events::{self, source_key, SegmentWriter};
use super::manifest::{self, content_hash, Payload, Skipped};
use super::schema::{self, Fields, SCHEMA_VERSION};
use super::{
    index_error, open_generation, register_tokenizers, store, FileEntry, Generation, Manifest,
    Progress, Rebuild, UpdateReport,
};
use crate::arabic::ANALYZER_VERSION;
use crate::corpus::{self, Document, SourceFile, Warning};
use crate::error::{Error, Result};
use crate::filelist::FileList;
use crate::metadata::Metadata;
use crate::timeline::{FileRecord, TermCounts};

const WRITER_HEAP_BYTES: usize = 128 * 1024 * 1024;

/// How the corpus differs from a generation's manifest, and the manifest
/// itself when it does.
pub(super) struct Scan {
    /// Read whole only when the corpus differs (an update changes it): the
    /// check of an unchanged archive holds [`Known`]'s few bytes a file.
    pub(super) manifest: Option<Manifest>,
    pub(super) diff: Diff,
    pub(super) warnings: Vec<Warning>,
    /// The `sources.toml` the files were compared with, and are dated with.
    pub(super) meta: Metadata,
}

impl Scan {
    /// The inner error is why the manifest cannot be used (the index is then
    /// rebuilt); the outer one, a corpus that cannot be walked.
    pub(super) fn of(generation: &Generation, corpus: &Path) -> Result<Result<Scan, String>> {
        let meta = dating_metadata(corpus);
        let known = match Known::of(generation, &meta) {
            Ok(known) => known,
            Err(reason) => return Ok(Err(reason)),
        };
        let (diff, warnings) = Diff::scan(&known, corpus)?;
        drop(known);
        let manifest = match diff.is_empty() {
            true => None,
            false => match generation.manifest() {
                Ok(manifest) => Some(manifest),
                Err(reason) => return Ok(Err(reason)),
            },
        };
        Ok(Ok(Scan {
            manifest,
            diff,
            warnings,
            meta,
        }))
    }
}

/// What a check needs of each file a manifest names, in name order, read
/// from the manifest as a stream: 404,140 entries took 129 MB of heap as
/// the manifest's map, some 45 bytes each here.
#[derive(Default)]
struct Known {
    names: FileList,
    prints: Vec<Print>,
}

/// What tells a file unchanged without reading it.
struct Print {
    size: u64,
    mtime_ns: i64,
    /// Read at every check however it looks: a file that could not be read
    /// (permissions change without touching the modification time), or one
    /// `sources.toml` now dates otherwise than when it was indexed.
    read_anyway: bool,
}

impl Print {
    /// Same size and modification time, and nothing else asks for a read.
    fn unchanged(&self, file: &SourceFile) -> bool {
        !self.read_anyway && self.size == file.size && i128::from(self.mtime_ns) == file.mtime_ns
    }
}

impl Known {
    fn of(generation: &Generation, meta: &Metadata) -> std::result::Result<Known, String> {
        let mut known = Known::default();
        generation.each_file(|rel, entry| {
            let read_anyway = entry.is_retried() || entry.source_key != source_key(meta.get(&rel));
            // The manifest is in name order; a name out of order is read as new.
            if known.names.push_sorted(&rel) {
                known.prints.push(Print {
                    size: entry.size,
                    mtime_ns: entry.mtime_ns,
                    read_anyway,
                });
            }
        })?;
        Ok(known)
    }
}

/// How the corpus differs from a manifest.
#[derive(Debug, Default)]
pub(super) struct Diff {
    /// Files to read: new, or not known to be unchanged.
    to_read: Vec<SourceFile>,
    removed: Vec<String>,
}

impl Diff {
    /// Walks `corpus` against what a manifest knows, keeping only the files
    /// that changed: the unchanged majority of a large archive is never
    /// held in memory.
    fn scan(known: &Known, corpus: &Path) -> Result<(Diff, Vec<Warning>)> {
        let mut seen = vec![false; known.names.len()];
        let mut diff = Diff::default();
        // The walk visits files nearly in the manifest's order: try the entry
        // after the last one found before searching.
        let mut next = 0;
        let warnings = corpus::walk_sources(corpus, |file| {
            let found = match known.names.get(next) {
                Some(rel) if rel == file.rel => Some(next),
                _ => known.names.position(&file.rel),
            };
            match found {
                Some(i) => {
                    next = i + 1;
                    seen[i] = true;
                    if !known.prints[i].unchanged(&file) {
                        diff.to_read.push(file);
                    }
                }
                None => diff.to_read.push(file),
            }
        })?;
        diff.removed = seen
            .iter()
            .enumerate()
            .filter(|(_, seen)| !**seen)
            .filter_map(|(i, _)| known.names.get(i).map(str::to_string))
            .collect();
        Ok((diff, warnings))
    }

    pub(super) fn is_empty(&self) -> bool {
        self.to_read.is_empty() && self.removed.is_empty()
    }

    pub(super) fn len(&self) -> usize {
        self.to_read.len() + self.removed.len()
    }
}

/// What an update or a build carries along: its report, the progress display,
/// and the flag that cancels it between files.
pub(super) struct Work<'a, 'p> {
    pub(super) report: &'a mut UpdateReport,
    pub(super) progress: Progress<'p>,
    pub(super) cancel: &'a AtomicBool,
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

fn open_writer(index: &Index, path: &Path) -> Result<IndexWriter> {
    index
        .writer(WRITER_HEAP_BYTES)
        .map_err(|e| Error::tantivy(path, e))
}

/// Applies the corpus changes to the current generation in one commit.
pub(super) fn update(generation: &Generation, scan: Scan, work: &mut Work) -> Result<Generation> {
    let Scan {
        manifest,
        diff,
        meta,
        ..
    } = scan;
    let (Some(mut manifest), false) = (manifest, diff.is_empty()) else {
        return open_generation(&generation.path).map_err(|r| index_error(&generation.path, r));
    };
    let mut writer = open_writer(&generation.index, &generation.path)?;
    clear_interrupted_commits(&writer, generation, &manifest)?;
    let mut events = SegmentWriter::new(&generation.path);
    let total = diff.to_read.len();
    // What the manifest said of the files to read, before this update.
    let known: std::collections::HashMap<&str, FileEntry> = diff
        .to_read
        .iter()
        .filter_map(|f| Some((f.rel.as_str(), manifest.files.get(&f.rel)?.clone())))
        .collect();
    let old_records = OldRecords::open(generation, &manifest, &diff)?;
    let prepare_one = |file: &SourceFile| prepare(file, &meta, known.get(file.rel.as_str()));
    let mut batches = in_batches(&diff.to_read, prepare_one);
    // Progress (and a cancel) before each file is taken: before the first
    // batch is read too.
    for done in 0.. {
        work.step(done, total)?;
        let Some((file, prepared)) = batches.next() else {
            break;
        };
        let previous = known.get(file.rel.as_str());
        if let (Some(prev), Prepared::Unchanged) = (previous, &prepared) {
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
        if let Some(prev) = previous {
            writer.delete_term(Term::from_field_text(generation.fields.file, &file.rel));
            old_records.take_out(&file.rel, prev, &mut manifest.terms)?;
            work.report.changed += 1;
        } else {
            work.report.added += 1;
        }
        let entry = index_outcome(
            &writer,
            generation.fields,
            file,
            prepared,
            work.report,
            (&meta, &mut events, &mut manifest.terms),
        )?;
        manifest.files.insert(file.rel.clone(), entry);
    }
    for rel in &diff.removed {
        writer.delete_term(Term::from_field_text(generation.fields.file, rel));
        if let Some(prev) = manifest.files.remove(rel) {
            old_records.take_out(rel, &prev, &mut manifest.terms)?;
        }
        work.report.removed += 1;
    }
    events::compact(&generation.path, &mut manifest, &mut events)
        .and_then(|()| events.finish()?.fill(&mut manifest))
        .map_err(|e| Error::io(&generation.path, e))?;
    let committed = commit(&mut writer, &generation.path, &manifest)?;
    store::remove_stale_manifests(&generation.path, &committed);
    events::remove_unreferenced(&generation.path, &manifest);
    drop(writer);
    open_generation(&generation.path).map_err(|r| index_error(&generation.path, r))
}

/// The records an update replaces or removes, read from the segments they
/// are in, so that their terms leave the archive's counts.
struct OldRecords<'a> {
    generation: &'a Generation,
    segments: events::Segments,
}

impl<'a> OldRecords<'a> {
    /// The segments holding the records of the files `diff` reads again or
    /// removes.
    fn open(
        generation: &'a Generation,
        manifest: &Manifest,
        diff: &Diff,
    ) -> Result<OldRecords<'a>> {
        let rels = diff
            .to_read
            .iter()
            .map(|f| f.rel.as_str())
            .chain(diff.removed.iter().map(String::as_str));
        let ids: Vec<u64> = rels
            .filter_map(|rel| manifest.files.get(rel)?.events)
            .map(|at| at.segment)
            .collect();
        let segments = events::Segments::open(&generation.path, ids)
            .map_err(|why| index_error(&generation.path, why.to_string()))?;
        Ok(OldRecords {
            generation,
            segments,
        })
    }

    /// Takes the terms of `rel`'s record (at `entry`) out of `counts`.
    fn take_out(&self, rel: &str, entry: &FileEntry, counts: &mut TermCounts) -> Result<()> {
        let Some(at) = entry.events else {
            return Ok(());
        };
        let record = self
            .segments
            .record(rel, at)
            .map_err(|why| index_error(&self.generation.path, why))?;
        record.count_into(counts, false);
        Ok(())
    }
}

/// Removes what an interrupted update left in a generation: the files of a
/// commit that never reached `meta.json` (tantivy names a commit's `.del`
/// files after its operation stamp, which the next update reuses, so a
/// leftover one made every later commit fail with "file already exists"),
/// the segments of an update that never committed, and manifests no commit
/// names. The generation's committed files are all kept.
fn clear_interrupted_commits(
    writer: &IndexWriter,
    generation: &Generation,
    committed: &Manifest,
) -> Result<()> {
    writer
        .garbage_collect_files()
        .wait()
        .map_err(|e| Error::tantivy(&generation.path, e))?;
    store::remove_stale_manifests(&generation.path, &generation.payload.manifest);
    events::remove_unreferenced(&generation.path, committed);
    Ok(())
}

/// The `sources.toml` files are dated with while indexing. One that cannot
/// be read dates nothing: searching must not fail for it, and `sanad
/// timeline`, which reads it again, reports it.
pub(super) fn dating_metadata(corpus: &Path) -> Metadata {
    Metadata::load(corpus).unwrap_or_default()
}

/// Lists the whole corpus and builds a new generation from it.
pub(super) fn rebuild_all(
    dir: &Path,
    corpus: &Path,
    why: Rebuild,
    work: &mut Work,
) -> Result<Generation> {
    work.report.rebuilt = Some(why);
    let (files, warnings) = corpus::list_sources(corpus)?;
    work.report.warnings = warnings;
    let name = store::generation_name();
    match build_generation(dir, &name, (corpus, &files), work) {
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
    (corpus, files): (&Path, &[SourceFile]),
    work: &mut Work,
) -> Result<Generation> {
    let path = dir.join(name);
    fs::create_dir(&path).map_err(|e| Error::io(&path, e))?;
    let directory = IndexDirectory::open(&path).map_err(|e| index_error(&path, e))?;
    let index = Index::builder()
        .schema(schema::build_schema())
        .settings(schema::settings())
        .open_or_create(directory)
        .map_err(|e| Error::tantivy(&path, e))?;
    register_tokenizers(&index);
    let fields = Fields::of(&index.schema()).map_err(|r| index_error(&path, r))?;
    let mut writer = open_writer(&index, &path)?;
    let mut manifest = Manifest {
        analyzer_version: ANALYZER_VERSION,
        schema_version: SCHEMA_VERSION,
        extractor_version: crate::extract::EXTRACTOR_VERSION,
        ..Default::default()
    };
    let meta = dating_metadata(corpus);
    let mut events = SegmentWriter::new(&path);
    let total = files.len();
    let prepare_one = |file: &SourceFile| prepare(file, &meta, None);
    let mut batches = in_batches(files, prepare_one);
    for done in 0.. {
        work.step(done, total)?;
        let Some((file, prepared)) = batches.next() else {
            break;
        };
        let entry = index_outcome(
            &writer,
            fields,
            file,
            prepared,
            work.report,
            (&meta, &mut events, &mut manifest.terms),
        )?;
        manifest.files.insert(file.rel.clone(), entry);
        work.report.added += 1;
    }
    events
        .finish()
        .and_then(|placed| placed.fill(&mut manifest))
        .map_err(|e| Error::io(&path, e))?;
    commit(&mut writer, &path, &manifest)?;
    writer
        .wait_merging_threads()
        .map_err(|e| Error::tantivy(&path, e))?;
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

pub(super) fn now_ns() -> u128 {
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

/// What a file gives before it meets the index writer: the work that needs
/// no writer (reading, hashing, extracting, dating), done on several threads.
enum Prepared {
    /// The same bytes and `sources.toml` entry as its manifest entry says.
    Unchanged,
    Read(Box<ReadFile>),
    Skipped {
        /// Of the bytes, when they could be read.
        hash: u64,
        skip: corpus::Skip,
    },
}

/// A file read, extracted and dated.
struct ReadFile {
    hash: u64,
    doc: Document,
    record: FileRecord,
}

/// Reads `file` and, unless `previous` says it is unchanged, extracts and
/// dates it with its entry in `meta`.
fn prepare(file: &SourceFile, meta: &Metadata, previous: Option<&FileEntry>) -> Prepared {
    let source = meta.get(&file.rel);
    let (bytes, hash) = match read_and_fingerprint(file) {
        Ok(read) => read,
        Err(skip) => return Prepared::Skipped { hash: 0, skip },
    };
    let unchanged = previous.is_some_and(|p| {
        p.hash == hash && p.skipped.is_none() && p.source_key == source_key(source)
    });
    if unchanged {
        return Prepared::Unchanged;
    }
    match corpus::document_from_bytes(file.rel.clone(), &bytes) {
        Ok(doc) => Prepared::Read(Box::new(ReadFile {
            hash,
            record: FileRecord::of(&doc, source),
            doc,
        })),
        Err(skip) => Prepared::Skipped { hash, skip },
    }
}

/// Bytes of files prepared at once: a batch is read and dated on several
/// threads, then indexed in order; books of 32 MB are not read sixty at a time.
const BATCH_BYTES: u64 = 64 * 1024 * 1024;
const BATCH_FILES: usize = 256;

/// `files` with what `prepare` makes of each, in order, a batch at a time.
fn in_batches<'a>(
    files: &'a [SourceFile],
    prepare: impl Fn(&SourceFile) -> Prepared + Sync + Send + 'a,
) -> impl Iterator<Item = (&'a SourceFile, Prepared)> + 'a {
    let mut rest = files;
    let mut ready = std::collections::VecDeque::new();
    std::iter::from_fn(move || {
        if ready.is_empty() && !rest.is_empty() {
            let mut bytes = 0;
            let take = rest
                .iter()
                .take(BATCH_FILES)
                .take_while(|f| {
                    bytes += f.size;
                    bytes <= BATCH_BYTES
                })
                .count()
                .max(1);
            let (batch, after) = rest.split_at(take);
            rest = after;
            let prepared = crate::parallel::map_in_order(batch, 2, &prepare);
            ready.extend(batch.iter().zip(prepared));
        }
        ready.pop_front()
    })
}

/// Indexes one prepared file's passages and timeline record (or records why
/// it was skipped) and returns its manifest entry.
fn index_outcome(
    writer: &IndexWriter,
    fields: Fields,
    file: &SourceFile,
    prepared: Prepared,
    report: &mut UpdateReport,
    (meta, events, counts): (&Metadata, &mut SegmentWriter, &mut TermCounts),
) -> Result<FileEntry> {
    let mut entry = FileEntry {
        size: file.size,
        mtime_ns: clamp_ns(file.mtime_ns),
        hash: 0,
        passages: 0,
        skipped: None,
        events: None,
        source_key: source_key(meta.get(&file.rel)),
        days: None,
    };
    match prepared {
        Prepared::Read(read) => {
            let ReadFile { hash, doc, record } = *read;
            entry.hash = hash;
            report.warnings.extend(corpus::replacement_warning(&doc));
            entry.passages = add_passages(writer, fields, &doc)?;
            entry.days = record.days().map(|(a, b)| (a.to_days(), b.to_days()));
            record.count_into(counts, true);
            let at = events.append(&record);
            entry.events = Some(at.map_err(|e| Error::io(Path::new(&doc.path), e))?);
        }
        Prepared::Skipped { hash, skip } => {
            entry.hash = hash;
            report.warnings.push(Warning {
                path: file.rel.clone(),
                message: skip.to_string(),
            });
            entry.skipped = Some(Skipped::from(&skip));
        }
        // Never asked to index: the caller keeps the entry it has.
        Prepared::Unchanged => {}
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
        if let Some(place) = doc.place_of(p.paragraph) {
            if let Some(page) = place.page {
                d.add_u64(fields.page, u64::from(page));
            }
            if let Some(chapter) = &place.chapter {
                d.add_text(fields.chapter, chapter);
            }
        }
        d.add_text(fields.exact, text);
        d.add_text(fields.stem, text);
        writer
            .add_document(d)
            .map_err(|e| Error::tantivy(Path::new(&doc.path), e))?;
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
    let mut prepared = writer
        .prepare_commit()
        .map_err(|e| Error::tantivy(path, e))?;
    prepared.set_payload(&payload);
    directory::delay_commit();
    prepared.commit().map_err(|e| Error::tantivy(path, e))?;
    Ok(name)
}
