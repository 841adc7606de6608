//! The corpus as the explorer holds it: the names of its files, and the few
//! documents on screen or seen last, read from their source files when they
//! are shown and kept in a bounded cache; and what is known of each file
//! (title, outlet, date), from the index's records when it is shown.
//!
//! Holding every document took the explorer 516 MB of heap on a 404,140-file
//! archive, and every description 506 MB more; the names take a few bytes a
//! file, the document cache holds at most [`CACHE_DOCUMENTS`] documents and,
//! beyond the one shown, at most [`CACHE_BYTES`] of their text, and at most
//! [`CACHE_SOURCES`] descriptions are kept.

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::cite::ReferenceList;
use crate::corpus::{read_source, Corpus, Document, Skip, SourceFile};
use crate::extract::Format;
use crate::filelist::FileList;
use crate::index::{Listing, RecordPlaces};
use crate::metadata::{Metadata, Source};

/// Documents kept read at most.
pub const CACHE_DOCUMENTS: usize = 32;

/// Text kept read at most (bytes), beyond the latest document, whatever its
/// size.
pub const CACHE_BYTES: usize = 64 * 1024 * 1024;

/// Descriptions read from the index kept at most: a few screens of the
/// document list.
pub const CACHE_SOURCES: usize = 1024;

/// A document read for showing, with what the screen needs of it that is
/// worth working out once: its reference list.
#[derive(Debug, PartialEq)]
pub struct Opened {
    pub doc: Document,
    pub references: ReferenceList,
}

impl Opened {
    pub fn new(doc: Document) -> Opened {
        let references = ReferenceList::of(&doc);
        Opened { doc, references }
    }

    /// What it weighs in the cache: its text, which dominates.
    fn weight(&self) -> usize {
        self.doc.text.len()
    }
}

/// The files of a corpus in name order, and the documents read of them.
pub struct Shelf {
    root: PathBuf,
    names: FileList,
    /// The file of a name that does not say it: a name that is not UTF-8
    /// shows its bytes as escapes (see [`Document::file`]).
    files: HashMap<usize, PathBuf>,
    /// Documents given in memory (a corpus loaded whole, a test's text),
    /// which need not exist on disk: they are never read again.
    held: HashMap<usize, Arc<Opened>>,
    cache: Mutex<Cache>,
    sources: Sources,
}

/// Where a shelf's descriptions of its files come from.
enum Sources {
    /// Every file's, in memory: a corpus read whole.
    Known(Arc<Metadata>),
    /// The index's records, read when shown and completed with the given
    /// `sources.toml`; the latest read are kept.
    Listed {
        records: Arc<RecordPlaces>,
        given: Arc<Metadata>,
        cache: Mutex<lru::LruCache<usize, Option<Arc<Source>>>>,
    },
}

impl Sources {
    fn known(meta: Metadata) -> Sources {
        Sources::Known(Arc::new(meta))
    }

    fn listed(records: Arc<RecordPlaces>, given: Arc<Metadata>) -> Sources {
        let capacity = NonZeroUsize::new(CACHE_SOURCES).unwrap_or(NonZeroUsize::MIN);
        Sources::Listed {
            records,
            given,
            cache: Mutex::new(lru::LruCache::new(capacity)),
        }
    }
}

impl Clone for Sources {
    /// The same descriptions; the copy keeps its own cache.
    fn clone(&self) -> Sources {
        match self {
            Sources::Known(meta) => Sources::Known(Arc::clone(meta)),
            Sources::Listed { records, given, .. } => {
                Sources::listed(Arc::clone(records), Arc::clone(given))
            }
        }
    }
}

impl std::fmt::Debug for Shelf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shelf")
            .field("root", &self.root)
            .field("files", &self.len())
            .field("held", &self.held.len())
            .finish()
    }
}

impl Clone for Shelf {
    /// The same list; the copy reads its own documents.
    fn clone(&self) -> Shelf {
        Shelf {
            root: self.root.clone(),
            names: self.names.clone(),
            files: self.files.clone(),
            held: self.held.clone(),
            cache: Mutex::new(Cache::new()),
            sources: self.sources.clone(),
        }
    }
}

impl PartialEq for Shelf {
    /// The same files of the same corpus (what is cached does not count).
    fn eq(&self, other: &Self) -> bool {
        self.root == other.root && self.names == other.names
    }
}

