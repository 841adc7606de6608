//! The document model: a decoded text, its paragraphs (non-blank lines) and its
//! passages (the unit of search).

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::Encoding;
use crate::extract::{Extracted, FileMeta, Format, Place};
use crate::sentences::sentence_spans;

/// A paragraph longer than this (bytes) is cut into passages of whole sentences,
/// so a search hit never spans a whole long document. A single sentence longer
/// than this is cut at spaces (or anywhere, if it has none).
pub const MAX_PASSAGE_BYTES: usize = 1200;

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
    /// The format it was extracted from: only text is edited in place.
    pub format: Format,
    /// What the file says about itself (HTML `<title>`, DOCX properties…);
    /// boxed, since plain text has none.
    pub meta: Option<Box<FileMeta>>,
    /// Where the original's pages or chapters begin, in line order.
    pub places: Vec<Place>,
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
            format: Format::Text,
            meta: None,
            places: Vec::new(),
        }
    }

    /// The document a file of `format` was extracted into.
    pub fn extracted(path: String, format: Format, extracted: Extracted) -> Self {
        let Extracted {
            text,
            encoding,
            replaced,
            meta,
            places,
        } = extracted;
        let mut doc = Document::new(path, text, encoding, replaced);
        doc.format = format;
        doc.meta = (meta != FileMeta::default()).then(|| Box::new(meta));
        doc.places = places;
        doc
    }

    /// The page or chapter the line `number` is in, if the original has them.
    pub fn place_of(&self, number: usize) -> Option<&Place> {
        let after = self.places.partition_point(|p| p.line <= number);
        after.checked_sub(1).map(|i| &self.places[i])
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
