//! The index folder on disk: what makes a folder sanad's, the update lock, the
//! `CURRENT` switch, and the removal of what sanad itself wrote there.
//!
//! sanad deletes files, so it must be sure whose they are. A folder is sanad's
//! when it holds the marker file [`MARKER`], which sanad writes only into a
//! folder it has just created or found empty (or into an index folder laid out
//! by an earlier sanad, recognised by its exact layout). Nothing is ever removed
//! from a folder without the marker, and within one only the generations
//! (`gen-<time>-<pid>/` with a tantivy `meta.json`) and manifests that sanad
//! names itself. A non-empty folder without the marker is refused, as are `/`,
//! the home folder and, for a folder the user names, the corpus or anything in
//! it.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

pub(super) const CURRENT: &str = "CURRENT";
const CURRENT_TMP: &str = "CURRENT.tmp";
const LOCK: &str = "sanad.lock";
/// The file that marks a folder as sanad's index folder.
pub(super) const MARKER: &str = "SANAD-INDEX";
const MARKER_TEXT: &str =
    "This folder holds a sanad index. sanad removes only what it wrote here;\n\
                           deleting the whole folder is safe (the next run rebuilds it).\n";

fn refused(dir: &Path, reason: impl Into<String>) -> Error {
    Error::IndexDir {
        path: dir.to_path_buf(),
        reason: reason.into(),
    }
}

/// Checks a folder the user chose for the index (`--index-dir`): never `/`,
/// the home folder, the corpus or a folder inside it. The index folder's own
/// contents are checked when it is opened ([`prepare`]).
pub fn check_chosen_dir(dir: &Path, corpus: &Path) -> Result<()> {
    let resolved = resolve(dir);
    if resolved.parent().is_none() {
        return Err(refused(
            dir,
            "is the root folder; choose a folder of its own",
        ));
    }
    if dirs::home_dir().is_some_and(|home| resolve(&home) == resolved) {
        return Err(refused(
            dir,
            "is the home folder; choose a folder of its own",
        ));
    }
    if resolved.starts_with(resolve(corpus)) {
        return Err(refused(
            dir,
            "is inside the corpus; choose a folder outside it",
        ));
    }
    Ok(())
}

/// `path` made absolute, with symbolic links resolved as far as it exists:
/// `a/b/../c` and a link to the same place compare equal.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            let mut out = canonical;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return normalize(&out);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return normalize(&absolute),
        }
    }
}

/// Removes `.` and resolves `..` lexically (for the part that does not exist).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Makes `dir` ready to hold an index: creates and marks it when it does not
/// exist or is empty, adopts an earlier sanad's index folder, and refuses any
/// other folder. A read-only folder that holds an index is accepted as it is.
pub(super) fn prepare(dir: &Path) -> Result<()> {
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Err(refused(dir, "is a file, not a folder")),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            return write_marker(dir);
        }
        Err(e) => return Err(Error::io(dir, e)),
    }
    if is_marked(dir) {
        return Ok(());
    }
    if is_empty(dir)? || is_earlier_index(dir) {
        return match write_marker(dir) {
            // An earlier sanad's index on a read-only mount: it can be read,
            // and nothing can be removed from it.
            Err(Error::Io { source, .. }) if super::directory::is_read_only(&source) => Ok(()),
            other => other,
        };
    }
    Err(refused(
        dir,
        format!(
            "is not empty and holds no sanad index (no {MARKER} file); \
             choose a new or empty folder"
        ),
    ))
}

fn is_marked(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

fn write_marker(dir: &Path) -> Result<()> {
    let path = dir.join(MARKER);
    fs::write(&path, MARKER_TEXT).map_err(|e| Error::io(&path, e))
}

fn is_empty(dir: &Path) -> Result<bool> {
    let mut entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    Ok(entries.next().is_none())
}

/// An index folder written before the marker existed: nothing in it but
/// `CURRENT` (naming one of its generations), the lock, and generations.
fn is_earlier_index(dir: &Path) -> bool {
    let Ok(name) = read_current(dir) else {
        return false;
    };
    if !is_generation(&dir.join(&name)) {
        return false;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().all(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        matches!(name.as_ref(), CURRENT | CURRENT_TMP | LOCK) || is_generation(&e.path())
    })
}

/// The generation `CURRENT` names, checked to be a plain name.
pub(super) fn read_current(dir: &Path) -> io::Result<String> {
    let mut name = String::new();
    crate::file::open_regular(&dir.join(CURRENT))?
        .take(256)
        .read_to_string(&mut name)?;
    let name = name.trim().to_string();
    if !is_generation_name(&name) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{CURRENT} names no generation"),
        ));
    }
    Ok(name)
}

/// A name sanad gives a generation: `gen-<nanoseconds>-<pid>`.
pub(super) fn generation_name() -> String {
    format!("gen-{}-{}", super::update::now_ns(), std::process::id())
}

fn is_generation_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("gen-") else {
        return false;
    };
    let mut parts = rest.split('-');
    let digits =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    digits(parts.next()) && digits(parts.next()) && parts.next().is_none()
}

/// A real folder (not a link) with a generation's name and a tantivy index.
fn is_generation(path: &Path) -> bool {
    let named = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(is_generation_name);
    named
        && fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
        && path.join("meta.json").is_file()
}

