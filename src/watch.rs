//! Watching a corpus folder for changes, from the file system's own events
//! (inotify, FSEvents, ReadDirectoryChangesW through the `notify` crate), so
//! the explorer catches up with an edit, a new download or a deleted file
//! without polling the folder.
//!
//! Events come in bursts (an editor's save is a write, a rename and a
//! metadata change; a copy of a folder is thousands of creates): they are
//! gathered until the folder has been quiet for [`QUIET`] (or [`MAX_WAIT`]
//! has passed since the first), and handed on as one [`Change`]. Only what
//! can change the corpus counts: files of a format sanad reads, the metadata
//! file, and folders; hidden files (an editor's swap file) and paths under
//! the folders to ignore (an index kept inside the corpus) do not.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::extract::Format;

/// How long the folder must be quiet before a burst of events is handed on.
pub const QUIET: Duration = Duration::from_millis(300);
/// A burst that never goes quiet (a long copy) is handed on this often.
pub const MAX_WAIT: Duration = Duration::from_secs(2);

/// What changed in the corpus folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// These paths were created, written, renamed or removed.
    Paths(Vec<PathBuf>),
    /// Events were lost (the kernel's queue overflowed): anything may have
    /// changed.
    Rescan,
    /// Files created in the sync folder (a command's marker, asking to be
    /// told once every change before it is in the index, see
    /// [`crate::serve`]): handed on after the changes that came before them.
    Sync(Vec<PathBuf>),
}

impl Change {
    /// For a status line: `3 files changed`, `the folder changed`.
    pub fn describe(&self) -> String {
        match self {
            Change::Paths(paths) if paths.len() == 1 => "1 file changed".to_string(),
            Change::Paths(paths) => format!("{} files changed", paths.len()),
            Change::Rescan => "the folder changed (events were lost)".to_string(),
            Change::Sync(_) => "a command asked to sync".to_string(),
        }
    }
}

/// Why a folder cannot be watched.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error(
        "cannot watch {0}: the system's limit of watched folders is reached \
         (raise it with `sysctl fs.inotify.max_user_watches=524288`)"
    )]
    Limit(PathBuf),
    #[error("cannot watch {path}: {reason}")]
    Failed { path: PathBuf, reason: String },
}

/// A running watch: changes reach the callback given to [`CorpusWatcher::start`]
/// until it is dropped.
pub struct CorpusWatcher {
    _watcher: RecommendedWatcher,
}

impl CorpusWatcher {
    /// Watches `root` and everything under it but `ignore`, calling
    /// `on_change` on a thread of its own for every burst of changes.
    pub fn start(
        root: &Path,
        ignore: Vec<PathBuf>,
        on_change: impl FnMut(Change) + Send + 'static,
    ) -> Result<CorpusWatcher, WatchError> {
        CorpusWatcher::start_with_sync(root, ignore, None, on_change)
    }

    /// [`CorpusWatcher::start`], also watching `sync` (a folder outside the
    /// corpus) for the marker files of [`Change::Sync`]. One watch serves
    /// both, so the system reports their events in the order they happened:
    /// a marker comes after every change made before it was written.
    pub fn start_with_sync(
        root: &Path,
        ignore: Vec<PathBuf>,
        sync: Option<PathBuf>,
        on_change: impl FnMut(Change) + Send + 'static,
    ) -> Result<CorpusWatcher, WatchError> {
        // Events name paths under the folder as it was watched: one absolute,
        // resolved form for the folder, the ignored ones and the sync folder
        // makes them comparable, however the user wrote the corpus path.
        let root = &absolute(root);
        let ignore: Vec<PathBuf> = ignore.iter().map(|p| absolute(p)).collect();
        let sync = sync.map(|s| absolute(&s));
        let (events, inbox) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(events).map_err(|e| failed(root, e))?;
        watcher
            .watch(root, RecursiveMode::Recursive)
            .map_err(|e| failed(root, e))?;
        if let Some(sync) = &sync {
            watcher
                .watch(sync, RecursiveMode::NonRecursive)
                .map_err(|e| failed(sync, e))?;
        }
        let filter = Filter {
            root: root.to_path_buf(),
            ignore,
            sync,
        };
        thread::Builder::new()
            .name("sanad-watch".into())
            .spawn(move || gather(&inbox, &filter, on_change))
            .map_err(|e| WatchError::Failed {
                path: root.to_path_buf(),
                reason: e.to_string(),
            })?;
        Ok(CorpusWatcher { _watcher: watcher })
    }
}

