//! `sanad watch`: one process keeps a corpus's index current from the file
//! system's events, and the commands that find it running answer from the
//! index without walking the corpus.
//!
//! **Who serves.** The watcher holds an advisory lock (`flock`) on
//! `watcher.lock` in the index folder for as long as it runs. The kernel drops
//! the lock when the process ends, however it ends, so a lock that can be
//! taken means nobody serves: no pid file is ever trusted, and a second
//! watcher on the same index is refused.
//!
//! **Sync.** A command that finds the index served writes a marker file into
//! the index folder's `sync/` (sanad's own folder: nothing is ever written into
//! the corpus) and waits for the watcher to answer it with `<marker>.done`.
//! The watcher watches that folder with the same watch as the corpus, so the
//! system reports the marker after every change made to the corpus before it
//! was written (the handshake of watchman's cookies and git's fsmonitor):
//! the watcher answers only once the index holds those changes. A watcher
//! that does not answer in time (stopped, stuck, killed between the lock check
//! and the answer) is not trusted: the command does the full check.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::index::{CorpusIndex, UpdateReport};
use crate::watch::{Change, CorpusWatcher};

/// The lock the serving watcher holds, in the index folder.
pub const LOCK_FILE: &str = "watcher.lock";
/// Where commands write their sync markers, in the index folder.
pub const SYNC_DIR: &str = "sync";
/// A marker's name starts so; its answer adds [`ANSWER`].
const MARKER_PREFIX: &str = "sync-";
const ANSWER: &str = ".done";
/// The answer of a watcher whose index could not be brought up to date.
const STALE: &str = ".stale";

/// How long a command waits for the watcher's answer before it checks the
/// corpus itself: an update of a few files takes milliseconds; a large one
/// (a folder copied in) is better checked than waited for.
pub const SYNC_TIMEOUT: Duration = Duration::from_secs(5);

/// True for a marker's file name (not its answer's).
pub fn is_marker_name(name: &str) -> bool {
    name.starts_with(MARKER_PREFIX) && !name.ends_with(ANSWER) && !name.ends_with(STALE)
}

/// Why a watcher cannot serve an index.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("another `sanad watch` already serves the index {0}")]
    AlreadyServed(PathBuf),
    #[error("cannot lock {path}: {reason}")]
    Lock { path: PathBuf, reason: String },
}

/// The serving watcher's hold on an index: released when dropped (or when
/// the process ends).
#[derive(Debug)]
pub struct Serving {
    _lock: File,
    sync: PathBuf,
}

impl Serving {
    /// Takes the index at `index_dir` to serve, or says who serves it.
    pub fn claim(index_dir: &Path) -> Result<Serving, ServeError> {
        let path = index_dir.join(LOCK_FILE);
        let fail = |e: std::io::Error| ServeError::Lock {
            path: path.clone(),
            reason: e.to_string(),
        };
        std::fs::create_dir_all(index_dir).map_err(fail)?;
        let file = open_lock(&path).map_err(fail)?;
        if !try_lock(&file).map_err(fail)? {
            return Err(ServeError::AlreadyServed(index_dir.to_path_buf()));
        }
        let sync = index_dir.join(SYNC_DIR);
        std::fs::create_dir_all(&sync).map_err(fail)?;
        // Markers of commands that gave up on an earlier watcher.
        clear_sync_dir(&sync);
        Ok(Serving { _lock: file, sync })
    }

    /// The folder to watch for markers.
    pub fn sync_dir(&self) -> &Path {
        &self.sync
    }

    /// Answers a marker: every change before it is in the index (`current`),
    /// or the index could not be brought up to date, so the command must
    /// check the corpus itself.
    pub fn answer(&self, marker: &Path, current: bool) {
        let mut name = marker.as_os_str().to_owned();
        name.push(if current { ANSWER } else { STALE });
        let _ = File::create(PathBuf::from(name));
    }
}

/// What a watcher tells as it serves.
#[derive(Debug)]
pub enum Served {
    /// The index, checked against the corpus when the watch began (or after
    /// events were lost), or updated for files that changed.
    Updated(UpdateReport),
    /// An update failed: commands check the corpus themselves until one works.
    Failed(String),
    /// Commands were told the index holds every change before they started.
    Synced(usize),
}

