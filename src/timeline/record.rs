//! What the timeline keeps of one file: how it is described and dated, and
//! its dated mentions with what merging compares of each. A record is built
//! once per file, when the file is read (the index keeps it, see
//! `index::events`), and the timeline is merged from records alone: neither
//! the text nor the date rules are needed again.
//!
//! A record is compact, since a timeline merges hundreds of thousands of
//! mentions at once: the mentions' strings lie end to end in one buffer and
//! their clue words in one list, each mention holding positions into them.
//! A [`Mention`] is made only for an entry being built.

use rustc_hash::FxHashMap as HashMap;

use serde::{Deserialize, Serialize};

use super::counts::TermCounts;
use super::extract;
use super::mention::{Certainty, Draft, Mention};
use super::merge::{self, ClueWord, Clues, TermList};
use super::period::When;
use super::resolve::Resolver;
use crate::catalog::{self, Described};
use crate::corpus::Document;
use crate::metadata::{Date, Source};

/// One file's part of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    /// Title, outlet, date and kind, each with where it came from.
    pub described: Described,
    pub mentions: Mentions,
}

/// A file's mentions, packed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mentions {
    /// The terms the clue words number, end to end, and where each ends:
    /// one buffer, not a string per term (a file has hundreds).
    terms: String,
    term_ends: Vec<u32>,
    /// The clue words number the terms of a [`RecordSet`]'s vocabulary
    /// instead, and the file's own list is gone. Never saved: a record is
    /// saved with its own list.
    #[serde(skip)]
    shared: bool,
    dated: Vec<Dated>,
    /// Texts, dates as written, markers, references and chapters.
    strings: String,
    /// The markers and references of each mention, as spans of `strings`.
    lists: Vec<Span>,
    /// Clue words: an index into `pairs`, with [`NEAR`] set for a word near
    /// the date.
    words: Vec<u32>,
    /// (stem, bare form or [`NO_TERM`]), each pair once per file.
    pairs: Vec<(u32, u32)>,
    quantities: Vec<(u32, u64)>,
}

const NEAR: u32 = 1 << 31;
const NO_TERM: u32 = u32::MAX;

/// Bytes `start .. start + len` of a record's buffer or list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Span {
    start: u32,
    len: u32,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        let start = self.start as usize;
        start..start + self.len as usize
    }
}

/// One mention, as positions into its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Dated {
    /// [`When::code`], in 32 bits: years 1 to 9999 fit.
    when: (u8, i32),
    end: Option<(u8, i32)>,
    certainty: u8,
    paragraph: u32,
    page: Option<u32>,
    chapter: Option<Span>,
    /// Byte spans in the document: the clause, and the date in it.
    at: (u32, u32),
    date_at: (u32, u32),
    text: Span,
    date_text: Span,
    markers: Span,
    references: Span,
    words: Span,
    quantities: Span,
}

const CERTAINTIES: [Certainty; 4] = [
    Certainty::Relative,
    Certainty::Inferred,
    Certainty::Converted,
    Certainty::Explicit,
];

fn short_code(w: When) -> (u8, i32) {
    let (tag, n) = w.code();
    // No period sanad makes is out of range; one would read back as none.
    i32::try_from(n).map_or((u8::MAX, 0), |n| (tag, n))
}

