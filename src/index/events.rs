//! The timeline kept in the index: each indexed file's [`FileRecord`] (its
//! dated mentions, their clues, its description), written when the file is
//! indexed, so that a timeline is merged from records without reading or
//! dating a single document.
//!
//! Records live in append-only segment files beside the manifest,
//! `events-<nanoseconds>.bin`, one per commit that indexed something. Records
//! are packed in blocks of about [`BLOCK_BYTES`], each block a frame: the
//! xxh3 of its bytes, their lengths, then the records (postcard, each after
//! its length) compressed with zstd as one. A record alone is a hundred bytes
//! that zstd cannot shrink (5.0 MB for the benchmark corpus's 40,414 files,
//! a fifth of its index); blocks of them take 0.17 MB, and compress a block
//! at a time instead of building tables for every record. The manifest entry
//! of a file says which frame and slot its record is in ([`EventsAt`]); a
//! segment is synced before the commit that names it, so the tantivy commit
//! stays the one atomic step. A segment no committed manifest points into is
//! removed; one mostly overwritten is compacted.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::manifest::{content_hash, Manifest};
use crate::catalog::{Described, Field};
use crate::metadata::{Date, Kind, Source};
use crate::timeline::{FileRecord, Mentions, RecordSet};

/// Where one file's record is: its segment, the bytes of the block's frame
/// in it, and the record's place in the block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventsAt {
    pub segment: u64,
    pub offset: u64,
    pub len: u32,
    pub slot: u32,
}

const PREFIX: &str = "events-";
const SUFFIX: &str = ".bin";
/// Frame header: xxh3 of the rest (8 bytes), the length of the compressed
/// record that follows (4), and of the record itself (4).
const HEADER: usize = 16;
const ZSTD_LEVEL: i32 = 3;
/// A block is closed once its records hold this many bytes: small enough
/// that reading one record decompresses little (16 KB, about 20 µs), large
/// enough that zstd finds what records share.
const BLOCK_BYTES: usize = 16 * 1024;
/// Records in a block at most: a slot fits the listing's 16 bits.
const MAX_SLOTS: u32 = 4096;
/// Decompressed blocks a [`Segments`] keeps: a list drawn or a timeline
/// read goes through its records in the order they were written, on up to
/// four threads.
const BLOCKS_KEPT: usize = 8;
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
    /// Where the next block goes.
    offset: u64,
    /// The records of the block being filled, each after its length.
    block: Vec<u8>,
    slots: u32,
    /// The offset and length of every block written.
    blocks: Vec<(u64, u32)>,
}

impl SegmentWriter {
    pub(super) fn new(generation: &Path) -> SegmentWriter {
        SegmentWriter {
            dir: generation.to_path_buf(),
            open: None,
            offset: 0,
            block: Vec::new(),
            slots: 0,
            blocks: Vec::new(),
        }
    }

    /// Appends `record`, saying where it goes; the length of its block is
    /// known once the block is written, and [`Placed::fill`] puts it in.
    pub(super) fn append(&mut self, record: &FileRecord) -> io::Result<EventsAt> {
        let bytes = postcard::to_stdvec(&Stored::of(record)).map_err(io::Error::other)?;
        let segment = self.segment()?;
        let at = EventsAt {
            segment,
            offset: self.offset,
            len: 0,
            slot: self.slots,
        };
        self.block.extend_from_slice(&length(bytes.len())?);
        self.block.extend_from_slice(&bytes);
        self.slots += 1;
        if self.block.len() >= BLOCK_BYTES || self.slots == MAX_SLOTS {
            self.write_block()?;
        }
        Ok(at)
    }

    /// The id of the segment being written, created now if it is not yet.
    fn segment(&mut self) -> io::Result<u64> {
        if let Some((id, _)) = &self.open {
            return Ok(*id);
        }
        let id = u64::try_from(super::update::now_ns()).unwrap_or(u64::MAX);
        let path = self.dir.join(segment_name(id));
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        self.open = Some((id, io::BufWriter::new(file)));
        Ok(id)
    }

