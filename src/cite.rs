//! Citation markers (`[23]`) and the reference lists they point to.
//!
//! Encyclopedic sources copied from the web keep their footnote markers inline and
//! their reference list at the end, one entry per line starting with `^`
//! (Wikipedia's back-link caret). The n-th such line is reference n.

use std::ops::Range;

use crate::corpus::Document;

/// A citation marker as written in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Byte span of the whole marker, brackets included.
    pub start: usize,
    pub end: usize,
    /// What is between the brackets: `23`, `note 3`.
    pub label: String,
}

impl Marker {
    /// The marker as written: `[23]`.
    pub fn written(&self) -> String {
        format!("[{}]", self.label)
    }

    /// The reference number, when the label is one.
    pub fn number(&self) -> Option<usize> {
        self.label.trim().parse().ok()
    }
}

/// Length in bytes of the citation marker at the start of `s` (`[14]`,
/// `[note 3]`), if there is one: the marker grammar, which every scanner of
/// markers goes through. A label is short, has a digit and no `[`.
pub fn marker_len(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('[')?;
    let close = inner.find(']')?;
    let label = &inner[..close];
    let plausible = !label.is_empty()
        && label.len() <= MAX_LABEL_BYTES
        && label.chars().any(|c| c.is_ascii_digit())
        && !label.contains('[');
    plausible.then_some(close + 2)
}

/// Longer bracketed text is prose, not a marker.
const MAX_LABEL_BYTES: usize = 24;

/// The byte spans (brackets included) of the citation markers in `text`, in
/// order.
pub fn markers(text: &str) -> Markers<'_> {
    Markers { text, from: 0 }
}

/// Iterator of [`markers`].
#[derive(Debug, Clone)]
pub struct Markers<'a> {
    text: &'a str,
    /// Where the search for the next `[` resumes.
    from: usize,
}

impl Iterator for Markers<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        while let Some(found) = self.text.get(self.from..)?.find('[') {
            let at = self.from + found;
            match marker_len(&self.text[at..]) {
                Some(len) => {
                    self.from = at + len;
                    return Some(at..at + len);
                }
                None => self.from = at + 1,
            }
        }
        self.from = self.text.len();
        None
    }
}

/// The citation markers inside `text[range]`, in order.
pub fn markers_in(text: &str, range: Range<usize>) -> Vec<Marker> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    markers(slice)
        .map(|span| Marker {
            start: range.start + span.start,
            end: range.start + span.end,
            label: label_of(&slice[span]).to_string(),
        })
        .collect()
}

/// True when the text has at least one numbered citation marker (`[23]`, not
/// `[note 3]`): the mark of an encyclopedic or scholarly source rather than a
/// news story.
pub fn has_markers(text: &str) -> bool {
    markers(text).any(|span| label_of(&text[span]).bytes().all(|b| b.is_ascii_digit()))
}

/// `text` without its citation markers.
pub fn without_markers(text: &str) -> String {
    let mut clean = String::with_capacity(text.len());
    let mut from = 0;
    for span in markers(text) {
        clean.push_str(&text[from..span.start]);
        from = span.end;
    }
    clean.push_str(&text[from..]);
    clean
}

/// What is between a marker's brackets.
fn label_of(marker: &str) -> &str {
    &marker[1..marker.len() - 1]
}

/// One entry of a reference list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The 1-based number markers use for it.
    pub number: usize,
    /// Line number of the entry (its paragraph).
    pub paragraph: usize,
    /// Byte span of the entry's text, caret excluded.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A document's reference list: the lines starting with `^`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReferenceList {
    entries: Vec<Reference>,
}

impl ReferenceList {
    pub fn of(doc: &Document) -> ReferenceList {
        let mut entries = Vec::new();
        for p in &doc.paragraphs {
            let line = &doc.text[p.range()];
            let Some(body) = entry_body(line) else {
                continue;
            };
            let start = p.end - body.len();
            let number = explicit_number(line).unwrap_or(entries.len() + 1);
            entries.push(Reference {
                number,
                paragraph: p.number,
                start,
                end: p.end,
                text: body.to_string(),
            });
        }
        ReferenceList { entries }
    }

