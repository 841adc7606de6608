//! What the index holds: a fingerprint of every source file and the analyzer
//! version, saved beside the index and named in the commit that made it, so the
//! two always change together.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::corpus::Skip;
use crate::timeline::counts::Held;
use crate::timeline::TermCounts;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub size: u64,
    pub mtime_ns: i64,
    /// xxh3 of the file's bytes.
    pub hash: u64,
    /// Passages indexed for it (0 when skipped).
    pub passages: u32,
    /// Why it was not indexed, if it was not.
    pub skipped: Option<Skipped>,
    /// Where its timeline record is, when it was indexed.
    pub events: Option<super::events::EventsAt>,
    /// [`super::events::source_key`] of the `sources.toml` entry it was
    /// dated with: another entry dates it again.
    pub source_key: u64,
    /// The first and last day (days since 1970) its mentions cover.
    pub days: Option<(i64, i64)>,
}

impl FileEntry {
    /// Read again at every update even when it looks unchanged: a file that
    /// could not be read may be readable now, since permissions change without
    /// touching the modification time.
    pub fn is_retried(&self) -> bool {
        matches!(self.skipped, Some(Skipped::Unreadable(_)))
    }
}

/// Why a file was not indexed, as the manifest keeps it: what decides whether
/// it is tried again, and the message it was reported with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Skipped {
    /// It could not be read (permissions, a FIFO, an I/O error).
    Unreadable(String),
    /// What it holds cannot be indexed (empty, binary, undecodable, too large):
    /// only a change to the file changes that.
    Unindexable(String),
}

