//! Reading one listed source file: its bytes (bounded), decoded into a document.

use std::path::Path;

use super::{Document, Skip, SourceFile, Warning, MAX_SOURCE_BYTES};
use crate::extract::{extract, Format};

/// Reads a source file's bytes, refusing a file over [`MAX_SOURCE_BYTES`]
/// without reading it all (also one that grows, or a special file that never
/// ends, such as a link to something under `/proc`).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Skip> {
    use crate::file::{read_bounded, ReadError};
    read_bounded(path, MAX_SOURCE_BYTES).map_err(|e| match e {
        ReadError::TooLarge { size, .. } => Skip::TooLarge(size),
        e @ ReadError::Io(_) => Skip::Unreadable(e.to_string()),
    })
}

/// Reads `file` (relative to the corpus `root`) as a corpus document; a path
/// that leaves the corpus or names no file is an error naming it.
pub fn read_document(root: &Path, file: &Path) -> crate::error::Result<Document> {
    use crate::error::Error;
    let missing = || Error::NoSuchDocument(file.display().to_string());
    let root_abs = root.canonicalize().map_err(|e| Error::Corpus {
        path: root.to_path_buf(),
        reason: crate::error::plain_os_error(&e),
    })?;
    // Relative to the corpus first (`001….txt`), else as the shell gave it,
    // relative to the current folder or absolute (`seeds/001….txt`, which tab
    // completion from the checkout gives): either way it must be inside.
    let abs = root_abs
        .join(file)
        .canonicalize()
        .or_else(|_| file.canonicalize())
        .map_err(|_| missing())?;
    if !abs.starts_with(&root_abs) || !abs.is_file() {
        return Err(missing());
    }
    let rel = abs.strip_prefix(&root_abs).map_err(|_| missing())?;
    let rel = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    let size = std::fs::metadata(&abs)
        .map_err(|e| Error::Io {
            path: abs.clone(),
            source: e,
        })?
        .len();
    let source = SourceFile {
        rel,
        abs,
        size,
        mtime_ns: 0,
    };
    read_source(&source).map_err(|skip| Error::Source {
        path: file.to_path_buf(),
        reason: skip.to_string(),
    })
}

/// Reads one source file and extracts its text.
pub fn read_source(file: &SourceFile) -> Result<Document, Skip> {
    let bytes = read_bytes(&file.abs)?;
    let mut doc = document_from_bytes(file.rel.clone(), &bytes)?;
    // Only a path that is not UTF-8 can have an escaped name; the others are
    // found from the root, and 400,000 of them need not carry a copy.
    if file.abs.to_str().is_none() {
        doc.file = Some(file.abs.clone());
    }
    Ok(doc)
}

/// The document in a source file's bytes, extracted as its name's format
/// says: the one way from a file to a document, for loading and indexing.
pub fn document_from_bytes(rel: String, bytes: &[u8]) -> Result<Document, Skip> {
    let format = Format::of(&rel).unwrap_or(Format::Text);
    let extracted = extract(format, bytes)?;
    Ok(Document::extracted(rel, format, extracted))
}

/// The warning to print for a document decoded with replacements, if any.
pub fn replacement_warning(doc: &Document) -> Option<Warning> {
    (doc.replaced > 0).then(|| Warning {
        path: doc.path.clone(),
        message: format!(
            "{} invalid {} sequence(s) replaced with U+FFFD",
            doc.replaced,
            doc.encoding.name()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::list_sources;

    #[test]
    fn a_file_deleted_or_replaced_after_listing_is_a_clear_skip() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.txt", "b.txt", "c.txt"] {
            std::fs::write(dir.path().join(name), "نص عربي قصير").unwrap();
        }
        let (files, warnings) = list_sources(dir.path()).unwrap();
        assert_eq!((files.len(), warnings.len()), (3, 0));
        std::fs::remove_file(&files[0].abs).unwrap();
        std::fs::write(&files[1].abs, "").unwrap();
        std::fs::remove_file(&files[2].abs).unwrap();
        std::fs::create_dir(&files[2].abs).unwrap();
        let skip = read_source(&files[0]).unwrap_err();
        assert!(skip.to_string().starts_with("cannot be read ("), "{skip}");
        assert_eq!(read_source(&files[1]).unwrap_err(), Skip::Empty);
        assert!(matches!(read_source(&files[2]), Err(Skip::Unreadable(_))));
    }

    /// A file swapped for a FIFO between listing and reading: opening it must
    /// not wait for a writer that never comes.
    #[cfg(unix)]
    #[test]
    fn a_file_swapped_for_a_fifo_after_listing_is_skipped_at_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "نص عربي").unwrap();
        let (files, _) = list_sources(dir.path()).unwrap();
        std::fs::remove_file(&files[0].abs).unwrap();
        let c = std::ffi::CString::new(files[0].abs.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let (tx, rx) = std::sync::mpsc::channel();
        let file = files[0].clone();
        std::thread::spawn(move || tx.send(read_source(&file).map(|doc| doc.path)));
        let read = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("reading a FIFO must not block");
        assert!(
            matches!(&read, Err(Skip::Unreadable(why)) if why.contains("FIFO")),
            "{read:?}"
        );
    }

    #[test]
    fn a_document_is_read_by_its_path_in_the_corpus_and_nowhere_else() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "سر").unwrap();
        let root = outside.path().join("corpus");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/a.txt"), "نص عربي").unwrap();
        std::fs::write(root.join("bin.txt"), [0u8, 159, 146, 150, 0, 0]).unwrap();
        let doc = read_document(&root, Path::new("sub/../sub/a.txt")).unwrap();
        assert_eq!(doc.path, "sub/a.txt");
        for escape in [
            "../secret.txt",
            "sub/../../secret.txt",
            "missing.txt",
            "sub",
        ] {
            let err = read_document(&root, Path::new(escape)).unwrap_err();
            assert!(
                matches!(&err, crate::error::Error::NoSuchDocument(f) if f == escape),
                "{escape}: {err}"
            );
        }
        let err = read_document(&root, Path::new("bin.txt")).unwrap_err();
        assert!(err.to_string().starts_with("bin.txt: "), "{err}");
    }
}
