//! Turning a source file of any format sanad reads into the text it indexes.
//!
//! Every format ends as the same thing: one paragraph per line (what the seeds
//! are), notes as a reference list at the end (lines starting with `^`, the
//! convention [`crate::cite`] resolves `[n]` markers against), where each page
//! or chapter begins, and the metadata the file itself carries. Everything
//! downstream (passages, the index, the timeline, the layout) sees only that.
//!
//! * `text`: .txt and .md, decoded as they are.
//! * `html`: saved web pages, the article without the site around it.
//! * `pdf`: PDFs, through poppler's `pdftotext`.
//! * `docx`: Word documents, footnotes and endnotes as the reference list.
//! * `odt`: OpenDocument text, its notes as the reference list.
//! * `epub`: EPUB books, chapters in spine order titled from the table of
//!   contents.
//! * `zip`: the bounded, in-memory reading of the archives office files are,
//!   and resolving paths inside them.
//! * `xml`: the flat walk over their XML (no DTD, no entity expansion) and the
//!   lines of text built from it.
//!
//! Extraction never reaches the network and never fails the corpus: a file it
//! cannot read is a [`Skip`] naming why, and the rest goes on.

mod pdf;

use crate::corpus::{decode, Encoding, Skip};
use crate::metadata::Date;

mod docx;
mod epub;
mod html;
mod odt;
mod xml;
mod zip;

/// Bumped whenever any extractor's output changes: it is part of the index's
/// fingerprint, so an index built by another version is rebuilt.
pub const EXTRACTOR_VERSION: u32 = 4;

/// The file formats sanad reads, told by the file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text and Markdown: read as written.
    Text,
    /// Web pages as browsers save them.
    Html,
    /// PDF, read through poppler's pdftotext.
    Pdf,
    /// Word's Office Open XML documents.
    Docx,
    /// OpenDocument text (LibreOffice, Google Docs' export).
    Odt,
    /// EPUB 2 and 3 books.
    Epub,
}

/// Every format with the extensions that name it, in the order messages list
/// them.
const EXTENSIONS: &[(Format, &[&str])] = &[
    (Format::Text, &["txt", "md"]),
    (Format::Html, &["html", "htm", "xhtml"]),
    (Format::Docx, &["docx"]),
    (Format::Odt, &["odt"]),
    (Format::Epub, &["epub"]),
    (Format::Pdf, &["pdf"]),
];

impl Format {
    /// The format a file name says, if sanad reads it (a name need not be
    /// UTF-8; its extension must).
    pub fn of(name: impl AsRef<std::path::Path>) -> Option<Format> {
        let ext = name.as_ref().extension()?.to_str()?;
        EXTENSIONS
            .iter()
            .find(|(_, exts)| exts.iter().any(|e| e.eq_ignore_ascii_case(ext)))
            .map(|(format, _)| *format)
    }

    /// True when the file is text as written: shown, edited and saved as is.
    pub fn is_text(self) -> bool {
        self == Format::Text
    }
}

/// The file types sanad reads, for messages: `.txt, .md`.
pub fn read_types() -> String {
    EXTENSIONS
        .iter()
        .flat_map(|(_, exts)| exts.iter())
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the file says about itself: filled into the fields `sources.toml`
/// leaves empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileMeta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// When it was published, as the file says (a news page's
    /// `article:published_time`).
    pub date: Option<Date>,
    /// When the file was made (a PDF's or a Word file's creation date): the
    /// publication date only when the text itself shows none.
    pub created: Option<Date>,
    pub url: Option<String>,
    /// Where in the file each value was found (`<title>`, `og:site_name`, …),
    /// for `sanad sources`.
    pub from: Vec<(&'static str, &'static str)>,
}

impl FileMeta {
    /// Takes `value`, found at `from`, as the title when there is none yet.
    fn set_title(&mut self, value: Option<String>, from: &'static str) {
        fill(&mut self.title, &mut self.from, ("title", from), value);
    }

    /// Takes `value`, found at `from`, as the outlet when there is none yet.
    fn set_outlet(&mut self, value: Option<String>, from: &'static str) {
        fill(&mut self.outlet, &mut self.from, ("outlet", from), value);
    }

    /// Takes `value`, found at `from`, as the address when there is none yet.
    fn set_url(&mut self, value: Option<String>, from: &'static str) {
        fill(&mut self.url, &mut self.from, ("url", from), value);
    }

    /// Takes the day of the ISO timestamp `stamp`, found at `from`, as the
    /// date when there is none yet and it is one.
    fn set_iso_date(&mut self, stamp: Option<&str>, from: &'static str) {
        fill(
            &mut self.date,
            &mut self.from,
            ("date", from),
            stamp.and_then(iso_day),
        );
    }

    /// Takes the day of the ISO timestamp `stamp`, found at `from`, as the
    /// day the file was made when there is none yet and it is one.
    fn set_iso_created(&mut self, stamp: Option<&str>, from: &'static str) {
        let day = stamp.and_then(iso_day);
        fill(&mut self.created, &mut self.from, ("created", from), day);
    }

    /// Where the value of `field` (`title`, `outlet`, `date`, `created`,
    /// `url`) was found.
    pub fn source_of(&self, field: &str) -> Option<&'static str> {
        self.from.iter().find(|(f, _)| *f == field).map(|(_, w)| *w)
    }
}

