//! The timeline: dated events found in the corpus, resolved to calendar dates,
//! merged across sources and tied to their sentences and citations.
//!
//! [`build`] runs the whole pipeline: [`dates`] finds the date expressions,
//! [`resolve`] gives them dates (against the publication date for news, the
//! surrounding explicit dates for encyclopedic text), the extractor takes the
//! sentence or clause stating each dated thing with its citation markers, and
//! the merger joins mentions of one event. [`export`] renders the result.

pub mod civil;
pub mod dates;
pub mod export;
mod extract;
pub mod filter;
pub mod lexicon;
mod merge;
pub mod resolve;

use serde::Serialize;

pub use civil::{Date, Precision, When};
pub use extract::{publication, Publication};
pub use resolve::Resolver;

use crate::corpus::Document;
use crate::error::{Error, Result};
use crate::metadata::Metadata;

/// How sure the date is, strongest last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    /// Counted from another date: أمس, الخميس, في اليوم التالي, العام الماضي.
    Relative,
    /// Part of it written, the rest taken from context: «11 ديسمبر» with its
    /// year from the paragraph or the publication date.
    Inferred,
    /// Written in full: «10 نوفمبر 2020», «عام 1992».
    Explicit,
}

impl Certainty {
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Relative => "relative",
            Certainty::Inferred => "inferred",
            Certainty::Explicit => "explicit",
        }
    }
}

/// One source's statement of a dated event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Corpus-relative path of the document.
    pub file: String,
    /// The paragraph's 1-based line number.
    pub paragraph: usize,
    /// Byte span of the sentence (or clause) in `Document::text`.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The date expression as written.
    pub date_text: String,
    /// The citation markers inside the sentence, as written (`[23]`).
    pub markers: Vec<String>,
    /// The reference-list entries those markers point to.
    pub references: Vec<String>,
    /// Byte span of the date expression in `Document::text`.
    #[serde(skip)]
    pub date_start: usize,
    #[serde(skip)]
    pub date_end: usize,
    #[serde(skip)]
    pub certainty: Certainty,
}

/// One event of the timeline with every mention of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Serialized as `2020-11-10`, `2020-11`, `2020` or `199X`.
    pub date: When,
    pub precision: Precision,
    /// The strongest certainty among the mentions.
    pub certainty: Certainty,
    pub summary: String,
    pub mentions: Vec<Mention>,
}

impl Entry {
    /// True when one of the mentions is in this paragraph of this file.
    pub fn cites(&self, file: &str, paragraph: usize) -> bool {
        self.mentions
            .iter()
            .any(|m| m.file == file && m.paragraph == paragraph)
    }

    /// The distinct files of the mentions, in mention order.
    pub fn files(&self) -> Vec<&str> {
        let mut files: Vec<&str> = Vec::new();
        for m in &self.mentions {
            if !files.contains(&m.file.as_str()) {
                files.push(&m.file);
            }
        }
        files
    }
}

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

/// Builds the timeline of `docs` with their metadata.
/// Corpora of more documents than this have their dates found on several
/// threads.
const PARALLEL_FROM: usize = 64;

pub fn build(docs: &[Document], meta: &Metadata) -> Timeline {
    build_with(docs, meta, Options::default())
}

pub fn build_with(docs: &[Document], meta: &Metadata, options: Options) -> Timeline {
    // Each document's dates are found on its own; only merging needs them all.
    let numbered: Vec<(usize, &Document)> = docs.iter().enumerate().collect();
    let per_document = crate::parallel::map_in_order(&numbered, PARALLEL_FROM, |&(index, doc)| {
        let mut drafts = Vec::new();
        extract::document(
            index,
            doc,
            meta.get(&doc.path),
            options.resolver,
            &mut drafts,
        );
        drafts
    });
    Timeline {
        entries: merge::entries(per_document.flatten().collect()),
    }
}

/// Parses a `--from` / `--to` value: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn parse_bound(s: &str) -> Result<When> {
    When::parse(s).ok_or_else(|| Error::DateArgument(s.to_string()))
}

impl Timeline {
    /// Keeps the entries whose period overlaps `from ..= to` (each bound taken
    /// as its whole period: `--to 2020` includes 31 December 2020).
    pub fn retain_range(&mut self, from: Option<When>, to: Option<When>) {
        let lo = from.map(When::first_day);
        let hi = to.map(When::last_day);
        self.entries.retain(|e| {
            lo.is_none_or(|lo| e.date.last_day() >= lo)
                && hi.is_none_or(|hi| e.date.first_day() <= hi)
        });
    }

    /// Keeps the entries that have a mention whose text satisfies `matches`
    /// (the search query's matcher); each kept entry keeps all its mentions.
    pub fn retain_text(&mut self, mut matches: impl FnMut(&str) -> bool) {
        self.entries
            .retain(|e| e.mentions.iter().any(|m| matches(&m.text)));
    }

    /// Like [`Timeline::retain_text`] with the whole mention.
    pub fn retain_mentions(&mut self, mut matches: impl FnMut(&Mention) -> bool) {
        self.entries.retain(|e| e.mentions.iter().any(&mut matches));
    }

    /// Indices of the entries with a mention in this paragraph (1-based line
    /// number) of this file: what the explorer lists beside a paragraph.
    pub fn entries_citing(&self, file: &str, paragraph: usize) -> Vec<usize> {
        (0..self.entries.len())
            .filter(|&i| self.entries[i].cites(file, paragraph))
            .collect()
    }

    /// Every mention in this file, with its entry's index, in text order.
    pub fn mentions_in(&self, file: &str) -> Vec<(usize, &Mention)> {
        let mut out: Vec<(usize, &Mention)> = self
            .entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| {
                e.mentions
                    .iter()
                    .filter(|m| m.file == file)
                    .map(move |m| (i, m))
            })
            .collect();
        out.sort_by_key(|(_, m)| (m.start, m.date_start));
        out
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
        let _ = export::text(&t);
        let _ = export::csv(&t);
        let _ = export::markdown(&t);
        let long = "في 10 نوفمبر 2020 وقع اتفاق وقف إطلاق النار. ".repeat(2000);
        let big = build(&[doc("big.txt", &long)], &Metadata::default());
        assert_eq!(big.entries.len(), 1);
        assert_eq!(big.entries[0].mentions.len(), 2000);
    }
}