/// Takes the index folder's update lock, waiting for another sanad process
/// that holds it. The OS releases it if the holder dies.
pub(super) fn lock_dir(dir: &Path) -> Result<fs::File> {
    let path = dir.join(LOCK);
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    file.lock().map_err(|e| Error::io(&path, e))?;
    Ok(file)
}

/// Points `CURRENT` at generation `name`, atomically.
pub(super) fn switch_current(dir: &Path, name: &str) -> Result<()> {
    let tmp = dir.join(CURRENT_TMP);
    super::directory::charge_write(name.len()).map_err(|e| Error::io(&tmp, e))?;
    let mut file = fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    file.write_all(name.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(&tmp, e))?;
    fs::rename(&tmp, dir.join(CURRENT)).map_err(|e| Error::io(dir.join(CURRENT), e))?;
    // The rename itself reaches the disk only with its folder.
    sync_dir(dir);
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    if let Ok(folder) = fs::File::open(dir) {
        let _ = folder.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

/// Removes every generation but `keep` from a marked index folder: the ones
/// replaced by a rebuild, and those of builds that were killed.
pub(super) fn remove_other_generations(dir: &Path, keep: &str) {
    if !is_marked(dir) {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name() != keep && is_generation(&path) {
            let _ = fs::remove_dir_all(path);
        }
    }
}

/// Removes a generation this process created and could not finish (a full
/// disk, a write error): the next run starts from a clean folder.
pub(super) fn remove_unfinished_generation(dir: &Path, name: &str) {
    let path = dir.join(name);
    if is_marked(dir)
        && is_generation_name(name)
        && fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir())
    {
        let _ = fs::remove_dir_all(path);
    }
}

/// Removes the manifests in `generation` that its last commit does not name:
/// those of updates that were interrupted before or while they committed.
pub(super) fn remove_stale_manifests(generation: &Path, keep: &str) {
    let Ok(entries) = fs::read_dir(generation) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let partial = name.starts_with("manifest-") && name.ends_with(".tmp");
        if name != keep && (super::is_manifest_name(name) || partial) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_names_are_sanads_only() {
        assert!(is_generation_name("gen-1733000000000000000-4242"));
        for name in [
            "gen-notes",
            "gen-",
            "gen-1-",
            "gen-1-2-3",
            "gen-1-x",
            "xgen-1-2",
            "gen-1",
        ] {
            assert!(!is_generation_name(name), "{name}");
        }
    }

    #[test]
    fn a_folder_with_other_files_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("gen-notes")).unwrap();
        fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = prepare(dir.path()).unwrap_err();
        assert!(matches!(err, Error::IndexDir { .. }), "{err}");
        assert!(!dir.path().join(MARKER).exists());
        remove_other_generations(dir.path(), "gen-1-1");
        assert!(dir.path().join("gen-notes").is_dir());
    }

    #[test]
    fn a_new_or_empty_folder_is_marked() {
        let dir = tempfile::tempdir().unwrap();
        prepare(dir.path()).unwrap();
        assert!(is_marked(dir.path()));
        let new = dir.path().join("a/b");
        prepare(&new).unwrap();
        assert!(is_marked(&new));
    }

    #[test]
    fn a_file_is_not_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        fs::write(&file, "x").unwrap();
        let err = prepare(&file).unwrap_err().to_string();
        assert!(err.contains("is a file, not a folder"), "{err}");
    }

    #[test]
    fn only_sanads_generations_are_removed_from_a_marked_folder() {
        let dir = tempfile::tempdir().unwrap();
        prepare(dir.path()).unwrap();
        for name in ["gen-1-1", "gen-2-2"] {
            fs::create_dir(dir.path().join(name)).unwrap();
            fs::write(dir.path().join(name).join("meta.json"), "{}").unwrap();
        }
        // Named like a generation but not an index, and a link to a folder.
        fs::create_dir(dir.path().join("gen-3-3")).unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("meta.json"), "{}").unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("gen-4-4")).unwrap();
        remove_other_generations(dir.path(), "gen-2-2");
        assert!(!dir.path().join("gen-1-1").exists());
        assert!(dir.path().join("gen-2-2").is_dir());
        assert!(dir.path().join("gen-3-3").is_dir());
        assert!(outside.path().join("meta.json").is_file());
    }

    #[test]
    fn chosen_folders_that_are_never_an_index() {
        let corpus = tempfile::tempdir().unwrap();
        let inside = corpus.path().join("idx");
        assert!(check_chosen_dir(corpus.path(), corpus.path()).is_err());
        assert!(check_chosen_dir(&inside, corpus.path()).is_err());
        assert!(check_chosen_dir(&corpus.path().join("x/../y"), corpus.path()).is_err());
        assert!(check_chosen_dir(Path::new("/"), corpus.path()).is_err());
        if let Some(home) = dirs::home_dir() {
            assert!(check_chosen_dir(&home, corpus.path()).is_err());
        }
        let elsewhere = tempfile::tempdir().unwrap();
        assert!(check_chosen_dir(elsewhere.path(), corpus.path()).is_ok());
    }

    #[test]
    fn an_earlier_sanads_folder_is_adopted() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("gen-5-5")).unwrap();
        fs::write(dir.path().join("gen-5-5/meta.json"), "{}").unwrap();
        fs::write(dir.path().join(CURRENT), "gen-5-5").unwrap();
        fs::write(dir.path().join(LOCK), "").unwrap();
        prepare(dir.path()).unwrap();
        assert!(is_marked(dir.path()));
    }
}