impl Shelf {
    /// No files yet: the corpus is still loading.
    pub fn empty(root: PathBuf) -> Shelf {
        Shelf::listing(root, std::iter::empty::<String>())
    }

    /// The files named `names` (relative to `root`), read when they are
    /// shown.
    pub fn listing<S: AsRef<str>>(root: PathBuf, names: impl IntoIterator<Item = S>) -> Shelf {
        Shelf::of_list(root, FileList::of(names))
    }

    /// The files of `names`, read when they are shown.
    pub fn of_list(root: PathBuf, names: FileList) -> Shelf {
        Shelf {
            root,
            names,
            files: HashMap::new(),
            held: HashMap::new(),
            cache: Mutex::new(Cache::new()),
            sources: Sources::known(Metadata::default()),
        }
    }

    /// The files of an index's `listing`, described from its records when
    /// shown, with `given` (the corpus's `sources.toml`) over what the texts
    /// show.
    pub fn of_index(root: PathBuf, listing: Listing, given: Metadata) -> Shelf {
        let Listing { files, records } = listing;
        let mut shelf = Shelf::of_list(root, files);
        shelf.sources = Sources::listed(Arc::new(records), Arc::new(given));
        shelf
    }

    /// The shelf, its files described by `meta` (completed: what the texts
    /// show filled in).
    pub fn described_by(mut self, meta: Metadata) -> Shelf {
        self.sources = Sources::known(meta);
        self
    }

    /// The files of `corpus`, read when they are shown: its texts are not
    /// kept. Where a name does not say its file, the file is remembered.
    pub fn of_corpus(corpus: Corpus) -> Shelf {
        let mut shelf = Shelf::listing(
            corpus.root.clone(),
            corpus.documents.iter().map(|d| d.path.as_str()),
        );
        for doc in corpus.documents {
            if let (Some(file), Some(i)) = (doc.file, shelf.position(&doc.path)) {
                shelf.files.insert(i, file);
            }
        }
        shelf
    }

    /// The documents of `corpus`, kept as given: for a corpus made in
    /// memory, whose files may not exist.
    pub fn holding(corpus: Corpus) -> Shelf {
        let mut shelf = Shelf::listing(
            corpus.root.clone(),
            corpus.documents.iter().map(|d| d.path.as_str()),
        );
        for doc in corpus.documents {
            if let Some(i) = shelf.position(&doc.path) {
                shelf.held.insert(i, Arc::new(Opened::new(doc)));
            }
        }
        shelf
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The name of file `i` (relative to the root, `/`-separated).
    pub fn name(&self, i: usize) -> Option<&str> {
        self.names.get(i)
    }

    /// Every name, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.names.iter()
    }