fn from_short_code((tag, n): (u8, i32)) -> Option<When> {
    When::from_code((tag, i64::from(n)))
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl FileRecord {
    /// The record of `doc`, dated with its `sources.toml` entry.
    pub fn of(doc: &Document, source: Option<&Source>) -> FileRecord {
        FileRecord::with_resolver(doc, source, Resolver::default())
    }

    pub fn with_resolver(
        doc: &Document,
        source: Option<&Source>,
        resolver: Resolver,
    ) -> FileRecord {
        let mut drafts = Vec::new();
        let dating = extract::document(doc, source, resolver, &mut drafts);
        FileRecord::of_drafts(catalog::describe_one(doc, source, &dating), &drafts)
    }

    /// The record of a file so described with these mentions, their clues
    /// worked out.
    pub(crate) fn of_drafts(described: Described, drafts: &[Draft]) -> FileRecord {
        let mut terms = TermList::default();
        let mut mentions = Mentions::default();
        let mut pairs = HashMap::default();
        for draft in drafts {
            let clues = merge::clues(&draft.mention, &mut terms);
            mentions.push(draft, &clues, &mut pairs);
        }
        for term in &terms.terms {
            mentions.terms.push_str(term);
            mentions.term_ends.push(offset(mentions.terms.len()));
        }
        FileRecord {
            described,
            mentions,
        }
    }

    /// The first and last day its mentions cover, if it has any: a query for
    /// other days need not read it.
    pub fn days(&self) -> Option<(Date, Date)> {
        let m = &self.mentions;
        let first = (0..m.len()).map(|i| m.when(i).first_day()).min()?;
        let last = (0..m.len())
            .map(|i| m.end(i).unwrap_or(m.when(i)).last_day())
            .max()?;
        Some((first, last))
    }

    /// Mention `i` as the timeline shows it.
    pub fn mention(&self, i: usize) -> Mention {
        self.mentions.mention(i, &self.described.file)
    }

    /// Adds what the record adds to an archive's term counts, or takes it
    /// out again: nothing once it joined a set (its own term list is gone).
    pub fn count_into(&self, counts: &mut TermCounts, add: bool) {
        if self.mentions.shared {
            return;
        }
        let name = |id| self.mentions.term(id);
        if add {
            counts.add(&self.mentions, name);
        } else {
            counts.subtract(&self.mentions, name);
        }
    }
}

/// Records whose clue words all number one vocabulary: what the merger
/// takes. Each record's own term list is dropped as it joins, so an archive's
/// records hold each term once, not once per file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordSet {
    records: Vec<FileRecord>,
    vocabulary: HashMap<Box<str>, u32>,
    /// The whole archive's term counts, when the set is part of it (a read
    /// of some files from the index); else the set's own are counted.
    archive: Option<TermCounts>,
}

impl RecordSet {
    /// The set, its terms weighed by `counts` (the whole archive's).
    pub fn with_archive_counts(mut self, counts: TermCounts) -> RecordSet {
        self.archive = Some(counts);
        self
    }

    /// The term counts merging weighs by: the archive's, when the set was
    /// given them, else the set's own.
    pub fn counts(&self) -> std::borrow::Cow<'_, TermCounts> {
        if let Some(counts) = &self.archive {
            return std::borrow::Cow::Borrowed(counts);
        }
        let names = self.term_names();
        let mut counts = TermCounts::default();
        for record in &self.records {
            counts.add(&record.mentions, |id| names.get(id as usize).copied());
        }
        std::borrow::Cow::Owned(counts)
    }

    /// Each term of the vocabulary, by its number.
    pub fn term_names(&self) -> Vec<&str> {
        let mut names = vec![""; self.vocabulary.len()];
        for (term, &id) in &self.vocabulary {
            if let Some(slot) = names.get_mut(id as usize) {
                *slot = term;
            }
        }
        names
    }

    pub fn push(&mut self, mut record: FileRecord) {
        if !record.mentions.shared {
            let map: Vec<u32> = record
                .mentions
                .terms()
                .map(|t| match self.vocabulary.get(t) {
                    Some(&id) => id,
                    None => {
                        let id = offset(self.vocabulary.len());
                        self.vocabulary.insert(t.into(), id);
                        id
                    }
                })
                .collect();
            record.mentions.renumber(&map);
        }
        self.records.push(record);
    }

    /// How many terms the records number.
    pub fn terms(&self) -> usize {
        self.vocabulary.len()
    }

    pub fn into_records(self) -> Vec<FileRecord> {
        self.records
    }
}

impl From<Vec<FileRecord>> for RecordSet {
    fn from(records: Vec<FileRecord>) -> RecordSet {
        let mut set = RecordSet::default();
        for record in records {
            set.push(record);
        }
        set
    }
}

impl std::ops::Deref for RecordSet {
    type Target = [FileRecord];
    fn deref(&self) -> &[FileRecord] {
        &self.records
    }
}

impl IntoIterator for RecordSet {
    type Item = FileRecord;
    type IntoIter = std::vec::IntoIter<FileRecord>;
    fn into_iter(self) -> Self::IntoIter {
        self.records.into_iter()
    }
}