impl From<&Skip> for Skipped {
    fn from(skip: &Skip) -> Skipped {
        let message = skip.to_string();
        match skip {
            Skip::Unreadable(_) => Skipped::Unreadable(message),
            Skip::Empty
            | Skip::Binary
            | Skip::Undecodable(_)
            | Skip::TooLarge(_)
            | Skip::Unextractable { .. } => Skipped::Unindexable(message),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub analyzer_version: u32,
    pub schema_version: u32,
    /// [`crate::extract::EXTRACTOR_VERSION`]: how files became text.
    pub extractor_version: u32,
    pub files: BTreeMap<String, FileEntry>,
    /// The term counts of every indexed file's record, which any timeline
    /// read from the index merges by (see [`TermCounts`]). Saved after the
    /// files, so a reader of the files alone never decodes them.
    pub terms: TermCounts,
}

impl Manifest {
    pub fn indexed_documents(&self) -> usize {
        self.files.values().filter(|e| e.skipped.is_none()).count()
    }

    pub fn passages(&self) -> usize {
        self.files.values().map(|e| e.passages as usize).sum()
    }

    pub fn skipped(&self) -> usize {
        self.files.values().filter(|e| e.skipped.is_some()).count()
    }
}

/// The commit payload: which manifest file belongs to this commit, and the
/// counts it holds, so that answering from the index never reads the manifest.
#[derive(Debug, Serialize, Deserialize)]
pub struct Payload {
    pub manifest: String,
    pub analyzer_version: u32,
    pub schema_version: u32,
    /// Absent (0) in indexes built before extraction had a version.
    #[serde(default)]
    pub extractor_version: u32,
    pub documents: usize,
    pub passages: usize,
    pub skipped: usize,
}

impl Payload {
    pub fn of(name: String, manifest: &Manifest) -> Payload {
        Payload {
            manifest: name,
            analyzer_version: manifest.analyzer_version,
            schema_version: manifest.schema_version,
            extractor_version: manifest.extractor_version,
            documents: manifest.indexed_documents(),
            passages: manifest.passages(),
            skipped: manifest.skipped(),
        }
    }
}

/// Manifests are postcard records compressed with zstd, behind their xxh3: at
/// 404,000 files the JSON they replaced was 42 MB (15% of the index) and the
/// slowest part of reopening; this is about a sixth of that.
const ZSTD_LEVEL: i32 = 3;

/// What a saved manifest says before its files: the versions it was made
/// with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Versions {
    pub analyzer: u32,
    pub schema: u32,
    pub extractor: u32,
}

/// Reads the manifest saved at `path`. Its entries are decoded into a vector
/// and the map built from it, in the order they were saved (sorted): a bulk
/// build, where inserting 400,000 entries one by one was a fifth of the
/// freshness check.
pub fn load(path: &Path) -> Result<Manifest, String> {
    let mut files = Vec::new();
    let (versions, terms) = each_entry(path, |rel, entry| files.push((rel, entry)), true)?;
    Ok(Manifest {
        analyzer_version: versions.analyzer,
        schema_version: versions.schema,
        extractor_version: versions.extractor,
        files: files.into_iter().collect(),
        terms: terms.unwrap_or_default(),
    })
}

/// Reads the manifest saved at `path` one entry at a time, in name order,
/// without holding it: a reader that needs a few of 400,000 files keeps
/// just those, where the whole manifest took 129 MB of heap. With `counts`,
/// the term counts saved after the entries too, each term decoded on its
/// own. The checksum covers the whole file and is checked at its end: after
/// an error, what `visit` saw must be thrown away.
pub(super) fn each_entry(
    path: &Path,
    mut visit: impl FnMut(String, FileEntry),
    counts: bool,
) -> Result<(Versions, Option<TermCounts>), String> {
    let failed = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let damaged = || failed(&"damaged (its checksum does not match)");
    let mut file = std::fs::File::open(path).map_err(|e| failed(&e))?;
    let mut sum = [0; 8];
    file.read_exact(&mut sum).map_err(|_| damaged())?;
    let hashed = Hashing {
        inner: file,
        hasher: xxhash_rust::xxh3::Xxh3::new(),
    };
    let mut decoder = zstd::stream::read::Decoder::new(hashed).map_err(|e| failed(&e))?;
    let mut values = Values::default();
    let read = (|| {
        let versions: Versions = values.next(&mut decoder)?;
        let count: usize = values.next(&mut decoder)?;
        for _ in 0..count {
            let (rel, entry) = values.next(&mut decoder)?;
            visit(rel, entry);
        }
        if !counts {
            return Ok::<_, String>((versions, None));
        }
        let mentions: u64 = values.next(&mut decoder)?;
        let terms: usize = values.next(&mut decoder)?;
        let mut held = Vec::with_capacity(terms.min(1 << 20));
        for _ in 0..terms {
            held.push(values.next::<(String, Held)>(&mut decoder)?);
        }
        Ok((versions, Some(TermCounts::from_saved(mentions, held))))
    })();
    // The rest of the file counts too, read or not.
    let mut buffered = decoder.finish();
    let rest = std::io::copy(&mut buffered, &mut std::io::sink());
    let matches = rest.is_ok() && u64::from_le_bytes(sum) == buffered.into_inner().hasher.digest();
    match read {
        Ok(read) if matches => Ok(read),
        Err(e) if matches => Err(failed(&e)),
        _ => Err(damaged()),
    }
}

/// A reader that hashes what it reads.
struct Hashing<R> {
    inner: R,
    hasher: xxhash_rust::xxh3::Xxh3,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// Postcard values taken one by one from a stream: a window of its bytes,
/// refilled when a value runs past its end.
#[derive(Default)]
struct Values {
    window: Vec<u8>,
    start: usize,
}

/// Bytes read into the window at a time.
const READ_AHEAD: usize = 64 * 1024;

impl Values {
    fn next<T: serde::de::DeserializeOwned>(&mut self, from: &mut impl Read) -> Result<T, String> {
        loop {
            match postcard::take_from_bytes::<T>(&self.window[self.start..]) {
                Ok((value, rest)) => {
                    self.start = self.window.len() - rest.len();
                    return Ok(value);
                }
                Err(postcard::Error::DeserializeUnexpectedEnd) => {}
                Err(e) => return Err(e.to_string()),
            }
            self.window.drain(..self.start);
            self.start = 0;
            let had = self.window.len();
            self.window.resize(had + READ_AHEAD, 0);
            let n = read_some(from, &mut self.window[had..]).map_err(|e| e.to_string())?;
            self.window.truncate(had + n);
            if n == 0 {
                return Err("cut short".to_string());
            }
        }
    }
}

/// Reads what `from` has, retrying an interrupted read.
fn read_some(from: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    loop {
        match from.read(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            done => return done,
        }
    }
}

/// Writes `manifest` to `path` through a temporary file and a rename, so a reader
/// sees either nothing or the whole file.
pub fn save(path: &Path, manifest: &Manifest) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    let bytes = postcard::to_stdvec(manifest).map_err(std::io::Error::other)?;
    let packed = zstd::encode_all(&bytes[..], ZSTD_LEVEL)?;
    let written = super::directory::charge_write(packed.len() + 8).and_then(|()| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(&content_hash(&packed).to_le_bytes())?;
        f.write_all(&packed)?;
        f.sync_all()
    });
    if let Err(e) = written {
        // A full disk: leave no partial file behind.
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, path)
}

