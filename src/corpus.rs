//! Reading a folder of documents: finding the files, decoding them, and splitting
//! them into paragraphs and passages. Sources are only ever read.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::error::{Error, Result};
use crate::sentences::sentence_spans;

/// A paragraph longer than this (bytes) is cut into passages of whole sentences,
/// so a search hit never spans a whole long document. A single sentence longer
/// than this is cut at spaces (or anywhere, if it has none).
pub const MAX_PASSAGE_BYTES: usize = 1200;

/// Files larger than this (bytes) are skipped with a warning: every document is
/// held in memory whole, and a 100 MB single-line "document" is a dump, not a
/// source anyone reads. Far above any book-length text.
pub const MAX_SOURCE_BYTES: u64 = 32 * 1024 * 1024;

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

/// A problem with one file or folder that does not stop the rest of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "warning: {}: {}", self.path, self.message)
    }
}

/// The character encodings sanad recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1256,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1256 => "windows-1256",
        }
    }
}

/// Why a file was not taken into the corpus.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Skip {
    #[error("empty file, skipped")]
    Empty,
    #[error("binary file, skipped")]
    Binary,
    #[error("cannot be decoded as text ({0}), skipped")]
    Undecodable(&'static str),
    #[error("cannot be read ({0}), skipped")]
    Unreadable(String),
    /// Larger than [`MAX_SOURCE_BYTES`]; the size in bytes (or more, when the file
    /// grew while it was read).
    #[error("too large ({}; sanad reads files up to {}), skipped", megabytes(*.0), megabytes(MAX_SOURCE_BYTES))]
    TooLarge(u64),
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// A line of text that is not blank: sanad's paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    /// 1-based line number in the decoded text.
    pub number: usize,
    /// Byte range of the line's text, trimmed of surrounding white space.
    pub start: usize,
    pub end: usize,
}

impl Paragraph {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// The unit of search: a paragraph, or a run of whole sentences of a long one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
}

/// A decoded document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Path relative to the corpus root, `/`-separated.
    pub path: String,
    /// The decoded text (without byte-order mark); every offset points into it.
    pub text: String,
    pub encoding: Encoding,
    /// How many undecodable byte sequences were replaced by U+FFFD.
    pub replaced: usize,
    pub paragraphs: Vec<Paragraph>,
    /// The file it was read from, kept only when `path` does not name it: a
    /// name that is not valid UTF-8 shows its invalid bytes as `\x` escapes,
    /// and no file has the escaped name.
    pub file: Option<PathBuf>,
}

impl Document {
    pub fn new(path: String, text: String, encoding: Encoding, replaced: usize) -> Self {
        let paragraphs = split_paragraphs(&text);
        Document {
            path,
            text,
            encoding,
            replaced,
            paragraphs,
            file: None,
        }
    }

    /// The file on disk, for a corpus at `root`: opening `root/path` would miss
    /// (and saving there create) a file whose real name is not UTF-8.
    pub fn file_path(&self, root: &Path) -> PathBuf {
        self.file.clone().unwrap_or_else(|| root.join(&self.path))
    }

    /// The paragraph with this 1-based line number, if that line is not blank.
    pub fn paragraph(&self, number: usize) -> Option<&Paragraph> {
        self.paragraphs
            .binary_search_by_key(&number, |p| p.number)
            .ok()
            .map(|i| &self.paragraphs[i])
    }

    /// The paragraph that contains byte `offset`, or the last one before it.
    pub fn paragraph_at(&self, offset: usize) -> Option<&Paragraph> {
        let i = self.paragraphs.partition_point(|p| p.start <= offset);
        i.checked_sub(1).map(|i| &self.paragraphs[i])
    }

    pub fn passages(&self) -> Vec<Passage> {
        let mut out = Vec::with_capacity(self.paragraphs.len());
        for p in &self.paragraphs {
            split_passages(&self.text, p, &mut out);
        }
        out
    }
}

