//! The timeline: dated events found in the corpus, resolved to calendar dates,
//! merged across sources and tied to their sentences and citations.
//!
//! [`build`] runs the passes one way, each using only those before it:
//!
//! 1. [`lexicon`]: the words date expressions are made of;
//! 2. [`dates`]: recognizing the date expressions of a paragraph, as written
//!    ([`expression`]: what each says before it has a date);
//! 3. [`resolve`]: giving them dates ([`period`]), against the publication date
//!    for news or the surrounding explicit dates for encyclopedic text (its
//!    calendar arithmetic in `reckon`, the Hijri calendar's in `hijri`);
//! 4. the extractor: the sentence or clause stating each dated thing (the
//!    clause cutter), with its citation markers, as a draft [`Mention`];
//! 5. the merger: joining the mentions of one event into an [`Entry`].
//!
//! Clause cutting and merging share what makes a word content (`stopwords`).
//! The renderers of a timeline are in [`crate::output::timeline`]; [`filter`]
//! narrows one to a query.

mod clause;
pub mod counts;
pub mod dates;
mod entry;
pub mod expression;
mod extract;
pub mod filter;
mod hijri;
pub mod lexicon;
mod mention;
mod merge;
pub mod period;
pub mod publication;
mod reckon;
mod record;
pub mod resolve;
mod stopwords;

use serde::Serialize;

pub use crate::metadata::Date;
pub use counts::TermCounts;
pub use entry::Entry;
pub use extract::{dating_of, publication};
pub use mention::{Certainty, Draft, Mention};
pub use merge::{ClueWord, Clues};
pub use period::{Precision, When};
pub use publication::{Dating, Publication};
pub use record::{FileRecord, Mentions, RecordSet};
pub use resolve::Resolver;

use crate::corpus::Document;
use crate::error::{Error, Result};
use crate::metadata::Metadata;

/// The timeline, entries in date order. Serializes to the `--json` contract.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Timeline {
    pub entries: Vec<Entry>,
}

/// Knobs of [`build_with`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub resolver: Resolver,
}

/// Corpora of more documents than this have their dates found on several
/// threads.
const PARALLEL_FROM: usize = 64;

/// Builds the timeline of `docs` with their metadata.
pub fn build(docs: &[Document], meta: &Metadata) -> Timeline {
    build_with(docs, meta, Options::default())
}

pub fn build_with(docs: &[Document], meta: &Metadata, options: Options) -> Timeline {
    Timeline::of_records(&RecordSet::from(records_with(docs, meta, options.resolver)))
}

/// The record of each document, in order: each document's dates are found on
/// its own, so on several threads for a large corpus.
pub fn records(docs: &[Document], meta: &Metadata) -> Vec<FileRecord> {
    records_with(docs, meta, Resolver::default())
}

fn records_with(docs: &[Document], meta: &Metadata, resolver: Resolver) -> Vec<FileRecord> {
    crate::parallel::map_in_order(docs, PARALLEL_FROM, |doc| {
        FileRecord::with_resolver(doc, meta.get(&doc.path), resolver)
    })
    .collect()
}

/// Mentions per batch of [`entries_in_batches`]: enough for every thread to
/// have work, few enough that a batch is a sliver of a large timeline.
const BATCH_MENTIONS: usize = 16_384;

/// The entries merged from `records` (one per file, in file order), in date
/// order, in batches built on several threads, each of about
/// [`BATCH_MENTIONS`] mentions (or one entry): a caller that prints them
/// holds a batch, not the whole timeline.
pub fn entries_in_batches(records: &RecordSet) -> impl Iterator<Item = Vec<Entry>> + '_ {
    let mut clusters = merge::clusters(records).into_iter().peekable();
    std::iter::from_fn(move || {
        let mut batch = Vec::new();
        let mut mentions = 0;
        while let Some(next) = clusters.peek() {
            if !batch.is_empty() && mentions + next.members.len() > BATCH_MENTIONS {
                break;
            }
            mentions += next.members.len();
            batch.extend(clusters.next());
        }
        (!batch.is_empty()).then(|| {
            crate::parallel::map_in_order(&batch, 2, |cluster| merge::entry(cluster, records))
                .collect()
        })
    })
}

/// Parses a `--from` / `--to` value: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn parse_bound(s: &str) -> Result<When> {
    When::parse(s).ok_or_else(|| Error::DateArgument(s.to_string()))
}

impl Timeline {
    /// The timeline merged from `records`, one per file in file order.
    pub fn of_records(records: &RecordSet) -> Timeline {
        Timeline {
            entries: entries_in_batches(records).flatten().collect(),
        }
    }

    /// Keeps the entries whose period overlaps `from ..= to` (each bound taken
    /// as its whole period: `--to 2020` includes 31 December 2020).
    pub fn retain_range(&mut self, from: Option<When>, to: Option<When>) {
        self.entries.retain(|e| e.overlaps(from, to));
    }

    /// Keeps the entries that have a mention whose text satisfies `matches`
    /// (the search query's matcher); each kept entry keeps all its mentions.
    pub fn retain_text(&mut self, mut matches: impl FnMut(&str) -> bool) {
        self.entries.retain(|e| e.says(&mut matches));
    }