    fn write_block(&mut self) -> io::Result<()> {
        if self.block.is_empty() {
            return Ok(());
        }
        let frame = frame(&self.block)?;
        super::directory::charge_write(frame.len())?;
        let Some((_, out)) = self.open.as_mut() else {
            return Err(io::Error::other("no segment"));
        };
        out.write_all(&frame)?;
        let len = u32::try_from(frame.len()).map_err(io::Error::other)?;
        self.blocks.push((self.offset, len));
        self.offset += u64::from(len);
        self.block.clear();
        self.slots = 0;
        Ok(())
    }

    /// Writes the last block and puts what was appended on the disk: called
    /// before the commit that names it.
    pub(super) fn finish(mut self) -> io::Result<Placed> {
        self.write_block()?;
        let segment = match self.open {
            Some((id, out)) => {
                out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
                Some(id)
            }
            None => None,
        };
        Ok(Placed {
            segment,
            blocks: self.blocks,
        })
    }
}

/// The blocks a [`SegmentWriter`] wrote, to complete the places it gave.
#[must_use = "the manifest's places lack their blocks' lengths until filled"]
pub(super) struct Placed {
    segment: Option<u64>,
    blocks: Vec<(u64, u32)>,
}

impl Placed {
    /// Puts the lengths of the blocks written in the manifest's places.
    pub(super) fn fill(&self, manifest: &mut Manifest) -> io::Result<()> {
        let Some(segment) = self.segment else {
            return Ok(());
        };
        let placed = manifest
            .files
            .values_mut()
            .filter_map(|e| e.events.as_mut())
            .filter(|at| at.segment == segment);
        for at in placed {
            *at = self
                .complete(*at)
                .ok_or_else(|| io::Error::other("a record placed in no block"))?;
        }
        Ok(())
    }

    /// `at`, given by the writer, with its block's length.
    fn complete(&self, at: EventsAt) -> Option<EventsAt> {
        let i = self
            .blocks
            .binary_search_by_key(&at.offset, |&(offset, _)| offset)
            .ok()?;
        Some(EventsAt {
            len: self.blocks[i].1,
            ..at
        })
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
    let blocks: std::collections::HashSet<(u64, u64, u32)> = manifest
        .files
        .values()
        .filter_map(|e| e.events)
        .map(|at| (at.segment, at.offset, at.len))
        .collect();
    let live: u64 = blocks.iter().map(|&(_, _, len)| u64::from(len)).sum();
    let sparse = total > live.saturating_mul(COMPACT_RATIO) && total - live >= COMPACT_FROM;
    if !sparse && sizes.len() <= MAX_SEGMENTS {
        return Ok(());
    }
    let current = writer.open.as_ref().map(|(id, _)| *id);
    let ids = blocks.iter().map(|&(segment, _, _)| segment);
    let segments = Segments::open(generation, ids.filter(|&id| Some(id) != current))
        .map_err(|e| io::Error::other(e.to_string()))?;
    for (rel, entry) in &mut manifest.files {
        let Some(at) = entry.events.filter(|at| Some(at.segment) != current) else {
            continue;
        };
        let record = segments.record(rel, at).map_err(io::Error::other)?;
        entry.events = Some(writer.append(&record)?);
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

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Moved => f.write_str("a timeline segment is gone"),
            ReadError::Damaged(why) => f.write_str(why),
        }
    }
}

/// Corpora of more records than this are decoded on several threads.
const PARALLEL_FROM: usize = 256;

/// The segments of one commit, held open: a block is read from them on
/// its own, so that no segment is ever held whole, and one removed by a
/// later commit can still be read where the system allows it (Unix). The
/// latest blocks read are kept decompressed.
#[derive(Debug, Default)]
pub struct Segments {
    files: HashMap<u64, fs::File>,
    kept: std::sync::Mutex<Vec<Block>>,
}