/// `path` resolved (symbolic links, `..`) and absolute; as given when it
/// cannot be (it does not exist: watching it will say so).
fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn failed(root: &Path, e: notify::Error) -> WatchError {
    match e.kind {
        notify::ErrorKind::MaxFilesWatch => WatchError::Limit(root.to_path_buf()),
        _ => WatchError::Failed {
            path: root.to_path_buf(),
            reason: e.to_string(),
        },
    }
}

/// Hands on bursts of relevant events until the watcher is dropped (its
/// sender with it). A sync marker ends its burst at once: the changes before
/// it, then the sync.
fn gather(
    inbox: &Receiver<notify::Result<notify::Event>>,
    filter: &Filter,
    mut on_change: impl FnMut(Change),
) {
    while let Ok(first) = inbox.recv() {
        let started = Instant::now();
        let mut burst = Burst::default();
        burst.add(first, filter);
        while burst.syncs.is_empty() {
            let left = MAX_WAIT.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            match inbox.recv_timeout(QUIET.min(left)) {
                Ok(event) => burst.add(event, filter),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let syncs = std::mem::take(&mut burst.syncs);
        if let Some(change) = burst.finish() {
            on_change(change);
        }
        if !syncs.is_empty() {
            on_change(Change::Sync(syncs));
        }
    }
}

#[derive(Default)]
struct Burst {
    paths: Vec<PathBuf>,
    rescan: bool,
    syncs: Vec<PathBuf>,
}

impl Burst {
    fn add(&mut self, event: notify::Result<notify::Event>, filter: &Filter) {
        let event = match event {
            Ok(event) => event,
            // An error from the backend (its queue overflowed, a watch was
            // lost): what happened is unknown, so everything is checked.
            Err(_) => {
                self.rescan = true;
                return;
            }
        };
        if event.need_rescan() {
            self.rescan = true;
            return;
        }
        if !changes_content(&event.kind) {
            return;
        }
        for path in event.paths {
            if filter.created_in_sync(&path, &event.kind) {
                if !self.syncs.contains(&path) {
                    self.syncs.push(path);
                }
            } else if filter.counts(&path, &event.kind) && !self.paths.contains(&path) {
                self.paths.push(path);
            }
        }
    }

    fn finish(self) -> Option<Change> {
        if self.rescan {
            Some(Change::Rescan)
        } else if self.paths.is_empty() {
            None
        } else {
            Some(Change::Paths(self.paths))
        }
    }
}

/// Reading a file, or only touching its permissions or times, changes no
/// text.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Other => false,
    }
}

/// Which paths can change the corpus.
struct Filter {
    root: PathBuf,
    ignore: Vec<PathBuf>,
    sync: Option<PathBuf>,
}

impl Filter {
    /// A file created in the sync folder (which of them are markers is the
    /// server's to say).
    fn created_in_sync(&self, path: &Path, kind: &EventKind) -> bool {
        self.sync
            .as_deref()
            .is_some_and(|sync| path.parent() == Some(sync) && matches!(kind, EventKind::Create(_)))
    }