    pub fn entries(&self) -> &[Reference] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry a marker points to, if the list has it.
    pub fn resolve(&self, marker: &Marker) -> Option<&Reference> {
        let n = marker.number()?;
        // Entries are usually numbered by position; look there first.
        match n.checked_sub(1).and_then(|i| self.entries.get(i)) {
            Some(r) if r.number == n => Some(r),
            _ => self.entries.iter().find(|r| r.number == n),
        }
    }

    /// True for a line of the reference list: its dates are bibliography, never
    /// events.
    pub fn is_reference_line(&self, paragraph: usize) -> bool {
        // Entries are in line order.
        self.entries
            .binary_search_by_key(&paragraph, |r| r.paragraph)
            .is_ok()
    }
}

/// The entry text of a reference line: `^ text`, or `12. ^ text` with its
/// number written before the caret.
fn entry_body(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = if rest.len() < line.len() {
        rest.trim_start_matches(['.', ')', ' '])
    } else {
        rest
    };
    let body = rest.strip_prefix('^')?;
    Some(body.trim_start())
}

fn explicit_number(line: &str) -> Option<usize> {
    let digits: &str = &line[..line
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(line.len())];
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Encoding;

    fn doc(text: &str) -> Document {
        Document::new("a.txt".into(), text.into(), Encoding::Utf8, 0)
    }

    #[test]
    fn finds_markers_with_their_spans() {
        let text = "انتهت الحرب.[23]وفي أبريل [note 4] ثم [x] و[24][25]";
        let got = markers_in(text, 0..text.len());
        let labels: Vec<&str> = got.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, ["23", "note 4", "24", "25"]);
        assert_eq!(&text[got[0].start..got[0].end], "[23]");
        assert_eq!(got[0].written(), "[23]");
        assert!(has_markers(text));
        assert!(!has_markers("لا شيء [هنا] ولا [note]"));
        assert!(!has_markers("[note 3]"), "only numbered markers count");
        assert_eq!(without_markers(text), "انتهت الحرب.وفي أبريل  ثم [x] و");
    }

    #[test]
    fn marker_grammar() {
        assert_eq!(marker_len("[14] بعد"), Some(4));
        assert_eq!(marker_len("[note 3]"), Some(8));
        let long = format!("[{}1]", "a".repeat(MAX_LABEL_BYTES));
        for not in ["[]", "[x]", "[[1]", "[1", "x[1]", long.as_str()] {
            assert_eq!(marker_len(not), None, "{not}");
        }
        let spans: Vec<_> = markers("[[1]][x][2]").collect();
        assert_eq!(spans, [1..4, 8..11]);
    }

    #[test]
    fn caret_lines_are_numbered_in_order() {
        let d = doc("نص.[1] ثم.[2][3]\n^Kucera (2020). EurasiaNet.\n\n^ Hakobyan (2020).\n");
        let refs = ReferenceList::of(&d);
        assert_eq!(refs.entries().len(), 2);
        let m = markers_in(&d.text, 0..d.text.len());
        assert_eq!(
            refs.resolve(&m[0]).map(|r| r.text.as_str()),
            Some("Kucera (2020). EurasiaNet.")
        );
        assert_eq!(refs.resolve(&m[1]).map(|r| r.paragraph), Some(4));
        assert_eq!(refs.resolve(&m[2]), None, "no third entry");
        assert!(refs.is_reference_line(2));
        assert!(!refs.is_reference_line(1));
    }

    #[test]
    fn numbered_caret_lines_keep_their_number() {
        let d = doc("نص\n7. ^ مرجع سابع\n");
        let refs = ReferenceList::of(&d);
        assert_eq!(refs.entries()[0].number, 7);
        assert_eq!(refs.entries()[0].text, "مرجع سابع");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in ["[", "[[", "[]", "[1", "^", "1.", "١. ^ x", "[\u{0}9]"] {
            let _ = markers_in(t, 0..t.len());
            let _ = has_markers(t);
            let _ = without_markers(t);
            let _ = ReferenceList::of(&doc(t));
        }
        assert!(markers_in("ab", 0..10).is_empty());
    }
}
