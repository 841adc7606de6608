//! What the index holds: a fingerprint of every source file and the analyzer
//! version, saved beside the index and named in the commit that made it, so the
//! two always change together.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::corpus::{Skip, SourceFile};

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
    /// Same size and modification time: taken as unchanged without reading it.
    pub fn looks_unchanged(&self, file: &SourceFile) -> bool {
        self.size == file.size && i128::from(self.mtime_ns) == file.mtime_ns
    }

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

/// [`Manifest`] as postcard lays it out: a map is its length and its pairs,
/// as a sequence of pairs is. Decoding into a vector and building the map from
/// it, in the order it was saved (sorted), is a bulk build: inserting 400,000
/// entries one by one was a fifth of the freshness check.
#[derive(Deserialize)]
struct SavedManifest {
    analyzer_version: u32,
    schema_version: u32,
    extractor_version: u32,
    files: Vec<(String, FileEntry)>,
}

pub fn load(path: &Path) -> Result<Manifest, String> {
    let failed = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let file = std::fs::read(path).map_err(|e| failed(&e))?;
    let packed = checked(&file).ok_or_else(|| failed(&"damaged (its checksum does not match)"))?;
    let bytes = zstd::decode_all(packed).map_err(|e| failed(&e))?;
    let saved: SavedManifest = postcard::from_bytes(&bytes).map_err(|e| failed(&e))?;
    Ok(Manifest {
        analyzer_version: saved.analyzer_version,
        schema_version: saved.schema_version,
        extractor_version: saved.extractor_version,
        files: saved.files.into_iter().collect(),
    })
}

/// The compressed manifest in a saved file, if the xxh3 in front of it matches:
/// a flipped byte must make the index be rebuilt, not decode into a wrong
/// fingerprint.
fn checked(file: &[u8]) -> Option<&[u8]> {
    let (sum, packed) = file.split_first_chunk::<8>()?;
    (u64::from_le_bytes(*sum) == content_hash(packed)).then_some(packed)
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
}
