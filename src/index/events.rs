//! The timeline kept in the index: each indexed file's [`FileRecord`] (its
//! dated mentions, their clues, its description), written when the file is
//! indexed, so that a timeline is merged from records without reading or
//! dating a single document.
//!
//! Records live in append-only segment files beside the manifest,
//! `events-<nanoseconds>.bin`, one per commit that indexed something. A
//! record is a frame: the xxh3 of its bytes, their length, then postcard
//! compressed with zstd. The manifest entry of a file says where its frame is
//! ([`EventsAt`]); a segment is synced before the commit that names it, so
//! the tantivy commit stays the one atomic step. A segment no committed
//! manifest points into is removed; one mostly overwritten is compacted.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::manifest::{content_hash, Manifest};
use crate::catalog::{Described, Field};
use crate::metadata::{Date, Kind, Source};
use crate::timeline::{FileRecord, Mentions, RecordSet};

/// Where one file's record is: its segment and the frame's bytes in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventsAt {
    pub segment: u64,
    pub offset: u64,
    pub len: u32,
}

const PREFIX: &str = "events-";
const SUFFIX: &str = ".bin";
/// Frame header: xxh3 of the rest (8 bytes), the length of the compressed
/// record that follows (4), and of the record itself (4).
const HEADER: usize = 16;
const ZSTD_LEVEL: i32 = 3;
/// Segments are rewritten when they hold more than this many bytes per byte
/// still pointed at (and at least [`COMPACT_FROM`] bytes are dead), or when
/// there are more than [`MAX_SEGMENTS`] of them (a watcher commits often).
const COMPACT_RATIO: u64 = 2;
const COMPACT_FROM: u64 = 4 * 1024 * 1024;
const MAX_SEGMENTS: usize = 32;

fn segment_name(id: u64) -> String {
    format!("{PREFIX}{id}{SUFFIX}")
}

fn segment_id(name: &str) -> Option<u64> {
    let digits = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// The key of a file's `sources.toml` entry: a record dated with another
/// entry is stale, and its file is read again.
pub fn source_key(source: Option<&Source>) -> u64 {
    match source.and_then(|s| postcard::to_stdvec(s).ok()) {
        Some(bytes) => content_hash(&bytes),
        None => 0,
    }
}

/// The segment one commit writes, created at its first record.
pub(super) struct SegmentWriter {
    dir: PathBuf,
    open: Option<(u64, io::BufWriter<fs::File>)>,
    offset: u64,
}

impl SegmentWriter {
    pub(super) fn new(generation: &Path) -> SegmentWriter {
        SegmentWriter {
            dir: generation.to_path_buf(),
            open: None,
            offset: 0,
        }
    }

    /// Appends `record`, saying where it went.
    pub(super) fn append(&mut self, record: &FileRecord) -> io::Result<EventsAt> {
        self.write_frame(&frame(record)?)
    }

    /// Appends a frame as it was read from an older segment.
    fn write_frame(&mut self, frame: &[u8]) -> io::Result<EventsAt> {
        super::directory::charge_write(frame.len())?;
        if self.open.is_none() {
            let id = u64::try_from(super::update::now_ns()).unwrap_or(u64::MAX);
            let path = self.dir.join(segment_name(id));
            let file = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)?;
            self.open = Some((id, io::BufWriter::new(file)));
        }
        let Some((id, out)) = self.open.as_mut() else {
            return Err(io::Error::other("no segment"));
        };
        out.write_all(frame)?;
        let at = EventsAt {
            segment: *id,
            offset: self.offset,
            len: u32::try_from(frame.len()).map_err(io::Error::other)?,
        };
        self.offset += frame.len() as u64;
        Ok(at)
    }

    /// Puts what was appended on the disk: called before the commit that
    /// names it.
    pub(super) fn finish(self) -> io::Result<()> {
        if let Some((_, out)) = self.open {
            out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        }
        Ok(())
    }
}