    /// Where the file named `name` is in the list.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.names.position(name)
    }

    /// The file on disk of entry `i`: the one its document was read from
    /// (a name with escapes does not say it), else the one its name says.
    pub fn file_path(&self, i: usize) -> Option<PathBuf> {
        match self.open(i) {
            Ok(opened) => Some(opened.doc.file_path(&self.root)),
            Err(_) => self.named_path(i),
        }
    }

    /// The file entry `i`'s name says, or the one remembered for it.
    fn named_path(&self, i: usize) -> Option<PathBuf> {
        match self.files.get(&i) {
            Some(file) => Some(file.clone()),
            None => Some(self.root.join(self.name(i)?)),
        }
    }

    /// The format of entry `i`, by its name.
    pub fn format(&self, i: usize) -> Option<Format> {
        self.name(i).map(|n| Format::of(n).unwrap_or(Format::Text))
    }

    /// Document `i`, from the cache or read from its file now; why not, when
    /// the file can no longer be read (removed, emptied, unreadable).
    pub fn open(&self, i: usize) -> Result<Arc<Opened>, Skip> {
        if let Some(held) = self.held.get(&i) {
            return Ok(Arc::clone(held));
        }
        let name = self.name(i).ok_or(Skip::Empty)?;
        if let Some(opened) = self.cache().get(i) {
            return Ok(opened);
        }
        let abs = self.named_path(i).unwrap_or_else(|| self.root.join(name));
        let source = SourceFile {
            rel: name.to_string(),
            abs,
            size: 0,
            mtime_ns: 0,
        };
        let doc = match read_source(&source) {
            Err(Skip::Unreadable(_)) if name.contains("\\x") => self.read_escaped(name)?,
            read => read?,
        };
        let opened = Arc::new(Opened::new(doc));
        self.cache().put(i, Arc::clone(&opened));
        Ok(opened)
    }

    /// The document whose name holds escapes for bytes that are not UTF-8,
    /// found by walking the corpus: a list from the index knows only the
    /// escaped name. Rare, and cached once read.
    fn read_escaped(&self, name: &str) -> Result<Document, Skip> {
        let mut found = None;
        let walked = crate::corpus::walk_sources(&self.root, |file| {
            if file.rel == name {
                found = Some(file);
            }
        });
        match (walked, found) {
            (Ok(_), Some(file)) => read_source(&file),
            _ => Err(Skip::Unreadable(format!(
                "{name} is not in the corpus any more"
            ))),
        }
    }

    /// Document `i` if it can be read.
    pub fn document(&self, i: usize) -> Option<Arc<Opened>> {
        self.open(i).ok()
    }

    /// Forgets the documents read: their files changed.
    pub fn forget_read(&self) {
        *self.cache() = Cache::new();
    }

    /// How many documents are kept read, and their text's bytes.
    pub fn cached(&self) -> (usize, usize) {
        let cache = self.cache();
        (cache.documents.len(), cache.bytes)
    }

    /// What is known of file `i`: its `sources.toml` entry with what its
    /// text shows filled in. Read from the index's record when it is not
    /// at hand, and kept among the latest.
    pub fn source(&self, i: usize) -> Option<Arc<Source>> {
        let Sources::Listed { cache, .. } = &self.sources else {
            return self.read_source(i);
        };
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = cache.get(&i) {
            return known.clone();
        }
        let read = self.read_source(i);
        cache.put(i, read.clone());
        read
    }

    /// True when every description is in memory: none is read from the
    /// index.
    pub fn sources_in_memory(&self) -> bool {
        matches!(self.sources, Sources::Known(_))
    }

    /// [`Shelf::source`] of the file named `name`.
    pub fn source_named(&self, name: &str) -> Option<Arc<Source>> {
        self.source(self.position(name)?)
    }

    /// [`Shelf::source`] read without the cache: for going through every
    /// file (the document list's filter), which would only push out what
    /// the screen shows.
    pub fn read_source(&self, i: usize) -> Option<Arc<Source>> {
        let name = self.name(i)?;
        match &self.sources {
            Sources::Known(meta) => meta.get(name).cloned().map(Arc::new),
            // A record that cannot be read leaves the file known by name
            // (the index is checked, and rebuilt, in the background).
            Sources::Listed { records, given, .. } => {
                let described = records.describe(i, name).ok()?;
                Some(Arc::new(crate::catalog::completed_one(
                    given.get(name),
                    &described,
                )))
            }
        }
    }

    /// `sources.toml` as it describes `files`, with what their texts show
    /// filled in: what a report on those files (an export, a copied event)
    /// needs.
    pub fn metadata_of<'a>(&self, files: impl IntoIterator<Item = &'a str>) -> Metadata {
        let mut meta = Metadata::default();
        for file in files {
            if let Some(source) = self.source_named(file) {
                meta.insert(file, Source::clone(&source));
            }
        }
        meta
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        // A panic while the lock was held leaves nothing half-done worth
        // refusing: at worst a document is read again.
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The documents read last, bounded in number and in bytes.
struct Cache {
    documents: lru::LruCache<usize, Arc<Opened>>,
    bytes: usize,
}

impl Cache {
    fn new() -> Cache {
        let capacity = NonZeroUsize::new(CACHE_DOCUMENTS).unwrap_or(NonZeroUsize::MIN);
        Cache {
            documents: lru::LruCache::new(capacity),
            bytes: 0,
        }
    }

    fn get(&mut self, i: usize) -> Option<Arc<Opened>> {
        self.documents.get(&i).cloned()
    }

    /// Keeps `opened` as the latest, dropping the oldest past either bound
    /// (never the latest itself).
    fn put(&mut self, i: usize, opened: Arc<Opened>) {
        self.bytes += opened.weight();
        if let Some((_, old)) = self.documents.push(i, opened) {
            self.bytes -= old.weight();
        }
        while self.bytes > CACHE_BYTES && self.documents.len() > 1 {
            match self.documents.pop_lru() {
                Some((_, old)) => self.bytes -= old.weight(),
                None => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Encoding;

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn a_document_is_read_when_opened_and_kept_until_forgotten() {
        let dir = folder(&[
            ("a.txt", "أولى\n\nثانية [1]\n"),
            ("b.md", "نص"),
            ("c.pdf", "x"),
        ]);
        let shelf = Shelf::listing(dir.path().to_path_buf(), ["a.txt", "b.md", "c.pdf"]);
        assert_eq!(shelf.cached(), (0, 0));
        let a = shelf.open(0).unwrap();
        assert_eq!(a.doc.path, "a.txt");
        assert_eq!(a.doc.paragraphs.len(), 2);
        // Changed on disk, the cached copy answers until it is forgotten.
        std::fs::write(dir.path().join("a.txt"), "تغير").unwrap();
        assert!(Arc::ptr_eq(&a, &shelf.open(0).unwrap()));
        shelf.forget_read();
        assert_eq!(shelf.open(0).unwrap().doc.text, "تغير");
        assert_eq!(shelf.format(1), Some(Format::Text));
        assert_eq!(shelf.format(2), Some(Format::Pdf));
    }

    #[test]
    fn a_file_gone_since_it_was_listed_says_why() {
        let dir = folder(&[("a.txt", "نص")]);
        let shelf = Shelf::listing(dir.path().to_path_buf(), ["a.txt", "gone.txt"]);
        assert!(matches!(shelf.open(1), Err(Skip::Unreadable(_))));
        assert!(shelf.document(1).is_none());
        assert!(matches!(shelf.open(7), Err(Skip::Empty)));
        std::fs::write(dir.path().join("a.txt"), "").unwrap();
        assert_eq!(shelf.open(0), Err(Skip::Empty));
    }

    #[test]
    fn the_cache_keeps_at_most_its_count_of_documents() {
        let names: Vec<String> = (0..CACHE_DOCUMENTS + 8)
            .map(|i| format!("d{i:03}.txt"))
            .collect();
        let files: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "نص قصير")).collect();
        let dir = folder(&files);
        let shelf = Shelf::listing(dir.path().to_path_buf(), &names);
        for i in 0..names.len() {
            shelf.open(i).unwrap();
        }
        assert_eq!(shelf.cached().0, CACHE_DOCUMENTS);
        // The oldest went first: the first file is read again, the last is not.
        let last = shelf.open(names.len() - 1).unwrap();
        assert!(Arc::ptr_eq(&last, &shelf.open(names.len() - 1).unwrap()));
    }

    #[test]
    fn the_cache_keeps_at_most_its_bytes_but_always_the_latest() {
        let mut cache = Cache::new();
        let big = |n: usize| {
            Arc::new(Opened::new(Document::new(
                "x.txt".into(),
                "ا".repeat(n / 2),
                Encoding::Utf8,
                0,
            )))
        };
        cache.put(0, big(CACHE_BYTES / 2));
        cache.put(1, big(CACHE_BYTES / 2));
        assert_eq!(cache.documents.len(), 2);
        cache.put(2, big(CACHE_BYTES / 4));
        assert_eq!(cache.documents.len(), 2, "the oldest went");
        assert!(cache.get(0).is_none());
        cache.put(3, big(CACHE_BYTES * 2));
        assert_eq!(cache.documents.len(), 1, "a huge latest stays alone");
        assert!(cache.get(3).is_some());
        assert_eq!(cache.bytes, CACHE_BYTES * 2);
    }

    #[test]
    fn documents_held_in_memory_are_never_read_from_disk() {
        let doc = Document::new("nowhere.txt".into(), "نص".into(), Encoding::Utf8, 0);
        let corpus = Corpus {
            root: PathBuf::from("/nonexistent"),
            documents: vec![doc],
            warnings: Vec::new(),
        };
        let shelf = Shelf::holding(corpus);
        assert_eq!(shelf.open(0).unwrap().doc.text, "نص");
        assert_eq!(shelf.cached(), (0, 0));
    }

    #[test]
    fn a_corpus_loaded_whole_keeps_only_its_names() {
        let dir = folder(&[("a.txt", "نص أول"), ("b.txt", "نص ثان")]);
        let corpus = Corpus::load(dir.path()).unwrap();
        let shelf = Shelf::of_corpus(corpus);
        assert_eq!(shelf.len(), 2);
        assert_eq!(shelf.cached(), (0, 0));
        assert_eq!(shelf.open(1).unwrap().doc.text, "نص ثان");
    }
}
