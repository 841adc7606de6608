//! The tantivy directory sanad opens a generation through: tantivy's own
//! `MmapDirectory`, with two changes.
//!
//! - **Read-only archives.** A searcher takes tantivy's meta lock
//!   (`.tantivy-meta.lock`) while it opens segments, so that a writer's garbage
//!   collection cannot delete them under it; creating that lock file fails on a
//!   read-only mount (EROFS) or folder (EACCES). Where nothing can be written,
//!   nothing can be deleted either, so the meta lock is then not needed: it is
//!   granted without a file. The writer's lock is never faked.
//! - **Fault injection** for the tests, through `SANAD_FAULT` (see [`Fault`]):
//!   a crash just before a commit's `meta.json` is written (the moment after
//!   tantivy has written the commit's `.del` files), and a disk that fills up
//!   after a number of bytes. The tests use them to prove that an interrupted
//!   commit or a full disk leaves an index that answers and that the next
//!   update repairs.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr, META_LOCK,
};

/// A fault the tests ask for through `SANAD_FAULT`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fault {
    /// `crash-before-meta`: the process dies (abort, no clean-up) when a
    /// commit is about to write `meta.json`.
    CrashBeforeMeta,
    /// `disk-full-after:N`: every write fails with "No space left on device"
    /// once N bytes of index data have been written by this process.
    DiskFullAfter(u64),
    /// `slow-commit:MS[:FILE]`: a commit takes MS milliseconds longer, so
    /// that a test can quit the explorer while its background update
    /// commits; FILE is created when the delay begins, for the test to wait
    /// on (quitting before it would stop the update before its commit).
    SlowCommit(u64, Option<PathBuf>),
}

impl Fault {
    fn parse(spec: &str) -> Option<Fault> {
        match spec.split_once(':') {
            None if spec == "crash-before-meta" => Some(Fault::CrashBeforeMeta),
            Some(("disk-full-after", n)) => n.parse().ok().map(Fault::DiskFullAfter),
            Some(("slow-commit", rest)) => {
                let (ms, marker) = match rest.split_once(':') {
                    Some((ms, file)) => (ms, Some(PathBuf::from(file))),
                    None => (rest, None),
                };
                ms.parse().ok().map(|ms| Fault::SlowCommit(ms, marker))
            }
            _ => None,
        }
    }

    /// The fault this process was started with, if any.
    pub(crate) fn requested() -> Option<&'static Fault> {
        static FAULT: OnceLock<Option<Fault>> = OnceLock::new();
        FAULT
            .get_or_init(|| Fault::parse(&std::env::var("SANAD_FAULT").ok()?))
            .as_ref()
    }
}

/// Makes a commit slow when the tests ask for it ([`Fault::SlowCommit`]).
pub(crate) fn delay_commit() {
    if let Some(Fault::SlowCommit(ms, marker)) = Fault::requested() {
        if let Some(marker) = marker {
            let _ = std::fs::write(marker, b"");
        }
        std::thread::sleep(std::time::Duration::from_millis(*ms));
    }
}

/// Bytes of index data written by this process, for [`Fault::DiskFullAfter`].
static WRITTEN: AtomicU64 = AtomicU64::new(0);

/// Counts `len` bytes about to be written; fails as a full disk would once the
/// requested budget is spent. Without a requested fault it only returns `Ok`.
pub(crate) fn charge_write(len: usize) -> io::Result<()> {
    let Some(&Fault::DiskFullAfter(budget)) = Fault::requested() else {
        return Ok(());
    };
    let before = WRITTEN.fetch_add(len as u64, Ordering::Relaxed);
    if before + len as u64 > budget {
        return Err(disk_full());
    }
    Ok(())
}

/// The error a full disk gives: ENOSPC where there is one.
fn disk_full() -> io::Error {
    #[cfg(unix)]
    return io::Error::from_raw_os_error(libc::ENOSPC);
    #[cfg(not(unix))]
    return io::Error::from(io::ErrorKind::StorageFull);
}

/// See the module documentation.
#[derive(Debug, Clone)]
pub(crate) struct IndexDirectory {
    inner: MmapDirectory,
}

impl IndexDirectory {
    pub(crate) fn open(path: &Path) -> Result<IndexDirectory, OpenDirectoryError> {
        Ok(IndexDirectory {
            inner: MmapDirectory::open(path)?,
        })
    }
}

/// True for the errors of a file system or folder that cannot be written to.
pub(crate) fn is_read_only(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
    )
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let write = self.inner.open_write(path)?;
        if Fault::requested().is_none() {
            return Ok(write);
        }
        Ok(io::BufWriter::new(Box::new(ChargedWrite(write))))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        if path == Path::new("meta.json") && Fault::requested() == Some(&Fault::CrashBeforeMeta) {
            std::process::abort();
        }
        charge_write(data.len())?;
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(err))
                if lock.filepath == META_LOCK.filepath && is_read_only(&err) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

/// A tantivy file writer whose bytes count against [`Fault::DiskFullAfter`].
struct ChargedWrite(WritePtr);

impl Write for ChargedWrite {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        charge_write(buf.len())?;
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl TerminatingWrite for ChargedWrite {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        self.0.terminate_ref(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_specs_parse() {
        assert_eq!(
            Fault::parse("crash-before-meta"),
            Some(Fault::CrashBeforeMeta)
        );
        assert_eq!(
            Fault::parse("disk-full-after:4096"),
            Some(Fault::DiskFullAfter(4096))
        );
        assert_eq!(Fault::parse("disk-full-after:x"), None);
        assert_eq!(
            Fault::parse("slow-commit:1500"),
            Some(Fault::SlowCommit(1500, None))
        );
        assert_eq!(
            Fault::parse("slow-commit:20:/tmp/a:b"),
            Some(Fault::SlowCommit(20, Some(PathBuf::from("/tmp/a:b"))))
        );
        assert_eq!(Fault::parse("crash"), None);
    }
}