impl Mentions {
    /// Adds a mention; `pairs` numbers the (stem, bare) pairs seen so far.
    fn push(&mut self, draft: &Draft, clues: &Clues, pairs: &mut HashMap<(u32, u32), u32>) {
        let (words, quantities) = (&clues.words, &clues.quantities);
        let m = &draft.mention;
        let text = self.string(&m.text);
        let date_text = self.string(&m.date_text);
        let chapter = m.chapter.as_deref().map(|c| self.string(c));
        let markers = self.list(&m.markers);
        let references = self.list(&m.references);
        let first_word = offset(self.words.len());
        for w in words {
            let pair = (w.stem, w.bare.unwrap_or(NO_TERM));
            let next = offset(self.pairs.len());
            let index = *pairs.entry(pair).or_insert(next);
            if index == next {
                self.pairs.push(pair);
            }
            self.words.push(index | if w.near { NEAR } else { 0 });
        }
        let first_quantity = offset(self.quantities.len());
        self.quantities.extend_from_slice(quantities);
        self.dated.push(Dated {
            when: short_code(draft.when),
            end: draft.end.map(short_code),
            certainty: CERTAINTIES
                .iter()
                .position(|&c| c == m.certainty)
                .unwrap_or(0) as u8,
            paragraph: offset(m.paragraph),
            page: m.page,
            chapter,
            at: (offset(m.start), offset(m.end)),
            date_at: (offset(m.date_start), offset(m.date_end)),
            text,
            date_text,
            markers,
            references,
            words: Span {
                start: first_word,
                len: offset(words.len()),
            },
            quantities: Span {
                start: first_quantity,
                len: offset(quantities.len()),
            },
        });
    }

    fn string(&mut self, s: &str) -> Span {
        let start = offset(self.strings.len());
        self.strings.push_str(s);
        Span {
            start,
            len: offset(s.len()),
        }
    }

    fn list(&mut self, items: &[String]) -> Span {
        let start = offset(self.lists.len());
        for item in items {
            let span = self.string(item);
            self.lists.push(span);
        }
        Span {
            start,
            len: offset(items.len()),
        }
    }

    pub fn len(&self) -> usize {
        self.dated.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dated.is_empty()
    }

    /// True when every position points into the record and every date is
    /// one: what a record read back from disk must be before it is used.
    pub fn is_whole(&self) -> bool {
        let span_in = |s: Span, len: usize| {
            (s.start as usize)
                .checked_add(s.len as usize)
                .is_some_and(|e| e <= len)
        };
        let string =
            |s: Span| span_in(s, self.strings.len()) && self.strings.get(s.range()).is_some();
        let terms = self.term_ends.len() as u32;
        let ends_fit = self.term_ends.windows(2).all(|w| w[0] <= w[1])
            && self
                .term_ends
                .last()
                .is_none_or(|&e| e as usize <= self.terms.len())
            && self.terms().count() == self.term_ends.len();
        ends_fit
            && self
                .pairs
                .iter()
                .all(|&(stem, bare)| stem < terms && (bare == NO_TERM || bare < terms))
            && self.lists.iter().all(|&s| string(s))
            && self
                .words
                .iter()
                .all(|&w| ((w & !NEAR) as usize) < self.pairs.len())
            && self.quantities.iter().all(|&(noun, _)| noun < terms)
            && self.dated.iter().all(|d| {
                from_short_code(d.when).is_some()
                    && d.end.is_none_or(|e| from_short_code(e).is_some())
                    && usize::from(d.certainty) < CERTAINTIES.len()
                    && string(d.text)
                    && string(d.date_text)
                    && d.chapter.is_none_or(string)
                    && span_in(d.markers, self.lists.len())
                    && span_in(d.references, self.lists.len())
                    && span_in(d.words, self.words.len())
                    && span_in(d.quantities, self.quantities.len())
            })
    }

    /// Numbers the terms as `map` says (the file's term `i` is `map[i]`) and
    /// drops the file's own list.
    fn renumber(&mut self, map: &[u32]) {
        let to = |t: u32| map.get(t as usize).copied().unwrap_or(0);
        for pair in &mut self.pairs {
            *pair = (
                to(pair.0),
                if pair.1 == NO_TERM {
                    NO_TERM
                } else {
                    to(pair.1)
                },
            );
        }
        for q in &mut self.quantities {
            q.0 = to(q.0);
        }
        self.terms = String::new();
        self.term_ends = Vec::new();
        self.shared = true;
    }

    /// Term `id` of the record's own list.
    pub fn term(&self, id: u32) -> Option<&str> {
        let end = *self.term_ends.get(id as usize)? as usize;
        let start = id
            .checked_sub(1)
            .map_or(0, |p| self.term_ends[p as usize] as usize);
        self.terms.get(start..end)
    }

