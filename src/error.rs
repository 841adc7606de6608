//! Typed errors of the library. The binary adds context with `anyhow` and prints
//! them on one line.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("corpus {path}: {reason}")]
    Corpus { path: PathBuf, reason: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("index {path}: {reason}")]
    Index { path: PathBuf, reason: String },
    #[error("query: {0}")]
    Query(String),
    #[error("{path}: {reason}")]
    Config { path: PathBuf, reason: String },
    #[error("no document {0} in the corpus")]
    NoSuchDocument(String),
    /// A malformed `sources.toml`.
    #[error("{path}: {reason}")]
    Metadata { path: PathBuf, reason: String },
    /// A `--from`/`--to` date that is not YYYY, YYYY-MM or YYYY-MM-DD.
    #[error("invalid date {0:?}: expected YYYY, YYYY-MM or YYYY-MM-DD")]
    DateArgument(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