fn split_paragraphs(text: &str) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split('\n').enumerate() {
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = offset + lead;
            paragraphs.push(Paragraph {
                number: i + 1,
                start,
                end: start + trimmed.len(),
            });
        }
        offset += line.len() + 1;
    }
    paragraphs
}

fn split_passages(text: &str, p: &Paragraph, out: &mut Vec<Passage>) {
    if p.end - p.start <= MAX_PASSAGE_BYTES {
        out.push(Passage {
            paragraph: p.number,
            start: p.start,
            end: p.end,
        });
        return;
    }
    let mut current: Option<Range<usize>> = None;
    let sentences = sentence_spans(text, p.range())
        .into_iter()
        .flat_map(|s| cut_long_sentence(text, s));
    for s in sentences {
        current = match current {
            Some(c) if s.end - c.start > MAX_PASSAGE_BYTES => {
                out.push(Passage {
                    paragraph: p.number,
                    start: c.start,
                    end: c.end,
                });
                Some(s)
            }
            Some(c) => Some(c.start..s.end),
            None => Some(s),
        };
    }
    if let Some(c) = current {
        out.push(Passage {
            paragraph: p.number,
            start: c.start,
            end: c.end,
        });
    }
}

/// `text[s]` in pieces of at most [`MAX_PASSAGE_BYTES`], cut after the last space
/// that fits, or at a character boundary when there is none; each piece trimmed.
fn cut_long_sentence(text: &str, s: Range<usize>) -> Vec<Range<usize>> {
    if s.end - s.start <= MAX_PASSAGE_BYTES {
        return vec![s];
    }
    let mut pieces = Vec::new();
    let mut start = s.start;
    while s.end - start > MAX_PASSAGE_BYTES {
        let mut limit = start + MAX_PASSAGE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let cut = text[start..limit]
            .rfind(char::is_whitespace)
            .map(|i| start + i)
            .filter(|&i| i > start)
            .unwrap_or(limit);
        let piece = &text[start..cut];
        let trimmed = piece.trim_end();
        if !trimmed.is_empty() {
            pieces.push(start..start + trimmed.len());
        }
        let rest = &text[cut..s.end];
        start = cut + (rest.len() - rest.trim_start().len());
    }
    if start < s.end {
        pieces.push(start..s.end);
    }
    pieces
}

/// Decodes a file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or
/// Windows-1256 when the bytes are not mostly UTF-8. Returns the text, the
/// encoding and how many sequences were replaced.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding, usize), Skip> {
    if bytes.is_empty() {
        return Err(Skip::Empty);
    }
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(Skip::TooLarge(bytes.len() as u64));
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let encoding = if enc == encoding_rs::UTF_16LE {
            Encoding::Utf16Le
        } else if enc == encoding_rs::UTF_16BE {
            Encoding::Utf16Be
        } else {
            Encoding::Utf8
        };
        let (text, _) = enc.decode_without_bom_handling(body);
        let replaced = text.matches('\u{FFFD}').count();
        return finish(text.into_owned(), encoding, replaced);
    }
    if looks_binary(bytes) {
        return Err(Skip::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_string(), Encoding::Utf8, 0);
    }
    let (valid_multibyte, invalid) = utf8_census(bytes);
    if valid_multibyte >= 4 * invalid {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return finish(text, Encoding::Utf8, invalid);
    }
    let (text, _, _) = encoding_rs::WINDOWS_1256.decode(bytes);
    finish(text.into_owned(), Encoding::Windows1256, 0)
}

fn finish(
    text: String,
    encoding: Encoding,
    replaced: usize,
) -> Result<(String, Encoding, usize), Skip> {
    if text.trim().is_empty() {
        return Err(Skip::Empty);
    }
    let chars = text.chars().count();
    if replaced * 10 > chars {
        return Err(Skip::Undecodable(encoding.name()));
    }
    if text.contains('\0') {
        return Err(Skip::Binary);
    }
    Ok((text, encoding, replaced))
}

