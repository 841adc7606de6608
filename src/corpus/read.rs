//! Reading one listed source file: its bytes (bounded), decoded into a document.

use std::path::Path;

use super::{decode, Document, Skip, SourceFile, Warning, MAX_SOURCE_BYTES};

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

/// Reads and decodes one source file.
pub fn read_source(file: &SourceFile) -> Result<Document, Skip> {
    let bytes = read_bytes(&file.abs)?;
    let (text, encoding, replaced) = decode(&bytes)?;
    let mut doc = Document::new(file.rel.clone(), text, encoding, replaced);
    // Only a path that is not UTF-8 can have an escaped name; the others are
    // found from the root, and 400,000 of them need not carry a copy.
    if file.abs.to_str().is_none() {
        doc.file = Some(file.abs.clone());
    }
    Ok(doc)
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
        std::thread::spawn(move || tx.send(read_source(&file)));
        let read = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("reading a FIFO must not block");
        assert!(
            matches!(&read, Err(Skip::Unreadable(why)) if why.contains("FIFO")),
            "{read:?}"
        );
    }
}