    fn counts(&self, path: &Path, kind: &EventKind) -> bool {
        let Ok(inside) = path.strip_prefix(&self.root) else {
            return false;
        };
        if self.ignore.iter().any(|i| path.starts_with(i)) {
            return false;
        }
        // Hidden files and folders are not sources (the walk skips them),
        // and that is where editors keep their swap and backup files.
        if inside
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        {
            return false;
        }
        let name = path.file_name().map(|n| n.to_string_lossy());
        if name.as_deref() == Some(crate::metadata::FILE_NAME) || Format::of(path).is_some() {
            return true;
        }
        // A folder created, removed or renamed moves every file inside it;
        // a file of another type changes nothing.
        path.extension().is_none()
            && matches!(
                kind,
                EventKind::Create(_)
                    | EventKind::Remove(_)
                    | EventKind::Modify(ModifyKind::Name(_))
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Starts a watch on `root`, returning where its changes arrive.
    fn watching(root: &Path, ignore: Vec<PathBuf>) -> (CorpusWatcher, Receiver<Change>) {
        let (tx, rx) = mpsc::channel();
        let watcher = CorpusWatcher::start(root, ignore, move |c| {
            let _ = tx.send(c);
        })
        .unwrap();
        (watcher, rx)
    }

    fn next(rx: &Receiver<Change>) -> Option<Change> {
        rx.recv_timeout(Duration::from_secs(10)).ok()
    }

    fn names(change: &Change) -> Vec<String> {
        let Change::Paths(paths) = change else {
            return vec!["(rescan)".into()];
        };
        let mut names: Vec<String> = paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_burst_of_writes_is_one_change_naming_the_sources() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let (_watch, rx) = watching(&root, Vec::new());
        std::fs::write(root.join("جديد.txt"), "قوات حفظ السلام").unwrap();
        std::fs::write(root.join("b.html"), "<p>نص</p>").unwrap();
        std::fs::write(root.join("notes.doc"), "not read").unwrap();
        std::fs::write(root.join(".a.txt.swp"), "swap").unwrap();
        let change = next(&rx).expect("a change");
        assert_eq!(names(&change), ["b.html", "جديد.txt"]);
        assert_eq!(change.describe(), "2 files changed");
    }

    #[test]
    fn removals_renames_folders_and_the_metadata_file_count() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("a.txt"), "نص").unwrap();
        std::fs::create_dir(root.join("sub")).unwrap();
        let (_watch, rx) = watching(&root, Vec::new());
        std::fs::remove_file(root.join("a.txt")).unwrap();
        let change = next(&rx).expect("a change");
        assert_eq!(names(&change), ["a.txt"]);
        std::fs::rename(root.join("sub"), root.join("moved")).unwrap();
        let change = next(&rx).expect("a change");
        assert!(names(&change).contains(&"moved".to_string()), "{change:?}");
        std::fs::write(root.join(crate::metadata::FILE_NAME), "").unwrap();
        let change = next(&rx).expect("a change");
        assert_eq!(names(&change), [crate::metadata::FILE_NAME]);
    }

    #[test]
    fn ignored_folders_and_other_files_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let index = root.join("index");
        std::fs::create_dir(&index).unwrap();
        let (_watch, rx) = watching(&root, vec![index.clone()]);
        std::fs::write(index.join("segment.txt"), "x").unwrap();
        std::fs::write(root.join("image.png"), "x").unwrap();
        std::fs::create_dir(root.join(".git")).unwrap();
        std::fs::write(root.join(".git").join("HEAD.txt"), "x").unwrap();
        // Then one that counts, so the test knows the others were seen.
        std::fs::write(root.join("c.md"), "نص").unwrap();
        let change = next(&rx).expect("a change");
        assert_eq!(names(&change), ["c.md"]);
        assert!(rx.recv_timeout(QUIET * 3).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_relative_or_linked_corpus_path_is_watched_as_the_folder_it_names() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let given = link.join("..").join("link");
        let (_watch, rx) = watching(&given, Vec::new());
        std::fs::write(real.join("a.txt"), "نص").unwrap();
        let change = next(&rx).expect("a change");
        assert_eq!(names(&change), ["a.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_in_the_corpus_does_not_stop_the_watch() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::os::unix::fs::symlink(&root, root.join("sub").join("loop")).unwrap();
        let (_watch, rx) = watching(&root, Vec::new());
        std::fs::write(root.join("sub").join("a.txt"), "نص").unwrap();
        let change = next(&rx).expect("a change");
        assert!(names(&change).contains(&"a.txt".to_string()), "{change:?}");
    }

    #[test]
    fn a_folder_that_is_not_there_cannot_be_watched() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone");
        let err = CorpusWatcher::start(&gone, Vec::new(), |_| {})
            .err()
            .unwrap();
        assert!(err.to_string().starts_with("cannot watch "), "{err}");
        assert!(err.to_string().contains("gone"), "{err}");
    }
}