    /// Indices of the entries with a mention in this paragraph (1-based line
    /// number) of this file: what the explorer lists beside a paragraph.
    pub fn entries_citing(&self, file: &str, paragraph: usize) -> Vec<usize> {
        (0..self.entries.len())
            .filter(|&i| self.entries[i].cites(file, paragraph))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Encoding;
    use crate::metadata::{Kind, Source};

    fn doc(path: &str, text: &str) -> Document {
        Document::new(path.into(), text.into(), Encoding::Utf8, 0)
    }

    fn news(date: &str) -> Source {
        Source {
            kind: Some(Kind::News),
            date: Date::parse_iso(date),
            ..Source::default()
        }
    }

    #[test]
    fn json_matches_the_contract() {
        let docs = [doc(
            "a.txt",
            "وقع الاتفاق في 10 نوفمبر 2020 لوقف إطلاق النار.[1]\n^ مرجع أول\n",
        )];
        let t = build(&docs, &Metadata::default());
        let json = serde_json::to_value(&t).unwrap();
        let expected = serde_json::json!({"entries": [{
            "date": "2020-11-10", "precision": "day", "certainty": "explicit",
            "summary": "وقع الاتفاق في 10 نوفمبر 2020 لوقف إطلاق النار.",
            "mentions": [{
                "file": "a.txt", "paragraph": 1, "start": 0,
                "end": docs[0].text.find('\n').unwrap(),
                "text": "وقع الاتفاق في 10 نوفمبر 2020 لوقف إطلاق النار.[1]",
                "date_text": "10 نوفمبر 2020", "markers": ["[1]"], "references": ["مرجع أول"]
            }]
        }]});
        assert_eq!(json, expected);
    }

    #[test]
    fn json_gives_an_interval_its_start_and_end() {
        let docs = [doc("a.txt", "حكم البلاد بين عامي 1992 و1994 بعد الانقلاب.[1]")];
        let t = build(&docs, &Metadata::default());
        let json = serde_json::to_value(&t).unwrap();
        let entry = &json["entries"][0];
        assert_eq!(
            (&entry["date"], &entry["start"], &entry["end"]),
            (
                &serde_json::json!("1992"),
                &serde_json::json!("1992"),
                &serde_json::json!("1994")
            )
        );
        assert_eq!(t.entries[0].label(), "1992..1994");
        let mut r = t.clone();
        r.retain_range(parse_bound("1993").ok(), None);
        assert_eq!(r.entries.len(), 1, "an interval reaches its last end");
    }

    #[test]
    fn news_without_metadata_dates_itself_from_its_lead() {
        let d = doc(
            "n.txt",
            "موسكو، الثلاثاء 10 نوفمبر 2020: أعلن الكرملين.\nوقال أمس إن الاتفاق صامد.",
        );
        let p = publication(&d, None).unwrap();
        assert_eq!(
            (p.date.to_string(), p.inferred),
            ("2020-11-10".to_string(), true)
        );
        let t = build(std::slice::from_ref(&d), &Metadata::default());
        assert!(t.entries.iter().any(|e| e.date.label() == "2020-11-09"));
        let with_markers = doc("w.txt", "في 10 نوفمبر 2020 وقع.[1]");
        assert_eq!(
            publication(&with_markers, None),
            None,
            "citations mark reference text"
        );
    }

    #[test]
    fn range_and_text_filters() {
        let mut meta = Metadata::default();
        meta.insert("n.txt", news("2023-09-22"));
        let docs = [doc(
            "n.txt",
            "وقال أمس الخميس إن الهدنة صامدة. وفي عام 1994 اتفق الطرفان.",
        )];
        let t = build(&docs, &meta);
        assert_eq!(t.entries.len(), 2);
        let mut r = t.clone();
        r.retain_range(parse_bound("2023").ok(), None);
        assert_eq!(r.entries.len(), 1);
        let mut r = t.clone();
        r.retain_range(None, parse_bound("1994-12").ok());
        assert_eq!(r.entries[0].date.label(), "1994");
        let mut r = t.clone();
        r.retain_text(|s| s.contains("الهدنة"));
        assert_eq!(r.entries.len(), 1);
        assert_eq!(t.entries_citing("n.txt", 1), [0, 1]);
        assert!(parse_bound("2023-13").is_err());
    }

    #[test]
    fn never_panics_on_odd_documents() {
        let texts = [
            "\0\0\0",
            "[[[[1]]]] ١٠ نوفمبر ٢٠٢٠ [",
            "^^^\n^\n1. ^",
            "في اليوم التالي غداة أمس",
            "ـ\u{064B}10 نوفمبر/ (سبتمبر",
            "الإثنين-الثلاثاء-الأربعاء 31 فبراير 2021 و29 فبراير 2020",
        ];
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| doc(&format!("{i}.txt"), t))
            .collect();
        let mut meta = Metadata::default();
        meta.insert("3.txt", news("2020-01-01"));
        let t = build(&docs, &meta);
        let _ = crate::output::timeline::text(&t);
        let _ = crate::output::timeline::csv(&t);
        let _ = crate::output::timeline::markdown(&t);
        let long = "في 10 نوفمبر 2020 وقع اتفاق وقف إطلاق النار. ".repeat(2000);
        let big = build(&[doc("big.txt", &long)], &Metadata::default());
        assert_eq!(big.entries.len(), 1);
        assert_eq!(big.entries[0].mentions.len(), 2000);
    }
}
