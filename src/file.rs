//! Opening the files sanad only reads (sources, `sources.toml`, the key
//! configuration, the index's `CURRENT`) so that no file can hang or exhaust it.
//!
//! - A FIFO, a device or a socket put where a file was expected (or swapped in
//!   between listing and reading) is refused: the file is opened with
//!   `O_NONBLOCK`, so opening a FIFO with no writer returns at once instead of
//!   waiting forever, and its type is then checked on the opened descriptor
//!   (`fstat`), not on the name, which could change in between.
//! - Reads are bounded: a link to `/dev/zero` or a huge sparse file is refused
//!   after the limit, never read into memory.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Why a bounded read failed.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Said in words, without the `(os error N)` code.
    #[error("{}", crate::error::plain_os_error(.0))]
    Io(#[from] io::Error),
    /// Larger than the limit; the size in bytes (or more, when it grew while read).
    #[error("larger than {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
}

/// Opens `path` for reading, refusing anything but a regular file without
/// blocking on it.
pub fn open_regular(path: &Path) -> io::Result<File> {
    open_regular_with_metadata(path).map(|(file, _)| file)
}

/// [`open_regular`], with the metadata it read from the open descriptor (one
/// `fstat` per file, which indexing 400,000 files repeats 400,000 times).
fn open_regular_with_metadata(path: &Path) -> io::Result<(File, std::fs::Metadata)> {
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder",
        ));
    }
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a FIFO, device or socket)",
        ));
    }
    Ok((file, meta))
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    // On a regular file O_NONBLOCK changes nothing; it only keeps `open` on a
    // FIFO from waiting for a writer.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Reads a regular file of at most `limit` bytes.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = open_regular_with_metadata(path)?;
    let size = meta.len();
    if size > limit {
        return Err(ReadError::TooLarge { size, limit });
    }
    // The size is only a hint (the file may change); the read itself is capped.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Reads a regular UTF-8 text file of at most `limit` bytes.
pub fn read_text_bounded(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_bounded(path, limit)?;
    String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not valid UTF-8").into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f.txt");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates the node.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let err = open_regular(&fifo).unwrap_err();
        assert!(err.to_string().contains("FIFO"), "{err}");
        assert!(read_bounded(&fifo, 10).is_err());
    }

    #[test]
    fn reads_are_capped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a");
        std::fs::write(&path, "12345").unwrap();
        assert_eq!(read_bounded(&path, 5).unwrap(), b"12345");
        assert!(matches!(
            read_bounded(&path, 4),
            Err(ReadError::TooLarge { size: 5, limit: 4 })
        ));
        assert!(open_regular(dir.path()).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_device_is_refused() {
        assert!(read_bounded(Path::new("/dev/zero"), 1 << 20).is_err());
    }
}
