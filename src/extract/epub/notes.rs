//! An EPUB's notes as the book's reference list. EPUB 3 marks them (and
//! DPUB-ARIA roles do the same in any XHTML): a note is an element whose
//! `epub:type` is `footnote`, `endnote` or `rearnote` (or whose `role` is
//! `doc-footnote`, `doc-endnote`), or an item of a list typed `endnotes`,
//! `footnotes`, `rearnotes` (`role="doc-endnotes"`); a reference to it is a
//! link typed `noteref` (`role="doc-noteref"`), in the same chapter or another.
//!
//! The notes are gathered from every chapter first ([`BookNotes::gather`]),
//! then each chapter's text is read with its references written `[n]`, n
//! numbering the notes in the order the book first cites them; notes no
//! reference reaches follow them in the list.

use std::collections::HashMap;

use super::super::xml::{self, collapse_spaces, Step, Tag};
use super::super::zip::{parent, resolve};

/// What an element is to the notes.
#[derive(Debug, PartialEq, Eq)]
pub enum Role {
    /// A note, by its id.
    Note(String),
    /// A list whose items are notes.
    NoteList,
    /// A reference to a note: the link's target.
    Ref(String),
    /// A link from a note back to where it is cited: not the note's text.
    Backlink,
    Other,
}

/// What `tag` is, `in_list` when it is inside a [`Role::NoteList`].
pub fn role_of(tag: &Tag, in_list: bool) -> Role {
    let types = tag.attr("type").unwrap_or_default();
    let role = tag.attr("role").unwrap_or_default();
    let says = |words: &[&str]| {
        types
            .split_whitespace()
            .chain(role.split_whitespace())
            .any(|w| words.contains(&w))
    };
    let name = tag.name();
    if name == "a" {
        return match tag.attr("href") {
            Some(href) if says(&["noteref", "doc-noteref"]) => Role::Ref(href),
            _ if says(&["backlink", "doc-backlink"]) => Role::Backlink,
            _ => Role::Other,
        };
    }
    if says(&["endnotes", "footnotes", "rearnotes", "doc-endnotes"]) {
        return Role::NoteList;
    }
    let is_note = says(&[
        "footnote",
        "endnote",
        "rearnote",
        "note",
        "doc-footnote",
        "doc-endnote",
    ]) || (in_list && name == "li");
    match tag.attr("id") {
        Some(id) if is_note && !id.is_empty() => Role::Note(id),
        _ => Role::Other,
    }
}

/// Where a note is: its chapter's path and its id.
fn key(chapter: &str, id: &str) -> String {
    format!("{chapter}#{id}")
}

/// The note a reference in `chapter` points to (`#n1` in the same chapter,
/// `notes.xhtml#n1` in another).
fn target(chapter: &str, href: &str) -> Option<String> {
    let (file, id) = href.split_once('#')?;
    let file = if file.is_empty() {
        chapter.to_string()
    } else {
        resolve(parent(chapter), file)
    };
    Some(key(&file, id))
}

/// The book's notes, and the numbers the references give them.
#[derive(Debug, Default)]
pub struct BookNotes {
    texts: HashMap<String, String>,
    /// Note keys in the order the chapters hold them.
    found: Vec<String>,
    numbers: HashMap<String, usize>,
    cited: Vec<String>,
}

impl BookNotes {
    /// Takes the notes of one chapter, at `path`.
    pub fn gather(&mut self, path: &str, xhtml: &str) {
        // Every word that marks a note or a list of notes holds "note": a
        // chapter without one is not walked.
        if !xhtml.contains("note") {
            return;
        }
        let mut depth = 0usize;
        // (depth of the note's element, its key, its text so far)
        let mut note: Option<(usize, String, String)> = None;
        let mut list: Option<usize> = None;
        let mut backlink: Option<usize> = None;
        let _ = xml::walk_lenient(xhtml, |step| match step {
            Step::Open(tag) => {
                depth += 1;
                match role_of(&tag, list.is_some()) {
                    Role::Note(id) if note.is_none() => {
                        note = Some((depth, key(path, &id), String::new()))
                    }
                    Role::NoteList if list.is_none() => list = Some(depth),
                    Role::Backlink if backlink.is_none() => backlink = Some(depth),
                    _ => {}
                }
                // Paragraphs of one note are one entry, apart by a space.
                if let Some((_, _, text)) = note.as_mut() {
                    text.push(' ');
                }
            }
            Step::Close(_) => {
                if backlink == Some(depth) {
                    backlink = None;
                }
                if list == Some(depth) {
                    list = None;
                }
                if note.as_ref().is_some_and(|(d, _, _)| *d == depth) {
                    if let Some((_, key, text)) = note.take() {
                        self.add(key, collapse_spaces(&text));
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Step::Text(t) => {
                if let (Some((_, _, text)), None) = (note.as_mut(), backlink) {
                    text.push_str(&t);
                }
            }
        });
    }

    fn add(&mut self, key: String, text: String) {
        let text = text.trim_start_matches(['^', '↑', ' ']).to_string();
        if text.is_empty() || self.texts.contains_key(&key) {
            return;
        }
        self.found.push(key.clone());
        self.texts.insert(key, text);
    }

    /// The number of the note a reference in `chapter` to `href` cites, if
    /// the book has that note: the next number when it is first cited.
    pub fn cite(&mut self, chapter: &str, href: &str) -> Option<usize> {
        let key = target(chapter, href)?;
        if !self.texts.contains_key(&key) {
            return None;
        }
        let next = self.numbers.len() + 1;
        let n = *self.numbers.entry(key.clone()).or_insert(next);
        if n == next {
            self.cited.push(key);
        }
        Some(n)
    }

    /// The reference list: cited notes by number, then the others in book
    /// order.
    pub fn into_list(self) -> Vec<String> {
        let BookNotes {
            mut texts,
            found,
            numbers,
            cited,
        } = self;
        let uncited = found.into_iter().filter(|k| !numbers.contains_key(k));
        cited
            .into_iter()
            .chain(uncited)
            .filter_map(|k| texts.remove(&k))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_gathered_from_asides_and_endnote_lists() {
        let mut notes = BookNotes::default();
        notes.gather(
            "OEBPS/one.xhtml",
            r##"<html xmlns:epub="http://www.idpf.org/2007/ops"><body><p>نص<a epub:type="noteref" href="#n1">1</a></p>
            <aside epub:type="footnote" id="n1"><p>الحاشية <b>الأولى</b>.</p><p>وتتمتها.</p></aside></body></html>"##,
        );
        notes.gather(
            "OEBPS/notes.xhtml",
            r##"<html><body><section role="doc-endnotes"><ol><li id="e1"><a role="doc-backlink" href="one.xhtml#r">↩</a> تعليق آخر</li>
            <li id="e2">تعليق لا يشار إليه</li></ol></section></body></html>"##,
        );
        assert_eq!(notes.cite("OEBPS/one.xhtml", "notes.xhtml#e1"), Some(1));
        assert_eq!(notes.cite("OEBPS/one.xhtml", "#n1"), Some(2));
        assert_eq!(notes.cite("OEBPS/two.xhtml", "notes.xhtml#e1"), Some(1));
        assert_eq!(notes.cite("OEBPS/one.xhtml", "#missing"), None);
        assert_eq!(notes.cite("OEBPS/one.xhtml", "no-fragment.xhtml"), None);
        assert_eq!(
            notes.into_list(),
            ["تعليق آخر", "الحاشية الأولى. وتتمتها.", "تعليق لا يشار إليه"]
        );
    }
}
