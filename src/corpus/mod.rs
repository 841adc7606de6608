//! Reading a folder of documents. Sources are only ever read.
//!
//! * `walk`: finding the source files under the root.
//! * `read`: reading one of them, within the size limit.
//! * `decode`: its bytes as text, or why they are not.
//! * `document`: the decoded text split into paragraphs and passages.
//!
//! This module holds what they share: the corpus itself, its warnings and the
//! reasons a file is skipped.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::Result;

mod decode;
mod document;
mod read;
mod walk;

pub use decode::{decode, decode_declared, Encoding};
pub use document::{Document, Paragraph, Passage, MAX_PASSAGE_BYTES};
pub use read::{document_from_bytes, read_bytes, read_document, read_source, replacement_warning};
pub use walk::{check_root, list_sources, walk_sources, SourceFile};

/// Files larger than this (bytes) are skipped with a warning: every document is
/// held in memory whole, and a 100 MB single-line "document" is a dump, not a
/// source anyone reads. Far above any book-length text.
pub const MAX_SOURCE_BYTES: u64 = 32 * 1024 * 1024;

/// A problem with one file or folder that does not stop the rest of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A warning about the corpus as a whole names no file.
        if self.path.is_empty() {
            write!(f, "warning: {}", self.message)
        } else {
            write!(f, "warning: {}: {}", self.path, self.message)
        }
    }
}

/// Why a file was not taken into the corpus.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Skip {
    #[error("empty file, skipped")]
    Empty,
    #[error("binary file, skipped")]
    Binary,
    #[error("cannot be decoded as text ({0}), skipped")]
    Undecodable(&'static str),
    #[error("cannot be read ({0}), skipped")]
    Unreadable(String),
    /// A file of a format sanad reads whose text cannot be got out: a corrupt
    /// zip, an encrypted PDF, XML that does not parse.
    #[error("cannot be read as {format} ({reason}), skipped")]
    Unextractable {
        format: &'static str,
        reason: String,
    },
    /// Larger than [`MAX_SOURCE_BYTES`]; the size in bytes (or more, when the file
    /// grew while it was read).
    #[error("too large ({}; sanad reads files up to {}), skipped", megabytes(*.0), megabytes(MAX_SOURCE_BYTES))]
    TooLarge(u64),
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// Corpora of more files than this are read on several threads.
const PARALLEL_READ_FROM: usize = 256;

/// A whole corpus read into memory: fine for the explorer and the timeline on
/// archives of a few thousand documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Corpus {
    pub root: PathBuf,
    pub documents: Vec<Document>,
    pub warnings: Vec<Warning>,
}

impl Corpus {
    /// Lists and reads every source under `root`; unreadable files become warnings.
    pub fn load(root: &Path) -> Result<Corpus> {
        let (files, mut warnings) = list_sources(root)?;
        let mut documents = Vec::with_capacity(files.len());
        let read = crate::parallel::map_in_order(&files, PARALLEL_READ_FROM, read_source);
        for (file, outcome) in files.iter().zip(read) {
            match outcome {
                Ok(doc) => {
                    warnings.extend(replacement_warning(&doc));
                    documents.push(doc);
                }
                Err(skip) => warnings.push(Warning {
                    path: file.rel.clone(),
                    message: skip.to_string(),
                }),
            }
        }
        // In name order, so a document is found by name in log time (the walk's
        // order differs only where a name holds a character below '/').
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Corpus {
            root: root.to_path_buf(),
            documents,
            warnings,
        })
    }

    pub fn document(&self, path: &str) -> Option<&Document> {
        self.position(path).map(|i| &self.documents[i])
    }

    /// Where the document named `path` is in [`Corpus::documents`]: a binary
    /// search (400,000 documents are a click away), then a scan for a corpus
    /// that was not built in name order.
    pub fn position(&self, path: &str) -> Option<usize> {
        self.documents
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
            .or_else(|| self.documents.iter().position(|d| d.path == path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_found_by_name_whatever_the_walk_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        // The walk visits a/ before a-b.txt; name order puts a-b.txt first.
        for name in ["a/b.txt", "a-b.txt", "c.md"] {
            std::fs::write(dir.path().join(name), "نص").unwrap();
        }
        let corpus = Corpus::load(dir.path()).unwrap();
        let names: Vec<&str> = corpus.documents.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(names, ["a-b.txt", "a/b.txt", "c.md"]);
        for (i, name) in names.iter().enumerate() {
            assert_eq!(corpus.position(name), Some(i));
        }
        assert_eq!(corpus.position("missing.txt"), None);
        assert_eq!(
            corpus.document("c.md").map(|d| d.path.as_str()),
            Some("c.md")
        );
    }
}