/// Moves the records of mostly dead segments into `writer`, when the
/// segments hold [`COMPACT_RATIO`] times what the manifest points at: an
/// archive updated file by file does not grow without end.
pub(super) fn compact(
    generation: &Path,
    manifest: &mut Manifest,
    writer: &mut SegmentWriter,
) -> io::Result<()> {
    let sizes = segment_sizes(generation);
    let total: u64 = sizes.values().sum();
    let live: u64 = manifest
        .files
        .values()
        .filter_map(|e| e.events)
        .map(|at| u64::from(at.len))
        .sum();
    let sparse = total > live.saturating_mul(COMPACT_RATIO) && total - live >= COMPACT_FROM;
    if !sparse && sizes.len() <= MAX_SEGMENTS {
        return Ok(());
    }
    let current = writer.open.as_ref().map(|(id, _)| *id);
    let mut loaded: HashMap<u64, Vec<u8>> = HashMap::new();
    for entry in manifest.files.values_mut() {
        let Some(at) = entry.events.filter(|at| Some(at.segment) != current) else {
            continue;
        };
        let bytes = match loaded.entry(at.segment) {
            std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(fs::read(generation.join(segment_name(at.segment)))?)
            }
        };
        let frame = frame_at(bytes, at).ok_or_else(|| io::Error::other("a damaged record"))?;
        entry.events = Some(writer.write_frame(frame)?);
    }
    Ok(())
}

fn segment_sizes(generation: &Path) -> HashMap<u64, u64> {
    let Ok(entries) = fs::read_dir(generation) else {
        return HashMap::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let id = segment_id(e.file_name().to_str()?)?;
            Some((id, e.metadata().ok()?.len()))
        })
        .collect()
}

/// Removes the segments `manifest` does not point into: those of replaced
/// or compacted records, and of updates that never committed.
pub(super) fn remove_unreferenced(generation: &Path, manifest: &Manifest) {
    let used: std::collections::HashSet<u64> = manifest
        .files
        .values()
        .filter_map(|e| e.events.map(|at| at.segment))
        .collect();
    for id in segment_sizes(generation).into_keys() {
        if !used.contains(&id) {
            let _ = fs::remove_file(generation.join(segment_name(id)));
        }
    }
}

/// Why records could not be read.
#[derive(Debug)]
pub(super) enum ReadError {
    /// A segment is gone: another process committed since the manifest was
    /// read. Reading again from the new commit answers.
    Moved,
    /// A segment or frame is damaged: the index must be rebuilt.
    Damaged(String),
}

/// Corpora of more records than this are decoded on several threads.
const PARALLEL_FROM: usize = 256;

/// The segments of one commit, held open: a record is read from them on
/// its own, so that no segment is ever held whole, and one removed by a
/// later commit can still be read where the system allows it (Unix).
#[derive(Debug, Default)]
pub struct Segments {
    files: HashMap<u64, fs::File>,
}

impl Segments {
    /// Opens the segments of `generation` that `ids` name; [`ReadError::Moved`]
    /// when one is gone (another process committed since the manifest was
    /// read).
    pub(super) fn open(
        generation: &Path,
        ids: impl IntoIterator<Item = u64>,
    ) -> Result<Segments, ReadError> {
        let mut files = HashMap::new();
        for id in ids {
            if files.contains_key(&id) {
                continue;
            }
            let path = generation.join(segment_name(id));
            match fs::File::open(&path) {
                Ok(file) => files.insert(id, file),
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(ReadError::Moved),
                Err(e) => return Err(ReadError::Damaged(format!("{}: {e}", path.display()))),
            };
        }
        Ok(Segments { files })
    }

    /// The record of `rel`, at `at`; why not, naming the file.
    pub(super) fn record(&self, rel: &str, at: EventsAt) -> Result<FileRecord, String> {
        let damaged = |why: &str| format!("the timeline record of {rel} {why}");
        let bytes = self
            .files
            .get(&at.segment)
            .and_then(|file| read_frame(file, at).ok())
            .ok_or_else(|| damaged("cannot be read"))?;
        let whole = EventsAt { offset: 0, ..at };
        let frame = frame_at(&bytes, whole).ok_or_else(|| damaged("is damaged"))?;
        decode(frame).map_err(|e| damaged(&e))
    }
}

