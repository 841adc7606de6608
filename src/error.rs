//! Typed errors of the library. The binary adds context with `anyhow` and prints
//! them on one line.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("corpus {path}: {reason}")]
    Corpus { path: PathBuf, reason: String },
    #[error("{path}: {}", plain_os_error(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("index {path}: {reason}")]
    Index { path: PathBuf, reason: String },
    /// tantivy failed on the index in `path` (a damaged or vanished file, a full
    /// disk), said as tantivy says it.
    #[error("index {path}: {source}")]
    Tantivy {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
    /// A folder that cannot hold the index (`/`, the home folder, the corpus, a
    /// folder of other files): nothing is written or removed there.
    #[error("index folder {path} {reason}")]
    IndexDir { path: PathBuf, reason: String },

    #[error("query: {0}")]
    Query(String),
    #[error("{path}: {reason}")]
    Config { path: PathBuf, reason: String },
    #[error("no document {0} in the corpus")]
    NoSuchDocument(String),
    /// A source file that cannot be read as a document (too large, not text).
    #[error("{path}: {reason}")]
    Source { path: PathBuf, reason: String },
    /// A malformed `sources.toml`.
    #[error("{path}: {reason}")]
    Metadata { path: PathBuf, reason: String },
    /// An index update stopped on request before it committed anything.
    #[error("the index update was cancelled")]
    Cancelled,
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

    pub fn tantivy(path: impl Into<PathBuf>, source: tantivy::TantivyError) -> Self {
        Error::Tantivy {
            path: path.into(),
            source,
        }
    }
}

/// An OS error in words, without the `(os error N)` that the OS's own message
/// already says in words: "Read-only file system", not "Read-only file system
/// (os error 30)".
pub fn plain_os_error(err: &std::io::Error) -> String {
    plain_error_text(&err.to_string())
}

/// An error's text as a user reads it: every `(os error N)` removed (the
/// words before it say the same), and tantivy's "An IO error occurred: '…'"
/// wrapper unwrapped.
pub fn plain_error_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" (os error ") {
        let tail = &rest[at + " (os error ".len()..];
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        out.push_str(&rest[..at]);
        if digits > 0 && tail[digits..].starts_with(')') {
            rest = &tail[digits + 1..];
        } else {
            out.push_str(" (os error ");
            rest = tail;
        }
    }
    out.push_str(rest);
    const TANTIVY_IO: &str = "An IO error occurred: '";
    while let Some(at) = out.find(TANTIVY_IO) {
        let inner = at + TANTIVY_IO.len();
        match out[inner..].rfind('\'') {
            Some(end) => {
                out.replace_range(inner + end..inner + end + 1, "");
                out.replace_range(at..inner, "");
            }
            None => break,
        }
    }
    out
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_are_said_once_in_words() {
        let err = Error::io("/x", std::io::Error::from_raw_os_error(30));
        assert_eq!(err.to_string(), "/x: Read-only file system");
        let other = std::io::Error::other("plain");
        assert_eq!(plain_os_error(&other), "plain");
        assert_eq!(
            plain_error_text(
                "gen-1: An IO error occurred: 'No space left on device (os error 28)'"
            ),
            "gen-1: No space left on device"
        );
        assert_eq!(plain_error_text("a (os error x) b"), "a (os error x) b");
    }
}