/// Why `sanad watch` stopped.
#[derive(Debug, thiserror::Error)]
pub enum WatchFailure {
    #[error(transparent)]
    Serve(#[from] ServeError),
    #[error(transparent)]
    Watch(#[from] crate::watch::WatchError),
    #[error(transparent)]
    Index(#[from] crate::error::Error),
}

/// Serves the index of `corpus` at `index_dir` until `stop` is set (the
/// command runs until it is killed: the index is committed atomically, so a
/// kill at any point leaves it answering, and the lock goes with the
/// process). `report` hears what it does.
pub fn run(
    corpus: &Path,
    index_dir: &Path,
    stop: &AtomicBool,
    mut report: impl FnMut(Served),
) -> Result<(), WatchFailure> {
    // The index first (built if there is none: the lock lives in its folder),
    // then the lock, then the watch, then a second check for what changed
    // before the watch began.
    CorpusIndex::open(corpus, index_dir, false, &mut |_, _| {})?;
    let serving = Serving::claim(index_dir)?;
    let (tx, changes) = mpsc::channel();
    let _watcher = CorpusWatcher::start_with_sync(
        corpus,
        vec![index_dir.to_path_buf()],
        Some(serving.sync_dir().to_path_buf()),
        move |change| {
            let _ = tx.send(change);
        },
    )?;
    let (_, first) = CorpusIndex::open(corpus, index_dir, false, &mut |_, _| {})?;
    report(Served::Updated(first));
    let mut current = true;
    while !stop.load(Ordering::Relaxed) {
        let change = match changes.recv_timeout(Duration::from_millis(100)) {
            Ok(change) => change,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        match change {
            Change::Paths(_) | Change::Rescan => current = update(corpus, index_dir, &mut report),
            Change::Sync(mut markers) => {
                // The sync folder also holds the answers written to it.
                markers.retain(|m| {
                    m.file_name()
                        .is_some_and(|n| is_marker_name(&n.to_string_lossy()))
                });
                if markers.is_empty() {
                    continue;
                }
                if !current {
                    current = update(corpus, index_dir, &mut report);
                }
                for marker in &markers {
                    serving.answer(marker, current);
                }
                report(Served::Synced(markers.len()));
            }
        }
    }
    Ok(())
}

/// Brings the index up to date; false when it could not be.
fn update(corpus: &Path, index_dir: &Path, report: &mut impl FnMut(Served)) -> bool {
    match CorpusIndex::open(corpus, index_dir, false, &mut |_, _| {}) {
        Ok((_, r)) if r.not_updated.is_none() => {
            report(Served::Updated(r));
            true
        }
        Ok((_, r)) => {
            report(Served::Failed(r.not_updated.unwrap_or_default()));
            false
        }
        Err(e) => {
            report(Served::Failed(e.to_string()));
            false
        }
    }
}

/// True when a live `sanad watch` serves the index at `index_dir`.
pub fn is_served(index_dir: &Path) -> bool {
    let Ok(file) = OpenOptions::new()
        .read(true)
        .open(index_dir.join(LOCK_FILE))
    else {
        return false;
    };
    // Taking the lock shows nobody holds it; it is let go at once (the file
    // is closed when this returns).
    matches!(try_lock(&file), Ok(false))
}

/// Asks the watcher serving `index_dir` to confirm that the index holds every
/// change made before now; true when it did within `timeout`.
pub fn sync(index_dir: &Path, timeout: Duration) -> bool {
    let sync = index_dir.join(SYNC_DIR);
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let marker = sync.join(format!("{MARKER_PREFIX}{}-{stamp}", std::process::id()));
    let with = |suffix: &str| {
        let mut name = marker.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let (answer, stale) = (with(ANSWER), with(STALE));
    if File::create(&marker).is_err() {
        return false;
    }
    let started = Instant::now();
    let mut answered = false;
    while started.elapsed() < timeout {
        if answer.exists() {
            answered = true;
            break;
        }
        if stale.exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    // All three are sanad's own files, in the index folder.
    for file in [&marker, &answer, &stale] {
        let _ = std::fs::remove_file(file);
    }
    answered
}

fn clear_sync_dir(sync: &Path) {
    let Ok(entries) = std::fs::read_dir(sync) else {
        return;
    };
    for entry in entries.flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(MARKER_PREFIX)
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn open_lock(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)
}

/// Takes an exclusive lock without waiting: false when another process holds
/// one.
#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use std::os::fd::AsRawFd;
    // SAFETY: flock on a descriptor this function borrows; no memory is
    // involved.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
        Ok(false)
    } else {
        Err(e)
    }
}

/// Elsewhere no watcher serves: every command does its own check.
#[cfg(not(unix))]
fn try_lock(_file: &File) -> std::io::Result<bool> {
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_watcher_serves_an_index_and_its_end_frees_it() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!is_served(dir.path()));
        let serving = Serving::claim(dir.path()).unwrap();
        assert!(is_served(dir.path()));
        let second = Serving::claim(dir.path()).unwrap_err();
        assert!(
            second
                .to_string()
                .starts_with("another `sanad watch` already serves"),
            "{second}"
        );
        drop(serving);
        assert!(!is_served(dir.path()));
        assert!(Serving::claim(dir.path()).is_ok());
    }

    #[test]
    fn a_sync_is_answered_or_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let serving = Serving::claim(dir.path()).unwrap();
        // Nobody answers: the command gives up, and leaves nothing behind.
        assert!(!sync(dir.path(), Duration::from_millis(50)));
        assert_eq!(std::fs::read_dir(serving.sync_dir()).unwrap().count(), 0);
        // A watcher answering every marker it sees.
        let sync_dir = serving.sync_dir().to_path_buf();
        let answering = std::thread::spawn(move || {
            for _ in 0..2000 {
                for e in std::fs::read_dir(&sync_dir).unwrap().flatten() {
                    let name = e.file_name().to_string_lossy().into_owned();
                    if is_marker_name(&name) {
                        serving.answer(&e.path(), true);
                        return;
                    }
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        assert!(sync(dir.path(), Duration::from_secs(5)));
        answering.join().unwrap();
    }

    #[test]
    fn markers_and_answers_are_told_apart() {
        assert!(is_marker_name("sync-12-345"));
        assert!(!is_marker_name("sync-12-345.done"));
        assert!(!is_marker_name("watcher.lock"));
    }
}