/// The records at `picked` (each a file's name, where its record is, and
/// the key of the `sources.toml` entry it was dated with), in their order,
/// each passed through `finish` with that key. Records are decoded a chunk
/// at a time on several threads and join the set as they come, so that no
/// more than a chunk's own term lists are ever held.
pub(super) fn read_picked<S: AsRef<str> + Sync>(
    generation: &Path,
    picked: &[(S, EventsAt, u64)],
    finish: impl Fn(FileRecord, u64) -> FileRecord + Sync,
) -> Result<RecordSet, ReadError> {
    let segments = Segments::open(generation, picked.iter().map(|(_, at, _)| at.segment))?;
    let read =
        |(rel, at, key): &(S, EventsAt, u64)| Ok(finish(segments.record(rel.as_ref(), *at)?, *key));
    let mut set = RecordSet::default();
    for chunk in picked.chunks(CHUNK) {
        for record in crate::parallel::map_in_order(chunk, PARALLEL_FROM, read) {
            set.push(record.map_err(ReadError::Damaged)?);
        }
    }
    Ok(set)
}

/// Records decoded before they join the set.
const CHUNK: usize = 1024;

/// The bytes of the frame at `at` in a segment.
fn read_frame(file: &fs::File, at: EventsAt) -> io::Result<Vec<u8>> {
    let mut bytes = vec![0; at.len as usize];
    #[cfg(unix)]
    std::os::unix::fs::FileExt::read_exact_at(file, &mut bytes, at.offset)?;
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < bytes.len() {
            let n = std::os::windows::fs::FileExt::seek_read(
                file,
                &mut bytes[done..],
                at.offset + done as u64,
            )?;
            if n == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            done += n;
        }
    }
    Ok(bytes)
}

/// The frame at `at`, if its checksum and length hold.
fn frame_at(bytes: &[u8], at: EventsAt) -> Option<&[u8]> {
    let start = usize::try_from(at.offset).ok()?;
    let frame = bytes.get(start..start.checked_add(at.len as usize)?)?;
    let (sum, rest) = frame.split_first_chunk::<8>()?;
    let (len, sized) = rest.split_first_chunk::<4>()?;
    let whole = u32::from_le_bytes(*len) as usize + 4 == sized.len()
        && u64::from_le_bytes(*sum) == content_hash(rest);
    whole.then_some(frame)
}