/// Puts `value` in `slot` when it is empty, noting where it was found.
fn fill<T>(
    slot: &mut Option<T>,
    from: &mut Vec<(&'static str, &'static str)>,
    found: (&'static str, &'static str),
    value: Option<T>,
) {
    if let (None, Some(v)) = (&slot, value) {
        *slot = Some(v);
        from.push(found);
    }
}

/// Where a page or chapter of the original begins in the extracted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// 1-based line of the extracted text where it begins.
    pub line: usize,
    /// The PDF page, from 1.
    pub page: Option<u32>,
    /// The EPUB chapter's title (or its file name when the book gives none).
    pub chapter: Option<String>,
}

/// A passage's address as text output writes it: `file:paragraph`, or
/// `file:page:paragraph` in a PDF and `file:chapter:paragraph` in a book.
pub fn address(file: &str, page: Option<u64>, chapter: Option<&str>, paragraph: u64) -> String {
    match (page, chapter) {
        (Some(page), _) => format!("{file}:{page}:{paragraph}"),
        (None, Some(chapter)) => format!("{file}:{chapter}:{paragraph}"),
        (None, None) => format!("{file}:{paragraph}"),
    }
}

/// A file's extracted text and what came with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub text: String,
    pub encoding: Encoding,
    /// How many undecodable sequences were replaced by U+FFFD.
    pub replaced: usize,
    pub meta: FileMeta,
    /// In line order; empty for formats without pages or chapters.
    pub places: Vec<Place>,
}

impl Extracted {
    /// Text with nothing else known about it.
    pub fn plain(text: String, encoding: Encoding, replaced: usize) -> Extracted {
        Extracted {
            text,
            encoding,
            replaced,
            meta: FileMeta::default(),
            places: Vec::new(),
        }
    }
}

/// The day an ISO 8601 timestamp names (`2023-09-21`, `2023-09-21T08:30:00+03:00`):
/// the calendar day as written, whatever its zone, since that is the day the
/// page was dated for its readers.
pub fn iso_day(stamp: &str) -> Option<Date> {
    let stamp = stamp.trim();
    let day = stamp.get(..10)?;
    let rest = &stamp[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    let mut parts = day.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Extracts the text of a file of `format` from its bytes.
pub fn extract(format: Format, bytes: &[u8]) -> Result<Extracted, Skip> {
    match format {
        Format::Text => {
            let (text, encoding, replaced) = decode(bytes)?;
            Ok(Extracted::plain(text, encoding, replaced))
        }
        Format::Html => html::extract(bytes),
        Format::Pdf => pdf::extract(bytes),
        Format::Docx => docx::extract(bytes),
        Format::Odt => odt::extract(bytes),
        Format::Epub => epub::extract(bytes),
    }
}

/// Asserts that the `[n]` markers of an extraction resolve, in order, to
/// these notes (`None`: to none), as the `i` popup and the timeline resolve
/// them.
#[cfg(test)]
pub(crate) fn assert_markers_resolve(got: &Extracted, expected: &[Option<&str>]) {
    let doc = crate::corpus::Document::new("a".into(), got.text.clone(), got.encoding, 0);
    let refs = crate::cite::ReferenceList::of(&doc);
    let resolved: Vec<Option<&str>> = crate::cite::markers_in(&doc.text, 0..doc.text.len())
        .iter()
        .map(|m| refs.resolve(m).map(|r| r.text.as_str()))
        .collect();
    assert_eq!(resolved, expected);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_extension_whatever_its_case() {
        assert_eq!(Format::of("a/b.txt"), Some(Format::Text));
        assert_eq!(Format::of("NOTES.MD"), Some(Format::Text));
        assert_eq!(Format::of("a.doc"), None);
        assert_eq!(Format::of("تقرير.DOCX"), Some(Format::Docx));
        assert_eq!(Format::of("a/b.odt"), Some(Format::Odt));
        assert_eq!(Format::of("صفحة.HTM"), Some(Format::Html));
        assert_eq!(Format::of("a.xhtml"), Some(Format::Html));
        assert_eq!(Format::of("كتاب.epub"), Some(Format::Epub));
        assert_eq!(Format::of("txt"), None);
        // A hidden file named `.txt` has no extension, as before.
        assert_eq!(Format::of(".txt"), None);
    }

    #[test]
    fn iso_timestamps_give_the_day_as_written() {
        let day = |s| iso_day(s).map(|d| d.to_string());
        assert_eq!(day("2023-09-21"), Some("2023-09-21".into()));
        assert_eq!(
            day(" 2023-09-21T23:30:00-05:00 "),
            Some("2023-09-21".into())
        );
        assert_eq!(day("2023-09-21 08:00"), Some("2023-09-21".into()));
        for bad in [
            "2023-9-21",
            "2023-02-30",
            "20230921",
            "2023-09-211",
            "",
            "٢٠٢٣-٠٩-٢١",
        ] {
            assert_eq!(day(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_list_of_read_types_names_every_extension() {
        let listed = read_types();
        for (_, exts) in EXTENSIONS {
            for e in *exts {
                assert!(listed.contains(&format!(".{e}")), "{listed}");
            }
        }
    }
}