/// A block as decompressed, named by its segment and offset.
#[derive(Debug)]
struct Block {
    segment: u64,
    offset: u64,
    records: std::sync::Arc<[u8]>,
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
        Ok(Segments {
            files,
            kept: std::sync::Mutex::default(),
        })
    }

    /// The record of `rel`, at `at`; why not, naming the file.
    pub(super) fn record(&self, rel: &str, at: EventsAt) -> Result<FileRecord, String> {
        let damaged = |why: &str| format!("the timeline record of {rel} {why}");
        let block = self.block(at).map_err(damaged)?;
        let bytes = slot(&block, at.slot).ok_or_else(|| damaged("is damaged"))?;
        let record = decode(bytes).map_err(|e| damaged(&e))?;
        // A record is its file's: another file's in its place is damage.
        if record.described.file != rel {
            return Err(damaged("is another file's"));
        }
        Ok(record)
    }

    /// The records of the block at `at`, decompressed, from those kept when
    /// it is one of them.
    fn block(&self, at: EventsAt) -> Result<std::sync::Arc<[u8]>, &'static str> {
        let is_it = |b: &Block| b.segment == at.segment && b.offset == at.offset;
        if let Some(b) = self.kept().iter().find(|b| is_it(b)) {
            return Ok(b.records.clone());
        }
        let file = self.files.get(&at.segment).ok_or("cannot be read")?;
        let bytes = read_frame(file, at).map_err(|_| "cannot be read")?;
        let whole = EventsAt { offset: 0, ..at };
        let frame = frame_at(&bytes, whole).ok_or("is damaged")?;
        let records: std::sync::Arc<[u8]> = decompress(frame).ok_or("is damaged")?.into();
        let mut kept = self.kept();
        if kept.len() == BLOCKS_KEPT {
            kept.remove(0);
        }
        kept.push(Block {
            segment: at.segment,
            offset: at.offset,
            records: records.clone(),
        });
        Ok(records)
    }

    fn kept(&self) -> std::sync::MutexGuard<'_, Vec<Block>> {
        // The blocks kept are whole at every step: a panic elsewhere leaves
        // them usable.
        self.kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
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

/// The length of a record in a block, as it precedes it.
fn length(n: usize) -> io::Result<[u8; 4]> {
    u32::try_from(n)
        .map(u32::to_le_bytes)
        .map_err(io::Error::other)
}

/// The record in `slot` of a block's records.
fn slot(records: &[u8], slot: u32) -> Option<&[u8]> {
    let mut rest = records;
    for _ in 0..slot {
        let (len, after) = rest.split_first_chunk::<4>()?;
        rest = after.get(u32::from_le_bytes(*len) as usize..)?;
    }
    let (len, after) = rest.split_first_chunk::<4>()?;
    after.get(..u32::from_le_bytes(*len) as usize)
}