fn frame(record: &FileRecord) -> io::Result<Vec<u8>> {
    thread_local! {
        // One compression context per thread: making one per record (as
        // `zstd::bulk::compress` does) was 6% of building an index.
        static CONTEXT: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    let bytes = postcard::to_stdvec(&Stored::of(record)).map_err(io::Error::other)?;
    let packed = CONTEXT.with(|context| {
        let mut context = context.borrow_mut();
        if context.is_none() {
            *context = Some(zstd::bulk::Compressor::new(ZSTD_LEVEL)?);
        }
        match context.as_mut() {
            Some(c) => c.compress(&bytes),
            None => Err(io::Error::other("no compressor")),
        }
    })?;
    let size = |n: usize| {
        u32::try_from(n)
            .map(u32::to_le_bytes)
            .map_err(io::Error::other)
    };
    let mut out = vec![0; 8];
    out.extend_from_slice(&size(packed.len())?);
    out.extend_from_slice(&size(bytes.len())?);
    out.extend_from_slice(&packed);
    let sum = content_hash(&out[8..]);
    out[..8].copy_from_slice(&sum.to_le_bytes());
    Ok(out)
}

fn decode(frame: &[u8]) -> Result<FileRecord, String> {
    thread_local! {
        // One decompression context per thread: making one per record was
        // a sixth of reading a timeline.
        static CONTEXT: std::cell::RefCell<Option<zstd::bulk::Decompressor<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    let size = frame.get(12..HEADER).ok_or("is cut short")?;
    let size = u32::from_le_bytes(size.try_into().map_err(|_| "is cut short")?) as usize;
    let packed = &frame[HEADER..];
    let bytes = CONTEXT.with(|context| {
        let mut context = context.borrow_mut();
        if context.is_none() {
            *context = Some(zstd::bulk::Decompressor::new().map_err(|e| e.to_string())?);
        }
        let Some(d) = context.as_mut() else {
            return Err("no decompressor".to_string());
        };
        d.decompress(packed, size).map_err(|e| e.to_string())
    })?;
    let stored: Stored = postcard::from_bytes(&bytes).map_err(|e| e.to_string())?;
    stored
        .into_record()
        .ok_or_else(|| "holds an impossible date".to_string())
}

/// A record as it is saved: the description in plain fields, with none of
/// the JSON contract's omissions (postcard needs every field in place), and
/// the packed mentions as they are.
#[derive(Serialize, Deserialize)]
struct Stored {
    file: String,
    title: Option<(String, String)>,
    outlet: Option<(String, String)>,
    date: Option<(i64, String)>,
    date_inferred: bool,
    undated: Option<String>,
    kind: (Kind, String),
    url: Option<String>,
    mentions: Mentions,
}

fn field<T, U>(f: &Option<Field<T>>, map: impl Fn(&T) -> U) -> Option<(U, String)> {
    f.as_ref().map(|f| (map(&f.value), f.from.clone()))
}

/// The field saved as `f`; `None` when its value cannot be one.
fn unfield<T, U>(f: Option<(U, String)>, map: impl Fn(U) -> Option<T>) -> Option<Option<Field<T>>> {
    match f {
        None => Some(None),
        Some((value, from)) => Some(Some(Field {
            value: map(value)?,
            from,
        })),
    }
}

impl Stored {
    fn of(record: &FileRecord) -> Stored {
        let d = &record.described;
        Stored {
            file: d.file.clone(),
            title: field(&d.title, String::clone),
            outlet: field(&d.outlet, String::clone),
            date: field(&d.date, |date| date.to_days()),
            date_inferred: d.date_inferred,
            undated: d.undated.clone(),
            kind: (d.kind.value, d.kind.from.clone()),
            url: d.url.clone(),
            mentions: record.mentions.clone(),
        }
    }

    fn into_record(self) -> Option<FileRecord> {
        if !self.mentions.is_whole() {
            return None;
        }
        Some(FileRecord {
            described: Described {
                title: unfield(self.title, Some)?,
                outlet: unfield(self.outlet, Some)?,
                date: unfield(self.date, Date::from_days)?,
                date_inferred: self.date_inferred,
                undated: self.undated,
                kind: Field {
                    value: self.kind.0,
                    from: self.kind.1,
                },
                url: self.url,
                file: self.file,
            },
            mentions: self.mentions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Document, Encoding};
    use crate::metadata::Metadata;

    fn records() -> Vec<FileRecord> {
        let seeds = crate::corpus::Corpus::load(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("seeds")
                .as_path(),
        )
        .unwrap();
        let meta = Metadata::load(&seeds.root).unwrap();
        crate::timeline::records(&seeds.documents, &meta)
    }

    #[test]
    fn a_record_reads_back_as_it_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = SegmentWriter::new(dir.path());
        let records = records();
        let at: Vec<EventsAt> = records.iter().map(|r| writer.append(r).unwrap()).collect();
        writer.finish().unwrap();
        let segment = fs::read(dir.path().join(segment_name(at[0].segment))).unwrap();
        for (record, at) in records.iter().zip(&at) {
            let back = decode(frame_at(&segment, *at).unwrap()).unwrap();
            assert_eq!(&back, record);
        }
        // Any flipped byte of a frame is caught.
        for i in 0..at[1].len as usize {
            let mut bytes = segment.clone();
            bytes[at[1].offset as usize + i] ^= 0x10;
            assert!(
                frame_at(&bytes, at[1]).is_none(),
                "byte {i} flipped went unnoticed"
            );
        }
    }

    #[test]
    fn a_sources_entry_keys_the_record() {
        let doc = Document::new("a.txt".into(), "نص".into(), Encoding::Utf8, 0);
        let news = Source {
            kind: Some(Kind::News),
            ..Source::default()
        };
        assert_eq!(source_key(None), 0);
        assert_ne!(source_key(Some(&news)), source_key(None));
        assert_ne!(
            source_key(Some(&news)),
            source_key(Some(&Source::default()))
        );
        assert_eq!(FileRecord::of(&doc, None).described.file, "a.txt");
    }

    #[test]
    fn segment_names_are_sanads_only() {
        assert_eq!(segment_id(&segment_name(42)), Some(42));
        for name in [
            "events-.bin",
            "events-1x.bin",
            "events-1.tmp",
            "manifest-1.bin",
        ] {
            assert_eq!(segment_id(name), None, "{name}");
        }
    }
}