    /// The terms the clue words number, in order; a term cut off a
    /// character boundary (only in a damaged record) is left out.
    pub fn terms(&self) -> impl Iterator<Item = &str> + '_ {
        let starts = std::iter::once(0).chain(self.term_ends.iter().copied());
        starts
            .zip(&self.term_ends)
            .filter_map(|(start, &end)| self.terms.get(start as usize..end as usize))
    }

    fn str(&self, s: Span) -> &str {
        self.strings.get(s.range()).unwrap_or_default()
    }

    fn strs(&self, s: Span) -> Vec<String> {
        let spans = self.lists.get(s.range()).unwrap_or_default();
        spans.iter().map(|&s| self.str(s).to_string()).collect()
    }

    pub fn when(&self, i: usize) -> When {
        from_short_code(self.dated[i].when).unwrap_or(When::Year(1))
    }

    /// An interval's last end.
    pub fn end(&self, i: usize) -> Option<When> {
        self.dated[i].end.and_then(from_short_code)
    }

    pub fn certainty(&self, i: usize) -> Certainty {
        CERTAINTIES
            .get(usize::from(self.dated[i].certainty))
            .copied()
            .unwrap_or(Certainty::Relative)
    }

    /// Where the mention's clause starts in its document.
    pub fn start(&self, i: usize) -> usize {
        self.dated[i].at.0 as usize
    }

    pub fn text(&self, i: usize) -> &str {
        self.str(self.dated[i].text)
    }

    /// The clue words of mention `i`.
    pub fn words(&self, i: usize) -> impl Iterator<Item = ClueWord> + '_ {
        let words = self
            .words
            .get(self.dated[i].words.range())
            .unwrap_or_default();
        words.iter().map(|&w| {
            let (stem, bare) = self
                .pairs
                .get((w & !NEAR) as usize)
                .copied()
                .unwrap_or((0, NO_TERM));
            ClueWord {
                stem,
                bare: (bare != NO_TERM).then_some(bare),
                near: w & NEAR != 0,
            }
        })
    }

    /// The figures mention `i` gives: (counted noun, value).
    pub fn quantities(&self, i: usize) -> &[(u32, u64)] {
        self.quantities
            .get(self.dated[i].quantities.range())
            .unwrap_or_default()
    }

    /// Mention `i` of the file `file`.
    pub fn mention(&self, i: usize, file: &str) -> Mention {
        let d = &self.dated[i];
        Mention {
            file: file.to_string(),
            paragraph: d.paragraph as usize,
            page: d.page,
            chapter: d.chapter.map(|c| self.str(c).to_string()),
            start: d.at.0 as usize,
            end: d.at.1 as usize,
            text: self.str(d.text).to_string(),
            date_text: self.str(d.date_text).to_string(),
            markers: self.strs(d.markers),
            references: self.strs(d.references),
            date_start: d.date_at.0 as usize,
            date_end: d.date_at.1 as usize,
            certainty: self.certainty(i),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Encoding;

    #[test]
    fn a_packed_mention_unpacks_as_it_was() {
        let text = "وقع الاتفاق في 10 نوفمبر 2020 لوقف إطلاق النار.[1]\n^ مرجع أول\n\
                    وفي عام 1994 وقع الطرفان اتفاقا آخر.[1]";
        let doc = Document::new("a.txt".into(), text.into(), Encoding::Utf8, 0);
        let mut drafts = Vec::new();
        extract::document(&doc, None, Resolver::default(), &mut drafts);
        let record = FileRecord::of(&doc, None);
        assert_eq!(record.mentions.len(), drafts.len());
        assert!(record.mentions.is_whole());
        for (i, d) in drafts.iter().enumerate() {
            assert_eq!(record.mention(i), d.mention);
            assert_eq!(record.mentions.when(i), d.when);
            assert_eq!(record.mentions.end(i), d.end);
        }
        assert_eq!(record.mention(0).references, ["مرجع أول"]);
        let words: Vec<ClueWord> = record.mentions.words(0).collect();
        assert!(words.iter().any(|w| w.near));
        let days = record.days().unwrap();
        assert_eq!((days.0.year(), days.1.year()), (1994, 2020));
    }

    #[test]
    fn a_record_pointing_outside_itself_is_not_whole() {
        let doc = Document::new(
            "a.txt".into(),
            "في 10 نوفمبر 2020 وقع الاتفاق.".into(),
            Encoding::Utf8,
            0,
        );
        let record = FileRecord::of(&doc, None);
        let mut broken = record.mentions.clone();
        broken.dated[0].text.len += 1000;
        assert!(!broken.is_whole());
        let mut broken = record.mentions.clone();
        broken.words.push(77);
        broken.dated[0].words.len += 1;
        assert!(!broken.is_whole());
        let mut broken = record.mentions;
        broken.dated[0].when = (9, 0);
        assert!(!broken.is_whole());
    }
}
