//! What the index holds: a fingerprint of every source file and the analyzer
//! version, saved beside the index and named in the commit that made it, so the
//! two always change together.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::corpus::SourceFile;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub size: u64,
    pub mtime_ns: i64,
    /// xxh3 of the file's bytes.
    pub hash: u64,
    /// Passages indexed for it (0 when skipped).
    pub passages: u32,
    /// Why it was not indexed, if it was not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

impl FileEntry {
    /// Same size and modification time: taken as unchanged without reading it.
    pub fn looks_unchanged(&self, file: &SourceFile) -> bool {
        self.size == file.size && i128::from(self.mtime_ns) == file.mtime_ns
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub analyzer_version: u32,
    pub schema_version: u32,
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

/// The commit payload: which manifest file belongs to this commit.
#[derive(Debug, Serialize, Deserialize)]
pub struct Payload {
    pub manifest: String,
}

pub fn load(path: &Path) -> Result<Manifest, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes `manifest` to `path` through a temporary file and a rename, so a reader
/// sees either nothing or the whole file.
pub fn save(path: &Path, manifest: &Manifest) -> std::io::Result<()> {
    let tmp = path.with_extension("json.tmp");
    {
        // Buffered: serde writes token by token, one system call each otherwise.
        let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        serde_json::to_writer(&mut f, manifest)?;
        f.flush()?;
        f.get_ref().sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

/// xxh3 of a file's bytes: the content part of its fingerprint.
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}
