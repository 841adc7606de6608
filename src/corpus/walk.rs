//! Finding the source files under a corpus root: a recursive walk that follows
//! links, detects loops, stats large folders on several threads and names every
//! file as sanad shows it.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use super::Warning;
use crate::error::{Error, Result};

/// A source file found under the corpus root, before it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the corpus root, `/`-separated: the name used everywhere.
    pub rel: String,
    pub abs: PathBuf,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub mtime_ns: i128,
}

/// True for the file names the corpus takes: those of a format sanad reads.
fn is_source_name(path: &Path) -> bool {
    crate::extract::Format::of(path).is_some()
}

/// Walks `root` recursively (following links, detecting loops) and lists the
/// source files in path order. Problems with single entries become warnings.
pub fn list_sources(root: &Path) -> Result<(Vec<SourceFile>, Vec<Warning>)> {
    let mut files = Vec::new();
    let warnings = walk_sources(root, |file| files.push(file))?;
    Ok((files, warnings))
}

/// [`list_sources`] one file at a time, without holding the list: checking a
/// 400,000-file archive against its index keeps only what changed.
///
/// One `stat` per file, relative to its open directory (`read_dir` entries),
/// and names built from their parent's: at 400,000 files the generic walker
/// (a full-path `stat`, a path split per file) took 2.6 times as long.
pub fn walk_sources(root: &Path, mut visit: impl FnMut(SourceFile)) -> Result<Vec<Warning>> {
    let meta = check_root(root)?;
    let mut walk = Walk {
        visit: &mut visit,
        warnings: Vec::new(),
        escaped_names: std::collections::HashSet::new(),
        ancestors: vec![dir_identity(&meta)],
        unsupported: std::collections::BTreeMap::new(),
        sources: 0,
    };
    walk.directory(root, "", false);
    if walk.unsupported.is_empty() {
        return Ok(walk.warnings);
    }
    let skipped = unsupported_summary(&walk.unsupported);
    if walk.sources == 0 {
        // Files, but none sanad reads: saying `0 documents` would hide why.
        return Err(Error::Corpus {
            path: root.to_path_buf(),
            reason: format!(
                "no document sanad can read (it reads {} files); {skipped}",
                crate::extract::read_types()
            ),
        });
    }
    walk.warnings.push(Warning {
        path: String::new(),
        message: skipped,
    });
    Ok(walk.warnings)
}

/// `skipped 3 files of unsupported types: .doc ×2, .pdf`, most common first.
fn unsupported_summary(types: &std::collections::BTreeMap<String, usize>) -> String {
    let total: usize = types.values().sum();
    let mut by_count: Vec<(&String, &usize)> = types.iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let listed: Vec<String> = by_count
        .iter()
        .map(|(ext, &n)| {
            if n == 1 {
                (*ext).clone()
            } else {
                format!("{ext} ×{n}")
            }
        })
        .collect();
    let files = if total == 1 { "file" } else { "files" };
    let kinds = if types.len() == 1 { "type" } else { "types" };
    format!(
        "skipped {total} {files} of unsupported {kinds}: {}",
        listed.join(", ")
    )
}

/// How an unsupported file is named in the summary: `.pdf`, or `no extension`.
fn type_name(name: &std::ffi::OsStr) -> String {
    Path::new(name)
        .extension()
        .map(|e| {
            format!(
                ".{}",
                crate::bidi::visible_controls(&e.to_string_lossy()).to_lowercase()
            )
        })
        .unwrap_or_else(|| "no extension".into())
}

/// The corpus folder's metadata, or why it cannot be a corpus.
pub fn check_root(root: &Path) -> Result<std::fs::Metadata> {
    let meta = std::fs::metadata(root).map_err(|e| Error::Corpus {
        path: root.to_path_buf(),
        reason: e.to_string(),
    })?;
    if !meta.is_dir() {
        return Err(Error::Corpus {
            path: root.to_path_buf(),
            reason: "not a directory".into(),
        });
    }
    Ok(meta)
}

struct Walk<'a> {
    visit: &'a mut dyn FnMut(SourceFile),
    warnings: Vec<Warning>,
    /// Names with `\x` escapes seen so far: the only ones that can collide.
    escaped_names: std::collections::HashSet<String>,
    /// (device, inode) of the directories from the root down to here.
    ancestors: Vec<(u64, u64)>,
    /// Regular files of types sanad does not read, by type.
    unsupported: std::collections::BTreeMap<String, usize>,
    /// Source files listed.
    sources: usize,
}