/// A block's records as a frame: checksum, lengths, compressed bytes.
fn frame(records: &[u8]) -> io::Result<Vec<u8>> {
    thread_local! {
        // One compression context per thread: making one per record (as
        // `zstd::bulk::compress` does) was 6% of building an index.
        static CONTEXT: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    let packed = CONTEXT.with(|context| {
        let mut context = context.borrow_mut();
        if context.is_none() {
            *context = Some(zstd::bulk::Compressor::new(ZSTD_LEVEL)?);
        }
        match context.as_mut() {
            Some(c) => c.compress(records),
            None => Err(io::Error::other("no compressor")),
        }
    })?;
    let mut out = vec![0; 8];
    out.extend_from_slice(&length(packed.len())?);
    out.extend_from_slice(&length(records.len())?);
    out.extend_from_slice(&packed);
    let sum = content_hash(&out[8..]);
    out[..8].copy_from_slice(&sum.to_le_bytes());
    Ok(out)
}

/// The records of a frame whose checksum held.
fn decompress(frame: &[u8]) -> Option<Vec<u8>> {
    thread_local! {
        // One decompression context per thread: making one per record was
        // a sixth of reading a timeline.
        static CONTEXT: std::cell::RefCell<Option<zstd::bulk::Decompressor<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    let size = u32::from_le_bytes(frame.get(12..HEADER)?.try_into().ok()?) as usize;
    let packed = &frame[HEADER..];
    CONTEXT.with(|context| {
        let mut context = context.borrow_mut();
        if context.is_none() {
            *context = zstd::bulk::Decompressor::new().ok();
        }
        context.as_mut()?.decompress(packed, size).ok()
    })
}

/// A record from its saved bytes.
fn decode(bytes: &[u8]) -> Result<FileRecord, String> {
    let stored: Stored = postcard::from_bytes(bytes).map_err(|e| e.to_string())?;
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

    /// The records written, and where each went.
    fn written(dir: &Path, records: &[FileRecord]) -> Vec<EventsAt> {
        let mut writer = SegmentWriter::new(dir);
        let at: Vec<EventsAt> = records.iter().map(|r| writer.append(r).unwrap()).collect();
        let placed = writer.finish().unwrap();
        at.into_iter()
            .map(|at| placed.complete(at).unwrap())
            .collect()
    }

    #[test]
    fn a_record_reads_back_as_it_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let records = records();
        let at = written(dir.path(), &records);
        let segments = Segments::open(dir.path(), at.iter().map(|at| at.segment)).unwrap();
        for (record, at) in records.iter().zip(&at) {
            let back = segments.record(&record.described.file, *at).unwrap();
            assert_eq!(&back, record);
        }
        // Slots count up within a block and start again in the next.
        for pair in at.windows(2) {
            let same = pair[0].offset == pair[1].offset;
            assert_eq!(pair[1].slot, if same { pair[0].slot + 1 } else { 0 });
        }
        // A record asked for under another file's name is refused.
        let other = segments.record("other.txt", at[1]).unwrap_err();
        assert!(other.contains("other.txt"), "{other}");
        // Any flipped byte of a frame is caught.
        let segment = fs::read(dir.path().join(segment_name(at[0].segment))).unwrap();
        for i in 0..at[0].len as usize {
            let mut bytes = segment.clone();
            bytes[at[0].offset as usize + i] ^= 0x10;
            assert!(
                frame_at(&bytes, at[0]).is_none(),
                "byte {i} flipped went unnoticed"
            );
        }
    }

    #[test]
    fn records_fill_blocks_of_their_own_and_each_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        // Enough records of undated files for several blocks, and one
        // dated file among them that fills a block of its own.
        let dated = &records()[0];
        let records: Vec<FileRecord> = (0..2000)
            .map(|i| {
                let file = format!("dir/{i:05}.txt");
                if i == 999 {
                    return FileRecord {
                        described: Described {
                            file,
                            ..dated.described.clone()
                        },
                        ..dated.clone()
                    };
                }
                let text = format!("باب {i}\n\nنص الباب {i} بلا تاريخ.");
                FileRecord::of(&Document::new(file, text, Encoding::Utf8, 0), None)
            })
            .collect();
        let at = written(dir.path(), &records);
        let blocks: std::collections::BTreeSet<(u64, u32)> =
            at.iter().map(|a| (a.offset, a.len)).collect();
        assert!(blocks.len() > 2, "{} blocks", blocks.len());
        assert!(at.iter().all(|a| a.slot < MAX_SLOTS));
        // The blocks follow one another in the segment, which holds them only.
        let size = fs::metadata(dir.path().join(segment_name(at[0].segment)))
            .unwrap()
            .len();
        let mut next = 0;
        for &(offset, len) in &blocks {
            assert_eq!(offset, next);
            next += u64::from(len);
        }
        assert_eq!(next, size);
        // Read back out of order, past the blocks kept.
        let segments = Segments::open(dir.path(), [at[0].segment]).unwrap();
        for i in (0..records.len()).rev().step_by(7).chain(0..records.len()) {
            let back = segments.record(&records[i].described.file, at[i]).unwrap();
            assert_eq!(back, records[i]);
        }
        // Smaller than a frame per record would be with its header alone.
        let dated_block = u64::from(at[999].len);
        assert!(
            size - dated_block < 16 * records.len() as u64,
            "{size} bytes"
        );
    }

    #[test]
    fn a_slot_past_its_block_is_refused() {
        let mut block = Vec::new();
        for record in [&b"ab"[..], b"", b"xyz"] {
            block.extend_from_slice(&length(record.len()).unwrap());
            block.extend_from_slice(record);
        }
        assert_eq!(slot(&block, 0), Some(&b"ab"[..]));
        assert_eq!(slot(&block, 1), Some(&b""[..]));
        assert_eq!(slot(&block, 2), Some(&b"xyz"[..]));
        assert_eq!(slot(&block, 3), None);
        assert_eq!(slot(&block[..block.len() - 1], 2), None);
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