/// xxh3 of a file's bytes: the content part of its fingerprint.
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_manifest_loads_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest-1.bin");
        let entry = |passages, skipped: Option<Skip>| FileEntry {
            size: 10,
            mtime_ns: -5,
            hash: u64::MAX,
            passages,
            skipped: skipped.as_ref().map(Skipped::from),
            events: None,
            source_key: 3,
            days: Some((-1, 5)),
        };
        let manifest = Manifest {
            analyzer_version: 7,
            schema_version: 3,
            extractor_version: 2,
            files: [
                ("b/ملف.txt".to_string(), entry(3, None)),
                ("a.txt".to_string(), entry(0, Some(Skip::Empty))),
                (
                    "c.txt".to_string(),
                    entry(0, Some(Skip::Unreadable("gone".into()))),
                ),
                ("a/b.md".to_string(), entry(1, None)),
            ]
            .into_iter()
            .collect(),
            terms: TermCounts::from_saved(
                9,
                [
                    (
                        "قوات".to_string(),
                        Held {
                            mentions: 4,
                            as_stem: 3,
                        },
                    ),
                    (
                        "وقف".to_string(),
                        Held {
                            mentions: 2,
                            as_stem: 0,
                        },
                    ),
                ],
            ),
        };
        save(&path, &manifest).unwrap();
        assert_eq!(load(&path).unwrap(), manifest);
        // Any flipped byte is caught.
        let saved = std::fs::read(&path).unwrap();
        for i in 0..saved.len() {
            let mut bytes = saved.clone();
            bytes[i] ^= 0x20;
            std::fs::write(&path, &bytes).unwrap();
            assert!(load(&path).is_err(), "byte {i} flipped went unnoticed");
        }
        // Cut short anywhere, it is refused too.
        for len in 0..saved.len() {
            std::fs::write(&path, &saved[..len]).unwrap();
            assert!(load(&path).is_err(), "cut to {len} bytes went unnoticed");
        }
        let retried: Vec<&str> = manifest
            .files
            .iter()
            .filter(|(_, e)| e.is_retried())
            .map(|(rel, _)| rel.as_str())
            .collect();
        assert_eq!(retried, ["c.txt"], "only unreadable files are retried");
        std::fs::write(&path, b"not zstd").unwrap();
        assert!(load(&path).unwrap_err().contains("manifest-1.bin"));
    }

    /// A manifest many times the read-ahead window streams whole, in order.
    #[test]
    fn a_large_manifest_streams_entry_by_entry() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest-2.bin");
        let entry = |i: u64| FileEntry {
            size: i,
            mtime_ns: i as i64,
            hash: i.wrapping_mul(0x9E37_79B9_7F4A_7C15),
            passages: (i % 7) as u32,
            skipped: i
                .is_multiple_of(11)
                .then(|| Skipped::Unindexable(format!("سبب {i}"))),
            events: None,
            source_key: i,
            days: None,
        };
        let files: BTreeMap<String, FileEntry> = (0..20_000u64)
            .map(|i| {
                (
                    format!("مجلد/{i:06}-{}.txt", "س".repeat((i % 13) as usize)),
                    entry(i),
                )
            })
            .collect();
        let manifest = Manifest {
            files,
            ..Manifest::default()
        };
        save(&path, &manifest).unwrap();
        let mut seen = Vec::new();
        each_entry(&path, |rel, e| seen.push((rel, e)), false).unwrap();
        assert!(seen.iter().map(|(r, _)| r.len()).sum::<usize>() > 4 * READ_AHEAD);
        assert!(seen.into_iter().eq(manifest.files.into_iter()));
    }
}