/// A NUL byte, or many control bytes, in the first 8 KiB mark a binary file.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 20 > head.len()
}

/// Counts valid non-ASCII characters and invalid sequences in `bytes` as UTF-8.
fn utf8_census(bytes: &[u8]) -> (usize, usize) {
    let mut valid = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (valid, invalid)
}

/// True for the file names the corpus takes: `.txt` and `.md`.
pub fn is_source_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
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
    };
    walk.directory(root, "", false);
    Ok(walk.warnings)
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
                continue; // neither a folder nor a source file
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

/// Corpora of more files than this are read on several threads.
const PARALLEL_READ_FROM: usize = 256;

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

pub fn mtime_ns(m: &std::fs::Metadata) -> i128 {
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

/// A whole corpus read into memory: fine for the explorer and the timeline on
/// archives of a few thousand documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Corpus {
    pub root: PathBuf,
    pub documents: Vec<Document>,
    pub warnings: Vec<Warning>,
}

impl Corpus {
    /// Lists and reads every source under `root`; unreadable files become warnings.
    pub fn load(root: &Path) -> Result<Corpus> {
        let (files, mut warnings) = list_sources(root)?;
        let mut documents = Vec::with_capacity(files.len());
        let read = crate::parallel::map_in_order(&files, PARALLEL_READ_FROM, read_source);
        for (file, outcome) in files.iter().zip(read) {
            match outcome {
                Ok(doc) => {
                    warnings.extend(replacement_warning(&doc));
                    documents.push(doc);
                }
                Err(skip) => warnings.push(Warning {
                    path: file.rel.clone(),
                    message: skip.to_string(),
                }),
            }
        }
        // In name order, so a document is found by name in log time (the walk's
        // order differs only where a name holds a character below '/').
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Corpus {
            root: root.to_path_buf(),
            documents,
            warnings,
        })
    }

    pub fn document(&self, path: &str) -> Option<&Document> {
        self.position(path).map(|i| &self.documents[i])
    }

    /// Where the document named `path` is in [`Corpus::documents`]: a binary
    /// search (400,000 documents are a click away), then a scan for a corpus
    /// that was not built in name order.
    pub fn position(&self, path: &str) -> Option<usize> {
        self.documents
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
            .or_else(|| self.documents.iter().position(|d| d.path == path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_found_by_name_whatever_the_walk_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        // The walk visits a/ before a-b.txt; name order puts a-b.txt first.
        for name in ["a/b.txt", "a-b.txt", "c.md"] {
            std::fs::write(dir.path().join(name), "نص").unwrap();
        }
        let corpus = Corpus::load(dir.path()).unwrap();
        let names: Vec<&str> = corpus.documents.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(names, ["a-b.txt", "a/b.txt", "c.md"]);
        for (i, name) in names.iter().enumerate() {
            assert_eq!(corpus.position(name), Some(i));
        }
        assert_eq!(corpus.position("missing.txt"), None);
        assert_eq!(
            corpus.document("c.md").map(|d| d.path.as_str()),
            Some("c.md")
        );
    }

    #[test]
    fn paragraphs_are_non_blank_lines_with_line_numbers() {
        let doc = Document::new(
            "a".into(),
            "أول\n\n  ثان \r\nثالث".into(),
            Encoding::Utf8,
            0,
        );
        let got: Vec<(usize, &str)> = doc
            .paragraphs
            .iter()
            .map(|p| (p.number, &doc.text[p.range()]))
            .collect();
        assert_eq!(got, [(1, "أول"), (3, "ثان"), (4, "ثالث")]);
        assert_eq!(
            doc.paragraph(3).map(|p| p.start),
            Some(doc.text.find("ثان").unwrap())
        );
        assert_eq!(doc.paragraph(2), None);
    }

    #[test]
    fn long_paragraphs_become_passages_of_whole_sentences() {
        let sentence = "هذه جملة طويلة بعض الشيء عن قوات حفظ السلام الروسية في المنطقة. ";
        let text = sentence.repeat(40);
        let doc = Document::new("a".into(), text.clone(), Encoding::Utf8, 0);
        let passages = doc.passages();
        assert!(passages.len() > 1);
        for p in &passages {
            assert!(p.end - p.start <= MAX_PASSAGE_BYTES);
            assert!(text[p.start..p.end].ends_with('.'));
        }
        assert_eq!(passages.first().map(|p| p.start), Some(0));
    }

    #[test]
    fn decodes_utf8_with_and_without_bom() {
        assert_eq!(decode("سلام".as_bytes()).unwrap().0, "سلام");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("سلام".as_bytes());
        assert_eq!(decode(&bom).unwrap().0, "سلام");
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "قره باغ".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(
            decode(&le).unwrap(),
            ("قره باغ".to_string(), Encoding::Utf16Le, 0)
        );
        assert_eq!(
            decode(&be).unwrap(),
            ("قره باغ".to_string(), Encoding::Utf16Be, 0)
        );
    }

    #[test]
    fn decodes_windows_1256() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("قوات حفظ السلام الروسية");
        let (text, enc, _) = decode(&bytes).unwrap();
        assert_eq!(
            (text.as_str(), enc),
            ("قوات حفظ السلام الروسية", Encoding::Windows1256)
        );
    }

    #[test]
    fn invalid_utf8_in_the_middle_keeps_the_rest() {
        let mut bytes = "قوات حفظ السلام ".repeat(5).into_bytes();
        bytes.extend_from_slice(&[0xFF, 0xFE, 0x80]);
        bytes.extend_from_slice("ستيباناكيرت".as_bytes());
        let (text, enc, replaced) = decode(&bytes).unwrap();
        assert_eq!(enc, Encoding::Utf8);
        assert!(replaced >= 1);
        assert!(text.ends_with("ستيباناكيرت"));
    }

    #[test]
    fn a_sentence_longer_than_a_passage_is_cut_at_spaces() {
        let text = "كلمة ".repeat(1000) + "آخر";
        let doc = Document::new("a".into(), text.clone(), Encoding::Utf8, 0);
        let passages = doc.passages();
        assert!(passages.len() > 1);
        let mut words = 0;
        for p in &passages {
            assert!(p.end - p.start <= MAX_PASSAGE_BYTES);
            let piece = &text[p.start..p.end];
            assert_eq!(piece, piece.trim());
            words += piece.split(' ').count();
        }
        assert_eq!(words, 1001, "every word in exactly one passage");
        // No spaces at all: cut at character boundaries.
        let text = "ب".repeat(5000);
        let doc = Document::new("b".into(), text.clone(), Encoding::Utf8, 0);
        let total: usize = doc.passages().iter().map(|p| p.end - p.start).sum();
        assert_eq!(total, text.len());
        assert!(doc
            .passages()
            .iter()
            .all(|p| p.end - p.start <= MAX_PASSAGE_BYTES));
    }

    #[test]
    fn files_over_the_limit_are_too_large() {
        let big = vec![b'a'; MAX_SOURCE_BYTES as usize + 1];
        assert_eq!(decode(&big), Err(Skip::TooLarge(MAX_SOURCE_BYTES + 1)));
        let message = Skip::TooLarge(100 * 1024 * 1024).to_string();
        assert_eq!(
            message,
            "too large (100.0 MB; sanad reads files up to 32.0 MB), skipped"
        );
    }

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

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(decode(b""), Err(Skip::Empty));
        assert_eq!(decode(b"  \n"), Err(Skip::Empty));
        assert_eq!(decode(b"\x7fELF\x02\x01\x01\0\0\0"), Err(Skip::Binary));
    }
}