impl Walk<'_> {
    fn warn(&mut self, path: &str, message: String) {
        self.warnings.push(Warning {
            path: path.to_string(),
            message,
        });
    }

    /// `invalid`: some folder on the way has a name that is not UTF-8.
    fn directory(&mut self, dir: &Path, rel: &str, invalid: bool) {
        let mut entries: Vec<(std::ffi::OsString, std::fs::DirEntry)> = match std::fs::read_dir(dir)
        {
            Ok(entries) => entries
                .filter_map(|e| self.entry_or_warn(e, rel))
                .map(|e| (e.file_name(), e))
                .filter(|(name, _)| !name.as_encoded_bytes().starts_with(b"."))
                .collect(),
            Err(e) => return self.warn(rel, format!("cannot be read ({e}), skipped")),
        };
        // Names are unique within a folder: no need for a stable sort.
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let metas = stat_entries(&entries);
        for ((name, entry), meta) in entries.iter().zip(metas) {
            let Some(meta) = meta else {
                // Neither a folder nor a source file: counted, by type, when
                // it is a plain file (its directory entry says, no stat).
                // `sources.toml` is the corpus's own, not a document.
                let metadata = rel.is_empty() && name == crate::metadata::FILE_NAME;
                if !metadata && entry.file_type().is_ok_and(|t| t.is_file()) {
                    *self.unsupported.entry(type_name(name)).or_default() += 1;
                }
                continue;
            };
            let child_rel = join_rel(rel, &escaped_name(name));
            let source = is_source_name(Path::new(name));
            self.entry(
                entry,
                meta,
                child_rel,
                source,
                invalid || name.to_str().is_none(),
            );
        }
    }

    fn entry_or_warn(
        &mut self,
        entry: std::io::Result<std::fs::DirEntry>,
        rel: &str,
    ) -> Option<std::fs::DirEntry> {
        entry
            .map_err(|e| self.warn(rel, format!("cannot be read ({e}), skipped")))
            .ok()
    }

    /// One folder entry with its metadata ([`stat_entries`]); `source`: its
    /// name is a source file's.
    fn entry(
        &mut self,
        entry: &std::fs::DirEntry,
        meta: std::io::Result<std::fs::Metadata>,
        rel: String,
        source: bool,
        invalid: bool,
    ) {
        let link = entry.file_type().is_ok_and(|t| t.is_symlink());
        let meta = match meta {
            Ok(m) => m,
            Err(_) if link && !source => return,
            Err(e) => return self.warn(&rel, format!("cannot be read ({e}), skipped")),
        };
        if meta.is_dir() {
            let id = dir_identity(&meta);
            if self.ancestors.contains(&id) {
                return self.warn(&rel, "directory link loop, not followed".into());
            }
            self.ancestors.push(id);
            self.directory(&entry.path(), &rel, invalid);
            self.ancestors.pop();
            return;
        }
        if !meta.is_file() || !source {
            return;
        }
        // Only a name with a backslash can be the escaped form of another.
        if rel.contains('\\') && !self.note_escaped_name(&rel, invalid) {
            return;
        }
        self.sources += 1;
        (self.visit)(SourceFile {
            rel,
            abs: entry.path(),
            size: meta.len(),
            mtime_ns: mtime_ns(&meta),
        });
    }

    /// Warns about a name that is not UTF-8 (`invalid`); false when the name is
    /// already taken, and the file is skipped.
    fn note_escaped_name(&mut self, rel: &str, invalid: bool) -> bool {
        if !self.escaped_names.insert(rel.to_string()) {
            self.warn(
                rel,
                "another file has the same name once its invalid bytes are \\
                 written as \\x escapes, skipped"
                    .into(),
            );
            return false;
        }
        if invalid {
            self.warn(
                rel,
                "file name is not valid UTF-8; listed with its invalid bytes as \\x \\
                 escapes (rename it to UTF-8 to open it by name)"
                    .into(),
            );
        }
        true
    }
}

/// Folders with more entries than this have them stat'ed on several threads:
/// the freshness check of a large archive is one `stat` per file.
const PARALLEL_STAT_FROM: usize = 512;

/// The metadata the walk needs for each entry: links followed, folders and
/// source files as they are, `None` for anything else (never stat'ed).
fn stat_entries(
    entries: &[(std::ffi::OsString, std::fs::DirEntry)],
) -> Vec<Option<std::io::Result<std::fs::Metadata>>> {
    let stat_one = |(name, entry): &(std::ffi::OsString, std::fs::DirEntry)| {
        let Ok(kind) = entry.file_type() else {
            return Some(Err(std::io::Error::other("unknown file type")));
        };
        if kind.is_symlink() {
            Some(std::fs::metadata(entry.path()))
        } else if kind.is_dir() || (kind.is_file() && is_source_name(Path::new(name))) {
            Some(entry.metadata())
        } else {
            None
        }
    };
    crate::parallel::map_in_order(entries, PARALLEL_STAT_FROM, stat_one).collect()
}

fn join_rel(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}/{name}")
    }
}

#[cfg(unix)]
fn dir_identity(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn dir_identity(_meta: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}

fn mtime_ns(m: &std::fs::Metadata) -> i128 {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128)
}

/// A file name as sanad shows it. A name that is not valid UTF-8 (Linux allows
/// any bytes) keeps its valid parts and shows each invalid byte as `\\xNN`, so
/// distinct names stay distinct (a lossy conversion would turn two
/// Windows-1256 Arabic names of one length into the same `����.txt`).
fn escaped_name(name: &std::ffi::OsStr) -> String {
    if let Some(s) = name.to_str() {
        return s.to_string();
    }
    #[cfg(unix)]
    {
        use std::fmt::Write as _;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02X}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::read_source;

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_stay_distinct_and_are_named_once() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        // Two Windows-1256 names of the same length: lossy conversion makes both ��.txt.
        for name in [&b"\xe3\xd5.txt"[..], b"\xc8\xe1.txt"] {
            let path = dir.path().join(std::ffi::OsStr::from_bytes(name));
            std::fs::write(path, "نص عربي قصير").unwrap();
        }
        let (files, warnings) = list_sources(dir.path()).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(names, ["\\xC8\\xE1.txt", "\\xE3\\xD5.txt"]);
        assert_eq!(warnings.len(), 2);
        assert!(warnings[0].message.contains("not valid UTF-8"));
        for f in &files {
            assert_eq!(read_source(f).unwrap().path, f.rel);
        }
    }
}
